/**
 * issue 16: whether the answers to a single question (or an NPS question's promoters, passives and
 * detractors) differ between segments: Pearson's chi-square test of independence on the answers ×
 * segment table, or Fisher's exact test when any expected count is below 5 (as the theme test,
 * tally/segment-test.ts; beyond its work budget Monte Carlo for two answers, else no p, with a reason). Segments without answers and
 * answers nobody gave are left out of the table first (R: `chisq.test(tab[rowSums(tab) > 0,
 * colSums(tab) > 0], correct = FALSE)`, `fisher.test(...)`). Undefined (p null, with a reason) with
 * fewer than two segments or two answers left.
 */
import type { SegmentTest } from '../model.ts';
import { chiSquareTest } from '../stats/chi-square-test.ts';
import { expectedCounts } from '../stats/expected-counts.ts';
import { fisherExactTest } from '../stats/fisher-exact-test.ts';
import { fisherMonteCarlo } from '../stats/fisher-monte-carlo.ts';

export function tableTest(counts: number[][], maxSegments = Infinity): SegmentTest | null {
  // counts[answer][segment]
  const segments = (counts[0] ?? []).map((_, s) => s).filter((s) => counts.some((row) => row[s]! > 0));
  if (segments.length < 2) return null;
  const none = { statistic: null, df: null, p: null, pAdjusted: null };
  if (segments.length > maxSegments) {
    return { method: null, ...none, reason: `${segments.length} segments are more than report.maxTestSegments (${maxSegments}); group them to test` };
  }
  const table = counts.filter((row) => row.some((x) => x > 0)).map((row) => segments.map((s) => row[s]!));
  if (table.length < 2) return { method: null, ...none, reason: 'every answer was the same' };
  const smallest = Math.min(...expectedCounts(table).flat());
  if (smallest < 5) {
    const fisher = fisherExactTest(table);
    if (fisher !== null) return { method: 'fisher', statistic: null, df: null, p: fisher.p, pAdjusted: null };
    if (table.length === 2) {
      const simulated = fisherMonteCarlo(table, 2000)!;
      return {
        method: 'fisher-monte-carlo',
        statistic: null,
        df: null,
        p: simulated.p,
        pAdjusted: null,
        replicates: simulated.replicates,
        seed: simulated.seed,
      };
    }
    return { method: null, ...none, reason: 'the exact test is too large for its work budget; group answers or segments' };
  }
  const chi = chiSquareTest(table);
  return chi === null
    ? { method: 'chi-square', ...none, reason: 'the table has an empty margin' }
    : { method: 'chi-square', statistic: chi.statistic, df: chi.df, p: chi.p, pAdjusted: null };
}
