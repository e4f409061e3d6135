// @ts-check
/**
 * The floor of the benchmark: read the file's bytes in Node, in 64 KiB chunks as findings does,
 * without decoding or parsing them. Prints {workMs, bytes} as one JSON line.
 *
 *   node bench/children/floor.mjs <data.csv>
 */
import { createReadStream } from 'node:fs';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: floor.mjs <data.csv>');
const started = performance.now();
let bytes = 0;
for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) bytes += chunk.length;
process.stdout.write(`${JSON.stringify({ workMs: Math.round(performance.now() - started), bytes })}\n`);
