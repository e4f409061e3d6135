/**
 * Reliability data matrices (units × coders, null = not coded) shared by the agreement tests. The
 * expected values beside each use come from test/stats/py/agreement.py (NLTK 3.8's AnnotationTask,
 * Debian's python3-nltk) or from the published worked example named here.
 */
import type { Ratings } from '../../src/stats/ratings.ts';

const _ = null;

/** Krippendorff (2011), section C: observers A–D (columns) × 12 units, nominal values 1–5, missing data. */
export const krippendorff2011: Ratings = [
  [1, 1, _, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [_, 5, 5, 5],
  [_, _, 1, 1],
  [_, 3, _, _],
];

/** Wikipedia, "Fleiss' kappa", worked example: 10 subjects × 14 raters, counts per category 1–5. */
const wikipediaCounts = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];
export const wikipediaFleiss: Ratings = wikipediaCounts.map((row) => row.flatMap((n, category) => new Array<number>(n).fill(category)));

/** Wikipedia, "Cohen's kappa", worked example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15. */
export const wikipediaCohen: Ratings = [
  ...new Array<number[]>(20).fill([1, 1]),
  ...new Array<number[]>(5).fill([1, 0]),
  ...new Array<number[]>(10).fill([0, 1]),
  ...new Array<number[]>(15).fill([0, 0]),
];

/** One theme coded 0/1 by two coders over 12 respondents. */
export const two: Ratings = [
  [1, 1],
  [1, 1],
  [1, 0],
  [0, 0],
  [0, 0],
  [1, 1],
  [0, 1],
  [0, 0],
  [1, 1],
  [0, 0],
  [1, 1],
  [0, 0],
];

/** The same theme, three coders, complete. */
export const three: Ratings = [
  [1, 1, 1],
  [1, 1, 0],
  [1, 0, 1],
  [0, 0, 0],
  [0, 0, 0],
  [1, 1, 1],
  [0, 1, 0],
  [0, 0, 0],
  [1, 1, 1],
  [0, 0, 1],
  [1, 1, 1],
  [0, 0, 0],
];

/** Three coders with gaps. */
export const gaps: Ratings = [
  [1, 1, _],
  [1, _, 0],
  [_, 0, 1],
  [0, 0, 0],
  [0, _, _],
  [1, 1, 1],
  [0, 1, 0],
  [_, 0, 0],
  [1, 1, 1],
  [0, 0, 1],
  [1, _, 1],
  [0, 0, 0],
];
