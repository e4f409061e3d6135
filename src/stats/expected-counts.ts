import { sum } from 'simple-statistics';

/**
 * Expected cell counts of a contingency table under independence, E_ij = r_i c_j / N, from its row
 * sums r, column sums c and total N.
 *
 * Reference: Agresti, Categorical Data Analysis (3rd ed., 2013) §3.2.1; R's
 * `chisq.test(tab)$expected` (`outer(rowSums(tab), colSums(tab)) / sum(tab)`). An all-zero table
 * has all-zero expected counts. Cells must be finite and non-negative and rows of equal length.
 *
 * @example
 * expectedCounts([[9, 5], [11, 15]]); // [[7, 7], [13, 13]]
 */
export function expectedCounts(table: number[][]): number[][] {
  const columns = table[0]?.length ?? 0;
  const rowSums = table.map((row, i) => {
    if (row.length !== columns) throw new RangeError(`expectedCounts: row ${i} has ${row.length} cells, expected ${columns}`);
    let rowSum = 0;
    for (const cell of row) {
      if (!(cell >= 0 && cell < Infinity)) throw new RangeError(`expectedCounts: cell ${cell} is not a finite count`);
      rowSum += cell;
    }
    return rowSum;
  });
  const columnSums = Array.from({ length: columns }, (_, j) => sum(table.map((row) => row[j]!)));
  const total = sum(rowSums);
  if (total === 0) return table.map((row) => row.map(() => 0));
  return rowSums.map((r) => columnSums.map((c) => (r * c) / total));
}
