/**
 * The codebook as a REFI-QDA codebook file (.qdc, "QDA-XML codebook 1.0", the format NVivo,
 * ATLAS.ti, MAXQDA and QualCoder exchange codebooks in). Pure: the same codebook gives the same bytes.
 *
 * Each theme is a <Code> nested under its parent's, siblings in codebook order, with a GUID derived
 * from the code (codeGuid), its colour as #RRGGBB, and isCodable="true" (a parent can be coded on its
 * own). The <Code name> is the code itself (what the data's themes cells hold), so codings that come
 * back from a QDA tool name the same codes. The description goes into <Description>; the label and
 * the statement, which QDA-XML has no place for, follow it as the lines "Label: …" and "Statement: …"
 * after a blank line, which readQdc reads back, so a codebook survives the round trip unchanged.
 * Validates against Codebook.xsd (no <Sets>: an empty set list is invalid).
 */
import type { Codebook, Theme } from '../model.ts';
import { codeGuid } from './code-guid.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters, so they are dropped.
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escape text for XML 1.0 element content and double-quoted attributes; characters XML 1.0 forbids are dropped. */
function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN_IN_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

/** The text of <Description>: the description, then "Label:" and "Statement:" lines where they add something. */
function qdcDescription(theme: Theme): string {
  const footer = [
    ...(theme.label !== theme.code ? [`Label: ${theme.label}`] : []),
    ...(theme.statement !== null ? [`Statement: ${theme.statement}`] : []),
  ].join('\n');
  if (footer === '') return theme.description;
  return theme.description === '' ? footer : `${theme.description}\n\n${footer}`;
}

export function formatQdc(codebook: Codebook, origin = 'findings'): string {
  const children = new Map<string | null, Theme[]>();
  for (const theme of codebook.themes) {
    const siblings = children.get(theme.parent) ?? [];
    siblings.push(theme);
    children.set(theme.parent, siblings);
  }
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="${escapeXml(origin)}">`, '  <Codes>'];
  const write = (theme: Theme, depth: number) => {
    const indent = '  '.repeat(depth);
    const color = theme.color === null ? '' : ` color="${theme.color.toUpperCase()}"`;
    const open = `${indent}<Code guid="${codeGuid(theme.code)}" name="${escapeXml(theme.code)}" isCodable="true"${color}`;
    const description = qdcDescription(theme);
    const kids = children.get(theme.code) ?? [];
    if (description === '' && kids.length === 0) {
      lines.push(`${open}/>`);
      return;
    }
    lines.push(`${open}>`);
    if (description !== '') lines.push(`${indent}  <Description>${escapeXml(description)}</Description>`);
    for (const kid of kids) write(kid, depth + 1);
    lines.push(`${indent}</Code>`);
  };
  for (const theme of children.get(null) ?? []) write(theme, 2);
  lines.push('  </Codes>', '</CodeBook>', '');
  return lines.join('\n');
}
