/**
 * The config's schema language: a declarative description of a YAML format (`Spec`), and a walk of
 * the YAML syntax tree against it. Every problem (unknown key, wrong type, missing key, bad value)
 * is a diagnostic at the line and column of the offending key or value, and one walk reports all of
 * them. The walk records where each value stands, so later checks can point at the key.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import type { DiagnosticSink } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { nearest } from '../validate/nearest.ts';

export type Spec =
  | { kind: 'string'; pattern?: RegExp; patternText?: string; oneOf?: readonly string[]; nonEmpty?: boolean }
  | { kind: 'label' } // a string; numbers and booleans are accepted and written as strings (round: 2014)
  | { kind: 'labels' } // one label or a list of labels, read as a list
  | { kind: 'number'; min?: number; max?: number; exclusive?: boolean; integer?: boolean }
  | { kind: 'boolean' }
  | { kind: 'object'; fields: Record<string, { spec: Spec; required?: boolean }> }
  | { kind: 'array'; items: Spec }
  | { kind: 'record'; values: Spec }; // a mapping with keys the user chooses (code → column)

export const str = (extra: Omit<Extract<Spec, { kind: 'string' }>, 'kind'> = {}): Spec => ({ kind: 'string', ...extra });
export const req = (spec: Spec) => ({ spec, required: true });
export const opt = (spec: Spec) => ({ spec });

/** Aliases may be used (a shared list of Likert labels), but expanding them is capped. */
const MAX_NODES = 20_000;

export interface Walk {
  doc: Document;
  lines: LineCounter;
  file: string;
  sink: DiagnosticSink;
  ok: boolean;
  nodes: number;
  /** Positions of values by dotted path (`data.columns.id`, `questions[0].column`), kept on the config. */
  where: Map<string, { line: number; column: number }>;
}

function positionOf(walk: Walk, node: YamlNode | null | undefined, fallback = 0) {
  const offset = node?.range?.[0] ?? fallback;
  const { line, col } = walk.lines.linePos(offset);
  return { file: walk.file, line, column: col };
}

function describe(node: YamlNode | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    return `${typeof v} ${String(v)}`;
  }
  return 'an unknown value';
}

function expectedOf(spec: Spec): string {
  switch (spec.kind) {
    case 'string':
    case 'label':
      return 'text';
    case 'number':
      return spec.integer ? 'a whole number' : 'a number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'labels':
      return 'a code or a list of codes';
    case 'record':
      return 'a mapping';
  }
}

/** The longest title, label or note a config may give (issue #20: the renderers are bounded). */
const MAX_CONFIG_TEXT = 5000;

