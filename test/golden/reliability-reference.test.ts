/**
 * results.reliability of three studies against an independent computation from the data files
 * (test/golden/py/reliability.py: NLTK 3.8's AnnotationTask for alpha, kappa and Fleiss' kappa, and
 * Krippendorff's (2011) formula for observed agreement), within 1e-12 relative. Regenerate the
 * expected files with `/usr/bin/python3 test/golden/py/reliability.py` (Python is not needed in CI).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { AgreementFigures, Diagnostic, ReliabilityResult } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot } from '../helpers/run-cli.ts';

async function reliabilityOf(config: string): Promise<ReliabilityResult> {
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound(config, repoRoot, { report: (d) => void diagnostics.push(d) });
  if ('stopped' in analysis) throw new Error(JSON.stringify(diagnostics));
  expect(analysis.results.reliability).not.toBeNull();
  return analysis.results.reliability!;
}

function expected(name: string): Map<string, number | null> {
  const rows = Papa.parse<{ key: string; value: string }>(readFileSync(path.join(repoRoot, 'test/golden/py', `${name}-reliability-expected.csv`), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  return new Map(rows.map((r) => [r.key, r.value === 'NA' ? null : Number(r.value)]));
}

const FIGURES = ['percentAgreement', 'cohenKappa', 'krippendorffAlpha', 'fleissKappa'] as const;

function compare(ours: ReliabilityResult, want: Map<string, number | null>): number {
  let checked = 0;
  const check = (key: string, value: number | null) => {
    expect(want.has(key), key).toBe(true);
    const target = want.get(key)!;
    if (target === null) expect(value, key).toBeNull();
    else {
      expect(value, key).not.toBeNull();
      expect(Math.abs(value! - target), `${key}: ${value} vs ${target}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(target)));
    }
    checked++;
  };
  check('units', ours.units);
  for (const theme of ours.themes) for (const f of FIGURES) check(`theme/${theme.code}/${f}`, theme[f]);
  for (const f of FIGURES) check(`pooled/${f}`, (ours.pooled as AgreementFigures)[f]);
  expect(checked).toBe(want.size);
  return checked;
}

describe('coder agreement against NLTK (test/golden/py/reliability.py)', () => {
  it('the default study: coder A (the data) and coder B (reliability:), 44 respondents', async () => {
    const ours = await reliabilityOf('surveys/rpa-2014.yaml');
    expect(ours.coders).toEqual(['A', 'B']);
    expect(compare(ours, expected('rpa-2014'))).toBe(61);
  });

  it('its excerpt-level twin: the same codings as excerpt rows give the same figures', async () => {
    const ours = await reliabilityOf('fixtures/rpa-excerpts/survey.yaml');
    compare(ours, expected('rpa-2014-excerpts'));
    expect(ours).toEqual(await reliabilityOf('surveys/rpa-2014.yaml'));
  });

  it("three coders with missing data: Fleiss' kappa on complete units, no Cohen's kappa", async () => {
    const ours = await reliabilityOf('fixtures/excerpts-three-coders/survey.yaml');
    expect(ours.coders).toEqual(['A', 'B', 'C']);
    compare(ours, expected('three-coders'));
    expect(ours.themes.every((t) => t.cohenKappa === null)).toBe(true);
  });

  it('flags themes by Krippendorff: most reliable, timeline tentative, beyond-money unreliable', async () => {
    const ours = await reliabilityOf('surveys/rpa-2014.yaml');
    const flags = Object.fromEntries(ours.themes.map((t) => [t.code, t.flag]));
    expect(flags.timeline).toBe('tentative');
    expect(flags['beyond-money']).toBe('unreliable');
    expect(Object.values(flags).filter((f) => f === 'reliable')).toHaveLength(12);
    expect(ours.thresholds).toEqual({ tentative: 0.667, reliable: 0.8 });
  });
});
