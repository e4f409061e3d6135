/**
 * One-pass sums over the rows of a domain (y the variable, w the weight); `n` counts the rows.
 * For the whole sample the domain is every row; for `svymean(~q, design, na.rm = TRUE)` it is
 * the rows where q is answered.
 */
export interface WeightedSums {
  n: number;
  sumW: number;
  sumWY: number;
  sumW2: number;
  sumW2Y: number;
  sumW2Y2: number;
}

/**
 * Weighted (Hájek) mean of a domain and its linearization standard error for a one-stage design
 * sampled with replacement, keeping the whole sample of `designN` rows in the variance as domain
 * estimation requires.
 *
 * Reference: Lumley (2010), Complex Surveys, §2.2 and §2.4 (domains), and R's survey package:
 * `svymean(~y, svydesign(ids = ~1, weights = ~w, data = d))` for the full sample,
 * `svymean(~y, subset(design, seg == "a"))` (or `svyby(~y, ~seg, design, svymean)`) for a domain and
 * `svymean(~q, design, na.rm = TRUE)` for answered rows. All three agree with:
 *
 *   ȳ = Σwy / Σw,   z_i = w_i (y_i − ȳ) / Σw on domain rows and 0 elsewhere,
 *   var = designN / (designN − 1) · Σ z_i²   (Σz = 0, so no centring term),
 *
 * with Σ z_i² expanded into the one-pass sums Σw²y² − 2ȳ Σw²y + ȳ² Σw² (over Σw²). R's subset and
 * na.rm keep the dropped rows in the design with weight zero, so `designN` is the number of rows
 * of the whole design, not of the domain (checked against R 4.2.2, survey 4.1-1). The expansion
 * loses digits when the spread of y is tiny next to its level: a sum of squares below 1e-12 of its
 * terms is rounding noise and counts as 0 (R gives exactly 0 for a constant y; survey data with
 * 0/1 or Likert y never come near that limit).
 *
 * `null` when Σw = 0 (an empty domain); `se` is `null` when designN < 2 (R refuses a design with
 * one unit). A one-row domain in a larger design has se 0, as in R.
 *
 * @example
 * weightedMean({ n: 3, sumW: 6, sumWY: 11, sumW2: 14, sumW2Y: 27, sumW2Y2: 53 }, 3);
 * // { mean: 1.8333333333333333, se: 0.20971762320196524 }, for y = c(1, 2, 2), w = c(1, 2, 3):
 * // svymean(~y, svydesign(ids = ~1, weights = ~w, data = data.frame(y, w)))
 */
export function weightedMean(sums: WeightedSums, designN: number): { mean: number; se: number | null } | null {
  const { n, sumW, sumWY, sumW2, sumW2Y, sumW2Y2 } = sums;
  if (!(n >= 0 && Number.isInteger(n))) throw new RangeError(`weightedMean: n must be a count, got ${n}`);
  if (!(Number.isInteger(designN) && designN >= n)) {
    throw new RangeError(`weightedMean: designN must be a count >= n, got designN=${designN}, n=${n}`);
  }
  if (!(sumW >= 0 && sumW2 >= 0 && sumW2Y2 >= 0)) {
    throw new RangeError(`weightedMean: weights must be non-negative, got sumW=${sumW}, sumW2=${sumW2}`);
  }
  if (!Number.isFinite(sumWY) || !Number.isFinite(sumW2Y)) {
    throw new RangeError('weightedMean: sums must be finite');
  }
  if (sumW === 0) return null;

  const mean = sumWY / sumW;
  if (designN < 2) return { mean, se: null };
  // Issue 19: three locals, not an array (this runs once per theme × segment cell).
  const term0 = sumW2Y2;
  const term1 = -2 * mean * sumW2Y;
  const term2 = mean * mean * sumW2;
  let squares = term0 + term1 + term2;
  // The expansion cancels: when y is constant over the domain (a one-row domain, say) the terms
  // agree to rounding and their sum is noise of about 1e-16 of their size, whose square root would
  // be a spurious se of about 1e-8. Treat anything below 1e-12 of the terms as zero, as R's exact 0.
  const size = Math.abs(term0) + Math.abs(term1) + Math.abs(term2);
  if (squares <= 1e-12 * size) squares = 0;
  const variance = ((designN / (designN - 1)) * squares) / (sumW * sumW);
  return { mean, se: Math.sqrt(variance) };
}
