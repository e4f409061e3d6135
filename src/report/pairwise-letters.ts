import type { PairwiseComparison, Results, ThemeResult } from '../model.ts';

/** Column letters A, B, …, Z, AA, AB, … (crosstab tools' convention: segment column k is letter k). */
export function segmentLetter(index: number): string {
  let text = '';
  for (let k = index + 1; k > 0; k = Math.floor((k - 1) / 26)) text = String.fromCharCode(65 + ((k - 1) % 26)) + text;
  return text;
}

/** Whether the segment table is of weighted shares: the segment test is Rao–Scott (report.weighted). */
export function isWeightedTable(results: Pick<Results, 'themes'>): boolean {
  return results.themes.some((theme) => theme.segmentTest?.method === 'rao-scott');
}

/**
 * The pairs a theme's letters come from: on a weighted table the Rao–Scott test of each pair of
 * segments (`themes[].weightedPairwise`, issue 15), else the two-proportion tests (`themes[].pairwise`);
 * either way p is adjusted by BH within the theme.
 */
export function letterPairs(weightedTable: boolean, theme: Pick<ThemeResult, 'pairwise' | 'weightedPairwise'>): readonly PairwiseComparison[] {
  return (weightedTable ? theme.weightedPairwise : theme.pairwise) ?? [];
}

/**
 * The significance letters of every cell of one theme's row, as the report's segment table
 * (segments-section.ts) and the workbook's by-segment sheet print them: for each segment id, the
 * letters of the segments whose share this segment's exceeds, with the adjusted p below `alpha`,
 * sorted. A segment with none is absent. One pass over the pairs (issue 19: asking cell by cell
 * re-read every pair and re-lettered every segment for each cell, which made 1,000 themes × 500
 * segments take half a minute).
 *
 * @example
 * lettersBySegment(results, letterPairs(false, theme), 0.05).get('funder') ?? ''; // e.g. "BD"
 */
export function lettersBySegment(results: Pick<Results, 'segments'>, pairs: readonly PairwiseComparison[], alpha: number): ReadonlyMap<string, string> {
  const found = new Map<string, string[]>();
  if (pairs.length === 0) return found as unknown as ReadonlyMap<string, string>;
  const index = new Map(results.segments.map((candidate, i) => [candidate.id, i]));
  const add = (segment: string, other: string) => {
    const letter = segmentLetter(index.get(other)!);
    const list = found.get(segment);
    if (list === undefined) found.set(segment, [letter]);
    else list.push(letter);
  };
  for (const pair of pairs) {
    if (pair.pAdjusted === null || !(pair.pAdjusted < alpha) || pair.difference === null || pair.difference === 0) continue;
    if (pair.difference < 0) add(pair.a, pair.b);
    else add(pair.b, pair.a);
  }
  const letters = new Map<string, string>();
  for (const [segment, list] of found) letters.set(segment, list.sort().join(''));
  return letters;
}
