/**
 * Kish's effective sample size of a weighted sample, (Σw)² / Σw².
 *
 * Reference: L. Kish (1965), Survey Sampling, Wiley, §11.7 (the design effect of unequal weights,
 * deff = n Σw² / (Σw)²). In R: `sum(w)^2 / sum(w^2)`. `null` when Σw² = 0 (no weight at all).
 *
 * @example
 * kishEffectiveN(6, 14); // 2.5714285714285716, as sum(c(1, 2, 3))^2 / sum(c(1, 2, 3)^2)
 */
export function kishEffectiveN(sumW: number, sumW2: number): number | null {
  if (!(sumW2 >= 0) || Number.isNaN(sumW)) {
    throw new RangeError(`kishEffectiveN: need sumW2 >= 0, got sumW=${sumW}, sumW2=${sumW2}`);
  }
  if (sumW2 === 0) return null;
  return (sumW * sumW) / sumW2;
}
