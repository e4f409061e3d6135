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
 * The significance letters of one cell of the segment table, as the report's segment table
 * (segments-section.ts) and the workbook's by-segment sheet print them: the letters of the segments
 * whose share this segment's exceeds, with the adjusted p below `alpha`, sorted. Empty when none.
 */
export function lettersAbove(results: Pick<Results, 'segments'>, pairs: readonly PairwiseComparison[], segment: string, alpha: number): string {
  const letters = new Map(results.segments.map((candidate, index) => [candidate.id, segmentLetter(index)]));
  return pairs
    .filter((pair) => pair.pAdjusted !== null && pair.pAdjusted < alpha && pair.difference !== null && pair.difference !== 0)
    .flatMap((pair) => {
      if (pair.a === segment && pair.difference! < 0) return [letters.get(pair.b)!];
      if (pair.b === segment && pair.difference! > 0) return [letters.get(pair.a)!];
      return [];
    })
    .sort()
    .join('');
}
