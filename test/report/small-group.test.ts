/**
 * Issue 17: the sentence on a segment too small for percentages names the themes where that group
 * stands out most from everyone else, in words for the group and counts for the others.
 *
 * Expected values counted by hand from fixtures/rpa/2014.csv (a Python csv.DictReader count of each
 * code per segment, parents rolled up by hand): the 4 public agencies against the 40 others —
 *   federal-funding 2 of 4 against 3 of 40 (gap 0.425), incubate 2/4 against 13/40 (0.175),
 *   role 2/4 against 18/40 (0.05), timeline 1/4 against 8/40 (0.05), want-to-know (rolled up)
 *   3/4 against 31/40 (−0.025); every other theme lower. Only "Focus on federal dollars" clears the
 *   20-point gap.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { segmentSummaries } from '../../src/report/segment-summaries.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { sampleResults } from './sample-results.ts';

describe('the small-group sentence', () => {
  it('names where the 4 public agencies of 2014 stand out: "Focus on federal dollars", half of them against 3 of 40', async () => {
    const sink: Diagnostic[] = [];
    const analysis = await analyzeRound('surveys/rpa-2014.yaml', repoRoot, { report: (d) => void sink.push(d) });
    if ('stopped' in analysis) throw new Error(JSON.stringify(sink));
    const small = segmentSummaries(analysis.results).find((summary) => summary.segment === 'public-agency')!;
    expect(small.lowBase).toBe(true);
    expect(small.standsOut).toEqual([{ code: 'federal-funding', respondents: 2, base: 4, others: 3, othersBase: 40 }]);
    expect(small.text).toMatch(/ They stood out most on "Focus on federal dollars" \(half of them mentioned it, against 3 of the 40 other respondents\)\.$/);
    // Still no percentage for the small group.
    expect(small.text).not.toMatch(/\d+%/);
  });

  it('names at most two themes, largest gap first, and none below a 20-point gap', () => {
    const results: Results = structuredClone(sampleResults);
    const summaries = segmentSummaries(results);
    const small = summaries.find((summary) => summary.lowBase)!;
    for (const entry of small.standsOut ?? []) {
      expect(entry.respondents / entry.base - entry.others / entry.othersBase).toBeGreaterThanOrEqual(0.2);
    }
    // Give the small group a theme nobody else mentions: it leads.
    const segment = results.segments.find((candidate) => candidate.lowBase)!;
    const theme = results.themes[results.themes.length - 1]!;
    for (const cell of theme.bySegment) Object.assign(cell, { respondents: cell.segment === segment.id ? segment.respondents : 0 });
    theme.respondents = segment.respondents;
    const again = segmentSummaries(results).find((summary) => summary.segment === segment.id)!;
    expect(again.standsOut?.[0]?.code).toBe(theme.code);
    expect(again.standsOut!.length).toBeLessThanOrEqual(2);
    expect(again.text).toContain(`They stood out most on "${theme.label}" (all of them mentioned it, against 0 of the`);
    // Segments with an adequate base get no such clause.
    for (const summary of summaries.filter((candidate) => !candidate.lowBase)) expect(summary.text).not.toContain('stood out');
  });
});
