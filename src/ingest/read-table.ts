/**
 * Read a delimited file whose columns the config names (an excerpt file, a respondent file joined to
 * excerpts, another coder's file): check the limits and the header as readRespondents does for the
 * main data (too large or too wide: not read; a named column missing, with the nearest header name
 * suggested at the config key that names it; a named column twice; an empty header cell), then hand
 * each batch of raw rows on with the index of every named column.
 */
import { statSync } from 'node:fs';
import type { DiagnosticSink, SurveyConfig } from '../model.ts';
import { diagnostic, didYouMean } from '../messages.ts';
import { nearest } from '../validate/nearest.ts';
import { configPosition } from './read-config.ts';
import { readCsv, type CsvBatch } from './read-csv.ts';
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
  let missing = false;
  let unreadable = false;
  const file = source.displayPath;
  const { maxFileBytes, maxFieldChars, maxColumns } = config.limits;
  const size = statSync(source.path).size;
  if (size > maxFileBytes) {
    sink.report(
      diagnostic('FND216', { file, line: 1, column: 1 }, `${file} is ${size} bytes, more than limits.maxFileBytes (${maxFileBytes}); raise the limit in the config to read it`),
    );
    return { status: 'unreadable', bytes: size, sha256: '' };
  }
  const summary = await readCsv(
    source.path,
    { delimiter: source.delimiter, maxFieldChars },
    (header) => {
      if (header.cells.length > maxColumns) {
        unreadable = true;
        sink.report(
          diagnostic('FND215', { file, line: header.line, column: 1 }, `the header has ${header.cells.length} columns, more than limits.maxColumns (${maxColumns}); the file is not read`),
        );
        return;
      }
      const names = header.cells.map((cell) => cell.trim());
      names.forEach((name, i) => {
        if (name === '') sink.report(diagnostic('FND306', { file, ...header.locate(i) }, `header cell ${i + 1} is empty; its column cannot be used`));
      });
      const find = (name: string | null, key: string) => {
        if (name === null) return -1;
        const index = names.indexOf(name);
        const again = index === -1 ? -1 : names.indexOf(name, index + 1);
        if (again !== -1) {
          missing = true;
          sink.report(
            diagnostic('FND009', { file, ...header.locate(again) }, `column "${name}" (${key}) appears more than once in the header (columns ${index + 1} and ${again + 1}); rename one`),
          );
          return index;
        }
        if (index === -1) {
          missing = true;
          sink.report(
            diagnostic('FND008', configPosition(config, key), `column "${name}" (${key}) is not in the header of ${file}${didYouMean(nearest(name, names))}`, {
              expected: name,
              actual: names.join(', '),
            }),
          );
        }
        return index;
      };
      columns = { indexes: source.columns.map((c) => find(c.name, c.key)), width: header.cells.length, header: header.cells };
    },
    (batch) => {
      if (!missing && !unreadable && columns !== null) onBatch(batch, columns);
    },
  );
  const status = !summary.hasHeader ? 'empty' : unreadable ? 'unreadable' : missing ? 'no-columns' : 'read';
  return { status, bytes: summary.bytes, sha256: summary.sha256 };
}
