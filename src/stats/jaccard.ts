/**
 * Jaccard similarity of two themes: respondents mentioning both over respondents mentioning either,
 * both / (a + b − both), where a and b count the respondents mentioning each theme.
 *
 * Reference: P. Jaccard (1912), "The distribution of the flora in the alpine zone", New Phytologist
 * 11, 37–50. From a co-occurrence matrix C in R: `C[i, j] / (C[i, i] + C[j, j] - C[i, j])`.
 * `null` when neither theme is mentioned (a + b − both = 0).
 *
 * @example
 * jaccard(8, 14, 14); // 0.4, as 8 / (14 + 14 - 8)
 */
export function jaccard(both: number, a: number, b: number): number | null {
  if (!(both >= 0 && both <= a && both <= b)) {
    throw new RangeError(`jaccard: need 0 <= both <= min(a, b), got both=${both}, a=${a}, b=${b}`);
  }
  const either = a + b - both;
  if (either === 0) return null;
  return both / either;
}
