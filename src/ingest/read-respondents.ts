/**
 * Read respondent-per-row data: find the configured columns in the header, then hand each batch of
 * raw rows (cells with positions) on for validation. A configured column missing from the header
 * is reported at the config key that names it, with the nearest header name as a suggestion.
 * The file is read by readData (formats/read-data.ts): a platform export or workbook arrives as the
 * same header and row batches as a plain CSV, with other names for some columns (a Qualtrics
 * ImportId) and, with data.themeColumns, the one-hot theme columns resolved here.
 */
import { statSync } from 'node:fs';
import type { DiagnosticSink, RejectedRow, SurveyConfig } from '../model.ts';
import { diagnostic, didYouMean } from '../messages.ts';
import { nearest } from '../validate/nearest.ts';
import { configPosition } from './read-config.ts';
import type { CsvBatch } from './read-csv.ts';
import { readData } from './formats/read-data.ts';

export interface DataColumns {
  id: number;
  segment: number;
  /** -1 without a weight column. */
  weight: number;
  themes: number;
  /** One-hot theme columns (data.themeColumns): each column's index, the code it stands for and its choice text. */
  themeColumns?: { index: number; code: string; choice: string | null }[];
  /** Column of each configured question, in config order. */
  questions: number[];
  /** Number of fields in the header. */
  width: number;
  /** The header's cells, to recognise a repeated header row. */
  header: string[];
}

export interface ReadOutcome {
  /** read; empty (no header); no-columns (a configured column missing or ambiguous: exit 2); unreadable (too large or too wide: exit 1). */
  status: 'read' | 'empty' | 'no-columns' | 'unreadable';
  bytes: number;
  sha256: string;
  /** Warnings about the whole file (data.encoding guessed), for results.json. */
  warnings?: RejectedRow[];
}

export async function readRespondents(
  config: SurveyConfig,
  sink: DiagnosticSink,
  onBatch: (batch: CsvBatch, columns: DataColumns) => void,
): Promise<ReadOutcome> {
  let columns: DataColumns | null = null;
  let missing = false;
  let unreadable = false;
  const file = config.data.displayPath;
  const { maxFileBytes, maxFieldChars, maxColumns } = config.limits;
  const size = statSync(config.data.path).size;
  if (size > maxFileBytes) {
    sink.report(
      diagnostic('FND216', { file, line: 1, column: 1 }, `${file} is ${size} bytes, more than limits.maxFileBytes (${maxFileBytes}); raise the limit in the config to read it`),
    );
    return { status: 'unreadable', bytes: size, sha256: '' };
  }
  const summary = await readData(
    config,
    sink,
    { maxFieldChars },
    (header) => {
      if (header.cells.length > maxColumns) {
        unreadable = true;
        sink.report(
          diagnostic('FND215', { file, line: header.line, column: 1 }, `the header has ${header.cells.length} columns, more than limits.maxColumns (${maxColumns}); the file is not read`),
        );
        return;
      }
      const names = header.cells.map((cell) => cell.trim());
      const seen = new Map<string, number>();
      names.forEach((name, i) => {
        if (name === '') {
          sink.report(diagnostic('FND306', { file, ...header.locate(i) }, `header cell ${i + 1} is empty; its column cannot be used`));
        } else if (!seen.has(name)) seen.set(name, i);
      });
      const find = (name: string, key: string) => {
        // A name in the header, else another name of a column (a Qualtrics ImportId, a Kobo question without its group).
        const index = names.indexOf(name) === -1 ? (header.aliases.get(name) ?? -1) : names.indexOf(name);
        const again = index === -1 || names[index] !== name ? -1 : names.indexOf(name, index + 1);
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
        themes: themes === '' ? -1 : find(themes, 'data.columns.themes'),
        questions: config.questions.map((q, i) => find(q.column, `questions[${i}].column`)),
        width: header.cells.length,
        header: header.cells,
      };
      const oneHot = config.data.themeColumns;
      if (oneHot != null) {
        const picked: { index: number; code: string; choice: string | null }[] = [];
        if (oneHot.prefix !== null) {
          const prefix = oneHot.prefix;
          names.forEach((name, index) => {
            if (!name.startsWith(prefix) || name.length === prefix.length) return;
            let code = name.slice(prefix.length);
            if (prefix.endsWith('[') && code.endsWith(']')) code = code.slice(0, -1);
            picked.push({ index, code, choice: header.choices[index] ?? null });
          });
          if (picked.length === 0) {
            missing = true;
            sink.report(
              diagnostic('FND008', configPosition(config, 'data.themeColumns.prefix'), `no column of ${config.data.displayPath} starts with "${prefix}" (data.themeColumns.prefix)${didYouMean(nearest(prefix, names))}`, {
                expected: `${prefix}…`,
                actual: names.join(', '),
              }),
            );
          }
        }
        for (const { code, column } of oneHot.columns) {
          const index = find(column, `data.themeColumns.columns.${code}`);
          if (index !== -1) picked.push({ index, code, choice: header.choices[index] ?? null });
        }
        columns.themeColumns = picked;
      }
    },
    (batch) => {
      if (!missing && !unreadable && columns !== null) onBatch(batch, columns);
    },
  );
  const status = !summary.hasHeader ? 'empty' : unreadable || summary.malformed ? 'unreadable' : missing || summary.misconfigured ? 'no-columns' : 'read';
  return { status, bytes: summary.bytes, sha256: summary.sha256, warnings: summary.warnings };
}
