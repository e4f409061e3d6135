import type { Results, ThemeResult } from '../model.ts';

/** Column letters A, B, …, Z, AA, AB, … (crosstab tools' convention: segment column k is letter k). */
export function segmentLetter(index: number): string {
  let text = '';
  for (let k = index + 1; k > 0; k = Math.floor((k - 1) / 26)) text = String.fromCharCode(65 + ((k - 1) % 26)) + text;
  return text;
}

/**
 * The significance letters of one cell of the segment table, as the report's segment table prints
 * them (segments-section.ts): the letters of the segments whose share this segment's exceeds, by the
 * pairwise two-proportion test of `themes[].pairwise` (p adjusted by BH within the theme, below
 * `alpha`), sorted. Empty when none.
 */
export function lettersAbove(results: Pick<Results, 'segments'>, theme: Pick<ThemeResult, 'pairwise'>, segment: string, alpha: number): string {
  const letters = new Map(results.segments.map((candidate, index) => [candidate.id, segmentLetter(index)]));
  return (theme.pairwise ?? [])
    .filter((pair) => pair.pAdjusted !== null && pair.pAdjusted < alpha && pair.difference !== null && pair.difference !== 0)
    .flatMap((pair) => {
      if (pair.a === segment && pair.difference! < 0) return [letters.get(pair.b)!];
      if (pair.b === segment && pair.difference! > 0) return [letters.get(pair.a)!];
      return [];
    })
    .sort()
    .join('');
}
