/**
 * One results contract: schema/results.schema.json (what consumers validate against) and the
 * `Results` type of src/model.ts (what the code writes) must describe the same fields, with the same
 * required/optional split, the same nullability and the same allowed literal values, at every depth.
 * The type is turned into a JSON Schema with ts-json-schema-generator and both are compared by shape
 * (schema-shape.ts). A field added to one and not the other fails here, naming its path.
 *
 * And every results.json the repository holds as a golden copy validates against the schema (the
 * golden tests then hold each fresh run to those copies byte for byte).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.ts';
import { resultsSchema, resultsSchemaErrors } from '../helpers/results-schema.ts';
import { shapeDifferences, shapeOf } from './schema-shape.ts';

let fromType: Record<string, unknown>;

beforeAll(() => {
  fromType = createGenerator({
    path: path.join(repoRoot, 'src', 'model.ts'),
    type: 'Results',
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
    skipTypeCheck: true,
    topRef: true,
    additionalProperties: true,
  }).createSchema('Results') as Record<string, unknown>;
}, 120_000);

const clone = <T>(value: T): T => structuredClone(value);

describe('schema/results.schema.json and the Results type', () => {
  it('describe the same fields, required and nullable alike, at every depth', () => {
    expect(shapeDifferences(shapeOf(resultsSchema, resultsSchema), shapeOf(fromType, fromType))).toEqual([]);
  });

  it('fails when the schema gains a field the type lacks, or loses one it has', () => {
    const added = clone(resultsSchema) as { $defs: { theme: { properties: Record<string, unknown> } } };
    added.$defs.theme.properties.newFigure = { type: 'number' };
    expect(shapeDifferences(shapeOf(added, added), shapeOf(fromType, fromType))).toEqual(['themes[].newFigure: in the schema, not in the type']);
    const removed = clone(resultsSchema) as { properties: { base: { properties: Record<string, unknown>; required: string[] } } };
    delete removed.properties.base.properties.effective;
    removed.properties.base.required = removed.properties.base.required.filter((key) => key !== 'effective');
    expect(shapeDifferences(shapeOf(removed, removed), shapeOf(fromType, fromType))).toEqual(['base.effective: in the type, not in the schema']);
  });

  it('fails when the type gains a field, a null, or a literal value the schema lacks', () => {
    // The generated schema stands for the type here: a field added to `ThemeResult` in model.ts changes it so.
    const type = clone(fromType) as { definitions: Record<string, { properties: Record<string, unknown>; required: string[] }> };
    const theme = type.definitions.ThemeResult!;
    theme.properties.newFigure = { type: 'number' };
    theme.required.push('newFigure');
    const test = type.definitions.SegmentTest!;
    test.properties.statistic = { type: 'number' };
    test.properties.method = { type: ['string', 'null'], enum: ['chi-square', 'fisher', 'fisher-monte-carlo', 'rao-scott', 'anova', null] };
    const method = (at: string) =>
      `${at}.segmentTest.method: schema allows the values "chi-square", "fisher", "fisher-monte-carlo", "rao-scott"; type allows "anova", "chi-square", "fisher", "fisher-monte-carlo", "rao-scott"`;
    const statistic = (at: string) => `${at}.segmentTest.statistic: schema allows null | number, type allows number`;
    expect(shapeDifferences(shapeOf(resultsSchema, resultsSchema), shapeOf(type, type))).toEqual([
      // Issue 16: a banner's themes share the SegmentTest type, so its change shows there too.
      'banners[].themes[].segmentTest.method: schema allows the values "chi-square", "fisher", "fisher-monte-carlo", "rao-scott"; type allows "anova", "chi-square", "fisher", "fisher-monte-carlo", "rao-scott"',
      'banners[].themes[].segmentTest.statistic: schema allows null | number, type allows number',
      // issue 16: closed questions carry the same segment test (per question, and per option of a multi question).
      method('questions[].options[]'),
      statistic('questions[].options[]'),
      method('questions[]'),
      statistic('questions[]'),
      'themes[].newFigure: in the type, not in the schema',
      'themes[].segmentTest.method: schema allows the values "chi-square", "fisher", "fisher-monte-carlo", "rao-scott"; type allows "anova", "chi-square", "fisher", "fisher-monte-carlo", "rao-scott"',
      'themes[].segmentTest.statistic: schema allows null | number, type allows number',
    ]);
  });

  it('fails when a field is required in one and optional in the other', () => {
    const optional = clone(resultsSchema) as { required: string[] };
    optional.required = optional.required.filter((key) => key !== 'inputs');
    expect(shapeDifferences(shapeOf(optional, optional), shapeOf(fromType, fromType))).toEqual(['inputs: optional in the schema, required in the type']);
  });
});

describe('every golden results.json', () => {
  // The golden copies of the golden tests, and the committed default study (reports/ holds only it in git).
  const goldens = [
    ...readdirSync(path.join(repoRoot, 'fixtures'))
      .filter((name) => existsSync(path.join(repoRoot, 'fixtures', name, 'expected', 'results.json')))
      .map((name) => path.join('fixtures', name, 'expected', 'results.json')),
    path.join('reports', 'rpa-2014', 'results.json'),
  ];

  it('is there to check (the default study and the golden fixtures)', () => {
    expect(goldens).toContain(path.join('reports', 'rpa-2014', 'results.json'));
    expect(goldens.length).toBeGreaterThanOrEqual(8);
  });

  it.each(goldens)('%s validates against the schema', (file) => {
    expect(resultsSchemaErrors(JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')))).toEqual([]);
  });
});

describe('schema/trend.schema.json and the TrendResults type (issue 18: the trend note)', () => {
  let trendFromType: Record<string, unknown>;
  /** The trend schema with its references into results.schema.json inlined (shapeOf follows only local ones). */
  let trendSchema: Record<string, unknown>;

  beforeAll(() => {
    trendFromType = createGenerator({
      path: path.join(repoRoot, 'src', 'model.ts'),
      type: 'TrendResults',
      tsconfig: path.join(repoRoot, 'tsconfig.json'),
      skipTypeCheck: true,
      topRef: true,
      additionalProperties: true,
    }).createSchema('TrendResults') as Record<string, unknown>;
    const results = resultsSchema as Record<string, unknown>;
    const inline = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(inline);
      if (node === null || typeof node !== 'object') return node;
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === 'string' && ref.startsWith('results.schema.json#/')) {
        let target: unknown = results;
        for (const key of ref.slice('results.schema.json#/'.length).split('/')) target = (target as Record<string, unknown>)[key];
        return target;
      }
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(value)]));
    };
    const trend = inline(JSON.parse(readFileSync(path.join(repoRoot, 'schema', 'trend.schema.json'), 'utf8'))) as Record<string, unknown>;
    // The inlined parts refer to results.schema.json's $defs; the trend's own (count) are the same definitions.
    trendSchema = { ...trend, $defs: { ...(results.$defs as object), ...(trend.$defs as object) } };
  }, 120_000);

  it('describe the same fields, required and nullable alike, at every depth (note included)', () => {
    expect(shapeDifferences(shapeOf(trendSchema, trendSchema), shapeOf(trendFromType, trendFromType))).toEqual([]);
  });

  it('fails when the schema loses the note', () => {
    const removed = clone(trendSchema) as { properties: Record<string, unknown>; required: string[] };
    delete removed.properties.note;
    removed.required = removed.required.filter((key) => key !== 'note');
    expect(shapeDifferences(shapeOf(removed, removed), shapeOf(trendFromType, trendFromType))).toEqual(['note: in the type, not in the schema']);
  });
});
