// @ts-check
/**
 * A reference for issue 8 item 3: the papaparse reference tally (papaparse-tally.mjs) run on worker
 * threads over byte ranges of the file, with the partial tallies merged. Split points are moved to
 * the next row boundary outside quotes: a quote-parity pass (Buffer.indexOf of '"', memchr speed)
 * over the bytes before each split tells whether a newline there is inside a quoted field. Each
 * worker streams its range (createReadStream start/end, UTF-8: ranges begin just after '\n', so no
 * character is cut), parses it with Papa.parse in chunk mode and tallies it (tally-core.mjs); the main thread adds
 * the partial tallies up. Writes the same JSON shape as the DuckDB child, so the benchmark checks it.
 *
 *   node bench/children/papaparse-parallel.mjs <data.csv> <out.json> [workers=2]
 */
import { closeSync, openSync, readSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import Papa from 'papaparse';
import { createTally, mergeTallies } from './tally-core.mjs';

if (isMainThread) {
  const [file, out, workersArg] = process.argv.slice(2);
  if (file === undefined || out === undefined) throw new Error('usage: papaparse-parallel.mjs <data.csv> <out.json> [workers]');
  const started = performance.now();
  const workers = Number(workersArg ?? 2);
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  // Header: the first line (assumed unquoted here), and where the data starts.
  const head = Buffer.alloc(64 * 1024);
  readSync(fd, head, 0, head.length, 0);
  const headerEnd = head.indexOf(10) + 1;
  const header = head.subarray(0, headerEnd).toString('utf8').trim().split(',');
  // Quote parity up to each target split; then the first '\n' outside quotes at or after it.
  const targets = Array.from({ length: workers - 1 }, (_, i) => Math.floor((size * (i + 1)) / workers));
  const splits = [headerEnd];
  const block = Buffer.alloc(4 * 1024 * 1024);
  let quotes = 0;
  let pos = headerEnd;
  const t0 = performance.now();
  for (const target of targets) {
    let found = -1;
    while (found === -1 && pos < size) {
      const n = readSync(fd, block, 0, block.length, pos);
      if (n === 0) break;
      let i = 0;
      // Count quotes up to the target, then look for a newline with an even count before it.
      for (;;) {
        const q = block.indexOf(34, i);
        const limit = q === -1 || q >= n ? n : q;
        if (pos + limit >= target && quotes % 2 === 0) {
          const from = Math.max(i, target - pos);
          const nl = block.indexOf(10, from);
          if (nl !== -1 && nl < limit) {
            found = pos + nl + 1;
            break;
          }
        }
        if (limit === n) break;
        quotes++;
        i = q + 1;
      }
      if (found === -1) pos += n;
      else pos = found;
    }
    splits.push(found === -1 ? size : found);
  }
  closeSync(fd);
  const splitMs = performance.now() - t0;
  splits.push(size);

  const parts = await Promise.all(
    splits.slice(0, -1).map(
      (start, i) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { file, start, end: splits[i + 1], header } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const list = /** @type {{rows: number, tally: import('../figures.ts').DuckdbTally}[]} */ (parts);
  const rows = list.reduce((a, p) => a + p.rows, 0);
  const tally = mergeTallies(list.map((p) => p.tally));
  tally.timings = { split: Math.round(splitMs) };
  writeFileSync(out, JSON.stringify(tally));
  process.stdout.write(`${JSON.stringify({ workMs: Math.round(performance.now() - started), rows, splitMs: Math.round(splitMs), splits })}\n`);
} else {
  const { file, start, end, header } = /** @type {{file: string, start: number, end: number, header: string[]}} */ (workerData);
  const tally = createTally(header);
  Papa.parse(createReadStream(file, { encoding: 'utf8', start, end: end - 1 }), {
    header: false,
    chunk: (results) => tally.add(/** @type {string[][]} */ (results.data)),
    complete: () => parentPort?.postMessage({ rows: tally.rows, tally: tally.result() }),
  });
}
