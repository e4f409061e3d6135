/**
 * Issue 16: data.filter. The filtered run equals the run on the file with the left-out rows removed
 * (a property over random studies and random filters, the filter evaluated here by its own plain
 * reading, not by src/filter); left-out rows are counted as filtered, never as rejected; config
 * mistakes are diagnostics at the key; the fast reader hands a filtered file to papaparse.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { chooseSource } from '../../src/ingest/read-source.ts';
import { readConfig } from '../../src/config/read-config.ts';
import { describeFilter } from '../../src/filter/row-filter.ts';
import { CODEBOOK, tempStudy } from '../helpers/temp-study.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-filter-'));
writeFileSync(path.join(dir, 'codebook.csv'), CODEBOOK);
const CODES = ['questions', 'structure', 'role', 'benefit', 'continue'];
const REGIONS = ['North', 'East', 'South', ''];

interface Row {
  segment: string;
  region: string;
  age: string;
  themes: string[];
  q: number | null;
}

/** A condition as the test reads it: the column, and a plain test of the trimmed cell. */
type Cond = { yaml: string; keep: (r: Row) => boolean } | { all: Cond[] } | { any: Cond[] };

const leaf: fc.Arbitrary<Cond> = fc.oneof(
  fc.constantFrom(...REGIONS.slice(0, 3)).map((v) => ({ yaml: `{ column: region, equals: ${v} }`, keep: (r: Row) => r.region === v })),
  fc
    .subarray(REGIONS.slice(0, 3), { minLength: 1 })
    .map((vs) => ({ yaml: `{ column: region, in: [${vs.join(', ')}] }`, keep: (r: Row) => vs.includes(r.region) })),
  fc.tuple(fc.integer({ min: 10, max: 50 }), fc.integer({ min: 0, max: 40 })).map(([min, span]) => ({
    yaml: `{ column: age, min: ${min}, max: ${min + span} }`,
    keep: (r: Row) => r.age !== '' && Number(r.age) >= min && Number(r.age) <= min + span,
  })),
  fc.constant({ yaml: '{ column: region, notBlank: true }', keep: (r: Row) => r.region !== '' }),
  fc.integer({ min: 1, max: 5 }).map((k) => ({ yaml: `{ column: q, min: ${k} }`, keep: (r: Row) => r.q !== null && r.q >= k })),
);
const cond: fc.Arbitrary<Cond> = fc.letrec<{ c: Cond }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
  ),
})).c;

function yamlOf(c: Cond): string {
  if ('yaml' in c) return c.yaml;
  if ('all' in c) return `{ all: [${c.all.map(yamlOf).join(', ')}] }`;
  return `{ any: [${c.any.map(yamlOf).join(', ')}] }`;
}
function keeps(c: Cond, r: Row): boolean {
  if ('yaml' in c) return c.keep(r);
  if ('all' in c) return c.all.every((x) => keeps(x, r));
  return c.any.some((x) => keeps(x, r));
}

const rowArb = fc.record({
  segment: fc.constantFrom('a', 'b'),
  region: fc.constantFrom(...REGIONS),
  age: fc.option(fc.integer({ min: 10, max: 90 }).map(String), { nil: '' }),
  themes: fc.subarray(CODES),
  q: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
});

let counter = 0;
async function analyze(rows: readonly Row[], filter: string | null): Promise<Results> {
  const name = `s${counter++}`;
  const csv = ['id,segment,region,age,themes,q', ...rows.map((r, i) => `R${i},${r.segment},${r.region},${r.age},${r.themes.join(';')},${r.q ?? ''}`)];
  writeFileSync(path.join(dir, `${name}.csv`), `${csv.join('\n')}\n`);
  writeFileSync(
    path.join(dir, `${name}.yaml`),
    `id: ${name}\ncodebook: codebook.csv\ndata:\n  path: ${name}.csv\n  columns: { id: id, segment: segment, themes: themes }\n${filter === null ? '' : `  filter: ${filter}\n`}questions:\n  - { id: q, column: q, levels: [1, 2, 3, 4, 5] }\n`,
  );
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound(path.join(dir, `${name}.yaml`), dir, { report: (d) => void diagnostics.push(d) });
  if ('stopped' in analysis) throw new Error(`stopped: ${diagnostics.map((d) => d.message).join('; ')}`);
  return analysis.results;
}

