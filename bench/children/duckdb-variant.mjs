// @ts-check
/**
 * DuckDB's side of a benchmark variant (bench/variants.ts), as its own process: run the spec's `load`
 * statements (they fill the temp table t(segment, round, weight, themes, <questions>) from the
 * variant's file), its `extra` statements (a second file: excerpts, another coder), then the same
 * two GROUP BY queries as duckdb-tally.mjs. Writes the tally in duckdb-tally.mjs's shape.
 *
 *   node bench/children/duckdb-variant.mjs <spec.json> <out.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [specFile, out] = process.argv.slice(2);
if (specFile === undefined || out === undefined) throw new Error('usage: duckdb-variant.mjs <spec.json> <out.json>');
/** @type {{ load: string[]; questions: string[]; extra: string[] }} */
const spec = JSON.parse(readFileSync(specFile, 'utf8'));
const LEVELS = [1, 2, 3, 4, 5];

const started = performance.now();
/** @type {Record<string, number>} */
const timings = {};
let t = started;
const lap = (/** @type {string} */ name) => {
  const now = performance.now();
  timings[name] = Math.round(now - t);
  t = now;
};

const instance = await DuckDBInstance.create(':memory:', { preserve_insertion_order: 'false' });
const connection = await instance.connect();
lap('open');
for (const statement of spec.load) await connection.run(statement);
lap('load');
for (const statement of spec.extra) await connection.runAndReadAll(statement);
if (spec.extra.length > 0) lap('extra');

const likertColumns = spec.questions
  .map(
    (q) =>
      `, ${LEVELS.map((l) => `count_if(${q} = ${l})`).join(', ')}, count_if(${q} IS NULL), coalesce(sum(${q}), 0)::DOUBLE, ` +
      `coalesce(sum(weight) FILTER (${q} IS NOT NULL), 0), coalesce(sum(weight * ${q}), 0)`,
  )
  .join('\n ');
const first = await connection.runAndReadAll(`SELECT segment, round, count(*), sum(weight)\n ${likertColumns}\nFROM t GROUP BY ALL`);
lap('respondents+likert');
const second = await connection.runAndReadAll(
  `SELECT segment, round, code, count(*), sum(weight)
   FROM (SELECT segment, round, weight, unnest(string_split(themes, ';')) AS code FROM t) WHERE code <> '' GROUP BY ALL`,
);
lap('mentions');

/** @type {import('../figures.ts').DuckdbTally} */
const tally = { respondents: [], mentions: [], likert: [], timings };
const per = LEVELS.length + 4;
for (const row of first.getRowsJS()) {
  const [segment, round, n, sumW] = row;
  tally.respondents.push([String(segment), String(round), Number(n), Number(sumW)]);
  spec.questions.forEach((q, i) => {
    const cells = row.slice(4 + i * per, 4 + (i + 1) * per).map(Number);
    tally.likert.push([
      String(segment),
      String(round),
      q,
      cells.slice(0, LEVELS.length),
      cells[LEVELS.length],
      cells[LEVELS.length + 1],
      cells[LEVELS.length + 2],
      cells[LEVELS.length + 3],
    ]);
  });
}
for (const row of second.getRowsJS()) {
  const [segment, round, code, n, sumW] = row;
  tally.mentions.push([String(segment), String(round), String(code), Number(n), Number(sumW)]);
}
connection.closeSync();
instance.closeSync();
lap('close');
writeFileSync(out, JSON.stringify(tally));
process.stdout.write(`${JSON.stringify({ workMs: Math.round(performance.now() - started), timings })}\n`);
