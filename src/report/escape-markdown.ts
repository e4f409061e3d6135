/**
 * Escapes data text for Markdown (CommonMark and GitHub tables), so a theme label or a message cannot
 * become a link, an image, HTML, emphasis, a heading or a table column: each of \ ` * _ { } [ ] < > ( )
 * # + - ! | (and &, which could start an entity) gets a backslash, and line breaks become spaces.
 *
 * @example
 * escapeMarkdown('[click](x) <b>'); // "\\[click\\]\\(x\\) \\<b\\>"
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_{}[\]<>()#+\-!|&]/g, '\\$&');
}
