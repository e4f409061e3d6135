/**
 * Rule unknown-theme (FND207), with empty-theme-entry (FND302, a cell of only separators): split a themes cell on the
 * separator, trim white space around each code, and look each up in the codebook. Codes are
 * case-sensitive; empty entries ("a;;b", a trailing ";") are ignored; a code that matches only when case is ignored is reported with the right
 * spelling as the suggestion. A code repeated in one cell counts once.
 */
import type { Codebook } from '../../model.ts';
import { nearest } from '../nearest.ts';
import type { RowRule } from '../rule-types.ts';

export interface ThemeCell {
  /** Codebook indexes mentioned directly, in cell order, without repeats. */
  codes: number[];
  unknown: { code: string; offset: number; suggestion: string | null }[];
  /** True when the cell is not blank but holds only separators (";;"): suspicious, so warned about. */
  onlySeparators: boolean;
}

export function unknownTheme(cell: string, separator: string, codebook: Codebook): ThemeCell {
  const result: ThemeCell = { codes: [], unknown: [], onlySeparators: false };
  if (cell === '') return result;
  // Fast path, the common case: every entry is a known code written without spaces.
  if (cell.indexOf(' ') === -1 && cell.indexOf('\t') === -1) {
    let start = 0;
    let fast = true;
    for (;;) {
      const end = cell.indexOf(separator, start);
      const index = codebook.index.get(end === -1 ? cell.slice(start) : cell.slice(start, end));
      if (index === undefined) {
        fast = false;
        break;
      }
      if (!result.codes.includes(index)) result.codes.push(index);
      if (end === -1) break;
      start = end + separator.length;
    }
    if (fast) return result;
    result.codes.length = 0;
  }
  if (cell.trim() === '') return result;
  let offset = 0;
  let empty = 0;
  let pieces = 0;
  for (const piece of cell.split(separator)) {
    const code = piece.trim();
    pieces++;
    if (code === '') empty++;
    else {
      const index = codebook.index.get(code);
      if (index === undefined) {
        const lead = piece.length - piece.trimStart().length;
        result.unknown.push({ code, offset: offset + lead, suggestion: nearest(code, codebook.index.keys()) });
      } else if (!result.codes.includes(index)) result.codes.push(index);
    }
    offset += piece.length + separator.length;
  }
  result.onlySeparators = empty === pieces;
  return result;
}

/** How the rule is met: a code the scanner's table lacks goes to the rules. */
export const rule: RowRule = { code: 'FND207', scanner: 'bytes' };
