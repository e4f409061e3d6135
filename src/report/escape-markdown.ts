import { stripBidi } from '../format/strip-bidi.ts';

/**
 * Escapes data text for Markdown (CommonMark and GitHub tables), so a theme label or a message cannot
 * become a link, an image, HTML, an entity, emphasis, code, strike-through or a table column: each of
 * \ ` * _ { } [ ] < > | & ~ gets a backslash anywhere, and a leading # + - = or "1." / "1)" (which
 * would start a heading, list or rule at the start of a block) is escaped too. Parentheses and hyphens
 * inside text need nothing once brackets are escaped, so the raw Markdown stays readable. The colon of
 * "://" is escaped so GitHub's autolinking cannot turn a URL into a link, nor "www." (its dot escaped)
 * or an e-mail address (an invisible WORD JOINER after "@"). Line breaks become spaces.
 *
 * @example
 * escapeMarkdown('[click](x) <b>'); // "\\[click\\](x) \\<b\\>"
 */
export function escapeMarkdown(text: string): string {
  // Issue #20: bidi controls removed (strip-bidi.ts), so data text cannot reorder the report's figures.
  return (
    stripBidi(text)
      .replace(/\r\n|\r|\n/g, ' ')
      .replace(/[\\`*_{}[\]<>|&~]/g, '\\$&')
      // GitHub turns bare URLs into links; an escaped colon keeps "https://" as text.
      .replace(/:(?=\/\/)/g, '\\:')
      // Issue #20: GitHub also links "www." and e-mail addresses (checked with cmark-gfm): an escaped
      // dot keeps "www." as text, and a WORD JOINER (U+2060, invisible) after "@" breaks the address.
      .replace(/(www)\./gi, '$1\\.')
      .replace(/@(?=[\p{L}\p{N}])/gu, '@\u2060')
      .replace(/^(\s*)([#+\-=])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
  );
}