/** The figures (not the files, ids and ledger, which differ by design). */
const figures = (r: Results) => ({ base: r.base, segments: r.segments, themes: r.themes, questions: r.questions, cooccurrence: r.cooccurrence });

describe('data.filter', () => {
  it('gives the figures of the run on the file without the left-out rows, and counts those rows as filtered', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 30 }), cond, async (rows, c) => {
        const kept = rows.filter((r) => keeps(c, r));
        fc.pre(kept.length > 0);
        const filtered = await analyze(rows, yamlOf(c));
        const pre = await analyze(kept, null);
        expect(figures(filtered)).toEqual(figures(pre));
        expect(filtered.ledger).toMatchObject({ rowsRead: rows.length, rowsUsed: kept.length, rowsRejected: 0, rowsFiltered: rows.length - kept.length });
        expect(pre.ledger.rowsFiltered).toBeUndefined();
      }),
      { seed: 16, numRuns: 40 },
    );
  }, 120_000);

  it('does not check the rows it leaves out: an error in one is no rejection', async () => {
    const { analysis, diagnostics } = await tempStudy({
      'codebook.csv': CODEBOOK,
      'data.csv': 'id,segment,region,themes\nR1,a,North,structure\nR2,,South,nonsense\nR3,b,North,role\n',
      'survey.yaml':
        'id: s\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n  filter: { column: region, equals: North }\n',
    });
    expect(diagnostics).toEqual([]);
    if ('stopped' in analysis) throw new Error('stopped');
    expect(analysis.results.ledger).toEqual({ rowsRead: 3, rowsUsed: 2, rowsRejected: 0, rowsFiltered: 1, rejected: [] });
    expect(analysis.results.settings.filter).toBe('region is North');
  });

  it('reports a malformed condition (FND040) and an unknown column (FND008) at their keys', async () => {
    const base = 'id: s\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n';
    const data = 'id,segment,region,themes\nR1,a,North,structure\n';
    const cases: [string, string, number, number][] = [
      ['  filter: { column: region, equals: North, in: [East] }\n', 'FND040', 6, 11],
      ['  filter: { all: [ { column: region } ] }\n', 'FND040', 6, 20],
      ['  filter: { column: age, min: 9, max: 3 }\n', 'FND040', 6, 31],
      ['  filter: { any: [] }\n', 'FND040', 6, 18],
      ['  filter: { column: region, notBlank: false }\n', 'FND040', 6, 39],
      ['  filter: { column: region, equal: North }\n', 'FND003', 6, 29],
      ['  filter:\n    all:\n      - { column: regoin, in: [North] }\n', 'FND008', 8, 19],
    ];
    for (const [filter, code, line, column] of cases) {
      const { analysis, diagnostics } = await tempStudy({ 'codebook.csv': CODEBOOK, 'data.csv': data, 'survey.yaml': base + filter });
      expect(analysis).toEqual({ stopped: 'config' });
      expect(
        diagnostics.map((d) => [d.code, d.line, d.column]),
        filter,
      ).toEqual([[code, line, column]]);
    }
  });

  it('hands a filtered file to papaparse (the byte scanner reads only the configured columns)', async () => {
    const { dir: at } = await tempStudy({
      'codebook.csv': CODEBOOK,
      'data.csv': 'id,segment,region,themes\nR1,a,North,structure\n',
      'survey.yaml': 'id: s\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n',
    });
    const sink = { report: () => {} };
    const plain = readConfig({ file: path.join(at, 'survey.yaml'), displayFile: 'survey.yaml', cwd: at }, sink)!;
    expect(chooseSource(plain)).toBe('fast-csv');
    expect(chooseSource({ ...plain, data: { ...plain.data, filter: { kind: 'notBlank', column: 'region', key: 'k' } } })).toBe('papaparse');
    expect(chooseSource({ ...plain, banners: [{ column: 'region', key: 'k' }] })).toBe('papaparse');
  });

  it('is described in words for the methods', () => {
    const key = 'k';
    expect(
      describeFilter({
        kind: 'all',
        conditions: [
          { kind: 'in', column: 'region', values: ['North', 'East', 'West'], key },
          {
            kind: 'any',
            conditions: [
              { kind: 'range', column: 'age', min: 18, max: null, key },
              { kind: 'notBlank', column: 'email', key },
            ],
          },
        ],
      }),
    ).toBe('region is North, East or West and (age is at least 18 or email is not blank)');
  });
});
