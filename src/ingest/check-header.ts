/**
 * The checks every table the config names gets before its rows are read (the data, an excerpt file,
 * a respondent file, another coder's file): the file size and header width against `limits`, empty
 * header cells, and the lookup of each column the config names — missing (reported at the config key
 * that names it, with the nearest header name suggested) or named twice in the header.
 */
import { statSync } from 'node:fs';
import type { DiagnosticSink, SurveyConfig } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { nearest } from '../validate/nearest.ts';
import { configPosition } from '../config/read-config.ts';
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
      sink.report(diagnostic({ file, line: 1, column: 1 }, say.FND215(wide, config.limits.maxColumns)));
      return null;
    }
    return size;
  }
  sink.report(diagnostic({ file, line: 1, column: 1 }, say.FND216(file, size, maxFileBytes)));
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
    sink.report(diagnostic({ file, line: header.line, column: 1 }, say.FND215(header.cells.length, maxColumns)));
    return null;
  }
  const names = header.cells.map((cell) => cell.trim());
  names.forEach((name, i) => {
    if (name === '') sink.report(diagnostic({ file, ...header.locate(i) }, say.FND306(i + 1)));
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
        sink.report(diagnostic({ file, ...header.locate(again) }, say.FND009(name, key, index + 1, again + 1)));
      } else if (index === -1) {
        checked.missing = true;
        sink.report(diagnostic(configPosition(config, key), say.FND008.notInHeader(name, key, file, nearest(name, names), names)));
      }
      return index;
    },
  };
  return checked;
}
