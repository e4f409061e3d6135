/**
 * Read a REFI-QDA codebook (.qdc) as the codebook: `codebook: codes.qdc` in a config. Each <Code>
 * becomes a theme: its `name` is the code when it is one already (no white space), otherwise the
 * code is made from it (lowercase, runs of other characters as "-") and the name is the label; a
 * nested <Code> has its enclosing code as parent; `color` and <Description> carry over. The lines
 * "Label: …" and "Statement: …" that formatQdc writes after a blank line at the end of a description
 * are read back into the label and the statement. Structure rules (duplicate codes, colours) are
 * applied afterwards by validateCodebook, as for a CSV codebook, at the line of each <Code>.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { CodebookFile, DiagnosticSink, RawTheme } from '../model.ts';
import { diagnosticWithText } from '../messages.ts';
import { childrenNamed, parseXml, type XmlElement } from './parse-xml.ts';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** The code a REFI-QDA code name stands for: the name itself when it has no white space, else a slug of it. */
export function codeFromName(name: string): string {
  const trimmed = name.trim();
  if (trimmed !== '' && !/\s/.test(trimmed)) return trimmed;
  const slug = trimmed
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? trimmed : slug;
}

/** Split a <Description> into the description and the "Label:" / "Statement:" lines formatQdc appends. */
export function splitDescription(text: string): { description: string; label: string | null; statement: string | null } {
  const footerLine = /^(Label|Statement): (.*)$/;
  const isFooter = (part: string) => part.split('\n').every((line) => footerLine.test(line));
  const cut = text.lastIndexOf('\n\n');
  let description = text;
  let footer = '';
  if (cut !== -1 && isFooter(text.slice(cut + 2))) {
    description = text.slice(0, cut);
    footer = text.slice(cut + 2);
  } else if (text !== '' && isFooter(text)) {
    description = '';
    footer = text;
  }
  let label: string | null = null;
  let statement: string | null = null;
  for (const line of footer === '' ? [] : footer.split('\n')) {
    const [, key, value] = footerLine.exec(line)!;
    if (key === 'Label') label = value!;
    else statement = value!;
  }
  return { description, label, statement };
}

/**
 * The codes of a <Codes> element (a .qdc's, or a project's <CodeBook>) as raw themes, depth first.
 * `fail` reports a <Code> lacking its name; such a code is left out.
 */
export function themesFromCodes(codes: XmlElement, file: string, fail: (at: XmlElement, message: string) => void): { entries: RawTheme[]; byGuid: Map<string, string> } {
  const entries: RawTheme[] = [];
  const byGuid = new Map<string, string>();
  const walk = (element: XmlElement, parent: string) => {
    for (const code of childrenNamed(element, 'Code')) {
      const name = code.attributes.name;
      if (name === undefined || name.trim() === '') {
        fail(code, '<Code> has no name attribute');
        continue;
      }
      const at = { file, line: code.line, column: code.column };
      const split = splitDescription(childrenNamed(code, 'Description')[0]?.text ?? '');
      const value = codeFromName(name);
      const guid = code.attributes.guid;
      if (guid !== undefined) byGuid.set(guid.replace(/[{}]/g, '').toLowerCase(), value);
      entries.push({
        code: value,
        label: split.label ?? name.trim(),
        description: split.description.trim(),
        parent,
        color: (code.attributes.color ?? '').trim(),
        statement: split.statement ?? '',
        at: { code: at, parent: at, color: at },
      });
      walk(code, value);
    }
  };
  walk(codes, '');
  return { entries, byGuid };
}

export function readQdc(file: string, displayFile: string, sink: DiagnosticSink): CodebookFile | null {
  const bytes = readFileSync(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fail = (line: number, column: number, message: string) => sink.report(diagnosticWithText('FND110', { file: displayFile, line, column }, message));
  const parsed = parseXml(bytes);
  if ('error' in parsed) {
    fail(parsed.line, parsed.column, `not a REFI-QDA codebook: ${parsed.error}`);
    return null;
  }
  const root = parsed.root;
  const namespace = root.namespace;
  if (root.name !== 'CodeBook' || (namespace !== null && namespace !== QDC_NAMESPACE)) {
    const what = root.name !== 'CodeBook' ? `its root element is <${root.name}>, not <CodeBook>` : `its namespace is "${namespace}", not "${QDC_NAMESPACE}"`;
    fail(root.line, root.column, `not a REFI-QDA codebook: ${what}`);
    return null;
  }
  const codes = childrenNamed(root, 'Codes')[0];
  if (codes === undefined) {
    fail(root.line, root.column, `${displayFile} has no <Codes> element`);
    return null;
  }
  let ok = true;
  const { entries } = themesFromCodes(codes, displayFile, (at, message) => {
    ok = false;
    fail(at.line, at.column, message);
  });
  if (!ok) return null;
  if (entries.length === 0) {
    sink.report(diagnosticWithText('FND107', { file: displayFile, line: codes.line, column: codes.column }, 'the codebook has no codes'));
    return null;
  }
  return { entries, bytes: bytes.length, sha256 };
}
