/**
 * Read a delimited file whose columns the config names (an excerpt file, a respondent file joined to
 * excerpts, another coder's file): check the limits and the header as readRespondents does for the
 * main data (too large or too wide: not read; a named column missing, with the nearest header name
 * suggested at the config key that names it; a named column twice; an empty header cell), then hand
 * each batch of raw rows on with the index of every named column.
 */
import { statSync } from 'node:fs';
import type { DiagnosticSink, SurveyConfig } from '../model.ts';
import { checkFileSize, checkHeader, type CheckedHeader } from './check-header.ts';
import { readCsv, type CsvBatch, type CsvHeader } from './read-csv.ts';
import { diagnostic, say } from '../messages.ts';
import type { ReadOutcome } from './read-respondents.ts';

export interface TableSource {
  path: string;
  displayPath: string;
  delimiter: string | null;
  /** The named columns: header name (null when the config leaves it out) and the config key naming it. */
  columns: readonly { name: string | null; key: string }[];
}

export interface TableColumns {
  /** Index of each named column in the header, in `columns` order; -1 when not named. */
  indexes: number[];
  /** Number of fields in the header, and its cells (to recognise a repeated header row). */
  width: number;
  header: string[];
}

export async function readTable(
  config: SurveyConfig,
  source: TableSource,
  sink: DiagnosticSink,
  onBatch: (batch: CsvBatch, columns: TableColumns) => void,
): Promise<ReadOutcome> {
  let columns: TableColumns | null = null;
  let checked: CheckedHeader | null = null;
  let unreadable = false;
  const file = source.displayPath;
  if (checkFileSize(config, source.path, file, sink) === null) return { status: 'unreadable', bytes: statSync(source.path).size, sha256: '' };
  const onHeader = (header: CsvHeader) => {
    checked = checkHeader(config, header, file, sink);
    if (checked === null) {
      unreadable = true;
      return;
    }
    const find = checked.find;
    columns = { indexes: source.columns.map((c) => (c.name === null ? -1 : find(c.name, c.key))), width: header.cells.length, header: header.cells };
  };
  const onRows = (batch: CsvBatch) => {
    if (checked !== null && !checked.missing && columns !== null) onBatch(batch, columns);
  };
  let summary: { hasHeader: boolean; bytes: number; sha256: string };
  if (/\.xlsx$/i.test(source.path)) {
    // issue 14: an excerpt export as a workbook (ATLAS.ti quotations), its first sheet read like the CSV.
    const read = (await import('./formats/read-xlsx.ts')).readXlsx(source.path, null, onHeader, onRows, { maxFieldChars: config.limits.maxFieldChars });
    if (!read.ok) {
      sink.report(diagnostic({ file, line: 1, column: 1 }, say.FND224(file, read.problem)));
      return { status: 'unreadable', bytes: read.bytes, sha256: read.sha256 };
    }
    summary = read;
  } else {
    summary = await readCsv(source.path, { delimiter: source.delimiter, maxFieldChars: config.limits.maxFieldChars }, onHeader, onRows);
  }
  const missing = (checked as CheckedHeader | null)?.missing ?? false;
  const status = !summary.hasHeader ? 'empty' : unreadable ? 'unreadable' : missing ? 'no-columns' : 'read';
  return { status, bytes: summary.bytes, sha256: summary.sha256 };
}
