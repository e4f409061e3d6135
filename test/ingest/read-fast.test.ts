/**
 * The fast reader's plumbing: which files it takes, its progress reports, and the CLI flags that
 * choose threads and reader. (That it gives the ordinary reader's results, row for row, is
 * test/property/fast-reader.test.ts.)
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRound, type ReadOptions } from '../../src/pipeline.ts';
import { runCli } from '../helpers/run-cli.ts';
import { CODEBOOK } from '../helpers/temp-study.ts';

const codes = ['questions', 'structure', 'role', 'benefit', 'continue'];

/** A study of `rows` respondents with quoted comments holding commas, quotes and newlines. */
function study(rows: number, config = ''): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-fast-'));
  const lines = ['id,segment,weight,themes,q1,comment'];
  for (let i = 0; i < rows; i++) {
    const themes = [codes[i % 5], codes[(i * 7) % 5]].filter((c, k, all) => all.indexOf(c) === k).join(';');
    lines.push(`R${i},${['funder', 'nonprofit', 'agency'][i % 3]},${1 + (i % 4) / 4},${themes},${1 + (i % 5)},"a, ""b""${i % 9 === 0 ? '\nc' : ''}"`);
  }
  writeFileSync(path.join(dir, 'data.csv'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(dir, 'codebook.csv'), CODEBOOK);
  writeFileSync(
    path.join(dir, 'survey.yaml'),
    `id: fast\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, weight: weight, themes: themes }\nquestions:\n  - { id: q1, column: q1, levels: [1, 2, 3, 4, 5] }\n${config}`,
  );
  return dir;
}

async function analyze(dir: string, options: ReadOptions) {
  const analysis = await analyzeRound('survey.yaml', dir, { report: () => {} }, options);
  if ('stopped' in analysis) throw new Error('stopped');
  return analysis.results;
}

describe('the fast reader', () => {
  it('reports progress after each block: bytes rising to the file size, rows to the rows read', async () => {
    const dir = study(3000);
    const size = statSync(path.join(dir, 'data.csv')).size;
    for (const threads of [1, 2]) {
      const calls: { file: string; bytes: number; totalBytes: number; rows: number }[] = [];
      const results = await analyze(dir, { threads, blockSize: 4096, minParallelBytes: 0, onProgress: (p) => calls.push(p) });
      expect(calls.length).toBeGreaterThan(10);
      for (let i = 1; i < calls.length; i++) {
        expect(calls[i]!.bytes).toBeGreaterThan(calls[i - 1]!.bytes);
        expect(calls[i]!.rows).toBeGreaterThanOrEqual(calls[i - 1]!.rows);
      }
      expect(calls.at(-1)).toEqual({ file: 'data.csv', bytes: size, totalBytes: size, rows: 3000 });
      expect(results.ledger.rowsUsed).toBe(3000);
    }
  });

  it('hands a file that is not UTF-8 to the ordinary reader, which reports progress too', async () => {
    const dir = study(50);
    const utf8 = readFileSync(path.join(dir, 'data.csv'));
    const file = Buffer.concat([utf8, Buffer.from('R999,funder,1,role,2,"caf\xe9"\n', 'latin1')]);
    writeFileSync(path.join(dir, 'data.csv'), file);
    const calls: { bytes: number; totalBytes: number; rows: number }[] = [];
    const results = await analyze(dir, { onProgress: (p) => calls.push(p) });
    // Read as Windows-1252 (warning FND313) by the ordinary reader.
    expect(calls.at(-1)).toMatchObject({ bytes: file.length, totalBytes: file.length, rows: 51 });
    expect(results.ledger.rowsUsed).toBe(51);
    expect(results.warnings.map((w) => w.code)).toContain('FND313');
  });

  // The file is under 8 MiB, so no worker starts here: this is the flags' plumbing. That workers give
  // the same results is test/property/fast-reader.test.ts.
  it('accepts --threads 1, --threads 2 and --reader papaparse, and gives the same results.json with each', async () => {
    const dir = study(2500);
    const outputs: string[] = [];
    for (const flags of [[], ['--threads', '1'], ['--threads', '2'], ['--reader', 'papaparse']]) {
      const out = path.join(dir, `out-${outputs.length}`);
      const { exit } = await runCli(['run', 'survey.yaml', '--out', out, '--quiet', ...flags], dir);
      expect(exit).toBe(0);
      outputs.push(readFileSync(path.join(out, 'results.json'), 'utf8'));
    }
    expect(new Set(outputs).size).toBe(1);
    expect(JSON.parse(outputs[0]!).ledger.rowsUsed).toBe(2500);
  });

  it('rejects --reader with an unknown value as a usage error', async () => {
    const dir = study(5);
    const { exit, stderr } = await runCli(['check', 'survey.yaml', '--reader', 'duckdb'], dir);
    expect(exit).toBe(2);
    expect(stderr).toMatch(/reader/);
  });
});
