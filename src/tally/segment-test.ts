/**
 * The test of whether a theme's prevalence differs between segments: Pearson's chi-square test of
 * independence on the theme present/absent × segment table, or Fisher's exact test when any
 * expected count is below 5 (CONTRACT.md, Methods). Segments without respondents are left out.
 * Undefined when fewer than two segments have respondents (null) or when a margin is empty
 * (nobody, or everybody, mentioned the theme): then p is null and `reason` says why.
 */
import type { SegmentTest } from '../model.ts';
import { chiSquareTest } from '../stats/chi-square-test.ts';
import { expectedCounts } from '../stats/expected-counts.ts';
import { fisherExactTest } from '../stats/fisher-exact-test.ts';

export function segmentTest(mentioned: number[], bases: number[]): SegmentTest | null {
  const present: number[] = [];
  const absent: number[] = [];
  mentioned.forEach((x, i) => {
    const n = bases[i]!;
    if (n > 0) {
      present.push(x);
      absent.push(n - x);
    }
  });
  if (present.length < 2) return null;
  const none = { statistic: null, df: null, p: null, pAdjusted: null };
  if (present.every((x) => x === 0)) return { method: null, ...none, reason: 'no respondent mentioned the theme' };
  if (absent.every((x) => x === 0)) return { method: null, ...none, reason: 'every respondent mentioned the theme' };
  const table = [present, absent];
  const smallest = Math.min(...expectedCounts(table).flat());
  if (smallest < 5) {
    const fisher = fisherExactTest(table);
    if (fisher === null) {
      // A dense table (large segments, one tiny): no exact method finishes; R's fisher.test fails too.
      return { method: 'fisher', ...none, reason: "Fisher's exact test is too large to compute for this table (a small segment among large ones)" };
    }
    return { method: 'fisher', statistic: null, df: null, p: fisher.p, pAdjusted: null };
  }
  const chi = chiSquareTest(table);
  return chi === null
    ? { method: 'chi-square', ...none, reason: 'the table has an empty margin' }
    : { method: 'chi-square', statistic: chi.statistic, df: chi.df, p: chi.p, pAdjusted: null };
}
