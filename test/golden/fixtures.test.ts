/**
 * Golden output for every clean fixture (small/ and edge-*), and the issue #3 edge cases: a theme
 * nobody mentions, a theme everybody mentions, a segment with one respondent, a question nobody
 * answered, a single segment, one respondent in total. Each must give defined figures: null where a
 * figure is undefined, never NaN or Infinity (which JSON.stringify would silently turn into null).
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { renderReport } from '../../src/report/render-report.ts';
import { goldenPath, repoRoot, runCli } from '../helpers/run-cli.ts';
import { resultsSchemaErrors } from '../helpers/results-schema.ts';

function nonFinite(value: unknown, where = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${where} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${where}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${where}.${k}`));
  return [];
}

async function analyze(fixture: string) {
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound(`fixtures/${fixture}/survey.yaml`, repoRoot, { report: (d) => void diagnostics.push(d) });
  if ('stopped' in analysis) throw new Error(`${fixture} stopped: ${JSON.stringify(diagnostics)}`);
  return { analysis, diagnostics };
}

describe.each(['small', 'edge-extremes', 'edge-one-respondent', 'edge-single-segment', 'raked'])('fixture %s', (fixture) => {
  it('gives no diagnostic, no NaN or Infinity, and golden results.json and report.md', async () => {
    const { analysis, diagnostics } = await analyze(fixture);
    expect(diagnostics).toEqual([]);
    expect(nonFinite(analysis.results)).toEqual([]);
    const files = await renderReport(analysis);
    expect(resultsSchemaErrors(JSON.parse(files.get('results.json') as string))).toEqual([]);
    await expect(files.get('results.json')).toMatchFileSnapshot(goldenPath(fixture, 'results.json'));
    await expect(files.get('report.md')).toMatchFileSnapshot(goldenPath(fixture, 'report.md'));
  });

  it('runs through the CLI with exit 0', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-fixture-')), fixture);
    const { exit, stderr } = await runCli(['run', `fixtures/${fixture}/survey.yaml`, '--out', out, '--quiet']);
    expect(stderr).toBe('');
    expect(exit).toBe(0);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Results;
    expect(resultsSchemaErrors(results)).toEqual([]);
    for (const theme of results.themes) {
      if (theme.proportion !== null) {
        expect(theme.ci![0]).toBeLessThanOrEqual(theme.proportion);
        expect(theme.ci![1]).toBeGreaterThanOrEqual(theme.proportion);
      }
    }
  });
});

describe('edge cases give defined answers', () => {
  it('a theme nobody or everybody mentions: proportion 0 or 1, test undefined with the reason', async () => {
    const { results } = (await analyze('edge-extremes')).analysis;
    const everyone = results.themes.find((t) => t.code === 'everyone')!;
    const nobody = results.themes.find((t) => t.code === 'nobody')!;
    expect(everyone.proportion).toBe(1);
    expect(everyone.ci![1]).toBe(1);
    expect(everyone.segmentTest).toMatchObject({ method: null, p: null, pAdjusted: null, reason: 'every respondent mentioned the theme' });
    expect(nobody.proportion).toBe(0);
    expect(nobody.ci![0]).toBe(0);
    expect(nobody.segmentTest).toMatchObject({ p: null, reason: 'no respondent mentioned the theme' });
    // Jaccard of two themes nobody mentions together and one nobody mentions at all.
    expect(results.cooccurrence.find((c) => c.a === 'everyone' && c.b === 'nobody')).toEqual({ a: 'everyone', b: 'nobody', respondents: 0, jaccard: 0 });
  });

  it('a segment of one respondent is low base and its weighted interval is undefined (no df)', async () => {
    const { results } = (await analyze('edge-extremes')).analysis;
    const solo = results.themes.find((t) => t.code === 'some')!.bySegment.find((s) => s.segment === 'solo')!;
    expect(solo).toMatchObject({ respondents: 1, base: 1, proportion: 1, lowBase: true });
    expect(solo.weighted!.ci).toBeNull();
  });

  it('a question nobody answered: base 0, every level counted as 0, summaries null', async () => {
    const { results } = (await analyze('edge-extremes')).analysis;
    const never = results.questions.find((q) => q.id === 'never')!;
    expect(never).toMatchObject({ base: 0, missing: 7, mean: null, median: null, sd: null, weighted: { mean: null, se: null } });
    expect(never.counts).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
    expect(never.topBox).toMatchObject({ respondents: 0, proportion: null, ci: null });
  });

  it('a single segment: no segment test anywhere', async () => {
    const { results } = (await analyze('edge-single-segment')).analysis;
    expect(results.segments).toHaveLength(1);
    expect(results.themes.every((t) => t.segmentTest === null)).toBe(true);
  });

  it('one respondent in total: sd and weighted figures null, intervals still defined', async () => {
    const { results } = (await analyze('edge-one-respondent')).analysis;
    expect(results.base).toEqual({ respondents: 1, weighted: 1, effective: 1 });
    expect(results.questions[0]).toMatchObject({ base: 1, mean: 3, median: 3, sd: null, weighted: null });
    expect(results.themes[0]!.ci).not.toBeNull();
    expect(results.themes[0]!.weighted).toBeNull();
  });
});
