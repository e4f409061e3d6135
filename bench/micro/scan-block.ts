/**
 * Micro-benchmark of the fast reader's scanner alone (no threads, no tally): BlockScanner.scan over
 * the 1M-row bench file in 1 MiB blocks, repeated. For working on scan-block.ts:
 *   npx esbuild bench/micro/scan-block.ts --bundle --platform=node --format=esm --packages=external --outfile=/tmp/scan-micro.mjs && node /tmp/scan-micro.mjs bench/data/bench-1m.csv
 */
import { readFileSync } from 'node:fs';
import { BlockScanner, FAST } from '../../src/ingest/fast/scan-block.ts';

const file = process.argv[2] ?? 'bench/data/bench-1m.csv';
const raw = readFileSync(file);
const data = process.env.SAB ? Buffer.from(new SharedArrayBuffer(raw.length)) : raw;
if (process.env.SAB) raw.copy(data);
const headerEnd = data.indexOf(10) + 1;
const plan = {
  delimiter: 44,
  width: 11,
  id: 0,
  segment: 1,
  weight: 3,
  themes: 4,
  questions: [5, 6, 7, 8, 9],
  headerFirst: 'id',
  separator: ';',
  codes: JSON.parse(process.env.CODES ?? '[]') as [string, number][],
  rollup: [] as number[][],
  spaceSize: 0,
  segments: ['funder', 'nonprofit', 'public-agency', 'business', 'resident'],
  levels: ['q1', 'q2', 'q3', 'q4', 'q5'].map((id) => ({ id, levels: [1, 2, 3, 4, 5] })),
  maxFieldChars: 1 << 20,
  cellChecks: [] as { rule: number; column: number }[],
  themeColumns: null,
  finished: null,
  windows1252: false,
};
const codebook = readFileSync(file.replace(/[^/]*$/, 'codebook.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(',')[0]!);
plan.codes = codebook.map((c, i) => [c, i]);
plan.rollup = codebook.map((_, i) => [i]);
plan.spaceSize = codebook.length;
for (let rep = 0; rep < 4; rep++) {
  const scanner = new BlockScanner(plan);
  const t = performance.now();
  let rows = 0;
  let fast = 0;
  let pos = headerEnd;
  while (pos < data.length) {
    const end = Math.min(data.length, pos + (1 << 20));
    const block = data.subarray(pos, end);
    const scan = scanner.scan(block, block.length, end === data.length);
    rows += scan.rows;
    for (let r = 0; r < scan.rows; r++) if (scan.kind[r] === FAST) fast++;
    pos += scan.stop;
  }
  console.log(`${(performance.now() - t).toFixed(0)} ms, ${rows} rows, ${fast} fast`);
}
