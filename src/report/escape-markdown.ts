/**
 * Escapes data text for Markdown (CommonMark and GitHub tables), so a theme label or a message cannot
 * become a link, an image, HTML, an entity, emphasis, code, strike-through or a table column: each of
 * \ ` * _ { } [ ] < > | & ~ gets a backslash anywhere, and a leading # + - = or "1." / "1)" (which
 * would start a heading, list or rule at the start of a block) is escaped too. Parentheses and hyphens
 * inside text need nothing once brackets are escaped, so the raw Markdown stays readable. The colon of
 * "://" is escaped so GitHub's autolinking cannot turn a URL into a link. Line breaks become spaces.
 *
 * @example
 * escapeMarkdown('[click](x) <b>'); // "\\[click\\](x) \\<b\\>"
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_{}[\]<>|&~]/g, '\\$&')
    // GitHub turns bare URLs into links; an escaped colon keeps "https://" as text.
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/^(\s*)([#+\-=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
