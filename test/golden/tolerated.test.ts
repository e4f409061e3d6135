/**
 * Inputs that look damaged but are read as intended, without any diagnostic: mixed CRLF/LF line
 * endings, white space around codes, a UTF-8 byte order mark with every field quoted, UTF-16 LE
 * with a byte order mark (Excel's "Unicode text"), and leading, doubled and trailing separators in
 * a themes cell. Each gives exactly the tallies of the clean fixtures/small.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot } from '../helpers/run-cli.ts';

async function figures(fixture: string) {
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound(`fixtures/${fixture}/survey.yaml`, repoRoot, { report: (d) => void diagnostics.push(d) });
  if ('stopped' in analysis) throw new Error(JSON.stringify(diagnostics));
  const r: Results = analysis.results;
  return { diagnostics, tallies: JSON.stringify({ base: r.base, segments: r.segments, themes: r.themes, questions: r.questions, cooccurrence: r.cooccurrence }), ledger: r.ledger };
}

const folders = readdirSync(path.join(repoRoot, 'fixtures')).filter((d) => d.startsWith('tolerated-')).sort();

describe('tolerated inputs', async () => {
  const clean = await figures('small');
  it('exist', () => expect(folders.length).toBeGreaterThanOrEqual(5));
  for (const folder of folders) {
    it(`${folder} reads cleanly with the tallies of fixtures/small`, async () => {
      const { diagnostics, tallies, ledger } = await figures(folder);
      expect(diagnostics).toEqual([]);
      expect(ledger.rowsRead).toBe(clean.ledger.rowsRead);
      expect(tallies).toBe(clean.tallies);
    });
  }
});
