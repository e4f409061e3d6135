/**
 * The benchmark's other paths (issue 19): the same generated respondents (generate.ts's one stream)
 * written in every layout findings reads, each with a findings config and the SQL that has DuckDB do
 * the same tally on the same file. bench/run.ts measures each against DuckDB, interleaved.
 *
 *   qualtrics      three header rows, every field quoted, CRLF, a BOM; themes as one numeric column per code
 *   surveymonkey   question row then option row; a ticked choice column holds the choice label
 *   kobo           ";" delimited, group/question names, themes as one space-separated cell
 *   limesurvey     topics[code] columns holding "Y"
 *   one-hot        a plain CSV with one theme_<code> column per code (1 or blank)
 *   windows-1252   the plain CSV with accented text, in Windows-1252
 *   utf-16         the plain CSV in UTF-16 LE with a byte order mark
 *   excerpts       one excerpt per row (id, segment, weight, code, text): `rows` excerpts
 *   quotes         the plain CSV plus data.excerpts: one excerpt per respondent
 *   coders         the plain CSV plus a second coder's file (reliability:)
 *   xlsx           rows/10 rows as an Excel workbook, and the same rows as a plain CSV
 *   codes          rows/10 rows, 1,000 codes and 500 segments (`run`)
 *   ratings        rows rows, 50 rating questions (`run`)
 *   trend          5 rounds of `rows` rows (`trend`)
 *
 * Files go to bench/data/variants-<size>/ (git-ignored) and are written once: a file whose marker
 * (.done, holding GENERATOR_VERSION) is present is kept.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { CODES, ChunkedWriter, generateRows, QUESTIONS, SEGMENTS, seedFor, sizeLabel, writeCodebook, type BenchRow } from './generate.ts';

const VARIANTS_VERSION = 1;

export type VariantName =
  | 'qualtrics'
  | 'surveymonkey'
  | 'kobo'
  | 'limesurvey'
  | 'one-hot'
  | 'windows-1252'
  | 'utf-16'
  | 'excerpts'
  | 'quotes'
  | 'coders'
  | 'xlsx'
  | 'codes'
  | 'ratings'
  | 'trend';

export const VARIANT_NAMES: readonly VariantName[] = [
  'qualtrics',
  'surveymonkey',
  'kobo',
  'limesurvey',
  'one-hot',
  'windows-1252',
  'utf-16',
  'excerpts',
  'quotes',
  'coders',
  'xlsx',
  'codes',
  'ratings',
  'trend',
];

/** What DuckDB runs: `load` fills the temp table t(segment, round, weight, themes, <questions>); `extra` is run and timed too. */
interface DuckdbSpec {
  load: string[];
  questions: string[];
  extra: string[];
}

export interface Variant {
  name: VariantName;
  /** The row's label in the table. */
  label: string;
  /** Rows (or excerpts) in the file findings reads. */
  rows: number;
  bytes: number;
  /** findings' arguments after bin/findings.js, without --out. */
  command: 'check' | 'run' | 'trend';
  configs: string[];
  duckdb: DuckdbSpec;
  /** Figure kinds compared with DuckDB (figures.ts), or null when the output is not a round's results.json. */
  compare: string[] | null;
  /** The same rows as a plain CSV, for the xlsx row's "× the CSV" (null otherwise). */
  csvTwin: string | null;
}

const LIKERT = 'levels: [1, 2, 3, 4, 5], labels: [Strongly disagree, Disagree, Neither, Agree, Strongly agree]';
const quoteCsv = (value: string) => `"${value.replaceAll('"', '""')}"`;
const sql = (file: string) => `'${file.replaceAll("'", "''")}'`;
const label = (code: string) => code.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
/** The comment as a cell value (generate.ts writes it already doubled, inside quotes). */
const commentText = (r: BenchRow) => r.comment.replaceAll('""', '"');

function segmentsYaml(): string {
  return `segments:\n${SEGMENTS.map((s) => `  - { id: ${s.id}, label: ${s.label}, plural: ${s.plural} }`).join('\n')}`;
}
function questionsYaml(column: (q: string) => string): string {
  return `questions:\n${QUESTIONS.map((q) => `  - { id: ${q.id}, column: ${JSON.stringify(column(q.id))}, label: ${q.label}, ${LIKERT} }`).join('\n')}`;
}
const QS: string[] = QUESTIONS.map((q) => q.id);
/** DuckDB's columns= for a list of [name, type]. */
const columnsSql = (cols: [string, string][]) => `{${cols.map(([n, t]) => `'${n.replaceAll("'", "''")}': '${t}'`).join(', ')}}`;
const themesFromTicks = (column: (code: string) => string, ticked: string) =>
  `concat_ws(';', ${CODES.map((c) => `CASE WHEN ${column(c)} = '${ticked}' THEN '${c}' END`).join(', ')})`;
