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
import { diagnostic, say, type Message } from '../messages.ts';
import { childrenNamed, parseXml, type XmlElement } from './parse-xml.ts';
import { codeFromName } from './code-from-name.ts';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

export { codeFromName } from './code-from-name.ts';

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
 * `fail` reports a <Code> lacking its name (under the caller's code); such a code is left out.
 *
 * Codes are known by GUID (issue 14): a name used by two codes under different parents (NVivo
 * allows `competencies/programming` beside `cs_as_programming/programming`) is no error; each such
 * code becomes its path, the codes of its ancestors and its own joined by "/", and its label the
 * path of names; `warn` reports each (FND314). The original GUID and name are kept (`qda`) so that
 * `codebook --qdc` writes them back.
 */
export function themesFromCodes(
  codes: XmlElement,
  file: string,
  fail: (at: XmlElement) => void,
  warn: (at: XmlElement, message: Message) => void = () => {},
): { entries: RawTheme[]; byGuid: Map<string, string> } {
  interface Found {
    element: XmlElement;
    name: string;
    own: string;
    parent: Found | null;
  }
  const found: Found[] = [];
  const walk = (element: XmlElement, parent: Found | null) => {
    for (const code of childrenNamed(element, 'Code')) {
      const name = code.attributes.name;
      if (name === undefined || name.trim() === '') {
        fail(code);
        continue;
      }
      const item = { element: code, name: name.trim(), own: codeFromName(name), parent };
      found.push(item);
      walk(code, item);
    }
  };
  walk(codes, null);
  const uses = new Map<string, number>();
  for (const item of found) uses.set(item.own, (uses.get(item.own) ?? 0) + 1);
  const chain = (item: Found): Found[] => (item.parent === null ? [item] : [...chain(item.parent), item]);
  const values = new Map<Found, { code: string; label: string }>();
  for (const item of found) {
    if ((uses.get(item.own) ?? 0) < 2 || item.parent === null) values.set(item, { code: item.own, label: item.name });
    else
      values.set(item, {
        code: chain(item)
          .map((c) => c.own)
          .join('/'),
        label: chain(item)
          .map((c) => c.name)
          .join('/'),
      });
  }
  const entries: RawTheme[] = [];
  const byGuid = new Map<string, string>();
  for (const item of found) {
    const code = item.element;
    const at = { file, line: code.line, column: code.column };
    const split = splitDescription(childrenNamed(code, 'Description')[0]?.text ?? '');
    const value = values.get(item)!;
    if (value.code !== item.own) {
      const others = found.filter((o) => o !== item && o.own === item.own).map((o) => values.get(o)!.code);
      warn(code, say.FND314(item.name, others, value.code));
    }
    const guid = (code.attributes.guid ?? '').trim(); // kept as written (braces, case) for the round trip
    if (guid !== '') byGuid.set(guid.replace(/[{}]/g, '').toLowerCase(), value.code);
    entries.push({
      code: value.code,
      label: split.label ?? value.label,
      description: split.description.trim(),
      parent: item.parent === null ? '' : values.get(item.parent)!.code,
      color: (code.attributes.color ?? '').trim(),
      statement: split.statement ?? '',
      at: { code: at, parent: at, color: at },
      ...(guid === '' ? {} : { qda: { guid, name: item.name } }),
    });
  }
  return { entries, byGuid };
}

/** The sets of codes of a codebook or project (`<Sets>`; an empty `<Sets/>` is none), members as GUIDs. */
export function codeGroupsOf(container: XmlElement): NonNullable<CodebookFile['groups']> {
  const sets = childrenNamed(childrenNamed(container, 'Sets')[0] ?? { ...container, children: [] }, 'Set');
  return sets
    .map((set) => ({
      name: (set.attributes.name ?? '').trim(),
      guid: (set.attributes.guid ?? '').replace(/[{}]/g, '').trim(),
      description: (childrenNamed(set, 'Description')[0]?.text ?? '').trim(),
      members: childrenNamed(set, 'MemberCode').map((m) => (m.attributes.guid ?? m.attributes.targetGUID ?? '').replace(/[{}]/g, '').trim().toLowerCase()),
    }))
    .filter((set) => set.members.length > 0);
}

export function readQdc(file: string, displayFile: string, sink: DiagnosticSink): CodebookFile | null {
  const bytes = readFileSync(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fail = (line: number, column: number, message: Message) => sink.report(diagnostic({ file: displayFile, line, column }, message));
  const parsed = parseXml(bytes);
  if ('problem' in parsed) {
    fail(parsed.line, parsed.column, say.FND110.notXml(parsed.problem));
    return null;
  }
  const root = parsed.root;
  const namespace = root.namespace;
  if (root.name !== 'CodeBook' || (namespace !== null && !/^urn:QDA-XML:(project|codebook):\d+[.:]\d+$/.test(namespace))) {
    // (the same namespaces as isQdaNamespace in read-qdpx.ts: 1.0, and the variants 1:0 and 0:4 of real exports)
    fail(root.line, root.column, root.name !== 'CodeBook' ? say.FND110.wrongRoot(root.name) : say.FND110.wrongNamespace(namespace!, QDC_NAMESPACE));
    return null;
  }
  const codes = childrenNamed(root, 'Codes')[0];
  if (codes === undefined) {
    fail(root.line, root.column, say.FND110.noCodes(displayFile));
    return null;
  }
  let ok = true;
  const { entries } = themesFromCodes(
    codes,
    displayFile,
    (at) => {
      ok = false;
      fail(at.line, at.column, say.FND110.unnamedCode());
    },
    (at, message) => sink.report(diagnostic({ file: displayFile, line: at.line, column: at.column }, message)),
  );
  if (!ok) return null;
  if (entries.length === 0) {
    sink.report(diagnostic({ file: displayFile, line: codes.line, column: codes.column }, say.FND107.qdcNoCodes()));
    return null;
  }
  return { entries, groups: codeGroupsOf(root), bytes: bytes.length, sha256 };
}
