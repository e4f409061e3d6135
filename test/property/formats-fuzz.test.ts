/**
 * Fuzzing the platform readers (fast-check, fixed seeds; `FUZZ_RUNS` runs more): arbitrary bytes after
 * each platform's real header rows, and arbitrary bytes as a workbook, never make ingest throw, and
 * every row read is used or rejected (unfinished responses included).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot } from '../helpers/run-cli.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 0);
const numRuns = (n: number) => (runs > 0 ? runs : n);
const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-formats-fuzz-'));
const folder = path.join(repoRoot, 'fixtures', 'formats');
writeFileSync(path.join(dir, 'codebook.csv'), readFileSync(path.join(folder, 'codebook.csv')));

/** Each platform fixture's config, and its header rows (the lines before the first response). */
const PLATFORMS: [string, string, number][] = [
  ['qualtrics.yaml', 'qualtrics.csv', 3],
  ['qualtrics-legacy.yaml', 'qualtrics-legacy.csv', 2],
  ['surveymonkey.yaml', 'surveymonkey.csv', 2],
  ['kobo-details.yaml', 'kobo-details.csv', 1],
  ['limesurvey.yaml', 'limesurvey.csv', 1],
];
let counter = 0;

describe('platform readers under fuzzing', () => {
  it.each(PLATFORMS)('%s: arbitrary bytes after the header rows', async (config, data, headerRows) => {
    const text = readFileSync(path.join(folder, config), 'utf8');
    const bytes = readFileSync(path.join(folder, data));
    let end = 0;
    for (let k = 0; k < headerRows; k++) end = bytes.indexOf(0x0a, end) + 1;
    const header = bytes.subarray(0, end);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 500 }), async (tail) => {
        const name = `p${counter++}`;
        writeFileSync(path.join(dir, `${name}.csv`), Buffer.concat([header, Buffer.from(tail)]));
        writeFileSync(path.join(dir, `${name}.yaml`), text.replace(/^(\s+path: ).*$/m, `$1${name}.csv`));
        const analysis = await analyzeRound(path.join(dir, `${name}.yaml`), dir, { report: () => {} });
        if (!('stopped' in analysis)) {
          const { ledger } = analysis.results;
          expect(ledger.rowsRead).toBe(ledger.rowsUsed + ledger.rowsRejected);
        }
      }),
      { seed: 6100 + PLATFORMS.findIndex((p) => p[0] === config), numRuns: numRuns(40) },
    );
  });

  it('arbitrary bytes, or a damaged zip, as a workbook', async () => {
    const text = readFileSync(path.join(folder, 'workbook.yaml'), 'utf8');
    const workbook = readFileSync(path.join(folder, 'workbook.xlsx'));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: workbook.length - 1 }), async (junk, at) => {
        for (const bytes of [Buffer.from(junk), Buffer.concat([workbook.subarray(0, at), Buffer.from(junk), workbook.subarray(at + junk.length)])]) {
          const name = `x${counter++}`;
          writeFileSync(path.join(dir, `${name}.xlsx`), bytes);
          writeFileSync(path.join(dir, `${name}.yaml`), text.replace(/^(\s+path: ).*$/m, `$1${name}.xlsx`));
          const analysis = await analyzeRound(path.join(dir, `${name}.yaml`), dir, { report: () => {} });
          if (!('stopped' in analysis)) expect(analysis.results.ledger.rowsRead).toBe(analysis.results.ledger.rowsUsed + analysis.results.ledger.rowsRejected);
        }
      }),
      { seed: 6200, numRuns: numRuns(30) },
    );
  });
});
