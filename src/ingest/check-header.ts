/**
 * The checks every table the config names gets before its rows are read (the data, an excerpt file,
 * a respondent file, another coder's file): the file size and header width against `limits`, empty
 * header cells, and the lookup of each column the config names — missing (reported at the config key
 * that names it, with the nearest header name suggested) or named twice in the header.
 */
import { statSync } from 'node:fs';
import type { DiagnosticSink, SurveyConfig } from '../model.ts';
import { diagnostic, didYouMean } from '../messages.ts';
import { nearest } from '../validate/nearest.ts';
import { configPosition } from './read-config.ts';
import { headerWiderThan } from './header-width.ts';

/** The file's size, or null when it is above limits.maxFileBytes (reported: FND216). */
export function checkFileSize(config: SurveyConfig, path: string, file: string, sink: DiagnosticSink): number | null {
  const size = statSync(path).size;
  const { maxFileBytes } = config.limits;
  if (size <= maxFileBytes) {
    // Issue #20: a header far wider than limits.maxColumns is refused before any parser reads it (header-width.ts).
    const text = config.data.format !== 'xlsx' && !/\.qdpx$/i.test(path);
    const delimiter = path === config.data.path ? config.data.delimiter : null;
    const wide = text ? headerWiderThan(path, delimiter, config.limits.maxColumns) : null;
    if (wide !== null) {
      sink.report(diagnostic('FND215', { file, line: 1, column: 1 }, `the header has ${wide} columns, more than limits.maxColumns (${config.limits.maxColumns}); the file is not read`));
      return null;
    }
    return size;
  }
  sink.report(
    diagnostic('FND216', { file, line: 1, column: 1 }, `${file} is ${size} bytes, more than limits.maxFileBytes (${maxFileBytes}); raise the limit in the config to read it`),
  );
  return null;
}

export interface HeaderLike {
  cells: string[];
  line: number;
  locate(cell: number): { line: number; column: number };
  /** Other names a column answers to (a Qualtrics ImportId, a Kobo question without its group). */
  aliases?: ReadonlyMap<string, number>;
}

export interface CheckedHeader {
  /** Trimmed header names. */
  names: string[];
  /** Index of a column the config names; -1 when it is missing (reported). */
  find(name: string, key: string): number;
  /** True once a named column was missing or named twice: the table cannot be read (exit 2). */
  readonly missing: boolean;
}

/** Null when the header is wider than limits.maxColumns (reported: FND215; the file is not read). */
export function checkHeader(config: SurveyConfig, header: HeaderLike, file: string, sink: DiagnosticSink): CheckedHeader | null {
  const { maxColumns } = config.limits;
  if (header.cells.length > maxColumns) {
    sink.report(
      diagnostic('FND215', { file, line: header.line, column: 1 }, `the header has ${header.cells.length} columns, more than limits.maxColumns (${maxColumns}); the file is not read`),
    );
    return null;
  }
  const names = header.cells.map((cell) => cell.trim());
  names.forEach((name, i) => {
    if (name === '') sink.report(diagnostic('FND306', { file, ...header.locate(i) }, `header cell ${i + 1} is empty; its column cannot be used`));
  });
  const checked = {
    names,
    missing: false,
    find(name: string, key: string): number {
      const direct = names.indexOf(name);
      const index = direct === -1 ? (header.aliases?.get(name) ?? -1) : direct;
      const again = direct === -1 ? -1 : names.indexOf(name, direct + 1);
      if (again !== -1) {
        checked.missing = true;
        sink.report(
          diagnostic('FND009', { file, ...header.locate(again) }, `column "${name}" (${key}) appears more than once in the header (columns ${index + 1} and ${again + 1}); rename one`),
        );
      } else if (index === -1) {
        checked.missing = true;
        sink.report(
          diagnostic('FND008', configPosition(config, key), `column "${name}" (${key}) is not in the header of ${file}${didYouMean(nearest(name, names))}`, {
            expected: name,
            actual: names.join(', '),
          }),
        );
      }
      return index;
    },
  };
  return checked;
}
