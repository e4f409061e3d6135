/**
 * Parse an XML document (a REFI-QDA .qdc or project.qde) into a small element tree whose every
 * element knows its line and column, so later checks can point at the element they are about.
 *
 * Well-formedness is checked first (fast-xml-parser's XMLValidator gives the line and column of the
 * first fault); a document that is not UTF-8 or not well-formed is one diagnostic, never a stack
 * trace. Text follows XML's rules: line ends normalised to LF, entities and character references
 * (&#x1F600;) decoded, white space kept as written (offsets into text depend on it).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlProblem } from '../messages.ts';

export interface XmlElement {
  /** Local name, without a namespace prefix. */
  name: string;
  /** The namespace URI the element is in (from xmlns / xmlns:prefix in scope), or null. */
  namespace: string | null;
  attributes: Record<string, string>;
  /** Child elements in document order within each name (across names the order is not kept). */
  children: XmlElement[];
  /** The element's own text (its text nodes joined). */
  text: string;
  line: number;
  column: number;
}

export type XmlOutcome = { root: XmlElement } | { problem: XmlProblem; line: number; column: number };

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;
const ATTRIBUTES = '@';
const TEXT = '#text';

/** Parse UTF-8 bytes (or text) into an element tree, or say where and why it is not XML (the words are the catalogue's: say.FND110, say.FND217). */
export function parseXml(input: Uint8Array | string): XmlOutcome {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { problem: { kind: 'not-utf8' }, line: 1, column: 1 };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { problem: { kind: 'empty' }, line: 1, column: 1 };
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    return { problem: { kind: 'malformed', detail: valid.err.msg }, line: Math.max(1, valid.err.line || 1), column: Math.max(1, valid.err.col || 1) };

  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const position = (index: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - lineStarts[lo]! + 1 };
  };

  let parsed: Record<string, unknown>;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      attributesGroupName: ATTRIBUTES,
      textNodeName: TEXT,
      alwaysCreateTextNode: true,
      captureMetaData: true,
      isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
      trimValues: false,
      parseTagValue: false,
      parseAttributeValue: false,
      removeNSPrefix: false,
      htmlEntities: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
    });
    parsed = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    return { problem: { kind: 'malformed', detail: error instanceof Error ? error.message : String(error) }, line: 1, column: 1 };
  }

  const convert = (qualified: string, node: Record<string | symbol, unknown>, scope: ReadonlyMap<string, string>): XmlElement => {
    const meta = node[META] as { startIndex?: number } | undefined;
    const at = position(meta?.startIndex ?? 0);
    const colon = qualified.indexOf(':');
    const prefix = colon === -1 ? '' : qualified.slice(0, colon);
    const attributes = { ...((node[ATTRIBUTES] as Record<string, string> | undefined) ?? {}) };
    const inner = new Map(scope);
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'xmlns') inner.set('', value);
      else if (key.startsWith('xmlns:')) inner.set(key.slice(6), value);
    }
    const element: XmlElement = { name: qualified.slice(colon + 1), namespace: inner.get(prefix) ?? null, attributes, children: [], text: '', ...at };
    for (const [key, value] of Object.entries(node)) {
      if (key === ATTRIBUTES) continue;
      if (key === TEXT) element.text = Array.isArray(value) ? value.join('') : String(value ?? '');
      else if (Array.isArray(value)) {
        for (const child of value) {
          if (child !== null && typeof child === 'object') element.children.push(convert(key, child as Record<string | symbol, unknown>, inner));
        }
      }
    }
    return element;
  };
  const roots = Object.entries(parsed).filter(([key]) => key !== TEXT && !key.startsWith('?'));
  const first = roots[0];
  if (first === undefined || !Array.isArray(first[1]) || first[1].length === 0) return { problem: { kind: 'no-root' }, line: 1, column: 1 };
  return { root: convert(first[0], first[1][0] as Record<string | symbol, unknown>, new Map()) };
}

/** Child elements of a name, in document order. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}
