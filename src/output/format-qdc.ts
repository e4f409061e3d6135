/**
 * The codebook as a REFI-QDA codebook file (.qdc, "QDA-XML codebook 1.0", the format NVivo,
 * ATLAS.ti, MAXQDA and QualCoder exchange codebooks in). Pure: the same codebook gives the same bytes.
 *
 * Each theme is a <Code> nested under its parent's, siblings in codebook order, with a GUID derived
 * from the code (codeGuid), its colour as #RRGGBB, and isCodable="true" (a parent can be coded on its
 * own). The <Code name> is the code itself (what the data's themes cells hold), so codings that come
 * back from a QDA tool name the same codes; a code read from REFI-QDA keeps its own name (below). The description goes into <Description>; the label and
 * the statement, which QDA-XML has no place for, follow it as the lines "Label: …" and "Statement: …"
 * after a blank line, which readQdc reads back, so a codebook survives the round trip unchanged.
 * Validates against Codebook.xsd (no <Sets> without a set: an empty set list is invalid).
 *
 * A codebook that came from REFI-QDA (issue 14) keeps what the QDA program knows its codes by: each
 * code's original name and GUID (Theme.qda), and its sets of codes (Codebook.groups), so that the
 * program importing it matches every code; only codes without a GUID get the derived one. A code told
 * apart by its path (a name repeated under different parents) is written with its original name.
 */
import type { Codebook, Theme } from '../model.ts';
import { codeGuid } from './code-guid.ts';
import { codeFromName } from '../ingest/code-from-name.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters, so they are dropped.
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escape text for XML 1.0 element content and double-quoted attributes; characters XML 1.0 forbids are dropped. */
function escapeXml(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;');
}

/**
 * The text of <Description>: the description, then "Label:" and "Statement:" lines where they add
 * something: a label only when reading the code back would not give it (readLabel, see themesFromCodes).
 */
function qdcDescription(theme: Theme, readLabel = theme.code): string {
  const footer = [...(theme.label !== readLabel ? [`Label: ${theme.label}`] : []), ...(theme.statement !== null ? [`Statement: ${theme.statement}`] : [])].join(
    '\n',
  );
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
  const byCode = new Map(codebook.themes.map((t) => [t.code, t]));
  const nameOf = (theme: Theme) => theme.qda?.name ?? theme.code;
  const guidOf = (theme: Theme) => theme.qda?.guid ?? codeGuid(theme.code);
  // What readQdc makes of a written name: the code from the name, or, for a name repeated under
  // another parent, the path; the label is then the path of names.
  const readLabel = (theme: Theme): string => {
    if (codeFromName(nameOf(theme)) === theme.code) return nameOf(theme);
    const names: string[] = [];
    for (let t: Theme | undefined = theme; t !== undefined; t = t.parent === null ? undefined : byCode.get(t.parent)) names.unshift(nameOf(t));
    return names.join('/');
  };
  const write = (theme: Theme, depth: number) => {
    const indent = '  '.repeat(depth);
    const color = theme.color === null ? '' : ` color="${theme.color.toUpperCase()}"`;
    const open = `${indent}<Code guid="${escapeXml(guidOf(theme))}" name="${escapeXml(nameOf(theme))}" isCodable="true"${color}`;
    const description = qdcDescription(theme, readLabel(theme));
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
  lines.push('  </Codes>');
  const groups = (codebook.groups ?? []).filter((g) => g.codes.some((c) => byCode.has(c)));
  if (groups.length > 0) {
    lines.push('  <Sets>');
    for (const group of groups) {
      lines.push(`    <Set guid="${escapeXml(group.guid || codeGuid(`set:${group.name}`))}" name="${escapeXml(group.name)}">`);
      if (group.description !== '') lines.push(`      <Description>${escapeXml(group.description)}</Description>`);
      for (const code of group.codes) if (byCode.has(code)) lines.push(`      <MemberCode guid="${escapeXml(guidOf(byCode.get(code)!))}"/>`);
      lines.push('    </Set>');
    }
    lines.push('  </Sets>');
  }
  lines.push('</CodeBook>', '');
  return lines.join('\n');
}
