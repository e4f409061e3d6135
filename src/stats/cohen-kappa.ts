import type { Ratings } from './ratings.ts';

/**
 * Cohen's kappa for exactly two coders, unweighted: (p_o − p_e) / (1 − p_e) over the units both
 * coders coded, where p_o is the share of those units on which they agree and p_e = Σ_c p_1c · p_2c
 * is the agreement expected from each coder's own distribution of values. Units either coder left
 * blank (null) are dropped. `null` when the matrix has no unit coded by both, or p_e = 1 (both
 * coders gave one and the same value throughout, so kappa is 0 / 0; R gives NaN).
 *
 * Reference: J. Cohen (1960), "A coefficient of agreement for nominal scales", Educational and
 * Psychological Measurement 20, 37–46. R: `irr::kappa2(cbind(a, b))$value`.
 *
 * @example
 * cohenKappa([[1, 1], [1, 0], [0, 0], [0, 0]]); // 0.5: p_o 0.75, p_e 0.5
 */
export function cohenKappa(ratings: Ratings): number | null {
  const first = new Map<number, number>();
  const second = new Map<number, number>();
  let units = 0;
  let agree = 0;
  for (const unit of ratings) {
    if (unit.length !== 2) throw new RangeError(`cohenKappa: needs exactly two coders per unit, got ${unit.length}`);
    const a = unit[0]!;
    const b = unit[1]!;
    if (a === null || b === null) continue;
    units++;
    if (a === b) agree++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  if (units === 0) return null;
  let expected = 0;
  for (const [value, count] of first) expected += (count / units) * ((second.get(value) ?? 0) / units);
  if (expected >= 1) return null;
  return (agree / units - expected) / (1 - expected);
}
