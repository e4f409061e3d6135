import { regularizedGammaQ } from './regularized-gamma-q.ts';

/**
 * Upper tail of the chi-square distribution, P(X² > x) with `df` degrees of freedom: the p-value
 * of a chi-square statistic.
 *
 * Reference: P(X² > x) = Q(df/2, x/2) (Abramowitz & Stegun 26.4.19), see `regularizedGammaQ`.
 * Matches R's `pchisq(x, df, lower.tail = FALSE)`. `df` must be positive (it need not be an integer).
 * (simple-statistics has critical values for 13 levels and whole df up to 100 only,
 * `chiSquaredDistributionTable`, not a p-value.)
 *
 * @example
 * chiSquareSurvival(3.84, 1); // 0.0500435212487052, as pchisq(3.84, 1, lower.tail = FALSE)
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0 && df < Infinity)) throw new RangeError(`chiSquareSurvival: df must be positive and finite, got ${df}`);
  if (Number.isNaN(x)) throw new RangeError('chiSquareSurvival: x is NaN');
  return regularizedGammaQ(df / 2, x / 2);
}
