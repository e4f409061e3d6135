/**
 * A text cell made safe to open in a spreadsheet, by the rule the CSV tables follow (csv-table.ts,
 * OWASP CSV injection): text starting with = + - @, tab or CR gets a leading single quote, so no
 * spreadsheet reads it as a formula, now or when someone edits the cell. Numbers never pass through
 * here: -0.05 stays a number.
 *
 * @example
 * neutraliseFormula('=HYPERLINK("http://x")'); // "'=HYPERLINK(\"http://x\")"
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
