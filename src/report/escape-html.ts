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
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
