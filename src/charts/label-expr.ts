/**
 * A Vega expression that shows each axis or legend value under its display label, one string or an
 * array of lines (Vega draws arrays as multi-line labels). Charts key their scales on theme codes,
 * which are unique, and show labels through this. Unknown values show as themselves.
 *
 * @example
 * labelExpr(new Map([['a', ['Alpha']], ['b', ['Beta', 'two']]]));
 * // 'datum.value === "a" ? "Alpha" : datum.value === "b" ? ["Beta","two"] : datum.label'
 */
export function labelExpr(labels: ReadonlyMap<string, readonly string[]>): string {
  const branches = [...labels].map(([value, lines]) => {
    const shown = literal(lines.length === 1 ? (lines[0] ?? '') : lines);
    return `datum.value === ${literal(value)} ? ${shown} : `;
  });
  return `${branches.join('')}datum.label`;
}

/** JSON is a valid Vega expression literal once the two JavaScript line terminators are escaped. */
function literal(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
