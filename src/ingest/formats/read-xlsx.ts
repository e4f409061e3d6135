/**
 * Read one sheet of an Excel workbook (.xlsx) with SheetJS as rows of text, each cell as the sheet
 * shows it (its formatted text: a date as "14/03/2024", 0.5 formatted as a percentage as "50%"), and
 * hand them on as readCsv does. Positions are the sheet's: line = row number, column = column number
 * (C4 is 4:3). Blank rows are skipped; the header is the first row with any text.
 *
 * As for a CSV (issue 14): the table is as wide as its widest row, so data under an empty (trailing)
 * header cell makes that header cell empty (warning FND306 where the header is checked), not the row
 * too long (FND203); a cell longer than `maxFieldChars` is a field-too-large problem of its row (FND214).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import type { CsvBatch, CsvHeader, CsvSummary } from '../read-csv.ts';
import { checkZip } from './check-zip.ts';
import type { WorkbookProblem } from '../../messages.ts';

export type XlsxOutcome = (CsvSummary & { ok: true; sheet: string }) | { ok: false; problem: WorkbookProblem; sheets: string[]; bytes: number; sha256: string };

/** A cell's text as the sheet shows it: its formatted text, else its value. */
function textOf(cell: XLSX.CellObject): string {
  return cell.w ?? (cell.v === undefined || cell.v === null ? '' : String(cell.v));
}

export function readXlsx(
  file: string,
  sheetName: string | null,
  onHeader: (header: CsvHeader) => void,
  onBatch: (batch: CsvBatch) => void,
  options: { maxFileBytes?: number; maxFieldChars?: number } = {},
): XlsxOutcome {
  const buffer = readFileSync(file);
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const bytes = buffer.length;
  const fail = (problem: WorkbookProblem, sheets: string[] = []) => ({
    ok: false as const,
    problem,
    sheets,
    bytes,
    sha256,
  });
  if (!(buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04)) {
    return fail({ kind: buffer[0] === 0xd0 && buffer[1] === 0xcf ? 'old-xls' : bytes === 0 ? 'empty' : 'not-zip' });
  }
  const damaged = checkZip(buffer, options.maxFileBytes === undefined ? undefined : { maxBytes: options.maxFileBytes }); // issue #20: zip limits too
  if (damaged !== null) return fail({ kind: 'zip', zip: damaged });
  let workbook: XLSX.WorkBook;
  try {
    // Dense sheets: rows of cells, so only cells that exist are visited (a sheet's range may claim a million rows).
    workbook = XLSX.read(buffer, { type: 'buffer', cellDates: false, dense: true });
  } catch (error) {
    return fail({ kind: 'unreadable', detail: (error as Error).message.split('\n')[0]! });
  }
  const name = sheetName ?? workbook.SheetNames[0];
  const sheet = name === undefined ? undefined : workbook.Sheets[name];
  if (name === undefined || sheet === undefined) {
    return fail(name === undefined ? { kind: 'no-sheets' } : { kind: 'no-sheet', name }, workbook.SheetNames);
  }
  const data = (sheet as { '!data'?: (XLSX.CellObject | null | undefined)[][] })['!data'] ?? [];
  // The first column with text anywhere is column 1 of the table (positions stay the sheet's).
  let first = Infinity;
  data.forEach((cells) =>
    cells?.forEach((cell, c) => {
      if (cell != null && textOf(cell).trim() !== '' && c < first) first = c;
    }),
  );
  const rows: string[][] = [];
  const lines: number[] = [];
  data.forEach((cells, r) => {
    if (cells == null) return;
    const row: string[] = [];
    let last = -1;
    cells.forEach((cell, c) => {
      if (cell == null || c < first) return;
      const text = textOf(cell);
      if (text.trim() === '') return;
      while (row.length < c - first) row.push('');
      row.push(text);
      last = c - first;
    });
    if (last === -1) return;
    rows.push(row);
    lines.push(r + 1);
  });
  const range = { s: { c: first === Infinity ? 0 : first } };
  if (rows.length === 0) return { ok: true, sheet: name, hasHeader: false, encoding: 'xlsx', bytes, sha256 };
  // Only cells with text were kept, so every row ends at its last text: the widest row is the table's
  // width, and a header shorter than that has empty trailing cells, as a CSV header "a,b," has.
  let width = 0;
  for (const row of rows) width = Math.max(width, row.length); // (a loop: a spread of a million rows overflows the stack)
  for (const row of rows) while (row.length < width) row.push('');
  const locate = (row: number, cell: number) => ({ line: lines[row] ?? 1, column: range.s.c + cell + 1 });
  onHeader({ cells: rows[0]!, line: lines[0]!, delimiter: '', locate: (cell) => locate(0, cell) });
  const BATCH = 4096;
  const maxField = options.maxFieldChars ?? Infinity;
  for (let start = 1; start < rows.length; start += BATCH) {
    const end = Math.min(rows.length, start + BATCH);
    const batchRows = rows.slice(start, end);
    const problems: CsvBatch['problems'] = [];
    batchRows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell.length > maxField) problems.push({ kind: 'field-too-large', row: r, cell: c, value: cell.length });
      }),
    );
    onBatch({ rows: batchRows, lines: lines.slice(start, end), problems, locate: (row, cell) => locate(start + row, cell) });
  }
  return { ok: true, sheet: name, hasHeader: true, encoding: 'xlsx', bytes, sha256 };
}
