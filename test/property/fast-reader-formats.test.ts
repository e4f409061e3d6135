/**
 * Issue 19: the fast reader on platform exports (Qualtrics, SurveyMonkey, KoboToolbox, LimeSurvey)
 * and one-hot theme columns, against the reference. For generated exports with each platform's
 * header rows (a question text with a newline in it, a byte order mark, CRLF, `;` as the delimiter)
 * and the mistakes exports carry (unfinished responses marked every way the layouts read, ticks that
 * are neither ticked nor blank, a ticked column whose code the codebook lacks, quoted and padded
 * cells, duplicate ids, new segments, bad weights, blank lines, a repeated header, short rows, stray
 * quotes, bytes that are not UTF-8, NUL bytes), and for Windows-1252 and UTF-16 files (LE and BE, with
 * and without a byte order mark; surrogate pairs, lone surrogates, a lone byte), results.json and every diagnostic are the same
 * whether the data is read by papaparse and the rules alone (`--reader papaparse`), by the fast
 * reader in the main thread, or by the fast reader with worker threads, with blocks small enough
 * that rows straddle them. `npm run test:fuzz` runs many more cases.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReadOptions } from '../../src/pipeline.ts';
import { analyzeCollecting } from '../helpers/analyze-collecting.ts';
import { chooseSource } from '../../src/ingest/read-source.ts';
import { readConfig } from '../../src/config/read-config.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 0);
const numRuns = (n: number, share = 10) => (runs > 0 ? Math.ceil(runs / share) : n);
const timeout = runs > 0 ? 900_000 : 120_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-fast-formats-'));
writeFileSync(path.join(dir, 'codebook.csv'), 'code,label,parent\na,A,\nb,B,a\nc,C,\nd,D,c\n');
let counter = 0;

const QUESTIONS = ['  - { id: q1, column: Q1, levels: [1, 2, 3] }', '  - { id: q2, column: QID2, levels: [0, 0.5, 1] }'];

/** A platform's export: its header rows (text, ending in a newline), the cells of a data row, and its config's data section. */
interface Format {
  name: string;
  header: string;
  delimiter: string;
  row: fc.Arbitrary<string[]>;
  data: string[];
  questions: string[];
  /** The file's bytes from its text (UTF-8 unless said). */
  encode?: (text: string) => Buffer;
  /** Bytes put somewhere in the body, or null (default: `damage` below). */
  damage?: fc.Arbitrary<number[] | null>;
  /** Where the damage may go: a multiple of this many bytes into the body (default 1). */
  align?: number;
  /** The codebook's CSV text (default: codebook.csv, codes a to d). */
  codebook?: string;
}

/** Text as Windows-1252 bytes (WHATWG's table, as TextDecoder reads it back). */
const WINDOWS_1252 = new Map(Array.from({ length: 256 }, (_, byte) => [new TextDecoder('windows-1252').decode(Uint8Array.of(byte)), byte]));
const windows1252 = (text: string) => Buffer.from(Array.from(text, (ch) => WINDOWS_1252.get(ch) ?? 0x3f));

/**
 * A plain CSV with a themes column, in Windows-1252: accented ids, segments, codes and comments, € and
 * an unassigned byte (0x81). Issue 19: the scanner reads Windows-1252 bytes as they are, so cells whose
 * Windows-1252 bytes are another text's UTF-8 bytes (Ã© is é's UTF-8 read as Windows-1252)
 * must not be taken for it: the codebook has é, a segment é, ids Ré2 and RÃ©2; and
 * a no-break space (A0, trimmed by the rules) pads ids and segments.
 */
