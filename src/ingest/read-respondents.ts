/**
 * Read respondent-per-row data: find the configured columns in the header, then hand each batch of
 * raw rows (cells with positions) on for validation. A configured column missing from the header
 * is reported at the config key that names it, with the nearest header name as a suggestion.
 * The file is read by readData (formats/read-data.ts): a platform export or workbook arrives as the
 * same header and row batches as a plain CSV, with other names for some columns (a Qualtrics
 * ImportId) and, with data.themeColumns, the one-hot theme columns resolved here.
 */
import { statSync } from 'node:fs';
import type { DataColumns, DiagnosticSink, SurveyConfig } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { nearest } from '../validate/nearest.ts';
import { configPosition, looksLikeOther } from '../config/read-config.ts';
import type { CsvBatch } from './read-csv.ts';
import { readData, type DataHeader } from './formats/read-data.ts';
import { checkFileSize, checkHeader } from './check-header.ts';
import { compileFilter, filterColumns } from '../filter/row-filter.ts';

// Where the configured columns stand is a pipeline noun (validate/ reads it too): see model.ts.
export type { DataColumns };

export interface ReadOutcome {
  /** read; empty (no header); no-columns (a configured column missing or ambiguous: exit 2); unreadable (too large or too wide: exit 1). */
  status: 'read' | 'empty' | 'no-columns' | 'unreadable';
  bytes: number;
  sha256: string;
}

/** The configured columns found in a header, or null when one is missing, named twice or the header is too wide (reported). */
export interface ResolvedColumns {
  columns: DataColumns | null;
  /** The header is wider than limits.maxColumns: the file is not read (exit 1). */
  unreadable: boolean;
}

/** Find the configured columns (and one-hot theme columns) in the data's header, reporting what is missing. */
export function resolveColumns(config: SurveyConfig, header: DataHeader, sink: DiagnosticSink): ResolvedColumns {
  const file = config.data.displayPath;
  const checked = checkHeader(config, header, file, sink);
  if (checked === null) return { columns: null, unreadable: true };
  const { names, find } = checked;
  const { id, segment, weight, themes } = config.data.columns;
  const columns: DataColumns = {
    id: find(id, 'data.columns.id'),
    segment: segment === '' ? -1 : find(segment, 'data.columns.segment'), // issue 14: -1, no segment column: one group
    weight: weight === null ? -1 : find(weight, 'data.columns.weight'),
    themes: themes === '' ? -1 : find(themes, 'data.columns.themes'),
    questions: config.questions.map((q, i) => (q.column === '' ? -1 : find(q.column, `questions[${i}].column`))),
    width: header.cells.length,
    header: header.cells,
  };
  // Issue 16: the filter's columns and the banners, each found (or reported at its config key).
  const filter = config.data.filter ?? null;
  if (filter !== null) {
    const at = new Map(filterColumns(filter).map(({ column, key }) => [column, find(column, key)]));
    if ([...at.values()].every((i) => i !== -1)) columns.keep = compileFilter(filter, (column) => at.get(column)!);
  }
  if ((config.banners ?? []).length > 0) columns.banners = config.banners!.map(({ column, key }) => find(column, key));
  // issue 16: a multi question's option columns (with their choice texts) and its "other" column.
  columns.optionColumns = config.questions.map((q, i) =>
    q.type !== 'multi' || q.optionColumns.length === 0
      ? null
      : q.optionColumns.map((name, o) => {
          const index = find(name, `questions[${i}].columns`);
          return { index, texts: [q.labels[o] ?? name, ...(index !== -1 && header.choices[index] ? [header.choices[index]!] : [])] };
        }),
  );
  columns.otherColumns = config.questions.map((q, i) => (q.type === 'multi' && q.other !== null ? find(q.other, `questions[${i}].other`) : -1));
  let missing = false;
  const oneHot = config.data.themeColumns;
  if (oneHot != null) {
    const picked: { index: number; code: string; choice: string | null }[] = [];
    if (oneHot.prefix !== null) {
      const prefix = oneHot.prefix;
      names.forEach((name, index) => {
        if (!name.startsWith(prefix) || name.length === prefix.length) return;
        let code = name.slice(prefix.length);
        if (prefix.endsWith('[') && code.endsWith(']')) code = code.slice(0, -1);
        // issue 16: a free-text "other" column (LimeSurvey Q3[other]) is not a tick column: kept out, with a note.
        if (looksLikeOther(name) || looksLikeOther(header.choices[index] ?? '')) {
          sink.report(diagnostic(configPosition(config, 'data.themeColumns.prefix'), say.FND335.themes(name)));
          return;
        }
        picked.push({ index, code, choice: header.choices[index] ?? null });
      });
      if (picked.length === 0) {
        missing = true;
        sink.report(
          diagnostic(
            configPosition(config, 'data.themeColumns.prefix'),
            say.FND008.noPrefix(config.data.displayPath, prefix, 'data.themeColumns.prefix', nearest(prefix, names), names),
          ),
        );
      }
    }
    for (const { code, column } of oneHot.columns) {
      const index = find(column, `data.themeColumns.columns.${code}`);
      if (index !== -1) picked.push({ index, code, choice: header.choices[index] ?? null });
    }
    columns.themeColumns = picked;
  }
  // Issue 15: the columns of weighting.rake other than the segment, reported as the rake's own problem.
  const rake = config.weighting.rake;
  if (rake !== null) {
    columns.rake = [];
    for (const margin of rake.margins) {
      if (margin.segment) continue;
      const index = names.indexOf(margin.column);
      if (index === -1) {
        missing = true;
        sink.report(
          diagnostic(
            configPosition(config, `weighting.rake.targets.${margin.key}`),
            say.FND020.notInHeader(margin.column, file, nearest(margin.column, names)),
          ),
        );
      }
      columns.rake.push(index);
    }
  }
  return { columns: missing || checked.missing ? null : columns, unreadable: false };
}

export async function readRespondents(
  config: SurveyConfig,
  sink: DiagnosticSink,
  onBatch: (batch: CsvBatch, columns: DataColumns) => void,
  /** Called as the file is read with the bytes read so far (not for a workbook, read at once). */
  onBytes?: (bytes: number) => void,
): Promise<ReadOutcome> {
  let columns: DataColumns | null = null;
  let unreadable = false;
  const size = checkFileSize(config, config.data.path, config.data.displayPath, sink);
  if (size === null) return { status: 'unreadable', bytes: statSync(config.data.path).size, sha256: '' };
  const summary = await readData(
    config,
    sink,
    { maxFieldChars: config.limits.maxFieldChars, onBytes },
    (header) => {
      const resolved = resolveColumns(config, header, sink);
      columns = resolved.columns;
      unreadable = resolved.unreadable;
    },
    (batch) => {
      if (columns !== null) onBatch(batch, columns);
    },
  );
  const status = !summary.hasHeader
    ? 'empty'
    : unreadable || summary.malformed
      ? 'unreadable'
      : columns === null || summary.misconfigured
        ? 'no-columns'
        : 'read';
  return { status, bytes: summary.bytes, sha256: summary.sha256 };
}
