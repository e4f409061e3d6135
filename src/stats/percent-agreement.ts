import { coincidences } from './coincidences.ts';
import type { Ratings } from './ratings.ts';

/**
 * Percent agreement (observed agreement A_o): the share of pairable values that agree with the
 * other values of their unit, Σ_c o_cc / n on the coincidence matrix. With two coders and no missing
 * data this is the share of units on which they agree; with more coders and no missing data it is
 * the mean over units of the share of agreeing coder pairs (Fleiss' P̄). Units coded by fewer than
 * two coders are left out. `null` when no unit has two values. Not corrected for chance.
 *
 * Reference: K. Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C
 * (A_o = 1 − D_o = 32/40 = 0.8 for his 4-coder, 12-unit example). For two coders and complete data,
 * R's `irr::agree(m)$value / 100`.
 *
 * @example
 * percentAgreement([[1, 1], [0, 1], [0, 0], [1, 1]]); // 0.75
 */
export function percentAgreement(ratings: Ratings): number | null {
  const { o, n } = coincidences(ratings);
  if (n === 0) return null;
  let agree = 0;
  for (let c = 0; c < o.length; c++) agree += o[c]![c]!;
  return agree / n;
}