function legacy(name: string, encoding: string[]): Format {
  return {
    name,
    header: 'id,seg,w,t,Q1,QID2,note\n',
    delimiter: ',',
    row: fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: id },
        { weight: 3, arbitrary: fc.constantFrom('R\u00e92', '\u20ac3') },
        { weight: 1, arbitrary: fc.constantFrom('R\u00c3\u00a92', '\u00a0R3', 'R4\u00a0') },
      ),
      fc.oneof(
        { weight: 4, arbitrary: seg },
        { weight: 3, arbitrary: fc.constantFrom('\u00e9t\u00e9', 'caf\u00e9') },
        { weight: 1, arbitrary: fc.constantFrom('\u00e9', '\u00c3\u00a9', '\u00a0x') },
      ),
      weight,
      fc.oneof(
        { weight: 6, arbitrary: fc.subarray(['a', 'b', 'c', 'd', '\u00e9']).map((t) => t.join(';')) },
        { weight: 1, arbitrary: fc.constantFrom('A', 'a;', 'zz', '\u00e9', ' d ', '\u00c3\u00a9', 'a;\u00c3\u00a9', '\u00e9\u00a0') },
      ),
      answer1,
      answer2,
      fc.string({ unit: fc.constantFrom('w', ' ', ',', '\n', '\u00e9', '\u20ac', '\u0081', '\u00ff', '""'), maxLength: 10 }).map((c) => `"${c}"`),
    ),
    data: [...encoding, '  columns: { id: id, segment: seg, weight: w, themes: t }'],
    questions: QUESTIONS,
    encode: windows1252,
    codebook: 'code,label,parent\na,A,\nb,B,a\nc,C,\nd,D,c\n\u00e9,E acute,c\n',
  };
}

/**
 * Issue 19: a plain CSV in UTF-16 (`order`, with or without a byte order mark): ids, segments, codes
 * and comments outside ASCII, surrogate pairs, and characters whose bytes look like a quote or a
 * newline one byte off the code units (U+2200 and U+0A05 beside U+4E00). The damage is in code
 * units (a surrogate without its partner, a pair the wrong way round, NUL, a byte order mark, a stray
 * quote) or a lone byte, which puts every code unit after it off by one.
 */
