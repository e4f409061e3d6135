/**
 * Issue 14, item 8: a workbook is read like the same table as CSV. Header cells (an empty trailing
 * header cell with data under it: warning FND306, the rows kept, not FND203), field limits (FND214 at
 * the same cell) and field counts (as wide as the header): the same table through both readers gives
 * the same diagnostics at the same line and column, and the same figures.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { tempStudy } from '../helpers/temp-study.ts';

// The header's fourth cell is empty; rows 2 and 5 have text under it (a real workbook had 111 of 202 rows so).
const long = 'x'.repeat(25); // longer than limits.maxFieldChars: 20
const TABLE: (string | null)[][] = [
  ['id', 'segment', 'themes', null],
  ['1', 'a', 'x', 'a note'],
  ['2', 'b', 'x;y', null],
  ['3', 'a', long, null],
  ['4', 'b', null, 'another note'],
];

const csvOf = (rows: (string | null)[][]) => `${rows.map((row) => row.map((cell) => cell ?? '').join(',')).join('\n')}\n`;

function xlsxOf(rows: (string | null)[][]): Uint8Array {
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
  return XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
}

const config = (file: string, format: string) =>
  `id: t\ncodebook: c.csv\ndata:\n  path: ${file}\n  format: ${format}\n  columns: { id: id, segment: segment, themes: themes }\nlimits: { maxFieldChars: 20 }\n`;

describe('xlsx behaves like CSV', () => {
  it('the same table gives the same diagnostics (code, line, column) and the same figures', async () => {
    const csv = await tempStudy({ 'survey.yaml': config('d.csv', 'csv'), 'c.csv': 'code,label\nx,X\ny,Y\n', 'd.csv': csvOf(TABLE) });
    const xlsx = await tempStudy({ 'survey.yaml': config('d.xlsx', 'xlsx'), 'c.csv': 'code,label\nx,X\ny,Y\n', 'd.xlsx': xlsxOf(TABLE) });
    const where = (study: typeof csv) => study.diagnostics.map((d) => [d.code, d.line, d.column]);
    // Counted by hand: the empty header cell (warning) and the long field of row 4 (rejected). A CSV
    // column counts characters ("id,segment,themes," puts the fourth cell at 19; "3,a,xxx…" the third
    // at 5); a workbook's is the sheet's column (D1, C4).
    expect(where(csv)).toEqual([
      ['FND306', 1, 19],
      ['FND214', 4, 5],
    ]);
    expect(where(xlsx)).toEqual([
      ['FND306', 1, 4],
      ['FND214', 4, 3],
    ]);
    expect(xlsx.diagnostics.map((d) => d.message)).toEqual(csv.diagnostics.map((d) => d.message));
    const figures = (study: typeof csv) => {
      const { results } = study.analysis as { results: Results };
      return {
        ledger: { ...results.ledger, rejected: results.ledger.rejected.map((r) => [r.code, r.line]) },
        themes: results.themes.map((t) => [t.code, t.respondents]),
        segments: results.segments.map((g) => [g.id, g.respondents]),
      };
    };
    // Rows 1, 2, 4 used (row 3 rejected): x by ids 1, 2; y by id 2.
    expect(figures(csv)).toEqual({
      ledger: { rowsRead: 4, rowsUsed: 3, rowsRejected: 1, rejected: [['FND214', 4]] },
      themes: [
        ['x', 2],
        ['y', 1],
      ],
      segments: [
        ['a', 1],
        ['b', 2],
      ],
    });
    expect(figures(xlsx)).toEqual(figures(csv));
  });
});
