/**
 * Property (issue #6): any table written out by the CSV writer (csvTable, RFC 4180 quoting) and read
 * back gives the same tallies as the table itself: segments whose text holds commas, quotes, line
 * breaks, semicolons and non-ASCII letters; codes; weights; blank answers. The same table saved as
 * an .xlsx workbook (SheetJS), as UTF-16 with a byte order mark and with one-hot theme columns gives the
 * same tallies too.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { csvTable } from '../../src/report/csv-table.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-roundtrip-'));
const CODES = ['a', 'b', 'c', 'd'];
writeFileSync(path.join(dir, 'codebook.csv'), `code,label\n${CODES.map((c) => `${c},${c.toUpperCase()}`).join('\n')}\n`);

// Segment text: the writer neutralises a leading = + - @ (OWASP), and the reader trims white space, so
// neither starts a segment here; everything else a CSV must survive may appear inside.
const segment = fc
  .string({ unit: fc.constantFrom('x', 'y', 'é', 'ß', '😀', ',', ';', '"', '\n', '\r\n', ' ', "'", '\t', '|'), minLength: 0, maxLength: 8 })
  .map((s) => `s${s}z`);
const row = fc.record({
  segment,
  weight: fc.integer({ min: 1, max: 40 }).map((w) => w / 8),
  themes: fc.subarray(CODES),
  answer: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
});
type Row = { segment: string; weight: number; themes: string[]; answer: number | null };

let counter = 0;
async function analyze(dataFile: string, data: string | Uint8Array, dataKeys: string): Promise<Results> {
  const name = `t${counter++}`;
  writeFileSync(path.join(dir, `${name}-${dataFile}`), data);
  writeFileSync(
    path.join(dir, `${name}.yaml`),
    `id: ${name}\ncodebook: codebook.csv\ndata:\n  path: ${name}-${dataFile}\n${dataKeys}questions:\n  - { id: q, column: q, levels: [1, 2, 3, 4, 5] }\n`,
  );
  const analysis = await analyzeRound(path.join(dir, `${name}.yaml`), dir, {
    report: (d) => {
      throw new Error(`${d.code} ${d.message}`);
    },
  });
  if ('stopped' in analysis) throw new Error('stopped');
  return analysis.results;
}

const tallies = (r: Results) => ({ base: r.base, segments: r.segments, themes: r.themes, questions: r.questions });

describe('a table written by the CSV writer reads back to the same tallies', () => {
  it('as CSV, as a workbook, as UTF-16 text and with one-hot theme columns', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (rows: Row[]) => {
        const header = ['id', 'segment', 'weight', 'themes', 'q'];
        const cells = rows.map((r, i) => [`R${i}`, r.segment, r.weight, r.themes.join(';'), r.answer]);
        const columns = '  columns: { id: id, segment: segment, weight: weight, themes: themes }\n';
        const csv = await analyze('data.csv', csvTable(header, cells), columns);

        // What the table itself says.
        const order = [...new Set(rows.map((r) => r.segment))];
        expect(csv.segments.map((s) => [s.id, s.respondents])).toEqual(order.map((s) => [s, rows.filter((r) => r.segment === s).length]));
        expect(csv.themes.map((t) => t.respondents)).toEqual(CODES.map((c) => rows.filter((r) => r.themes.includes(c)).length));
        expect(csv.questions[0]!.counts).toEqual(Object.fromEntries([1, 2, 3, 4, 5].map((l) => [String(l), rows.filter((r) => r.answer === l).length])));

        const sheet = XLSX.utils.aoa_to_sheet([header, ...cells.map((c) => c.map((v) => (v === null || v === '' ? null : v)))]);
        const book = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(book, sheet, 'Data');
        const xlsx = await analyze('data.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer, `  format: xlsx\n${columns}`);
        // XML stores a line break as LF, so a CRLF inside a cell comes back from a workbook as LF.
        const lf = (r: Results) => JSON.parse(JSON.stringify(tallies(r)).replaceAll('\\r\\n', '\\n')) as unknown;
        expect(lf(xlsx)).toEqual(lf(csv));

        const utf16 = Buffer.from(`\uFEFF${csvTable(header, cells)}`, 'utf16le');
        expect(tallies(await analyze('unicode.txt', utf16, columns))).toEqual(tallies(csv));

        const oneHot = csvTable(
          ['id', 'segment', 'weight', 'q', ...CODES.map((c) => `theme_${c}`)],
          rows.map((r, i) => [`R${i}`, r.segment, r.weight, r.answer, ...CODES.map((c) => (r.themes.includes(c) ? 1 : 0))]),
        );
        const hot = await analyze('hot.csv', oneHot, '  columns: { id: id, segment: segment, weight: weight }\n  themeColumns: { prefix: theme_ }\n');
        expect(tallies(hot)).toEqual(tallies(csv));
      }),
      { seed: 6006, numRuns: 40 },
    );
  });
});
