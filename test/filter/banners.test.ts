/**
 * Issue 16: banners. A banner's figures are those of the segment figures of a run whose segment is
 * that column, and the values R gives (test/filter/r/banners.R, R call beside each value).
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { resultsSchemaErrors } from '../helpers/results-schema.ts';
import { renderReport } from '../../src/report/render-report.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-banners-'));
copyFileSync(path.join(repoRoot, 'fixtures/rpa/2014.csv'), path.join(dir, 'data.csv'));
copyFileSync(path.join(repoRoot, 'fixtures/rpa/codebook.csv'), path.join(dir, 'codebook.csv'));

async function run(yaml: string): Promise<{ results: Results; diagnostics: Diagnostic[]; analysis: Awaited<ReturnType<typeof analyzeRound>> }> {
  const name = `c${Math.random().toString(36).slice(2)}.yaml`;
  writeFileSync(path.join(dir, name), `id: s\ncodebook: codebook.csv\n${yaml}`);
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound(name, dir, { report: (d) => void diagnostics.push(d) });
  if ('stopped' in analysis) throw new Error(`stopped: ${diagnostics.map((d) => d.message).join('; ')}`);
  return { results: analysis.results, diagnostics, analysis };
}

const DATA = 'data:\n  path: data.csv\n  columns: { id: respondent_id, segment: segment, themes: themes }\n';

describe('banners', () => {
  it('gives each banner the figures, tests and pairwise comparisons R gives', async () => {
    const { results, diagnostics } = await run(`${DATA}banners: [segment, organization_size]\n`);
    expect(diagnostics).toEqual([]);
    expect(resultsSchemaErrors(results)).toEqual([]);
    const [first, size] = results.banners!;
    expect(first!.column).toBe('segment');
    expect(first!.groups).toEqual(results.segments);
    expect(first!.themes.map((t) => t.bySegment)).toEqual(results.themes.map((t) => t.bySegment));
    expect(size!.column).toBe('organization_size');
    // table(d$structure, size): medium 11/17, large 8/12, small 7/15
    expect(size!.groups.map((g) => [g.id, g.respondents])).toEqual([
      ['medium', 17],
      ['large', 12],
      ['small', 15],
    ]);
    const structure = size!.themes.find((t) => t.code === 'structure')!;
    expect(structure.bySegment.map((c) => [c.respondents, c.base])).toEqual([
      [11, 17],
      [8, 12],
      [7, 15],
    ]);
    // prop.test(11, 17, correct = FALSE)$conf.int
    expect(structure.bySegment[0]!.ci![0]).toBeCloseTo(0.413003634852187, 12);
    expect(structure.bySegment[0]!.ci![1]).toBeCloseTo(0.826902796027563, 12);
    // An expected count is 4.909 < 5 (chisq.test(tab)$expected), so Fisher: fisher.test(tab, workspace = 2e8)$p.value
    expect(structure.segmentTest?.method).toBe('fisher');
    expect(structure.segmentTest?.p).toBeCloseTo(0.581015283703505, 12);
    // pairwise.prop.test(x, n, p.adjust.method = "BH", correct = FALSE)$p.value
    expect(structure.pairwise!.map((p) => [p.a, p.b, p.pAdjusted])).toEqual([
      ['medium', 'large', expect.closeTo(0.912875286812657, 12)],
      ['medium', 'small', expect.closeTo(0.456978088444173, 12)],
      ['large', 'small', expect.closeTo(0.456978088444173, 12)],
    ]);
  });

  it('equals the segment figures of a run grouped by that column', async () => {
    const banner = (await run(`${DATA}banners: [organization_size]\n`)).results.banners![1]!;
    const bySize = (await run('data:\n  path: data.csv\n  columns: { id: respondent_id, segment: organization_size, themes: themes }\n')).results;
    expect(banner.groups).toEqual(bySize.segments);
    expect(banner.themes).toEqual(
      bySize.themes.map((t) => ({ code: t.code, label: t.label, bySegment: t.bySegment, segmentTest: t.segmentTest, pairwise: t.pairwise })),
    );
  });

  it('puts a crosstab per banner in the report', async () => {
    const { analysis } = await run(`${DATA}banners: [organization_size]\n`);
    if ('stopped' in analysis) throw new Error('stopped');
    const files = await renderReport(analysis, ['md', 'csv']);
    const md = files.get('report.md') as string;
    // The banner's table beside themes-by-segment.csv: structure in the small group, 7 of 15.
    expect(files.get('tables/themes-by-organization-size.csv')).toMatch(
      /\nstructure,Project structure,organization_size,small,small,7,15,0\.4666666666666667,[^\n]*,false,fisher,0\.581015283703/,
    );
    expect(md).toContain('## Themes by organization\\_size');
    // Issue 17: the body gives the verdict in words; the test and its p are in tables/themes-by-<banner>.csv (above).
    // Issue 17: each group's label isolated as data text (src/format/isolate.ts).
    expect(md).toContain('| Theme | \u2068medium\u2069 (n = 17) (A) | \u2068large\u2069 (n = 12) (B) | \u2068small\u2069 (n = 15) (C) | Result |');
    expect(md).toMatch(/\| ↳ Project structure \| 65% \(11\/17\), 41–83% \| 67% \(8\/12\), 39–86% \| 47% \(7\/15\), 25–70% \| no detectable difference \|/);
  });

  it('refuses banners together with weighting.rake (FND041): a banner is tallied before the weights are raked', async () => {
    const yaml = `${DATA}banners: [organization_size]\nweighting:\n  rake:\n    targets:\n      segment: { funder: 0.5, nonprofit: 0.4, public: 0.1 }\n`;
    writeFileSync(path.join(dir, 'raked.yaml'), `id: s\ncodebook: codebook.csv\n${yaml}`);
    const diagnostics: Diagnostic[] = [];
    expect(await analyzeRound('raked.yaml', dir, { report: (d) => void diagnostics.push(d) })).toEqual({ stopped: 'config' });
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['FND041', 6]]);
  });

  it('reports the segment column listed after another banner (FND041)', async () => {
    const yaml = `${DATA}banners: [organization_size, segment]\n`;
    writeFileSync(path.join(dir, 'bad.yaml'), `id: s\ncodebook: codebook.csv\n${yaml}`);
    const diagnostics: Diagnostic[] = [];
    expect(await analyzeRound('bad.yaml', dir, { report: (d) => void diagnostics.push(d) })).toEqual({ stopped: 'config' });
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['FND041', 6, 30]]);
  });
});
