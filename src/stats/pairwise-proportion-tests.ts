import { benjaminiHochberg } from './benjamini-hochberg.ts';
import { twoProportionTest } from './two-proportion-test.ts';

/** One pair of groups: `a` before `b` in the input order. */
export interface PairwiseProportionTest {
  a: number;
  b: number;
  /** p_b − p_a. */
  difference: number;
  p: number | null;
  pAdjusted: number | null;
}

/**
 * Two-proportion z-tests (no continuity correction) for every pair of groups, with the
 * Benjamini–Hochberg adjustment over the pairs of this one family (pairs whose p is undefined,
 * both proportions 0 or both 1, are left out of n, as R's p.adjust drops NAs).
 *
 * Reference: R's `pairwise.prop.test(x, n, p.adjust.method = "BH", correct = FALSE)`: each p is
 * `prop.test(x[c(a, b)], n[c(a, b)], correct = FALSE)$p.value` and the table holds the adjusted
 * values; Benjamini & Hochberg (1995).
 *
 * Groups in `skip` (e.g. a low base) take part in no pair; pairs come in the order (0,1), (0,2), …,
 * (1,2), … over the remaining groups.
 *
 * @example
 * pairwiseProportionTests([12, 5, 9], [20, 20, 20]);
 * // pAdjusted as pairwise.prop.test(c(12, 5, 9), c(20, 20, 20), p.adjust.method = "BH", correct = FALSE)
 */
export function pairwiseProportionTests(x: readonly number[], n: readonly number[], skip: ReadonlySet<number> = new Set()): PairwiseProportionTest[] {
  if (x.length !== n.length) throw new RangeError('pairwiseProportionTests: x and n differ in length');
  const pairs: Omit<PairwiseProportionTest, 'pAdjusted'>[] = [];
  for (let a = 0; a < x.length; a++) {
    if (skip.has(a) || n[a] === 0) continue;
    for (let b = a + 1; b < x.length; b++) {
      if (skip.has(b) || n[b] === 0) continue;
      // The confidence level does not change p.
      const test = twoProportionTest(x[b]!, n[b]!, x[a]!, n[a]!, 0.95)!;
      pairs.push({ a, b, difference: test.difference, p: test.p });
    }
  }
  const adjusted = benjaminiHochberg(pairs.map((pair) => pair.p));
  return pairs.map((pair, k) => ({ ...pair, pAdjusted: adjusted[k]! }));
}