function utf16(name: string, order: 'le' | 'be', mark: boolean, encoding: string[]): Format {
  const unit = (u: number) => (order === 'le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]);
  return {
    name,
    header: `${mark ? '\ufeff' : ''}id,seg,w,t,Q1,QID2,note\n`,
    delimiter: ',',
    row: fc.tuple(
      fc.oneof(id, fc.constantFrom('R\u00e92', '\u6771\u4eac3', '\u{1f600}')),
      fc.oneof(seg, fc.constantFrom('\u00e9t\u00e9', '\u2200\u4e00', '\u{1f600}')),
      weight,
      fc.oneof(
        { weight: 6, arbitrary: fc.subarray(['a', 'b', 'c', 'd']).map((t) => t.join(';')) },
        { weight: 1, arbitrary: fc.constantFrom('A', 'a;', 'zz', '\u00e9', ' d ', '\u{1f600}') },
      ),
      answer1,
      answer2,
      fc
        .string({ unit: fc.constantFrom('w', ' ', ',', '\n', '\u00e9', '\u20ac', '\u2200', '\u4e00', '\u0a05', '\u{1f600}', '\ufffd', '""'), maxLength: 10 })
        .map((c) => `"${c}"`),
    ),
    data: [...encoding, '  columns: { id: id, segment: seg, weight: w, themes: t }'],
    questions: QUESTIONS,
    encode: (text) => {
      const bytes = Buffer.from(text, 'utf16le');
      return order === 'le' ? bytes : bytes.swap16();
    },
    damage: fc.constantFrom<number[] | null>(
      null,
      null,
      null,
      unit(0x22),
      unit(0xd800),
      unit(0xdc00),
      [...unit(0xdc00), ...unit(0xd800)],
      unit(0),
      unit(0xfeff),
      [0x41],
    ),
    align: 2,
  };
}

const id = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 30 }).map((n) => `R${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' R1 ', 'R\u00e91') },
);
const seg = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('x', 'y', 'z') }, { weight: 1, arbitrary: fc.constantFrom('', ' x', 'X', 'w\u00e9') });
const weight = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('1', '0.5', '2.25', '3') },
  { weight: 1, arbitrary: fc.constantFrom('', '0', '-1', 'abc', ' 1.5') },
);
const answer1 = fc.constantFrom('1', '2', '3', '', ' 2', '4', 'x');
const answer2 = fc.constantFrom('0', '0.5', '1', '', '.5', '2');
/** A one-hot cell as the platforms write it, and the ways it goes wrong (FND225: "2", "maybe"). */
const tick = (choice: string) =>
  fc.oneof(
    { weight: 16, arbitrary: fc.constantFrom('1', '', '', '0', choice) },
    { weight: 1, arbitrary: fc.constantFrom('2', 'maybe', ' 1', 'yes', 'X', 'no', ` ${choice}`) },
  );
const comment = fc.string({ unit: fc.constantFrom('w', ' ', ',', ';', '\n', 'é'), maxLength: 10 });

const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

const formats: Format[] = [
  {
    // Three header rows (export tags, question text with a newline, ImportIds), a byte order mark, every cell quoted.
    name: 'qualtrics',
    header: `\ufeff${[
      ['StartDate', 'Progress', 'Finished', 'ResponseId', 'segment', 'weight', 'Q1', 'Q2', 'Q7_1', 'Q7_2', 'Q7_3', 'Q7_4', 'Q8'],
      [
        'Start Date',
        'Progress',
        'Finished',
        'Response ID',
        'segment',
        'weight',
        'Agree?',
        'Rate',
        'Topics? - A',
        'Topics? - B',
        'Topics? - C',
        'Topics? - D',
        'Anything\nelse?',
      ],
      ['startDate', 'progress', 'finished', '_recordId', 'segment', 'weight', 'QID1', 'QID2', 'QID7_1', 'QID7_2', 'QID7_3', 'QID7_4', 'QID8_TEXT'].map(
        (i) => `{"ImportId":"${i}"}`,
      ),
    ]
      .map((row) => row.map(quote).join(','))
      .join('\n')}\n`,
    delimiter: ',',
    row: fc
      .tuple(
        fc.constantFrom('2024-03-04 09:10:00', ''),
        fc.oneof({ weight: 6, arbitrary: fc.constant('100') }, { weight: 1, arbitrary: fc.constantFrom('50', '', 'abc', ' 100') }),
        fc.oneof({ weight: 6, arbitrary: fc.constant('1') }, { weight: 1, arbitrary: fc.constantFrom('0', '', 'True', 'false', ' 1', 'x') }),
        id,
        seg,
        weight,
        answer1,
        answer2,
        tick('A'),
        tick('B'),
        tick('C'),
        tick('D'),
        comment,
      )
      .chain((cells) => fc.boolean().map((quoted) => (quoted ? cells.map(quote) : cells))),
    data: [
      '  format: qualtrics',
      '  columns: { id: ResponseId, segment: segment, weight: weight }',
      '  themeColumns:',
      '    columns: { a: QID7_1, b: Q7_2, c: Q7_3, d: QID7_4 }',
    ],
    questions: QUESTIONS,
  },
  {
    // Two header rows: question text over merged cells, then "Response" or the choice; a ticked cell holds its choice.
    name: 'surveymonkey',
    header: `Respondent ID,Start Date,segment,weight,Agree?,Rate,Which topics?,,,,Anything else?\n,,Response,Response,Response,Response,Alpha,Beta,Gamma,"Delta, too",Open-Ended Response\n`,
    delimiter: ',',
    row: fc.tuple(
      id,
      fc.constantFrom('03/04/2024 09:10:05 AM', ''),
      seg,
      weight,
      answer1,
      answer2,
      tick('Alpha'),
      tick('Beta'),
      tick('Gamma'),
      tick('"Delta, too"'),
      comment.map(quote),
    ),
    data: [
      '  format: surveymonkey',
      '  columns: { id: Respondent ID, segment: segment, weight: weight }',
      '  themeColumns:',
      '    columns: { a: "Which topics? | Alpha", b: "Which topics? | Beta", c: "Which topics? | Gamma", d: "Which topics? | Delta, too" }',
    ],
    questions: ['  - { id: q1, column: Agree?, levels: [1, 2, 3] }', '  - { id: q2, column: Rate, levels: [0, 0.5, 1] }'],
  },
  {
    // One header row of group/question names, ";" as the delimiter (detected), select_multiple codes joined by spaces.
    name: 'kobo',
    header: 'start;intro/segment;intro/weight;q/Q1;q/QID2;q/topics;_id;_index\n',
    delimiter: ';',
    row: fc.tuple(
      fc.constantFrom('2024-03-04T09:10:00', ''),
      seg,
      weight,
      answer1,
      answer2,
      fc.oneof(
        { weight: 6, arbitrary: fc.subarray(['a', 'b', 'c', 'd']).map((t) => t.join(' ')) },
        { weight: 1, arbitrary: fc.constantFrom('A', 'a  b', 'zz', ' d ', '"a c"') },
      ),
      id,
      fc.nat(99).map(String),
    ),
    data: ['  format: kobo', '  columns: { id: _id, segment: segment, weight: intro/weight, themes: q/topics }', '  separator: " "'],
    questions: ['  - { id: q1, column: Q1, levels: [1, 2, 3] }', '  - { id: q2, column: q/QID2, levels: [0, 0.5, 1] }'],
  },
  {
    // One header row; Y ticks in topics[code] columns (one of them a code the codebook lacks); no submitdate: unfinished.
    name: 'limesurvey',
    header: 'id,submitdate,lastpage,segment,weight,Q1,QID2,topics[a],topics[b],topics[c],topics[zz],comment\n',
    delimiter: ',',
    row: fc.tuple(
      id,
      fc.oneof({ weight: 6, arbitrary: fc.constant('2024-03-04 09:21:00') }, { weight: 1, arbitrary: fc.constantFrom('', ' ') }),
      fc.constantFrom('3', '2'),
      seg,
      weight,
      answer1,
      answer2,
      tick('Y'),
      tick('Y'),
      tick('Y'),
      fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('Y') }),
      comment.map(quote),
    ),
    data: ['  format: limesurvey', '  columns: { id: id, segment: segment, weight: weight }', '  themeColumns: { prefix: "topics[" }'],
    questions: QUESTIONS,
  },
  {
    // A plain CSV with one theme_<code> column per code, by prefix: theme_zz is a code the codebook lacks.
    name: 'one-hot',
    header: 'id,seg,w,theme_a,theme_b,theme_c,theme_d,theme_zz,Q1,QID2,note\n',
    delimiter: ',',
    row: fc.tuple(
      id,
      seg,
      weight,
      tick('1'),
      tick('x'),
      tick('yes'),
      tick('true'),
      fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('1') }),
      answer1,
      answer2,
      comment.map(quote),
    ),
    data: ['  columns: { id: id, segment: seg, weight: w }', '  themeColumns: { prefix: theme_ }'],
    questions: QUESTIONS,
  },
  // Windows-1252, named in the config and guessed (FND313), decoded in the worker threads.
  legacy('windows-1252', ['  encoding: windows-1252']),
  legacy('windows-1252-guessed', []),
  // UTF-16 decoded in the worker threads: little-endian found by its byte order mark, or named with or
  // without one; big-endian with its mark.
  utf16('utf-16le', 'le', true, []),
  utf16('utf-16le-named', 'le', true, ['  encoding: utf-16']),
  utf16('utf-16le-no-mark', 'le', false, ['  encoding: utf-16']),
  utf16('utf-16be', 'be', true, ['  encoding: utf-16']),
];

function study(format: Format, data: Uint8Array, listed: boolean): string {
  const name = `${format.name}${counter++}`;
  writeFileSync(path.join(dir, `${name}.csv`), data);
  if (format.codebook !== undefined) writeFileSync(path.join(dir, `${name}-codebook.csv`), format.codebook);
  writeFileSync(
    path.join(dir, `${name}.yaml`),
    [
      `id: ${name}`,
      `codebook: ${format.codebook === undefined ? 'codebook.csv' : `${name}-codebook.csv`}`,
      'data:',
      `  path: ${name}.csv`,
      ...format.data,
      'questions:',
      ...format.questions,
      listed ? 'segments: [{ id: x }, { id: y }]' : '',
      '',
    ].join('\n'),
  );
  return path.join(dir, `${name}.yaml`);
}

function analyze(config: string, options: ReadOptions) {
  return analyzeCollecting(config, dir, options);
}

/** Damage that the fast reader hands over to papaparse (a stray quote, bytes that are not UTF-8, NUL, a byte order mark). */
const damage = fc.constantFrom<number[] | null>(null, null, null, [0x22], [0xff], [0x00], [0xef, 0xbb, 0xbf]);

function file(format: Format): fc.Arbitrary<Buffer> {
  const firstHeaderRow = format.header.replace(/^\ufeff/, '').split('\n')[0]!;
  const line = fc.oneof(
    { weight: 20, arbitrary: format.row.map((cells) => cells.join(format.delimiter)) },
    { weight: 1, arbitrary: fc.constantFrom('', '\r', firstHeaderRow, 'R9', `R9${format.delimiter}x`) },
  );
  const align = format.align ?? 1;
  return fc
    .record({ lines: fc.array(line, { minLength: 0, maxLength: 30 }), crlf: fc.boolean(), damage: format.damage ?? damage, at: fc.nat() })
    .map(({ lines, crlf, damage, at }) => {
      const newline = crlf ? '\r\n' : '\n';
      const encode = format.encode ?? ((text: string) => Buffer.from(text));
      const header = encode(format.header.replaceAll('\n', newline));
      const body = encode(lines.map((l) => `${l}${newline}`).join(''));
      if (damage === null) return Buffer.concat([header, body]);
      const cut = (at * align) % Math.max(1, body.length);
      return Buffer.concat([header, body.subarray(0, cut), Buffer.from(damage), body.subarray(cut)]);
    });
}

describe('the fast reader on platform exports and one-hot theme columns', () => {
  it('reads each of them itself (the fast path is chosen, not papaparse)', () => {
    for (const format of formats) {
      const config = study(format, Buffer.from(format.header), false);
      const parsed = readConfig({ file: config, displayFile: path.basename(config), cwd: dir }, { report: () => {} });
      expect(parsed, format.name).not.toBeNull();
      expect(chooseSource(parsed!), format.name).toBe('fast-csv');
    }
  });

  for (const format of formats) {
    it(
      `${format.name}: the results and diagnostics of papaparse and the rules, in one thread, with any block size`,
      async () => {
        let used = 0;
        await fc.assert(
          fc.asyncProperty(
            file(format),
            fc.boolean(),
            fc.integer({ min: 16, max: 300 }),
            fc.integer({ min: 1, max: 200 }),
            async (bytes, listed, blockSize, handOverBytes) => {
              const config = study(format, bytes, listed);
              const reference = await analyze(config, { reader: 'papaparse' });
              const fast = await analyze(config, { threads: 1, blockSize, handOverBytes });
              expect(fast.diagnostics).toEqual(reference.diagnostics);
              expect(fast.results).toEqual(reference.results);
              if (!('stopped' in reference.results)) used += reference.results.ledger.rowsUsed;
            },
          ),
          { seed: 1900 + formats.indexOf(format), numRuns: numRuns(100) },
        );
        // The cases were not all stopped or rejected: respondents were tallied.
        expect(used).toBeGreaterThan(60);
      },
      timeout,
    );

    it(
      `${format.name}: the same with two worker threads (blocks of 16 to 300 bytes)`,
      async () => {
        await fc.assert(
          fc.asyncProperty(
            file(format),
            fc.boolean(),
            fc.integer({ min: 16, max: 300 }),
            fc.integer({ min: 1, max: 200 }),
            async (bytes, listed, blockSize, handOverBytes) => {
              const config = study(format, bytes, listed);
              const reference = await analyze(config, { reader: 'papaparse' });
              const parallel = await analyze(config, { threads: 3, blockSize, minParallelBytes: 0, handOverBytes });
              expect(parallel.diagnostics).toEqual(reference.diagnostics);
              expect(parallel.results).toEqual(reference.results);
            },
          ),
          { seed: 1910 + formats.indexOf(format), numRuns: numRuns(6, 50) },
        );
      },
      timeout,
    );
  }
});
