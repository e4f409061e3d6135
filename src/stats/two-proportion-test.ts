import type { Interval } from '../model.ts';
import { normalCdf } from './normal-cdf.ts';
import { normalQuantile } from './normal-quantile.ts';

/**
 * Difference of two independent proportions p2 − p1 (x2 of n2 against x1 of n1): the Wald interval
 * of the difference and the two-sided z-test of equal proportions without continuity correction.
 *
 * Reference: Agresti, Categorical Data Analysis (3rd ed., 2013) §3.1; R's
 * `prop.test(c(x2, x1), c(n2, n1), correct = FALSE)`: `ci` is its `conf.int` (the Wald interval,
 * which R clamps to [−1, 1]), z² equals its X-squared, and `p` its p-value. z uses the pooled
 * proportion, z = (p2 − p1) / sqrt(p̄(1 − p̄)(1/n1 + 1/n2)), and carries the sign of the difference.
 *
 * `null` when n1 or n2 is 0; `z` and `p` are `null` when the pooled proportion is 0 or 1 (R's
 * X-squared is NaN there).
 *
 * @example
 * twoProportionTest(14, 40, 9, 30, 0.95);
 * // { difference: 0.05, ci: [-0.170768, 0.270768], z: 0.440755, p: 0.659391 } (rounded here),
 * // as prop.test(c(14, 9), c(40, 30), correct = FALSE)
 */
export function twoProportionTest(
  x2: number,
  n2: number,
  x1: number,
  n1: number,
  confidence: number,
): { difference: number; ci: Interval; z: number | null; p: number | null } | null {
  for (const [x, n] of [
    [x2, n2],
    [x1, n1],
  ] as const) {
    if (!(n >= 0 && n < Infinity)) throw new RangeError(`twoProportionTest: n must be a finite count >= 0, got ${n}`);
    if (!(x >= 0 && x <= n)) throw new RangeError(`twoProportionTest: x must be in [0, n], got x=${x}, n=${n}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`twoProportionTest: confidence must be in (0, 1), got ${confidence}`);
  }
  if (n1 === 0 || n2 === 0) return null;

  const p2 = x2 / n2;
  const p1 = x1 / n1;
  const difference = p2 - p1;
  const quantile = normalQuantile((1 + confidence) / 2);
  const halfWidth = quantile * Math.sqrt((p2 * (1 - p2)) / n2 + (p1 * (1 - p1)) / n1);
  const ci: Interval = [Math.max(difference - halfWidth, -1), Math.min(difference + halfWidth, 1)];

  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled <= 0 || pooled >= 1) return { difference, ci, z: null, p: null };
  const z = difference / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // Two-sided: P(|Z| > |z|) = pchisq(z², 1, lower.tail = FALSE).
  const p = 2 * normalCdf(-Math.abs(z));
  return { difference, ci, z, p };
}
