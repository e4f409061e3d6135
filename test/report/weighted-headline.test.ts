/**
 * Weights as the headline (issue 15, "Done when"): with report.weighted (the default when a weight
 * column exists) the first key finding of a weighted study states the weighted share with its
 * interval and the unweighted count beside it. fixtures/weighted/survey.yaml holds the hand count;
 * expected values from test/report/r/weighted-headline.R (R 4.2.2, survey 4.1-1):
 *   coef(svymean(~funding, design)) -> 0.70833333333333337
 *   attr(svyciprop(~funding, design, method = "logit"), "ci") -> 0.35057020932127975 0.91614919385635796
 *   sum(d$funding) -> 7
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRound } from '../../src/pipeline.ts';
import { keyFindings } from '../../src/report/key-findings.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { expectClose } from '../stats/expect-close.ts';

async function findings(configFile: string) {
  const analysis = await analyzeRound(configFile, repoRoot, { report: () => {} });
  if ('stopped' in analysis) throw new Error('stopped');
  return { results: analysis.results, findings: keyFindings(analysis.results) };
}

describe('weighted headline', () => {
  it('leads with the weighted share and keeps the unweighted count beside it', async () => {
    const { results, findings: list } = await findings('fixtures/weighted/survey.yaml');
    expect(results.settings.headline).toBe('weighted');
    const funding = results.themes.find((theme) => theme.code === 'funding')!;
    expectClose(funding.weighted!.proportion, 0.70833333333333337, 1e-9);
    expectClose(funding.weighted!.ci![0], 0.35057020932127975, 1e-7);
    expectClose(funding.weighted!.ci![1], 0.91614919385635796, 1e-7);
    // 71% weighted (35–92%), 7 of 12 unweighted: "funding" leads, though "time" has more mentions (8 of 12).
    expect(list[0]!.text).toBe('7 of 12 respondents (weighted 71%, 95% CI 35–92%) mentioned "Funding".');
    expect(list[0]!.proportion).toBe(funding.weighted!.proportion);
  });

  it('states the unweighted share when report.weighted is false', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-weighted-'));
    const config = readFileSync(path.join(repoRoot, 'fixtures/weighted/survey.yaml'), 'utf8')
      .replace('codebook: codebook.csv', `codebook: ${path.join(repoRoot, 'fixtures/weighted/codebook.csv')}`)
      .replace('path: responses.csv', `path: ${path.join(repoRoot, 'fixtures/weighted/responses.csv')}`)
      .replace('  minBase: 3', '  minBase: 3\n  weighted: false');
    writeFileSync(path.join(dir, 'survey.yaml'), config);
    const { results, findings: list } = await findings(path.join(dir, 'survey.yaml'));
    expect(results.settings.headline).toBe('unweighted');
    expect(list[0]!.text).toMatch(/^8 of 12 respondents \(67%, 95% CI [\d–%]+\) mentioned "Time"\.$/);
  });
});
