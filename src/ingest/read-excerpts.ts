/**
 * Read excerpt-per-row data (one coded excerpt per row, as QDA tools export them): find the
 * configured columns, give every row the checks every data row gets (check-row.ts), and hand each
 * row on to the ExcerptCollector as a RawExcerpt whose fields know their file position.
 */
import type { DiagnosticSink, SurveyConfig } from '../model.ts';
import { diagnostic, say, type Code } from '../messages.ts';
import { checkRow } from '../validate/check-row.ts';
import type { ExcerptCollector, ExcerptField } from '../validate/validate-excerpts.ts';
import type { ReadOutcome } from './read-respondents.ts';
import { readTable, type TableColumns } from './read-table.ts';
import type { CsvBatch } from './read-csv.ts';

export interface ExcerptFile {
  path: string;
  displayPath: string;
  delimiter: string | null;
  /** The config key holding the column names: "data.columns" or "data.excerpts.columns". */
  key: string;
  columns: { id: string; code: string; text: string; coder: string | null; segment: string | null; weight: string | null };
}

const FIELDS: readonly ExcerptField[] = ['id', 'code', 'text', 'coder', 'segment', 'weight'];

export async function readExcerpts(config: SurveyConfig, source: ExcerptFile, collector: ExcerptCollector, sink: DiagnosticSink): Promise<ReadOutcome> {
  return readTable(
    config,
    { path: source.path, displayPath: source.displayPath, delimiter: source.delimiter, columns: excerptColumns(source) },
    sink,
    excerptRows(config, source, collector, sink),
  );
}

/** The columns an excerpt file's config names, in FIELDS order, with the config key of each. */
export function excerptColumns(source: ExcerptFile): { name: string | null; key: string }[] {
  return FIELDS.map((field) => ({ name: source.columns[field], key: `${source.key}.${field}` }));
}

/** Where each field is among the table's columns (-1: not named): the fast reader's order of fields too. */
export const EXCERPT_FIELDS = FIELDS;

/** The rules for a batch of excerpt rows as papaparse split them (the ordinary reader's, and the fast reader's rows it leaves to the rules). */
export function excerptRows(
  config: SurveyConfig,
  source: ExcerptFile,
  collector: ExcerptCollector,
  sink: DiagnosticSink,
): (batch: CsvBatch, table: TableColumns) => void {
  const file = source.displayPath;
  return (batch, table) => {
    const index = (field: ExcerptField) => table.indexes[FIELDS.indexOf(field)]!;
    for (let r = 0; r < batch.rows.length; r++) {
      const row = batch.rows[r]!;
      const locate = (cell: number, offset = 0) => ({ file, ...batch.locate(r, cell, offset) });
      let first: { file: string; line: number; column: number; code: Code; message: string } | null = null;
      const status = checkRow(batch, r, table, config.limits.maxFieldChars, {
        reject: (message, cell, offset) => {
          const at = locate(cell, offset);
          sink.report(diagnostic(at, message));
          first ??= { ...at, code: message.code, message: message.text };
        },
        warn: (message, cell, offset) => sink.report(diagnostic(locate(cell, offset), message)),
      });
      if (status === 'header') {
        collector.rowSkipped({ ...locate(0), code: 'FND308', message: say.FND308.ledger().text });
        continue;
      }
      if (status === 'rejected') {
        collector.rowFailed(first!, row[index('id')]?.trim() ?? null);
        continue;
      }
      const cell = (field: ExcerptField) => {
        const i = index(field);
        return i === -1 ? null : row[i]!;
      };
      collector.add({
        id: cell('id')!,
        code: cell('code')!,
        text: cell('text')!,
        coder: cell('coder'),
        segment: cell('segment'),
        weight: cell('weight'),
        locate: (field, offset = 0) => locate(Math.max(0, index(field)), offset),
      });
    }
  };
}
