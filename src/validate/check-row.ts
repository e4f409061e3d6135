/**
 * The checks every data row gets before its cells are read, whatever the file (the same as the
 * respondent rows in validate-respondents.ts): parse problems (quotes, NUL bytes, bytes that are not
 * UTF-8, oversized fields, stray byte order marks), a trailing delimiter (extra empty fields are
 * dropped, with a warning), the field count against the header, and a row that repeats the header.
 */
import type { CsvBatch } from '../model.ts';
import type { Code } from '../messages.ts';
import { wrongFieldCount } from './rules/wrong-field-count.ts';

export interface RowReporter {
  reject(code: Code, cell: number, message: string, offset?: number): void;
  warn(code: Code, cell: number, message: string, offset?: number): void;
}

/** 'ok' to read the row's cells; 'rejected' after an error; 'header' when the row repeats the header (warned, to be skipped). */
export function checkRow(
  batch: CsvBatch,
  r: number,
  header: { width: number; header: readonly string[] },
  maxFieldChars: number,
  report: RowReporter,
): 'ok' | 'rejected' | 'header' {
  const row = batch.rows[r]!;
  let rejected = false;
  const reject = (code: Code, cell: number, message: string, offset?: number) => {
    rejected = true;
    report.reject(code, cell, message, offset);
  };
  if (batch.problems.length > 0) for (const problem of batch.problems) {
    if (problem.row !== r) continue;
    const cell = problem.cell ?? 0;
    const offset = problem.offset ?? 0;
    switch (problem.kind) {
      case 'unterminated-quote':
        if (!batch.problems.some((p) => p.row === r && p.kind === 'malformed-quote')) {
          reject('FND210', row.length - 1, 'quoted field is never closed; the rest of the file was read into it');
        }
        break;
      case 'malformed-quote':
        reject('FND211', cell, 'a quote inside a quoted field must be doubled ("")');
        break;
      case 'nul-byte':
        reject('FND212', cell, 'NUL byte in a field (a binary file, or UTF-16 without a byte order mark?)', offset);
        break;
      case 'invalid-encoding':
        reject('FND213', cell, `bytes that are not ${problem.encoding?.startsWith('utf-16') ? 'valid UTF-16 (an unpaired surrogate or half a code unit)' : 'UTF-8'} at byte offset ${problem.value} (save the file as UTF-8)`, offset);
        break;
      case 'field-too-large':
        reject('FND214', cell, `a field of ${problem.value} characters is longer than limits.maxFieldChars (${maxFieldChars})`);
        break;
      case 'stray-bom':
        report.warn('FND305', cell, 'a byte order mark inside the file (files joined together?); it was removed', offset);
        break;
    }
  }
  if (rejected) return 'rejected';
  const width = header.width;
  if (row.length > width && row.slice(width).every((cell) => cell.trim() === '')) {
    report.warn('FND307', width, `row ends with ${row.length - width} empty field${row.length - width === 1 ? '' : 's'} beyond the header (a trailing delimiter); ignored`);
    row.length = width;
  }
  const fields = wrongFieldCount(row.length, width);
  if (fields !== null) {
    reject('FND203', Math.min(row.length, width), fields);
    return 'rejected';
  }
  if (row[0]!.trim() === header.header[0]!.trim() && row.every((cell, c) => cell.trim() === header.header[c]!.trim())) {
    report.warn('FND308', 0, 'this row repeats the header (files joined together?); it is skipped');
    return 'header';
  }
  return 'ok';
}
