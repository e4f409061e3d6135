import type { Interval } from '../model.ts';
import { normalQuantile } from './normal-quantile.ts';

/**
 * Wilson score interval for a binomial proportion x/n, without continuity correction.
 *
 * Reference: E. B. Wilson (1927), "Probable inference, the law of succession, and statistical
 * inference", JASA 22, 209–212; computed exactly as R's `prop.test(x, n, correct = FALSE)$conf.int`
 * does it, including its endpoints: the lower limit is exactly 0 when x = 0 and the upper limit
 * exactly 1 when x = n. `x` may be fractional (a weighted count). `null` when n = 0.
 *
 * @example
 * wilsonInterval(14, 20, 0.95); // [0.4810271816464766, 0.8545227551323956],
 * // as prop.test(14, 20, correct = FALSE)$conf.int
 */
export function wilsonInterval(x: number, n: number, confidence: number): Interval | null {
  if (!(n >= 0 && n < Infinity)) throw new RangeError(`wilsonInterval: n must be a finite count >= 0, got ${n}`);
  if (!(x >= 0 && x <= n)) throw new RangeError(`wilsonInterval: x must be in [0, n], got x=${x}, n=${n}`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`wilsonInterval: confidence must be in (0, 1), got ${confidence}`);
  }
  if (n === 0) return null;

  const estimate = x / n;
  const z = normalQuantile((1 + confidence) / 2);
  const z22n = (z * z) / (2 * n);
  const halfWidth = z * Math.sqrt((estimate * (1 - estimate)) / n + z22n / (2 * n));
  const upper = estimate >= 1 ? 1 : (estimate + z22n + halfWidth) / (1 + 2 * z22n);
  const lower = estimate <= 0 ? 0 : (estimate + z22n - halfWidth) / (1 + 2 * z22n);
  return [Math.max(lower, 0), Math.min(upper, 1)];
}
