import { stripBidi } from '../format/strip-bidi.ts';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values (& < > " ').
 * Every piece of data text in the HTML report goes through this one function.
 *
 * @example
 * escapeHtml('<b>"A" & B</b>'); // "&lt;b&gt;&quot;A&quot; &amp; B&lt;/b&gt;"
 */
export function escapeHtml(text: string): string {
  // Issue #20: bidi controls removed, so data text cannot reorder the report's own figures.
  return stripBidi(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
