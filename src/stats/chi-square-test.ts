import { chiSquareSurvival } from './chi-square-survival.ts';
import { expectedCounts } from './expected-counts.ts';

/**
 * Pearson's chi-square test of independence for an r × c contingency table, without continuity
 * correction: X² = Σ (O − E)² / E on (r − 1)(c − 1) degrees of freedom.
 *
 * Reference: K. Pearson (1900); Agresti, Categorical Data Analysis (3rd ed., 2013) §3.2; R's
 * `chisq.test(tab, correct = FALSE)` (statistic, parameter and p.value).
 *
 * `null` when the table has fewer than two rows or columns or any row or column sums to zero (the
 * statistic is undefined; the caller drops empty segments first).
 *
 * @example
 * chiSquareTest([[9, 5], [11, 15]]);
 * // { statistic: 1.7582417582417582, df: 1, p: 0.184843974227533 },
 * // as chisq.test(matrix(c(9, 11, 5, 15), 2), correct = FALSE)
 */
export function chiSquareTest(table: number[][]): { statistic: number; df: number; p: number } | null {
  const expected = expectedCounts(table);
  const rows = table.length;
  const columns = table[0]?.length ?? 0;
  if (rows < 2 || columns < 2) return null;
  for (let i = 0; i < rows; i++) if (table[i]!.every((cell) => cell === 0)) return null;
  for (let j = 0; j < columns; j++) if (table.every((row) => row[j] === 0)) return null;

  let statistic = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const e = expected[i]![j]!;
      const difference = table[i]![j]! - e;
      statistic += (difference * difference) / e;
    }
  }
  const df = (rows - 1) * (columns - 1);
  return { statistic, df, p: chiSquareSurvival(statistic, df) };
}
