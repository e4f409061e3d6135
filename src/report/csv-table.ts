/** A CSV cell before quoting: text, a number at full precision, a boolean, or null (an empty cell). */
export type CsvCell = string | number | boolean | null;

/**
 * A tidy CSV table: a header row, then one row per observation; RFC 4180 quoting, LF line endings, a
 * final newline, numbers at full precision (non-finite ones empty), null as an empty cell. Text that
 * a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading single quote
 * (OWASP CSV injection); numeric cells are never altered, so -0.05 stays -0.05.
 *
 * @example
 * csvTable(['code', 'n'], [['=x', -1]]); // "code,n\n'=x,-1\n"
 */
export function csvTable(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}

/** Rows per piece of csvTablePieces: tens of kilobytes, small enough to die young (issue 19), many to a write. */
const ROWS_PER_PIECE = 256;

/**
 * Issue 19: csvTable's exact text as pieces of a few thousand rows, from rows made one at a time,
 * so a table of half a million rows (1,000 themes × 500 segments) is written without its rows or its
 * text ever being whole in memory. With a study note, each row gets it in a last column (withStudyNote).
 *
 * @example
 * [...csvTablePieces(['code', 'n'], [['=x', -1]], null)].join(''); // "code,n\n'=x,-1\n"
 */
export function* csvTablePieces(header: readonly string[], rows: Iterable<readonly CsvCell[]>, note: string | null): Generator<string> {
  const text = note?.trim() ?? '';
  const last = text === '' ? [] : [csvCell(text)];
  // Issue 19: one string built cell by cell (half a million rows in a wide study), no arrays per row.
  const line = (row: readonly CsvCell[]): string => {
    let out = row.length === 0 ? '' : csvCell(row[0]!);
    for (let i = 1; i < row.length; i++) out += `,${csvCell(row[i]!)}`;
    return last.length === 0 ? out : row.length === 0 ? last[0]! : `${out},${last[0]!}`;
  };
  let piece = `${text === '' ? header.map(csvCell).join(',') : [...header, 'study_note'].map(csvCell).join(',')}\n`;
  let count = 0;
  for (const row of rows) {
    piece += `${line(row)}\n`;
    if (++count % ROWS_PER_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Issue 17: a table file must not lose the study's note (e.g. "synthetic data") when it travels
 * alone. With a note, every row gets it in a last `study_note` column, so the figures and the
 * caveat cannot be pasted apart and the table stays tidy (one header, rectangular) for notebooks;
 * without a note (null or blank) the table is unchanged.
 *
 * @example
 * csvTable(...withStudyNote(['code'], [['a']], 'Synthetic')); // "code,study_note\na,Synthetic\n"
 */
export function withStudyNote(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  note: string | null,
): [readonly string[], readonly (readonly CsvCell[])[]] {
  const text = note?.trim() ?? '';
  if (text === '') return [header, rows];
  return [[...header, 'study_note'], rows.map((row) => [...row, text])];
}
