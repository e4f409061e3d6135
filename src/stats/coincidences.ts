import { sum } from 'simple-statistics';
import type { Ratings } from './ratings.ts';

/** Coincidence counts of a reliability data matrix (Krippendorff 2011, section C, step 2). */
export interface Coincidences {
  /** The values that occur in pairable units, ascending. */
  values: number[];
  /** o[c][k]: Σ over pairable units of (pairs of values c, k within the unit) / (m_u − 1). */
  o: number[][];
  /** n_c: the row sums of o, how often each value occurs among pairable values. */
  marginals: number[];
  /** n: the number of pairable values (values in units coded by at least two coders). */
  n: number;
  /** Units with at least two values. */
  units: number;
}

/**
 * The coincidence matrix of nominal values: within each unit holding m_u ≥ 2 values, every ordered
 * pair of values from different coders adds 1 / (m_u − 1) to o[c][k]. Units with fewer than two
 * values are not pairable and are left out.
 *
 * Reference: K. Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", University of
 * Pennsylvania, Annenberg School for Communication, section C ("nominal data, any number of
 * observers, missing data"), the matrix of coincidences.
 *
 * @example
 * coincidences([[1, 1], [0, 1]]).o; // [[0, 1], [1, 2]]: values 0, 1
 */
export function coincidences(ratings: Ratings): Coincidences {
  const values = [...new Set(ratings.flatMap((unit) => unit.filter((v): v is number => v !== null)))].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const o = values.map(() => values.map(() => 0));
  let units = 0;
  const counts = new Array<number>(values.length).fill(0);
  for (const unit of ratings) {
    counts.fill(0);
    let m = 0;
    for (const value of unit) {
      if (value === null) continue;
      counts[index.get(value)!]!++;
      m++;
    }
    if (m < 2) continue;
    units++;
    for (let c = 0; c < values.length; c++) {
      const nc = counts[c]!;
      if (nc === 0) continue;
      const row = o[c]!;
      for (let k = 0; k < values.length; k++) {
        const pairs = c === k ? nc * (nc - 1) : nc * counts[k]!;
        if (pairs > 0) row[k]! += pairs / (m - 1);
      }
    }
  }
  const marginals = o.map((row) => sum(row));
  const n = sum(marginals);
  return { values, o, marginals, n, units };
}
