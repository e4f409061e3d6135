/**
 * Bidirectional control characters (issue #20): an override (U+202E RIGHT-TO-LEFT OVERRIDE), an
 * embedding, an isolate or a directional mark in a label would reorder the text after it, the
 * report's own figures included ("12% of 40" shown as "04 fo %21"). Every piece of data text that
 * reaches the HTML, the Markdown or a chart loses them; the letters of any script keep their own
 * direction, which needs no control character.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
