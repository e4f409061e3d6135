/**
 * Co-occurrence of themes: for every pair of themes (in codebook order, leaving out a theme paired
 * with its own ancestor, which co-occur by construction of the roll-up) the respondents mentioning
 * both and the Jaccard index, both / either.
 */
import type { Codebook, CooccurrenceResult } from '../model.ts';
import { jaccard } from '../stats/jaccard.ts';
import type { TallyState } from './tally-state.ts';

export function tallyCooccurrence(state: TallyState, codebook: Codebook): CooccurrenceResult[] {
  const n = codebook.themes.length;
  const totals = new Float64Array(n);
  for (const s of state.segments) for (let t = 0; t < n; t++) totals[t]! += s.mentions[t]!;
  const out: CooccurrenceResult[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (codebook.rollup[b]!.includes(a) || codebook.rollup[a]!.includes(b)) continue;
      const both = state.pairs[a * n + b]!;
      out.push({
        a: codebook.themes[a]!.code,
        b: codebook.themes[b]!.code,
        respondents: both,
        jaccard: jaccard(both, totals[a]!, totals[b]!),
      });
    }
  }
  return out;
}
