/**
 * The shape of a JSON Schema, as far as the results contract goes: for each value, which JSON types
 * it may take (null included), which literal values when it is restricted to some, and for an object
 * its properties and which are required, for an array the shape of its items. Two schemas with the
 * same shape accept the same fields with the same types and nullability; bounds, patterns and
 * descriptions (which a TypeScript type cannot carry) are not compared.
 */
type Schema = Record<string, unknown>;

export interface Shape {
  types: string[];
  /** The literal values allowed (from const or enum), sorted; null when any value of the types is. */
  values: string[] | null;
  properties?: Record<string, { required: boolean; shape: Shape }>;
  items?: Shape;
}

/** The shape of `node` in the schema `root` ($ref to #/$defs/… and #/definitions/… followed). */
export function shapeOf(root: Schema, node: Schema, seen: string[] = []): Shape {
  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (seen.includes(ref)) return { types: ['(recursive)'], values: null };
    const [, group, name] = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref) ?? [];
    const target = (root[group ?? ''] as Record<string, Schema> | undefined)?.[decodeURIComponent(name ?? '')];
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    return shapeOf(root, target, [...seen, ref]);
  }
  if (Array.isArray(node.allOf)) {
    // An intersection (`A & B`, or a schema that extends a shared one): every part's properties, required where any part requires them.
    const { allOf, ...rest } = node;
    return intersect([shapeOf(root, rest, seen), ...(allOf as Schema[]).map((part) => shapeOf(root, part, seen))].filter((s) => s.types.length > 0));
  }
  const alternatives = [...((node.anyOf as Schema[] | undefined) ?? []), ...((node.oneOf as Schema[] | undefined) ?? [])];
  const shapes = alternatives.map((alternative) => shapeOf(root, alternative, seen));
  const own: Shape = { types: [], values: null };
  const literals: unknown[] = 'const' in node ? [node.const] : Array.isArray(node.enum) ? node.enum : [];
  // null is a type here (nullability), not a literal value.
  if (literals.length > 0) own.values = literals.filter((v) => v !== null).map((v) => JSON.stringify(v));
  const declared = node.type === undefined ? literals.map(jsonType) : ([] as string[]).concat(node.type as string | string[]);
  own.types = declared.map((t) => (t === 'integer' ? 'number' : t));
  if (own.types.includes('object') || node.properties !== undefined) {
    const required = new Set((node.required as string[] | undefined) ?? []);
    own.properties = {};
    for (const [key, value] of Object.entries((node.properties as Record<string, Schema> | undefined) ?? {})) {
      own.properties[key] = { required: required.has(key), shape: shapeOf(root, value, seen) };
    }
  }
  if (own.types.includes('array')) {
    const items = [...((node.prefixItems as Schema[] | undefined) ?? []), ...(node.items && typeof node.items === 'object' ? [node.items as Schema] : [])];
    own.items = merge(items.map((item) => shapeOf(root, item, seen)));
  }
  return merge(own.types.length > 0 || own.values !== null ? [own, ...shapes] : shapes);
}

function intersect(shapes: Shape[]): Shape {
  if (shapes.length === 1) return shapes[0]!;
  const out: Shape = { types: shapes[0]?.types ?? [], values: shapes.find((s) => s.values !== null)?.values ?? null, properties: {} };
  for (const shape of shapes) {
    for (const [key, property] of Object.entries(shape.properties ?? {})) {
      const before = out.properties![key];
      out.properties![key] =
        before === undefined ? property : { required: before.required || property.required, shape: intersect([before.shape, property.shape]) };
    }
  }
  return out;
}

function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? 'number' : typeof value;
}

/** One shape for a union: its types and values joined, object properties joined (required only where every object alternative requires it). */
function merge(shapes: Shape[]): Shape {
  const out: Shape = { types: [...new Set(shapes.flatMap((s) => s.types))].sort(), values: null };
  // Literal values count only when every alternative is restricted (a union with `string` takes any string).
  const restricted = shapes.filter((s) => s.types.some((t) => t !== 'null'));
  if (restricted.length > 0 && restricted.every((s) => s.values !== null)) {
    out.values = [...new Set(shapes.flatMap((s) => s.values ?? []))].sort();
  }
  const objects = shapes.filter((s) => s.properties !== undefined);
  if (objects.length > 0) {
    out.properties = {};
    for (const key of [...new Set(objects.flatMap((s) => Object.keys(s.properties!)))].sort()) {
      const present = objects.map((s) => s.properties![key]).filter((p) => p !== undefined);
      out.properties[key] = { required: present.length === objects.length && present.every((p) => p.required), shape: merge(present.map((p) => p.shape)) };
    }
  }
  const arrays = shapes.filter((s) => s.items !== undefined);
  if (arrays.length > 0) out.items = merge(arrays.map((s) => s.items!));
  return out;
}

/** Where two shapes differ, one line each ("themes[].segmentTest.method: values ..."); [] when they agree. */
export function shapeDifferences(a: Shape, b: Shape, where = '(root)', names = ['schema', 'type']): string[] {
  const out: string[] = [];
  const [an, bn] = names;
  if (a.types.join() !== b.types.join()) out.push(`${where}: ${an} allows ${a.types.join(' | ')}, ${bn} allows ${b.types.join(' | ')}`);
  if (a.values !== null && b.values !== null && a.values.join() !== b.values.join()) {
    out.push(`${where}: ${an} allows the values ${a.values.join(', ')}; ${bn} allows ${b.values.join(', ')}`);
  } else if ((a.values === null) !== (b.values === null)) {
    out.push(
      `${where}: ${a.values === null ? `${an} allows any value, ${bn} only ${b.values!.join(', ')}` : `${bn} allows any value, ${an} only ${a.values.join(', ')}`}`,
    );
  }
  const ap = a.properties ?? {};
  const bp = b.properties ?? {};
  for (const key of [...new Set([...Object.keys(ap), ...Object.keys(bp)])].sort()) {
    const path = where === '(root)' ? key : `${where}.${key}`;
    const x = ap[key];
    const y = bp[key];
    if (x === undefined) out.push(`${path}: in the ${bn}, not in the ${an}`);
    else if (y === undefined) out.push(`${path}: in the ${an}, not in the ${bn}`);
    else {
      if (x.required !== y.required)
        out.push(`${path}: ${x.required ? `required in the ${an}, optional in the ${bn}` : `optional in the ${an}, required in the ${bn}`}`);
      out.push(...shapeDifferences(x.shape, y.shape, path, names));
    }
  }
  if (a.items !== undefined && b.items !== undefined) out.push(...shapeDifferences(a.items, b.items, `${where}[]`, names));
  return out;
}
