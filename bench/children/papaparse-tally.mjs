// @ts-check
/**
 * A reference streaming tally with papaparse, single-threaded, written the way issue 8 item 3
 * proposes: the file streamed as UTF-8 text into Papa.parse with the `chunk` callback, header:false
 * and columns mapped by index, segment/round/codes interned to small integers, counts in typed
 * arrays, nothing kept per row. It computes the same figures as the DuckDB child (grouped by
 * segment × round) and writes them in the same shape, so the benchmark checks it too. It does not
 * validate rows, keep ids or co-occurrence, or hash the file: it shows what papaparse itself costs. The tally is tally-core.mjs.
 *
 *   node bench/children/papaparse-tally.mjs <data.csv> <out.json>
 *   node bench/children/papaparse-tally.mjs <data.csv> --parse-only
 */
import { createReadStream, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { createTally } from './tally-core.mjs';

const [file, out] = process.argv.slice(2);
if (file === undefined || out === undefined) throw new Error('usage: papaparse-tally.mjs <data.csv> <out.json | --parse-only>');
const parseOnly = out === '--parse-only';
const started = performance.now();

/** @type {ReturnType<typeof createTally> | null} */
let tally = null;
let rows = 0;

/** @param {string[][]} data */
const onRows = (data) => {
  let from = 0;
  if (tally === null) {
    tally = createTally(/** @type {string[]} */ (data[0]).map((h) => h.trim()));
    from = 1;
  }
  if (parseOnly) rows += data.length - from;
  else tally.add(data, from);
};

await new Promise((resolve, reject) => {
  Papa.parse(createReadStream(file, { encoding: 'utf8' }), {
    header: false,
    skipEmptyLines: false,
    chunk: (results) => onRows(/** @type {string[][]} */ (results.data)),
    complete: () => resolve(undefined),
    error: (/** @type {Error} */ error) => reject(error),
  });
});

if (!parseOnly && tally !== null) {
  rows = /** @type {ReturnType<typeof createTally>} */ (tally).rows;
  writeFileSync(out, JSON.stringify(/** @type {ReturnType<typeof createTally>} */ (tally).result()));
}
process.stdout.write(`${JSON.stringify({ workMs: Math.round(performance.now() - started), rows })}\n`);
