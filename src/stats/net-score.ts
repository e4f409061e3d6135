import type { Interval } from '../model.ts';
import { normalQuantile } from './normal-quantile.ts';

/**
 * A net score: the difference of two shares of one multinomial sample of n answers, d = (a − b) / n
 * (NPS: a promoters, b detractors; a rating's net: a top box, b bottom box), its standard error from
 * the multinomial variance of the difference, Var(p̂a − p̂b) = (pa + pb − (pa − pb)²) / n, and the
 * Wald interval d ± z · se. This equals the standard error of the mean of y = +1 (a), −1 (b), 0
 * (else) with the population variance, so R gives the same figures from
 * `y <- ifelse(x >= 9, 1, ifelse(x <= 6, -1, 0)); d <- mean(y); se <- sqrt(mean((y - d)^2) / length(y))`
 * and `d + c(-1, 1) * qnorm(0.975) * se`.
 *
 * Reference: Rocks (2016), "Interval estimation for the 'net promoter score'", The American
 * Statistician 70(4), 365–372 (the Wald interval, §2). `null` figures when n = 0, a `null` se and
 * interval when n = 1; the interval is kept inside [−1, 1].
 *
 * @example
 * netScore(5, 3, 20, 0.95); // { score: 0.1, se: 0.13964240043768941, ci: [-0.17369407557259145, 0.37369407557259149] }
 */
export function netScore(a: number, b: number, n: number, confidence: number): { score: number | null; se: number | null; ci: Interval | null } {
  if (!(Number.isInteger(a) && Number.isInteger(b) && Number.isInteger(n) && a >= 0 && b >= 0 && a + b <= n)) {
    throw new RangeError(`netScore: counts must satisfy 0 <= a + b <= n, got a=${a}, b=${b}, n=${n}`);
  }
  if (n === 0) return { score: null, se: null, ci: null };
  const pa = a / n;
  const pb = b / n;
  const score = pa - pb;
  // One answer says nothing about spread: no interval rather than a zero-width one.
  if (n < 2) return { score, se: null, ci: null };
  const se = Math.sqrt(Math.max(0, pa + pb - score * score) / n);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { score, se, ci: [Math.max(-1, score - z * se), Math.min(1, score + z * se)] };
}
