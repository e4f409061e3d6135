/**
 * The test of whether a theme's prevalence differs between segments: Pearson's chi-square test of
 * independence on the theme present/absent × segment table, or Fisher's exact test when any
 * expected count is below 5 (CONTRACT.md, Methods). The exact test is exact (CONTRACT.md,
 * Additions): it runs to fisherExactTest's work budget (WORK_BUDGET, 1.5e7 steps, counted rather
 * than timed so the outcome does not depend on the machine; issue 15: the decision to give up is
 * made early, so every table is answered within about a second). Only a table that needs more than that
 * (a dense table: a theme mentioned by hundreds, with a tiny segment among large ones) gets the
 * Monte Carlo estimate (2000 tables, seed from the table; R's simulate.p.value = TRUE), as
 * `method: 'fisher-monte-carlo'` with `replicates` and `seed`. Segments without respondents are left out.
 * Undefined when fewer than two segments have respondents (null) or when a margin is empty
 * (nobody, or everybody, mentioned the theme): then p is null and `reason` says why.
 */
import type { SegmentTest } from '../model.ts';
import { chiSquareTest } from '../stats/chi-square-test.ts';
import { expectedCounts } from '../stats/expected-counts.ts';
import { fisherExactTest } from '../stats/fisher-exact-test.ts';
import { fisherMonteCarlo } from '../stats/fisher-monte-carlo.ts';

/** Random tables for the Monte Carlo test, as R's default B. */
const REPLICATES = 2000;

export function segmentTest(mentioned: number[], bases: number[], maxSegments = Infinity): SegmentTest | null {
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
  if (present.length > maxSegments) {
    return { method: null, ...none, reason: `${present.length} segments are more than report.maxTestSegments (${maxSegments}); group them to test` };
  }
  if (present.every((x) => x === 0)) return { method: null, ...none, reason: 'no respondent mentioned the theme' };
  if (absent.every((x) => x === 0)) return { method: null, ...none, reason: 'every respondent mentioned the theme' };
  const table = [present, absent];
  const smallest = Math.min(...expectedCounts(table).flat());
  if (smallest < 5) {
    const fisher = fisherExactTest(table);
    if (fisher !== null) return { method: 'fisher', statistic: null, df: null, p: fisher.p, pAdjusted: null };
    // Too many tables to enumerate (many segments, or a tiny segment among large ones; R's
    // fisher.test fails there too): the Monte Carlo version R offers, with a fixed seed.
    const simulated = fisherMonteCarlo(table, REPLICATES)!;
    return { method: 'fisher-monte-carlo', statistic: null, df: null, p: simulated.p, pAdjusted: null, replicates: simulated.replicates, seed: simulated.seed };
  }
  const chi = chiSquareTest(table);
  return chi === null
    ? { method: 'chi-square', ...none, reason: 'the table has an empty margin' }
    : { method: 'chi-square', statistic: chi.statistic, df: chi.df, p: chi.p, pAdjusted: null };
}