export function walkNode(walk: Walk, node: YamlNode | null, spec: Spec, keyPath: string, keyNode: YamlNode | null): unknown {
  if (++walk.nodes > MAX_NODES) {
    if (walk.nodes === MAX_NODES + 1) {
      walk.ok = false;
      walk.sink.report(diagnostic(positionOf(walk, node ?? keyNode), say.FND002.tooManyValues(MAX_NODES)));
    }
    return undefined;
  }
  if (node && isAlias(node)) {
    const target = node.resolve(walk.doc);
    const value = walkNode(walk, (target as YamlNode | undefined) ?? null, spec, keyPath, keyNode ?? node);
    // A later diagnostic about this key points at the alias the user wrote, not at its anchor.
    const { line, column } = positionOf(walk, node);
    walk.where.set(keyPath, { line, column });
    return value;
  }
  const at = positionOf(walk, node ?? keyNode);
  walk.where.set(keyPath, { line: at.line, column: at.column });
  const wrongType = () => {
    walk.ok = false;
    walk.sink.report(diagnostic(at, say.FND004(keyPath, expectedOf(spec), describe(node))));
    return undefined;
  };
  const invalid = (message: string) => {
    walk.ok = false;
    walk.sink.report(diagnostic(at, say.FND006.atKey(keyPath, message)));
    return undefined;
  };

  switch (spec.kind) {
    case 'label': {
      if (!isScalar(node) || node.value === null || typeof node.value === 'object') return wrongType();
      // Issue #20: a text that reaches the renderers is bounded.
      if (String(node.value).length > MAX_CONFIG_TEXT) return invalid(`is ${String(node.value).length} characters; at most ${MAX_CONFIG_TEXT}`);
      return String(node.value);
    }
    case 'labels': {
      if (isSeq(node)) return node.items.map((item, i) => walkNode(walk, item as YamlNode | null, { kind: 'label' }, `${keyPath}[${i}]`, node));
      if (!isScalar(node) || node.value === null || typeof node.value === 'object') return wrongType();
      return [String(node.value)];
    }
    case 'string': {
      if (!isScalar(node) || typeof node.value !== 'string') return wrongType();
      const value = node.value;
      if (spec.nonEmpty && value.trim() === '') return invalid('is empty');
      if (spec.pattern && !spec.pattern.test(value)) return invalid(`"${value}" should be ${spec.patternText ?? `like ${spec.pattern}`}`);
      if (spec.oneOf && !spec.oneOf.includes(value)) return invalid(`should be one of ${spec.oneOf.map((v) => JSON.stringify(v)).join(', ')}`);
      return value;
    }
    case 'boolean': {
      if (!isScalar(node) || typeof node.value !== 'boolean') return wrongType();
      return node.value;
    }
    case 'number': {
      if (!isScalar(node) || typeof node.value !== 'number' || !Number.isFinite(node.value)) return wrongType();
      const value = node.value;
      if (spec.integer && !Number.isInteger(value)) return wrongType();
      if (spec.min !== undefined && (spec.exclusive ? value <= spec.min : value < spec.min)) {
        return invalid(`should be ${spec.exclusive ? 'greater than' : 'at least'} ${spec.min}, not ${value}`);
      }
      if (spec.max !== undefined && (spec.exclusive ? value >= spec.max : value > spec.max)) {
        return invalid(`should be ${spec.exclusive ? 'less than' : 'at most'} ${spec.max}, not ${value}`);
      }
      return value;
    }
    case 'array': {
      if (!isSeq(node)) return wrongType();
      return node.items.map((item, i) => walkNode(walk, item as YamlNode | null, spec.items, `${keyPath}[${i}]`, node));
    }
    case 'record': {
      if (!isMap(node)) return wrongType();
      // Issue #20: null-prototype, so a key such as __proto__ or toString is data, never the prototype's.
      const out: Record<string, unknown> = Object.create(null);
      for (const pair of node.items) {
        const keyNodeHere = pair.key as YamlNode | null;
        const key = isScalar(keyNodeHere) && keyNodeHere.value !== null ? String(keyNodeHere.value) : '?';
        out[key] = walkNode(walk, pair.value as YamlNode | null, spec.values, `${keyPath}.${key}`, keyNodeHere);
      }
      return out;
    }
    case 'object': {
      if (!isMap(node)) return wrongType();
      const out: Record<string, unknown> = Object.create(null); // issue #20: see 'record'
      const known = Object.keys(spec.fields);
      for (const pair of node.items) {
        const keyNodeHere = pair.key as YamlNode | null;
        const key = isScalar(keyNodeHere) ? String(keyNodeHere.value) : null;
        const childPath = keyPath === '' ? (key ?? '?') : `${keyPath}.${key ?? '?'}`;
        const field = key === null || !Object.hasOwn(spec.fields, key) ? undefined : spec.fields[key]; // issue #20: own keys only
        if (field === undefined) {
          walk.ok = false;
          const suggestion = key === null ? null : nearest(key, known);
          walk.sink.report(diagnostic(positionOf(walk, keyNodeHere), say.FND003(childPath, suggestion, known)));
          continue;
        }
        out[key as string] = walkNode(walk, pair.value as YamlNode | null, field.spec, childPath, keyNodeHere);
      }
      for (const [key, field] of Object.entries(spec.fields)) {
        if (field.required && !(key in out) && !node.items.some((p) => isScalar(p.key) && String(p.key.value) === key)) {
          walk.ok = false;
          const name = keyPath === '' ? key : `${keyPath}.${key}`;
          walk.sink.report(diagnostic(positionOf(walk, node), say.FND005.missing(name)));
        }
      }
      return out;
    }
  }
}
