/**
 * The checks every data row gets before its cells are read, whatever the file (the same as the
 * respondent rows in validate-respondents.ts): parse problems (quotes, NUL bytes, bytes that are not
 * UTF-8, oversized fields, stray byte order marks), a trailing delimiter (extra empty fields are
 * dropped, with a warning), the field count against the header, and a row that repeats the header.
 */
import type { CsvBatch } from '../model.ts';
import { say, type Message } from '../messages.ts';
import { wrongFieldCount } from './rules/wrong-field-count.ts';

export interface RowReporter {
  reject(message: Message, cell: number, offset?: number): void;
  warn(message: Message, cell: number, offset?: number): void;
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
  const reject = (message: Message, cell: number, offset?: number) => {
    rejected = true;
    report.reject(message, cell, offset);
  };
  if (batch.problems.length > 0)
    for (const problem of batch.problems) {
      if (problem.row !== r) continue;
      const cell = problem.cell ?? 0;
      const offset = problem.offset ?? 0;
      switch (problem.kind) {
        case 'unterminated-quote':
          if (!batch.problems.some((p) => p.row === r && p.kind === 'malformed-quote')) {
            reject(say.FND210(), row.length - 1);
          }
          break;
        case 'malformed-quote':
          reject(say.FND211(), cell);
          break;
        case 'nul-byte':
          reject(say.FND212(), cell, offset);
          break;
        case 'invalid-encoding':
          reject(say.FND213(problem.encoding?.startsWith('utf-16') ?? false, problem.value ?? 0), cell, offset);
          break;
        case 'field-too-large':
          reject(say.FND214(problem.value ?? 0, maxFieldChars), cell);
          break;
        case 'stray-bom':
          report.warn(say.FND305(), cell, offset);
          break;
      }
    }
  if (rejected) return 'rejected';
  const width = header.width;
  if (row.length > width && row.slice(width).every((cell) => cell.trim() === '')) {
    report.warn(say.FND307(row.length - width), width);
    row.length = width;
  }
  const fields = wrongFieldCount(row.length, width);
  if (fields !== null) {
    reject(fields, Math.min(row.length, width));
    return 'rejected';
  }
  if (row[0]!.trim() === header.header[0]!.trim() && row.every((cell, c) => cell.trim() === header.header[c]!.trim())) {
    report.warn(say.FND308.warning(), 0);
    return 'header';
  }
  return 'ok';
}
