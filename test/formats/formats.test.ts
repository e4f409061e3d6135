/**
 * Every export in fixtures/formats/ holds the same study as the clean twin (clean.csv) and must give
 * exactly its tallies: themes, segments, closed questions and base. Then what is particular to each
 * platform: unfinished responses counted in the ledger, columns by ImportId, a sheet's formatted
 * text, encodings detected or chosen.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { readXlsx } from '../../src/ingest/formats/read-xlsx.ts';
import { repoRoot } from '../helpers/run-cli.ts';

const folder = path.join(repoRoot, 'fixtures', 'formats');

async function analyze(config: string, cwd = repoRoot) {
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound(config, cwd, { report: (d) => void diagnostics.push(d) });
  return { analysis, diagnostics };
}

function tallies(results: Results) {
  return { themes: results.themes, segments: results.segments, questions: results.questions, base: results.base, cooccurrence: results.cooccurrence };
}

/** A config beside the fixtures with extra data keys (written to a temporary folder, paths absolute). */
function variant(base: string, data: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-formats-'));
  const file = path.join(dir, 'survey.yaml');
  const text = (base as string)
    .replace(/^(\s+path: )(.*)$/m, (_, lead: string, p: string) => `${lead}${path.join(folder, p)}`)
    .replace('codebook: codebook.csv', `codebook: ${path.join(folder, 'codebook.csv')}`);
  writeFileSync(file, text.replace(/^data:\n/m, `data:\n${data}`));
  return file;
}

const configs = readdirSync(folder)
  .filter((f) => f.endsWith('.yaml') && f !== 'clean.yaml')
  .sort();

describe("each platform export gives the clean twin's tallies", async () => {
  const twin = await analyze('fixtures/formats/clean.yaml');
  it('the twin reads cleanly', () => {
    expect(twin.diagnostics).toEqual([]);
    expect('stopped' in twin.analysis).toBe(false);
  });
  it.each(configs)('%s', async (config) => {
    const { analysis, diagnostics } = await analyze(`fixtures/formats/${config}`);
    expect(diagnostics.filter((d) => d.code !== 'FND312')).toEqual([]);
    if ('stopped' in analysis || 'stopped' in twin.analysis) throw new Error('stopped');
    expect(tallies(analysis.results)).toEqual(tallies(twin.analysis.results));
    const { ledger } = analysis.results;
    expect(ledger.rowsRead).toBe(ledger.rowsUsed + ledger.rowsRejected);
  });
});

describe('Qualtrics', () => {
  it('leaves the unfinished response out, counted as rejected with a warning', async () => {
    const { analysis, diagnostics } = await analyze('fixtures/formats/qualtrics.yaml');
    if ('stopped' in analysis) throw new Error('stopped');
    expect(analysis.results.ledger).toMatchObject({ rowsRead: 13, rowsUsed: 12, rowsRejected: 1 });
    expect(analysis.results.ledger.rejected[0]).toMatchObject({ code: 'FND312', line: 10 });
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['10:75 FND312']);
  });

  it('keeps it with data.includeUnfinished: true', async () => {
    const base = readFileSyncUtf8(path.join(folder, 'qualtrics.yaml'));
    const { analysis, diagnostics } = await analyze(variant(base, '  includeUnfinished: true\n'));
    if ('stopped' in analysis) throw new Error(JSON.stringify(diagnostics));
    expect(analysis.results.ledger).toMatchObject({ rowsRead: 13, rowsUsed: 13, rowsRejected: 0 });
    expect(analysis.results.base.respondents).toBe(13);
  });

  it('names a column missing by export tag or ImportId with the nearest one', async () => {
    const base = readFileSyncUtf8(path.join(folder, 'qualtrics.yaml')).replace('QID2', 'QID3');
    const { analysis, diagnostics } = await analyze(variant(base, ''));
    expect('stopped' in analysis).toBe(true);
    expect(diagnostics.map((d) => d.code)).toEqual(['FND008']);
  });
});

describe('Excel workbooks', () => {
  it('gives each cell as the sheet shows it: a formatted number and a date', () => {
    const rows: string[][] = [];
    let header: string[] = [];
    const read = readXlsx(
      path.join(folder, 'workbook.xlsx'),
      'Responses',
      (h) => (header = h.cells),
      (b) => rows.push(...b.rows),
    );
    expect(read.ok).toBe(true);
    expect(header.slice(0, 4)).toEqual(['id', 'segment', 'weight', 'interviewed']);
    expect(rows[0]!.slice(0, 4)).toEqual(['R01', 'funder', '1.20', '2024-03-04']);
  });

  it('reports a sheet that is not there at data.sheet, with the sheets it has', async () => {
    const base = readFileSyncUtf8(path.join(folder, 'workbook.yaml')).replace('sheet: Responses', 'sheet: Answers');
    const { analysis, diagnostics } = await analyze(variant(base, ''));
    expect(analysis).toEqual({ stopped: 'config' });
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('no sheet named "Answers" (its sheets: "Notes", "Responses")')]);
  });
});

describe('encodings', () => {
  it('detects Windows-1252 when the config does not say, with a warning naming the first byte', async () => {
    const base = readFileSyncUtf8(path.join(folder, 'windows-1252.yaml')).replace('  encoding: windows-1252\n', '');
    const { analysis, diagnostics } = await analyze(variant(base, ''));
    if ('stopped' in analysis) throw new Error('stopped');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['FND313', 2, 22]]);
    expect(diagnostics[0]!.message).toContain('byte offset 71 is 0xFC');
  });

  it('gives a positioned error with the byte offset when the file is not valid in the chosen encoding', async () => {
    const base = readFileSyncUtf8(path.join(folder, 'windows-1252.yaml')).replace('encoding: windows-1252', 'encoding: utf-8');
    const { analysis, diagnostics } = await analyze(variant(base, ''));
    if ('stopped' in analysis) throw new Error('stopped');
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBe(12); // one per row with an accented name: every row is rejected, none read as mojibake
    expect(errors.every((d) => d.code === 'FND213')).toBe(true);
    expect(errors[0]).toMatchObject({ line: 2, column: 22, message: expect.stringContaining('byte offset 71') });
    expect(analysis.results.ledger.rowsUsed).toBe(0);
  });
});

import { readFileSync } from 'node:fs';
function readFileSyncUtf8(file: string): string {
  return readFileSync(file, 'utf8');
}
