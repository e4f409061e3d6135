/**
 * results.change of surveys/rpa-2015.yaml against R: the 2014 round mapped onto the 2015 codebook
 * and every theme compared with prop.test(c(x2, x1), c(n2, n1), correct = FALSE), BH-adjusted,
 * overall and per segment (test/golden/r/rpa-2015-change.R). Within 1e-9 relative, as issue #4 asks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ChangeFigure, Diagnostic, QuestionChange } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot } from '../helpers/run-cli.ts';

const expected = Papa.parse<{ key: string; value: string }>(readFileSync(path.join(repoRoot, 'test/golden/r/rpa-2015-change-expected.csv'), 'utf8'), {
  header: true,
  skipEmptyLines: true,
}).data;

describe('change since 2014 (surveys/rpa-2015.yaml) matches R', async () => {
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound('surveys/rpa-2015.yaml', repoRoot, { report: (d) => void diagnostics.push(d) });
  if ('stopped' in analysis) throw new Error(JSON.stringify(diagnostics));
  const change = analysis.results.change!;

  it('runs without diagnostics and names the previous round and the codebook changes', () => {
    expect(diagnostics).toEqual([]);
    expect(change.previous).toBe('rpa-2014');
    expect(change.codebook.map((c) => c.note)).toEqual([
      // Issue 17: by the themes' labels, never their codes (fixtures/rpa/codebook.csv and codebook-2015.csv).
      '“Focus on federal dollars” kept its name under a new code in round 2015; compared as one theme',
      '“More than "winning money"” and “Emphasize community benefit” merged into “Emphasize community benefit”; its figure for round 2014 counts a respondent who mentioned any of them, so it can differ from the round 2014 report',
      '“Annual summit” added in round 2015',
    ]);
    expect(expected.length).toBeGreaterThan(400);
  });

  for (const { key, value } of expected) {
    it(key, () => {
      const parts = key.split('/');
      let figure: ChangeFigure | QuestionChange;
      let rest: string[];
      if (parts[0] === 'question') {
        figure = change.questions!.find((q) => q.id === parts[1])!;
        rest = parts.slice(2);
      } else if (parts[0] === 'theme') {
        figure = change.themes.find((t) => t.code === parts[1])!;
        rest = parts.slice(2);
      } else {
        figure = change.themes.find((t) => t.code === parts[2])!.bySegment.find((s) => s.segment === parts[1])!;
        rest = parts.slice(3);
      }
      let actual: unknown = figure;
      for (const part of rest) actual = (actual as Record<string, unknown>)[part];
      if (value === 'null') return expect(actual).toBeNull();
      const want = Number(value);
      // 0, or R's rounding noise about 0 (a design SE of a domain where everyone mentions the theme: 4.7e-17).
      if (Math.abs(want) < 1e-12) return expect(Math.abs(actual as number)).toBeLessThan(1e-12);
      expect(Math.abs((actual as number) - want) / Math.abs(want), `${key}: ours ${actual}, R ${want}`).toBeLessThan(1e-9);
    });
  }
});
