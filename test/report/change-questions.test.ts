/**
 * Closed questions across rounds in the report (surveys/rpa-2015.yaml against 2014). Expected
 * figures from test/golden/r/rpa-2015-change.R: incubate top box 26 of 43 answered in 2014, 33 of
 * 45 in 2015 (prop.test p 0.19923488848206228, BH over the two questions 0.39846977696412456);
 * means 3.63 → 3.93, t.test(b, a, var.equal = FALSE)$conf.int -0.1858036504544463 0.79665636363274084,
 * p 0.21974790102672145.
 */
import { describe, expect, it } from 'vitest';
import { analyzeRound } from '../../src/pipeline.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { markdownTables } from './parse-tables.ts';
import { renderedCharts } from './report-fixture.ts';

describe('"What changed": closed questions', async () => {
  const analysis = await analyzeRound('surveys/rpa-2015.yaml', repoRoot, { report: () => {} });
  if ('stopped' in analysis) throw new Error('stopped');
  const markdown = renderMarkdown(analysis.results, await renderedCharts(analysis.results));

  it('tables each question’s top box and mean in both rounds, with its tests', () => {
    // The body states the result in words; the tests are in the methods appendix (issue 17).
    const body = markdownTables(markdown).find((candidate) => candidate.caption.startsWith('Closed questions, 2014 and 2015'))!;
    expect(body.head).toEqual(['Question', '2014', '2015', 'Change, points (likely range)', 'Result', 'Mean, 2014 → 2015']);
    expect(body.rows.find((row) => row[0] === 'LA n Sync should be incubated for at least another year')).toEqual([
      'LA n Sync should be incubated for at least another year',
      '60% (26/43)',
      '73% (33/45)',
      '+13, −7 to 32',
      'no detectable change',
      '3.63 → 3.93',
    ]);
    const table = markdownTables(markdown).find((candidate) => candidate.caption.startsWith('Tests of the closed questions, 2014 and 2015'))!;
    expect(table.head[3]).toBe('Change, points (95% CI, unadjusted)');
    const incubate = table.rows.find((row) => row[0] === 'LA n Sync should be incubated for at least another year')!;
    expect(incubate.slice(1, 3)).toEqual(['60% (26/43)', '73% (33/45)']);
    expect(incubate[4]).toBe('0.40');
    expect(incubate[5]).toBe('no detectable change');
    expect(incubate[6]).toBe('3.63 → 3.93');
    expect(incubate[7]).toBe('0.31, −0.19 to 0.80');
    expect(incubate[8]).toBe('0.22');
  });
});
