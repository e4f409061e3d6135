/**
 * Vega's expression parser takes a string literal whose text is a property of Object.prototype
 * (`"toString"`, `"constructor"`, `"valueOf"`, ...) or `"if"` for an identifier (it looks the token
 * up in a plain object, vega-expression parser.js `legalKeywords[lookahead.value]`), so an expression
 * Vega-Lite writes from data (an explicit sort order, a label lookup) refers to a signal of that name
 * and the chart fails with "Operator not defined" (issue #20). Such a name is given an invisible
 * WORD JOINER (U+2060) wherever it appears as a string in a chart spec, in the data, the sort orders
 * and scale domains alike, and as a quoted literal inside expressions, so every lookup still matches
 * and the chart shows the same text. Every other string is left as it is.
 */
import { neutraliseBidi } from './bidi.ts';

const WORD_JOINER = '\u2060';

/** Names Vega's expression parser would resolve as identifiers. */
const DANGEROUS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'if']);

/** Keys whose string value is a Vega expression. */
const EXPRESSION_KEYS: ReadonlySet<string> = new Set(['expr', 'labelExpr', 'test', 'signal', 'calculate', 'filter', 'update']);

/** The name as it may appear in a chart spec. */
function vegaSafeName(value: string): string {
  return DANGEROUS.has(value) ? value + WORD_JOINER : value;
}

/** The same literal, rewritten, inside an expression: `"toString"` becomes `"toString\u2060"`. */
function guardExpression(expression: string): string {
  return expression.replace(/"((?:[^"\\]|\\.)*)"/g, (whole, body: string) => {
    let text: string;
    try {
      text = JSON.parse(whole) as string;
    } catch {
      return whole;
    }
    return DANGEROUS.has(text) ? JSON.stringify(vegaSafeName(text)) : `"${body}"`;
  });
}

/** A copy of a chart spec with every dangerous name guarded (idempotent). */
export function guardVegaNames<T>(spec: T): T {
  const visit = (value: unknown, key: string): unknown => {
    // Issue #20: bidi controls removed too, so a label cannot reorder a chart's figures; issue 17: but
    // the isolates bidi.ts puts around right-to-left data text stay (neutraliseBidi).
    if (typeof value === 'string') return EXPRESSION_KEYS.has(key) ? guardExpression(neutraliseBidi(value)) : vegaSafeName(neutraliseBidi(value));
    if (Array.isArray(value)) return value.map((item) => visit(item, key));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      // defineProperty: a key such as __proto__ stays an own key.
      for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: visit(v, k), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return value;
  };
  return visit(spec, '') as T;
}
