// @ts-check
/**
 * The DuckDB side of the benchmark, run as its own process so its memory is measured alone:
 * read the CSV once into a temporary table (only the columns the tally needs), then two GROUP BY
 * queries over segment × round: respondents, Σw and the Likert counts, Σy, Σw, Σw·y per item in one;
 * mentions and Σw per theme code (string_split + unnest) in the other.
 *
 *   node bench/children/duckdb-tally.mjs <data.csv> <out.json>
 *
 * The mentions query counts every code in a cell; findings counts a code once per respondent. The
 * generated data never repeats a code in a cell, so they agree, and the comparison would say so if
 * they did not (list_distinct would make DuckDB pay ~0.2 s at 1M rows for a case that never occurs).
 */
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [csv, out] = process.argv.slice(2);
if (csv === undefined || out === undefined) throw new Error('usage: duckdb-tally.mjs <data.csv> <out.json>');
const QUESTIONS = ['q1', 'q2', 'q3', 'q4', 'q5'];
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

const columns = `{'id': 'VARCHAR', 'segment': 'VARCHAR', 'round': 'VARCHAR', 'weight': 'DOUBLE', 'themes': 'VARCHAR', ${QUESTIONS.map((q) => `'${q}': 'INTEGER'`).join(', ')}, 'comment': 'VARCHAR'}`;
await connection.run(
  `CREATE TEMP TABLE t AS SELECT segment, round, weight, themes, ${QUESTIONS.join(', ')}
   FROM read_csv('${csv.replace(/'/g, "''")}', header = true, delim = ',', quote = '"', escape = '"', columns = ${columns})`,
);
lap('load');

const likertColumns = QUESTIONS.map(
  (q) =>
    `${LEVELS.map((l) => `count_if(${q} = ${l})`).join(', ')}, count_if(${q} IS NULL), coalesce(sum(${q}), 0)::DOUBLE, ` +
    `coalesce(sum(weight) FILTER (${q} IS NOT NULL), 0), coalesce(sum(weight * ${q}), 0)`,
).join(',\n ');
const first = await connection.runAndReadAll(`SELECT segment, round, count(*), sum(weight),\n ${likertColumns}\nFROM t GROUP BY ALL`);
lap('respondents+likert');
const second = await connection.runAndReadAll(
  `SELECT segment, round, code, count(*), sum(weight)
   FROM (SELECT segment, round, weight, unnest(string_split(themes, ';')) AS code FROM t) GROUP BY ALL`,
);
lap('mentions');

/** @type {import('../figures.ts').DuckdbTally} */
const tally = { respondents: [], mentions: [], likert: [], timings };
const per = LEVELS.length + 4;
for (const row of first.getRowsJS()) {
  const [segment, round, n, sumW] = row;
  tally.respondents.push([String(segment), String(round), Number(n), Number(sumW)]);
  QUESTIONS.forEach((q, i) => {
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
