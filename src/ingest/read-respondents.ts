/**
 * Read respondent-per-row data: find the configured columns in the header, then hand each batch of
 * raw rows (cells with positions) on for validation. A configured column missing from the header
 * is reported at the config key that names it, with the nearest header name as a suggestion.
 */
import type { DiagnosticSink, SurveyConfig } from '../model.ts';
import { diagnostic, didYouMean } from '../messages.ts';
import { nearest } from '../validate/nearest.ts';
import { configPosition } from './read-config.ts';
import { readCsv, type CsvBatch } from './read-csv.ts';

export interface DataColumns {
  id: number;
  segment: number;
  /** -1 without a weight column. */
  weight: number;
  themes: number;
  /** Column of each configured question, in config order. */
  questions: number[];
  /** Number of fields in the header. */
  width: number;
}

export interface ReadOutcome {
  status: 'read' | 'empty' | 'no-columns';
  bytes: number;
  sha256: string;
}

export async function readRespondents(
  config: SurveyConfig,
  sink: DiagnosticSink,
  onBatch: (batch: CsvBatch, columns: DataColumns) => void,
): Promise<ReadOutcome> {
  let columns: DataColumns | null = null;
  let missing = false;
  const summary = await readCsv(
    config.data.path,
    { delimiter: config.data.delimiter },
    (header) => {
      const names = header.cells.map((cell) => cell.trim());
      const find = (name: string, key: string) => {
        const index = names.indexOf(name);
        if (index === -1) {
          missing = true;
          sink.report(
            diagnostic(
              'FND008',
              configPosition(config, key),
              `column "${name}" (${key}) is not in the header of ${config.data.displayPath}${didYouMean(nearest(name, names))}`,
              { expected: name, actual: names.join(', ') },
            ),
          );
        }
        return index;
      };
      const { id, segment, weight, themes } = config.data.columns;
      columns = {
        id: find(id, 'data.columns.id'),
        segment: find(segment, 'data.columns.segment'),
        weight: weight === null ? -1 : find(weight, 'data.columns.weight'),
        themes: find(themes, 'data.columns.themes'),
        questions: config.questions.map((q, i) => find(q.column, `questions[${i}].column`)),
        width: header.cells.length,
      };
    },
    (batch) => {
      if (!missing && columns !== null) onBatch(batch, columns);
    },
  );
  const status = !summary.hasHeader ? 'empty' : missing ? 'no-columns' : 'read';
  return { status, bytes: summary.bytes, sha256: summary.sha256 };
}
