/**
 * What a survey platform adds to a plain CSV: header rows after the first (dropped), the names a
 * column may be addressed by besides its first-row name (aliases: a Qualtrics ImportId, a Kobo
 * question without its group), the choice a one-per-choice column stands for (the cell text that
 * means "ticked"), and which responses the platform marks unfinished.
 */
import type { Message } from '../../messages.ts';
export interface HeaderRow {
  cells: string[];
  line: number;
  locate(cell: number): { line: number; column: number };
}

export interface LayoutHeader {
  /** The name of each column (the first header row, or a name made from two rows). */
  names: string[];
  /** Other names of a column: the first column with a name wins. */
  aliases: Map<string, number>;
  /** The choice label of a one-per-choice column (its "ticked" text), or null. */
  choices: (string | null)[];
}

interface LayoutProblem {
  /** Index of the header row (0 = first) the problem is on, or of the row that is missing. */
  row: number;
  cell: number;
  /** FND223, from the catalogue. */
  message: Message;
}

export interface ExportLayout {
  /** How many header rows follow the first. */
  extraRows(first: string[]): number;
  /** Read the header rows (first, then the extra ones; fewer when the file ended early). */
  header(rows: HeaderRow[]): LayoutHeader | LayoutProblem;
  /**
   * For a header, a test of one data row: the cell that marks the response unfinished, or -1.
   * Null when the platform has no such mark (or the header lacks its column).
   */
  unfinished?(header: LayoutHeader): ((row: string[]) => number) | null;
  /**
   * Issue 19: for the fast reader's byte scanner, when a row is surely finished, as plain data (it
   * is sent to worker threads): see FinishedWhen. A row no alternative vouches for is read by
   * `unfinished` itself, so this may say less than `unfinished`, never more. Absent: every row is read by `unfinished`.
   */
  finishedWhen?(header: LayoutHeader): FinishedWhen;
}

/**
 * Issue 19: a row is surely finished when every test of at least one alternative holds: the column's
 * trimmed cell is one of `values` (null: any text but blank).
 */
export type FinishedWhen = { column: number; values: string[] | null }[][];

/** The index of a column by name or alias, or -1. */
export function columnOf(header: LayoutHeader, ...names: string[]): number {
  for (const name of names) {
    const i = header.names.indexOf(name);
    if (i !== -1) return i;
    const alias = header.aliases.get(name);
    if (alias !== undefined) return alias;
  }
  return -1;
}

/** Add an alias unless the name is already taken by a column or an earlier alias. */
export function addAlias(header: LayoutHeader, alias: string, index: number): void {
  if (alias === '' || header.names.includes(alias) || header.aliases.has(alias)) return;
  header.aliases.set(alias, index);
}
