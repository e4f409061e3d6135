import { stripBidi } from '../format/strip-bidi.ts';

/** U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE. */
export const FSI = '\u2068';
export const PDI = '\u2069';

/** A strong right-to-left letter: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms, and the RTL planes. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * A piece of data text ready to stand beside other text in a chart (issue 17): its own bidi control
 * characters removed (an override in a label must not reverse the chart's figures), and, when it
 * holds right-to-left letters, wrapped in a first-strong isolate, so it is laid out as one unit and
 * a count after it ("לא בטוחים (n = 5)") stays after it instead of joining the right-to-left run.
 * Text without right-to-left letters is returned as it is (less any controls): it needs no isolate.
 *
 * @example
 * isolate('לא בטוחים'); // "\u2068לא בטוחים\u2069"
 * isolate('Funders\u202E'); // "Funders"
 */
export function isolate(text: string): string {
  const clean = stripBidi(text);
  return RTL.test(clean) ? `${FSI}${clean}${PDI}` : clean;
}

/**
 * Every bidi control character removed except the isolates `isolate` adds: a U+2068 … U+2069 pair
 * with no other control inside and a right-to-left letter in it. What survives cannot reorder any
 * text outside the pair. Idempotent.
 */
export function neutraliseBidi(text: string): string {
  if (!CONTROL.test(text)) return text;
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === FSI) {
      const end = text.indexOf(PDI, index + 1);
      const inner = end < 0 ? '' : text.slice(index + 1, end);
      if (end > 0 && !CONTROL.test(inner) && RTL.test(inner)) {
        out += `${FSI}${inner}${PDI}`;
        index = end + 1;
        continue;
      }
    } else if (!CONTROL.test(char)) out += char;
    index++;
  }
  return out;
}

/**
 * Lines cut from one text keep their isolates balanced: an isolate open at the end of a line is
 * closed there and opened again on the next, so each line (its own SVG text run) is whole.
 */
export function balanceIsolates(lines: readonly string[]): string[] {
  let open = 0;
  return lines.map((line) => {
    const start = open;
    for (const char of line) {
      if (char === FSI) open++;
      else if (char === PDI && open > 0) open--;
    }
    return `${FSI.repeat(start)}${line}${PDI.repeat(open)}`;
  });
}
