import type { Ratings } from './ratings.ts';

/**
 * Fleiss' kappa for three or more coders: (P̄ − P̄_e) / (1 − P̄_e) over the units every coder coded,
 * where P_i = Σ_j n_ij (n_ij − 1) / (m (m − 1)) is the share of agreeing coder pairs on unit i,
 * P̄ its mean, and P̄_e = Σ_j p_j² with p_j the share of all values that are j. Units any coder left
 * blank (null) are dropped. `null` when no unit is complete, there are fewer than two coders, or
 * P̄_e = 1 (one value throughout).
 *
 * Reference: J. L. Fleiss (1971), "Measuring nominal scale agreement among many raters",
 * Psychological Bulletin 76(5), 378–382. R: `irr::kappam.fleiss(m)$value`. Equal to Siegel and
 * Castellan's K and to NLTK's `AnnotationTask.pi()` on complete data.
 *
 * @example
 * fleissKappa([[1, 1, 1], [1, 1, 0], [0, 0, 0], [0, 0, 1]]); // 0.3333…: P̄ 2/3, P̄_e 1/2
 */
export function fleissKappa(ratings: Ratings): number | null {
  const totals = new Map<number, number>();
  let units = 0;
  let coders = 0;
  let sumP = 0;
  for (const unit of ratings) {
    if (unit.some((v) => v === null)) continue;
    const m = unit.length;
    if (units === 0) coders = m;
    else if (m !== coders) throw new RangeError(`fleissKappa: every unit needs the same number of coders (${coders}), got ${m}`);
    if (m < 2) return null;
    const counts = new Map<number, number>();
    for (const v of unit as readonly number[]) counts.set(v, (counts.get(v) ?? 0) + 1);
    let pairs = 0;
    for (const [value, n] of counts) {
      pairs += n * (n - 1);
      totals.set(value, (totals.get(value) ?? 0) + n);
    }
    sumP += pairs / (m * (m - 1));
    units++;
  }
  if (units === 0) return null;
  const all = units * coders;
  let expected = 0;
  for (const n of totals.values()) expected += (n / all) ** 2;
  if (expected >= 1) return null;
  return (sumP / units - expected) / (1 - expected);
}