const baseColumns = (): [string, string][] => [
  ['id', 'VARCHAR'],
  ['segment', 'VARCHAR'],
  ['round', 'VARCHAR'],
  ['weight', 'DOUBLE'],
  ['themes', 'VARCHAR'],
  ...QS.map((q): [string, string] => [q, 'INTEGER']),
  ['comment', 'VARCHAR'],
];
const plainLoad = (file: string, options = '') =>
  `CREATE TEMP TABLE t AS SELECT segment, 'all' AS round, weight, themes, ${QS.join(', ')} FROM read_csv(${sql(file)}, header = true, delim = ',', quote = '"', escape = '"'${options}, columns = ${columnsSql(baseColumns())})`;
const ALL = ['rows', 'respondents', 'sumW', 'mentions', 'mentionsW', 'count', 'missing', 'mean', 'wmean'];
const NO_QUESTIONS = ['rows', 'respondents', 'sumW', 'mentions', 'mentionsW'];

interface Context {
  dir: string;
  rows: number;
  /** The base data set's CSV and codebook (bench/data/bench-<size>.csv). */
  baseCsv: string;
}

/** Write (once) and describe each variant asked for. */
export function prepareVariants(names: readonly VariantName[], rows: number, baseCsv: string, dataDir: string, log: (line: string) => void): Variant[] {
  const dir = path.join(dataDir, `variants-${sizeLabel(rows)}`);
  mkdirSync(dir, { recursive: true });
  writeCodebook(path.join(dir, 'codebook.csv'));
  const ctx: Context = { dir, rows, baseCsv };
  return names.map((name) => {
    const marker = path.join(dir, `${name}.done`);
    const fresh = existsSync(marker) && (JSON.parse(readFileSync(marker, 'utf8')) as { version: number }).version === VARIANTS_VERSION;
    const started = performance.now();
    if (!fresh) log(`  writing the ${name} variant (${rows} rows)…`);
    const variant = BUILDERS[name](ctx, !fresh);
    if (!fresh) {
      writeFileSync(marker, JSON.stringify({ version: VARIANTS_VERSION, bytes: variant.bytes }));
      log(`    ${(variant.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } else variant.bytes = (JSON.parse(readFileSync(marker, 'utf8')) as { bytes: number }).bytes;
    return variant;
  });
}

type Builder = (ctx: Context, write: boolean) => Variant;

/** Write a CSV of the stream through `line` (header first); returns its size. */
function writeRows(file: string, rows: number, header: string, line: (r: BenchRow) => string, encode?: (text: string) => Buffer, seed = seedFor(rows)): number {
  const out = new ChunkedWriter(file, encode);
  try {
    out.push(header);
    generateRows(rows, seed, (r) => out.push(line(r)));
  } catch (error) {
    out.close();
    throw error;
  }
  return out.close().bytes;
}

const plainLine = (r: BenchRow, comment = r.comment) =>
  `${r.id},${SEGMENTS[r.segment]!.id},${r.round},${r.weight},${r.codes.map((k) => CODES[k]!).join(';')}${r.answers.map((a) => (a === null ? ',' : `,${a}`)).join('')},"${comment}"\n`;
const plainHeader = `id,segment,round,weight,themes,${QS.join(',')},comment\n`;
const plainConfig = (id: string, dataPath: string, extra = '') => `id: ${id}
title: Benchmark variant ${id}
round: all
codebook: codebook.csv
data:
  path: ${dataPath}
  columns: { id: id, segment: segment, weight: weight, themes: themes }
  separator: ";"
${extra}${segmentsYaml()}
${questionsYaml((q) => q)}
`;

const BUILDERS: Record<VariantName, Builder> = {
  qualtrics({ dir, rows }, write) {
    const csv = path.join(dir, 'qualtrics.csv');
    const meta = ['StartDate', 'EndDate', 'Status', 'Progress', 'Duration (in seconds)', 'Finished', 'RecordedDate', 'ResponseId'];
    const tags = [...meta, 'segment', 'weight', ...QS.map((_, i) => `Q${i + 1}`), ...CODES.map((_, k) => `Q7_${k + 1}`), 'Q8'];
    const text = [...meta, 'segment', 'weight', ...QUESTIONS.map((q) => q.label), ...CODES.map((c) => `Which topics came up? - ${label(c)}`), 'Anything else?'];
    const ids = tags.map((t) => (meta.includes(t) ? t.replace(/ .*/, '') : t === 'segment' || t === 'weight' ? t : `QID${t.slice(1)}`));
    let bytes = 0;
    if (write) {
      const header = `\ufeff${[tags, text, ids.map((id) => `{"ImportId":"${id}"}`)].map((row) => row.map(quoteCsv).join(',')).join('\r\n')}\r\n`;
      bytes = writeRows(csv, rows, header, (r) => {
        const cells = [
          '2024-03-04 09:10:00',
          '2024-03-04 09:25:00',
          '0',
          '100',
          '900',
          '1',
          '2024-03-04 09:25:01',
          r.id,
          SEGMENTS[r.segment]!.id,
          r.weight,
          ...r.answers.map((a) => (a === null ? '' : String(a))),
          ...CODES.map((_, k) => (r.codes.includes(k) ? '1' : '')),
          commentText(r),
        ];
        return `${cells.map(quoteCsv).join(',')}\r\n`;
      });
    }
    const columns: [string, string][] = tags.map((t) => [
      t,
      t === 'weight' ? 'DOUBLE' : /^Q\d$/.test(t) && Number(t.slice(1)) <= QS.length ? 'INTEGER' : 'VARCHAR',
    ]);
    return {
      name: 'qualtrics',
      label: 'Qualtrics export (check)',
      rows,
      bytes,
      command: 'check',
      configs: [
        config(
          dir,
          'qualtrics',
          `id: qualtrics
title: Benchmark variant qualtrics
round: all
codebook: codebook.csv
data:
  format: qualtrics
  path: qualtrics.csv
  columns: { id: ResponseId, segment: segment, weight: weight }
  themeColumns:
    columns: { ${CODES.map((c, k) => `${c}: Q7_${k + 1}`).join(', ')} }
${segmentsYaml()}
${questionsYaml((q) => `Q${Number(q.slice(1))}`)}
`,
        ),
      ],
      duckdb: {
        load: [
          `CREATE TEMP TABLE t AS SELECT segment, 'all' AS round, weight, ${themesFromTicks((c) => `"Q7_${CODES.indexOf(c as (typeof CODES)[number]) + 1}"`, '1')} AS themes, ${QS.map((q, i) => `"Q${i + 1}" AS ${q}`).join(', ')} FROM read_csv(${sql(csv)}, header = false, skip = 3, delim = ',', quote = '"', escape = '"', columns = ${columnsSql(columns)}) WHERE "Finished" = '1'`,
        ],
        questions: QS,
        extra: [],
      },
      compare: ALL,
      csvTwin: null,
    };
  },

  surveymonkey({ dir, rows }, write) {
    const csv = path.join(dir, 'surveymonkey.csv');
    const meta = ['Respondent ID', 'Collector ID', 'Start Date', 'End Date', 'IP Address', 'Email Address', 'First Name', 'Last Name'];
    const topics = 'Which topics came up in the conversation?';
    const first = [...meta, 'segment', 'weight', ...QUESTIONS.map((q) => `${q.label}.`), topics, ...CODES.slice(1).map(() => ''), 'Anything else?'];
    const second = [...meta.map(() => ''), 'Response', 'Response', ...QUESTIONS.map(() => 'Response'), ...CODES.map(label), 'Open-Ended Response'];
    let bytes = 0;
    if (write) {
      const field = (v: string) => (/[",\n\r]/.test(v) ? quoteCsv(v) : v);
      const header = `${first.map(field).join(',')}\r\n${second.map(field).join(',')}\r\n`;
      bytes = writeRows(csv, rows, header, (r) => {
        const cells = [
          String(114520000000 + r.n),
          '431256789',
          '03/04/2024 09:10:05 AM',
          '03/04/2024 09:20:41 AM',
          '192.0.2.30',
          '',
          '',
          '',
          SEGMENTS[r.segment]!.id,
          r.weight,
          ...r.answers.map((a) => (a === null ? '' : String(a))),
          ...CODES.map((c, k) => (r.codes.includes(k) ? label(c) : '')),
          commentText(r),
        ];
        return `${cells.map(field).join(',')}\r\n`;
      });
    }
    const columns: [string, string][] = [
      ...meta.map((m): [string, string] => [m, 'VARCHAR']),
      ['segment', 'VARCHAR'],
      ['weight', 'DOUBLE'],
      ...QS.map((q): [string, string] => [q, 'INTEGER']),
      ...CODES.map((c): [string, string] => [`t_${c}`, 'VARCHAR']),
      ['comment', 'VARCHAR'],
    ];
    return {
      name: 'surveymonkey',
      label: 'SurveyMonkey export (check)',
      rows,
      bytes,
      command: 'check',
      configs: [
        config(
          dir,
          'surveymonkey',
          `id: surveymonkey
title: Benchmark variant surveymonkey
round: all
codebook: codebook.csv
data:
  format: surveymonkey
  path: surveymonkey.csv
  columns: { id: Respondent ID, segment: segment, weight: weight }
  themeColumns:
    columns:
${CODES.map((c) => `      ${c}: ${JSON.stringify(`${topics} | ${label(c)}`)}`).join('\n')}
${segmentsYaml()}
${questionsYaml((q) => `${QUESTIONS.find((x) => x.id === q)!.label}.`)}
`,
        ),
      ],
      duckdb: {
        load: [
          `CREATE TEMP TABLE t AS SELECT segment, 'all' AS round, weight, concat_ws(';', ${CODES.map((c) => `CASE WHEN "t_${c}" <> '' THEN '${c}' END`).join(', ')}) AS themes, ${QS.join(', ')} FROM read_csv(${sql(csv)}, header = false, skip = 2, delim = ',', quote = '"', escape = '"', columns = ${columnsSql(columns)})`,
        ],
        questions: QS,
        extra: [],
      },
      compare: ALL,
      csvTwin: null,
    };
  },

  kobo({ dir, rows }, write) {
    const csv = path.join(dir, 'kobo.csv');
    const names = [
      'start',
      'end',
      'intro/segment',
      'intro/weight',
      ...QS.map((q) => `q/${q}`),
      'q/topics',
      'q/comment',
      '_id',
      '_uuid',
      '_submission_time',
      '_index',
    ];
    let bytes = 0;
    if (write) {
      bytes = writeRows(csv, rows, `${names.map(quoteCsv).join(';')}\n`, (r) => {
        const cells = [
          '2024-03-04T09:10:00.000+01:00',
          '2024-03-04T09:25:00.000+01:00',
          SEGMENTS[r.segment]!.id,
          r.weight,
          ...r.answers.map((a) => (a === null ? '' : String(a))),
          r.codes.map((k) => CODES[k]!).join(' '),
          commentText(r),
          String(r.n),
          `0f8fad5b-d9cb-469f-a165-${String(r.n).padStart(12, '0')}`,
          '2024-03-04T08:26:13',
          String(r.n),
        ];
        return `${cells.map(quoteCsv).join(';')}\n`;
      });
    }
    const columns: [string, string][] = names.map((n) => [n, n === 'intro/weight' ? 'DOUBLE' : n.startsWith('q/q') ? 'INTEGER' : 'VARCHAR']);
    return {
      name: 'kobo',
      label: 'KoboToolbox export (check)',
      rows,
      bytes,
      command: 'check',
      configs: [
        config(
          dir,
          'kobo',
          `id: kobo
title: Benchmark variant kobo
round: all
codebook: codebook.csv
data:
  format: kobo
  path: kobo.csv
  columns: { id: _id, segment: segment, weight: intro/weight, themes: q/topics }
  separator: " "
${segmentsYaml()}
${questionsYaml((q) => q)}
`,
        ),
      ],
      duckdb: {
        load: [
          `CREATE TEMP TABLE t AS SELECT "intro/segment" AS segment, 'all' AS round, "intro/weight" AS weight, replace("q/topics", ' ', ';') AS themes, ${QS.map((q) => `"q/${q}" AS ${q}`).join(', ')} FROM read_csv(${sql(csv)}, header = true, delim = ';', quote = '"', escape = '"', columns = ${columnsSql(columns)})`,
        ],
        questions: QS,
        extra: [],
      },
      compare: ALL,
      csvTwin: null,
    };
  },

  limesurvey({ dir, rows }, write) {
    const csv = path.join(dir, 'limesurvey.csv');
    const names = [
      'id',
      'submitdate',
      'lastpage',
      'startlanguage',
      'seed',
      'startdate',
      'datestamp',
      'segment',
      'weight',
      ...QS,
      ...CODES.map((c) => `topics[${c}]`),
      'comment',
      'interviewtime',
    ];
    let bytes = 0;
    if (write) {
      bytes = writeRows(csv, rows, `${names.map(quoteCsv).join(',')}\n`, (r) => {
        const cells = [
          String(r.n),
          '2024-03-04 09:21:00',
          '3',
          'en',
          String(1048576 + r.n),
          '2024-03-04 09:12:00',
          '2024-03-04 09:21:00',
          SEGMENTS[r.segment]!.id,
          r.weight,
          ...r.answers.map((a) => (a === null ? '' : String(a))),
          ...CODES.map((_, k) => (r.codes.includes(k) ? 'Y' : '')),
          commentText(r),
          '412.5',
        ];
        return `${cells.map(quoteCsv).join(',')}\n`;
      });
    }
    const columns: [string, string][] = names.map((n) => [n, n === 'weight' ? 'DOUBLE' : QS.includes(n) ? 'INTEGER' : 'VARCHAR']);
    return {
      name: 'limesurvey',
      label: 'LimeSurvey export (check)',
      rows,
      bytes,
      command: 'check',
      configs: [
        config(
          dir,
          'limesurvey',
          `id: limesurvey
title: Benchmark variant limesurvey
round: all
codebook: codebook.csv
data:
  format: limesurvey
  path: limesurvey.csv
  columns: { id: id, segment: segment, weight: weight }
  themeColumns: { prefix: "topics[" }
${segmentsYaml()}
${questionsYaml((q) => q)}
`,
        ),
      ],
      duckdb: {
        load: [
          `CREATE TEMP TABLE t AS SELECT segment, 'all' AS round, weight, ${themesFromTicks((c) => `"topics[${c}]"`, 'Y')} AS themes, ${QS.join(', ')} FROM read_csv(${sql(csv)}, header = true, delim = ',', quote = '"', escape = '"', columns = ${columnsSql(columns)}) WHERE submitdate IS NOT NULL`,
        ],
        questions: QS,
        extra: [],
      },
      compare: ALL,
      csvTwin: null,
    };
  },

  'one-hot'({ dir, rows }, write) {
    const csv = path.join(dir, 'one-hot.csv');
    const names = ['id', 'segment', 'weight', ...CODES.map((c) => `theme_${c}`), ...QS, 'comment'];
    let bytes = 0;
    if (write) {
      bytes = writeRows(
        csv,
        rows,
        `${names.join(',')}\n`,
        (r) =>
          `${r.id},${SEGMENTS[r.segment]!.id},${r.weight},${CODES.map((_, k) => (r.codes.includes(k) ? '1' : '')).join(',')}${r.answers.map((a) => (a === null ? ',' : `,${a}`)).join('')},"${r.comment}"\n`,
      );
    }
    const columns: [string, string][] = names.map((n) => [n, n === 'weight' ? 'DOUBLE' : QS.includes(n) ? 'INTEGER' : 'VARCHAR']);
    return {
      name: 'one-hot',
      label: 'one-hot theme columns (check)',
      rows,
      bytes,
      command: 'check',
      configs: [
        config(
          dir,
          'one-hot',
          `id: one-hot
title: Benchmark variant one-hot
round: all
codebook: codebook.csv
data:
  path: one-hot.csv
  columns: { id: id, segment: segment, weight: weight }
  themeColumns: { prefix: theme_ }
${segmentsYaml()}
${questionsYaml((q) => q)}
`,
        ),
      ],
      duckdb: {
        load: [
          `CREATE TEMP TABLE t AS SELECT segment, 'all' AS round, weight, ${themesFromTicks((c) => `"theme_${c}"`, '1')} AS themes, ${QS.join(', ')} FROM read_csv(${sql(csv)}, header = true, delim = ',', quote = '"', escape = '"', columns = ${columnsSql(columns)})`,
        ],
        questions: QS,
        extra: [],
      },
      compare: ALL,
      csvTwin: null,
    };
  },

  'windows-1252'({ dir, rows }, write) {
    const csv = path.join(dir, 'windows-1252.csv');
    let bytes = 0;
    if (write)
      bytes = writeRows(
        csv,
        rows,
        plainHeader,
        (r) => plainLine(r, `${r.comment} café naïve`),
        (text) => Buffer.from(text, 'latin1'),
      );
    return {
      name: 'windows-1252',
      label: 'Windows-1252 CSV (check)',
      rows,
      bytes,
      command: 'check',
      configs: [config(dir, 'windows-1252', plainConfig('windows-1252', 'windows-1252.csv', '  encoding: windows-1252\n'))],
      duckdb: { load: [plainLoad(csv, ", encoding = 'latin-1'")], questions: QS, extra: [] },
      compare: ALL,
      csvTwin: null,
    };
  },

  'utf-16'({ dir, rows }, write) {
    const csv = path.join(dir, 'utf-16.csv');
    let bytes = 0;
    if (write) {
      let first = true;
      bytes = writeRows(
        csv,
        rows,
        plainHeader,
        (r) => plainLine(r, `${r.comment} café – 東京`),
        (text) => {
          const out = Buffer.from(first ? `\ufeff${text}` : text, 'utf16le');
          first = false;
          return out;
        },
      );
    }
    return {
      name: 'utf-16',
      label: 'UTF-16 CSV (check)',
      rows,
      bytes,
      command: 'check',
      configs: [config(dir, 'utf-16', plainConfig('utf-16', 'utf-16.csv', '  encoding: utf-16\n'))],
      duckdb: { load: [plainLoad(csv, ", encoding = 'utf-16'")], questions: QS, extra: [] },
      compare: ALL,
      csvTwin: null,
    };
  },

  excerpts({ dir, rows }, write) {
    const csv = path.join(dir, 'excerpts.csv');
    let bytes = 0;
    if (write) {
      const out = new ChunkedWriter(csv);
      out.push('excerpt_id,respondent_id,segment,weight,code,excerpt\n');
      let written = 0;
      try {
        generateRows(rows, seedFor(rows), (r) => {
          for (const k of r.codes) {
            if (written === rows) return;
            written++;
            out.push(`E${written},${r.id},${SEGMENTS[r.segment]!.id},${r.weight},${CODES[k]},"${r.comment}"\n`);
          }
        });
      } finally {
        bytes = out.close().bytes;
      }
    }
    const columns: [string, string][] = [
      ['excerpt_id', 'VARCHAR'],
      ['respondent_id', 'VARCHAR'],
      ['segment', 'VARCHAR'],
      ['weight', 'DOUBLE'],
      ['code', 'VARCHAR'],
      ['excerpt', 'VARCHAR'],
    ];
    return {
      name: 'excerpts',
      label: 'excerpts layout (check)',
      rows,
      bytes,
      command: 'check',
      configs: [
        config(
          dir,
          'excerpts',
          `id: excerpts
title: Benchmark variant excerpts
round: all
codebook: codebook.csv
data:
  layout: excerpts
  path: excerpts.csv
  columns: { id: respondent_id, code: code, text: excerpt, segment: segment, weight: weight }
${segmentsYaml()}
`,
        ),
      ],
      duckdb: {
        load: [
          `CREATE TEMP TABLE t AS SELECT any_value(segment) AS segment, 'all' AS round, any_value(weight) AS weight, string_agg(DISTINCT code, ';') AS themes FROM read_csv(${sql(csv)}, header = true, delim = ',', quote = '"', escape = '"', columns = ${columnsSql(columns)}) GROUP BY respondent_id`,
        ],
        questions: [],
        extra: [],
      },
      // findings' ledger counts excerpt rows, DuckDB's table holds respondents: rows are not compared.
      compare: NO_QUESTIONS.filter((kind) => kind !== 'rows'),
      csvTwin: null,
    };
  },

  quotes({ dir, rows, baseCsv }, write) {
    const excerpts = path.join(dir, 'quotes-excerpts.csv');
    let bytes = 0;
    if (write) bytes = writeRows(excerpts, rows, 'respondent_id,code,excerpt\n', (r) => `${r.id},${CODES[r.codes[0]!]},"${r.comment}"\n`);
    return {
      name: 'quotes',
      label: 'quotes on (data.excerpts) (check)',
      rows,
      bytes,
      command: 'check',
      configs: [
        config(
          dir,
          'quotes',
          plainConfig(
            'quotes',
            path.relative(dir, baseCsv),
            `  excerpts:\n    path: quotes-excerpts.csv\n    columns: { id: respondent_id, code: code, text: excerpt }\nquotes: { enabled: true, perTheme: 2 }\n`,
          ),
        ),
      ],
      duckdb: {
        load: [plainLoad(baseCsv)],
        questions: QS,
        extra: [
          `SELECT code, count(*), max(length(excerpt)) FROM read_csv(${sql(excerpts)}, header = true, delim = ',', quote = '"', escape = '"', parallel = false, columns = {'respondent_id': 'VARCHAR', 'code': 'VARCHAR', 'excerpt': 'VARCHAR'}) GROUP BY code`,
        ],
      },
      compare: ALL,
      csvTwin: null,
    };
  },

  coders({ dir, rows, baseCsv }, write) {
    const coderB = path.join(dir, 'coder-b.csv');
    let bytes = 0;
    if (write) {
      // Coder B: A's codes, but every 7th respondent loses its first code and every 11th gains the next one.
      bytes = writeRows(coderB, rows, 'id,themes\n', (r) => {
        let codes = r.codes.slice();
        if (r.n % 7 === 0 && codes.length > 1) codes = codes.slice(1);
        if (r.n % 11 === 0) {
          const extra = (codes[0]! + 1) % CODES.length;
          if (!codes.includes(extra)) codes.push(extra);
        }
        return `${r.id},${codes.map((k) => CODES[k]!).join(';')}\n`;
      });
    }
    return {
      name: 'coders',
      label: 'second coder (check)',
      rows,
      bytes,
      command: 'check',
      configs: [config(dir, 'coders', `${plainConfig('coders', path.relative(dir, baseCsv), '')}reliability:\n  - { coder: B, path: coder-b.csv }\n`)],
      duckdb: {
        load: [plainLoad(baseCsv)],
        questions: QS,
        extra: [
          `CREATE TEMP TABLE b AS SELECT * FROM read_csv(${sql(coderB)}, header = true, columns = {'id': 'VARCHAR', 'themes': 'VARCHAR'})`,
          `CREATE TEMP TABLE a AS SELECT id, themes FROM read_csv(${sql(baseCsv)}, header = true, delim = ',', quote = '"', escape = '"', columns = ${columnsSql(baseColumns())})`,
          `SELECT code, count_if(list_contains(string_split(a.themes, ';'), code) = list_contains(string_split(b.themes, ';'), code)) FROM a JOIN b USING (id), (SELECT unnest([${CODES.map((c) => `'${c}'`).join(', ')}]) AS code) GROUP BY code`,
        ],
      },
      compare: ALL,
      csvTwin: null,
    };
  },

  xlsx({ dir, rows }, write) {
    const n = Math.max(1, Math.round(rows / 10));
    const file = path.join(dir, 'workbook.xlsx');
    const twin = path.join(dir, 'workbook-twin.csv');
    let bytes = 0;
    if (write) {
      const aoa: (string | number)[][] = [['id', 'segment', 'weight', 'themes', ...QS, 'comment']];
      generateRows(n, seedFor(n), (r) =>
        aoa.push([r.id, SEGMENTS[r.segment]!.id, Number(r.weight), r.codes.map((k) => CODES[k]!).join(';'), ...r.answers.map((a) => a ?? ''), commentText(r)]),
      );
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa), 'Responses');
      const data = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
      writeFileSync(file, data);
      bytes = data.length;
      writeRows(twin, n, plainHeader, (r) => plainLine(r), undefined, seedFor(n));
    }
    const yaml = (dataPath: string, extra: string) => `id: xlsx
title: Benchmark variant xlsx
round: all
codebook: codebook.csv
data:
${extra}  path: ${dataPath}
  columns: { id: id, segment: segment, weight: weight, themes: themes }
  separator: ";"
${segmentsYaml()}
${questionsYaml((q) => q)}
`;
    const twinConfig = config(dir, 'xlsx-twin', yaml('workbook-twin.csv', ''));
    return {
      name: 'xlsx',
      label: `xlsx, ${n.toLocaleString('en-US')} rows (check)`,
      rows: n,
      bytes,
      command: 'check',
      configs: [config(dir, 'xlsx', yaml('workbook.xlsx', '  format: xlsx\n  sheet: Responses\n'))],
      duckdb: { load: [plainLoad(twin)], questions: QS, extra: [] },
      compare: ALL,
      csvTwin: twinConfig,
    };
  },

  codes({ dir, rows }, write) {
    const n = Math.max(1, Math.round(rows / 10));
    const csv = path.join(dir, 'codes.csv');
    const codebook = path.join(dir, 'codebook-1000.csv');
    const code = (k: number) => `c${String(k).padStart(4, '0')}`;
    let bytes = 0;
    if (write) {
      writeFileSync(codebook, `code,label\n${Array.from({ length: 1000 }, (_, k) => `${code(k)},Code ${k}`).join('\n')}\n`);
      // Segment and codes drawn from the row number with a multiplicative hash: all 500 segments and 1,000 codes occur.
      bytes = writeRows(
        csv,
        n,
        `id,segment,weight,themes,q1\n`,
        (r) => {
          const h = Math.imul(r.n, 2654435761) >>> 0;
          const codes = new Set<number>();
          for (let i = 0; i <= r.codes.length; i++) codes.add((h >>> (i * 3)) % 1000);
          return `${r.id},s${String(h % 500).padStart(3, '0')},${r.weight},${[...codes].map(code).join(';')},${r.answers[0] ?? ''}\n`;
        },
        undefined,
        seedFor(n),
      );
    }
    return {
      name: 'codes',
      label: `1,000 codes × 500 segments, ${n.toLocaleString('en-US')} rows (run)`,
      rows: n,
      bytes,
      command: 'run',
      configs: [
        config(
          dir,
          'codes',
          `id: codes
title: Benchmark variant 1000 codes x 500 segments
round: all
codebook: codebook-1000.csv
data:
  path: codes.csv
  columns: { id: id, segment: segment, weight: weight, themes: themes }
  separator: ";"
questions:
  - { id: q1, column: q1, label: Question 1, ${LIKERT} }
`,
        ),
      ],
      duckdb: {
        load: [
          `CREATE TEMP TABLE t AS SELECT segment, 'all' AS round, weight, themes, q1 FROM read_csv(${sql(csv)}, header = true, columns = {'id': 'VARCHAR', 'segment': 'VARCHAR', 'weight': 'DOUBLE', 'themes': 'VARCHAR', 'q1': 'INTEGER'})`,
        ],
        questions: ['q1'],
        extra: [],
      },
      compare: ALL,
      csvTwin: null,
    };
  },

  ratings({ dir, rows }, write) {
    const csv = path.join(dir, 'ratings.csv');
    const qs = Array.from({ length: 50 }, (_, i) => `r${i + 1}`);
    let bytes = 0;
    if (write) {
      bytes = writeRows(csv, rows, `id,segment,weight,themes,${qs.join(',')}\n`, (r) => {
        let answers = '';
        const h = Math.imul(r.n, 2654435761) >>> 0;
        for (let i = 0; i < qs.length; i++) {
          const a = r.answers[i % QS.length];
          answers += a === null || (h >>> (i % 29)) % 17 === 0 ? ',' : `,${((a! + i) % 5) + 1}`;
        }
        return `${r.id},${SEGMENTS[r.segment]!.id},${r.weight},${r.codes.map((k) => CODES[k]!).join(';')}${answers}\n`;
      });
    }
    const columns: [string, string][] = [
      ['id', 'VARCHAR'],
      ['segment', 'VARCHAR'],
      ['weight', 'DOUBLE'],
      ['themes', 'VARCHAR'],
      ...qs.map((q): [string, string] => [q, 'INTEGER']),
    ];
    return {
      name: 'ratings',
      label: '50 rating questions (run)',
      rows,
      bytes,
      command: 'run',
      configs: [
        config(
          dir,
          'ratings',
          `id: ratings
title: Benchmark variant 50 rating questions
round: all
codebook: codebook.csv
data:
  path: ratings.csv
  columns: { id: id, segment: segment, weight: weight, themes: themes }
  separator: ";"
${segmentsYaml()}
questions:
${qs.map((q) => `  - { id: ${q}, column: ${q}, label: Rating ${q}, ${LIKERT} }`).join('\n')}
`,
        ),
      ],
      duckdb: {
        load: [
          `CREATE TEMP TABLE t AS SELECT segment, 'all' AS round, weight, themes, ${qs.join(', ')} FROM read_csv(${sql(csv)}, header = true, columns = ${columnsSql(columns)})`,
        ],
        questions: qs,
        extra: [],
      },
      compare: ALL,
      csvTwin: null,
    };
  },

  trend({ dir, rows }, write) {
    const configs: string[] = [];
    const files: string[] = [];
    let bytes = 0;
    for (let k = 1; k <= 5; k++) {
      const csv = path.join(dir, `trend-${k}.csv`);
      files.push(csv);
      if (write) bytes += writeRows(csv, rows, plainHeader, (r) => plainLine(r), undefined, seedFor(rows) ^ (k * 0x1000193));
      configs.push(
        config(
          dir,
          `trend-${k}`,
          plainConfig(`trend-${k}`, `trend-${k}.csv`, '').replace('round: all', `round: "${2020 + k}"`) + (k > 1 ? `previous: trend-${k - 1}.yaml\n` : ''),
        ),
      );
    }
    return {
      name: 'trend',
      label: `trend, 5 rounds of ${rows.toLocaleString('en-US')} (trend)`,
      rows: rows * 5,
      bytes,
      command: 'trend',
      configs: [configs.at(-1)!],
      duckdb: {
        load: [
          `CREATE TEMP TABLE t AS SELECT segment, filename AS round, weight, themes, ${QS.join(', ')} FROM read_csv([${files.map(sql).join(', ')}], header = true, delim = ',', quote = '"', escape = '"', filename = true, columns = ${columnsSql(baseColumns())})`,
        ],
        questions: QS,
        extra: [],
      },
      compare: null,
      csvTwin: null,
    };
  },
};

function config(dir: string, name: string, text: string): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, `# Written by bench/variants.ts.\n${text}`);
  return file;
}
