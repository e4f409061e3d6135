import { sum } from 'simple-statistics';

/**
 * Summary of a Likert-type item given as a count per level value: number of answers, mean,
 * median and sample standard deviation of the expanded answers.
 *
 * Reference: R's `mean(x)`, `median(x)` (the average of the two middle values when n is even) and
 * `sd(x)` (divisor n − 1) on `x <- rep(levels, counts)`. `mean` and `median` are `null` when there
 * are no answers; `sd` is `null` when n < 2. Levels need not be sorted; counts must be
 * non-negative integers.
 *
 * The sums are simple-statistics' `sum`. Its `mean`, `median` and `sampleStandardDeviation` take the
 * expanded answers, one number per respondent (40 MB for a 5M-row round, per question and segment);
 * this function works on the counts instead, and test/stats/simple-statistics.test.ts checks it
 * against those three on expanded answers.
 *
 * @example
 * summarizeLevels([1, 2, 3, 4, 5], [0, 1, 5, 12, 20]);
 * // { n: 38, mean: 4.342105263157895, median: 5, sd: 0.814607044696305 },
 * // as length, mean, median and sd of rep(1:5, c(0, 1, 5, 12, 20))
 */
export function summarizeLevels(levels: number[], counts: number[]): { n: number; mean: number | null; median: number | null; sd: number | null } {
  if (levels.length !== counts.length) {
    throw new RangeError(`summarizeLevels: ${levels.length} levels but ${counts.length} counts`);
  }
  const pairs = levels.map((level, i) => {
    const count = counts[i]!;
    if (!Number.isFinite(level)) throw new RangeError(`summarizeLevels: level ${level} is not finite`);
    if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`summarizeLevels: count ${count} is not a count`);
    return { level, count };
  });
  pairs.sort((a, b) => a.level - b.level);

  const n = sum(pairs.map((pair) => pair.count));
  if (n === 0) return { n, mean: null, median: null, sd: null };

  let mean = sum(pairs.map(({ level, count }) => level * count)) / n;
  // R's mean() refines the quotient with a second pass over the residuals.
  let residual = 0;
  for (const { level, count } of pairs) residual += (level - mean) * count;
  mean += residual / n;

  // 1-based positions of the middle value(s).
  const median = (valueAt(pairs, Math.floor((n + 1) / 2)) + valueAt(pairs, Math.floor(n / 2) + 1)) / 2;

  let sd: number | null = null;
  if (n >= 2) {
    let squares = 0;
    for (const { level, count } of pairs) squares += (level - mean) * (level - mean) * count;
    sd = Math.sqrt(squares / (n - 1));
  }
  return { n, mean, median, sd };
}

/** The value at 1-based position k of the sorted expanded answers. */
function valueAt(pairs: { level: number; count: number }[], k: number): number {
  let seen = 0;
  for (const { level, count } of pairs) {
    seen += count;
    if (seen >= k) return level;
  }
  throw new Error('summarizeLevels: position beyond n');
}
