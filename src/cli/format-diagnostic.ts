/**
 * Print diagnostics the way compilers do, clickable in an editor:
 * `fixtures/bad-unknown-theme/responses.csv:14:5  error  unknown theme "strucure" (did you mean "structure"?)  FND207 unknown-theme`
 * At most `perCode` lines per code are printed; the rest are counted (`check --json` has them all).
 */
import type { Diagnostic } from '../model.ts';

export function formatDiagnostics(diagnostics: readonly Diagnostic[], perCode = 50): string {
  const shown = new Map<string, number>();
  const lines: string[] = [];
  for (const d of diagnostics) {
    const count = (shown.get(d.code) ?? 0) + 1;
    shown.set(d.code, count);
    if (count > perCode) continue;
    lines.push(`${d.file}:${d.line}:${d.column}  ${d.severity}  ${oneLine(d.message)}  ${d.code} ${d.ruleId}`);
  }
  for (const [code, count] of shown) {
    if (count > perCode) lines.push(`… and ${count - perCode} more ${code} diagnostics (findings check --json lists them all)`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length > 0) lines.push(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Data text in a terminal line: no raw control characters or newlines (they could forge output). */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are escaped before reaching the terminal.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
