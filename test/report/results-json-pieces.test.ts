/**
 * Issue 19: results.json written piece by piece (results-json-pieces.ts) is byte for byte the text
 * formatResultsJson gives (JSON.stringify, two-space indentation, a final newline): for every
 * golden results.json in the repository, and for arbitrary JSON-like values (fast-check), with the
 * members JSON.stringify leaves out (undefined) and the array elements it writes as null.
 */
import { readdirSync, readFileSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { formatResultsJson } from '../../src/report/format-results-json.ts';
import { jsonPieces, resultsJsonPieces } from '../../src/report/results-json-pieces.ts';
import { writeFolderAtomically } from '../../src/output/write-folder-atomically.ts';
import { repoRoot } from '../helpers/run-cli.ts';

const goldens = [
  ...readdirSync(path.join(repoRoot, 'fixtures'))
    .map((fixture) => path.join(repoRoot, 'fixtures', fixture, 'expected', 'results.json'))
    .filter((file) => existsSync(file)),
  path.join(repoRoot, 'reports', 'rpa-2014', 'results.json'),
];

describe('resultsJsonPieces', () => {
  it('finds the golden files it is checked on', () => {
    expect(goldens.length).toBeGreaterThan(5);
  });

  it.each(goldens.map((file) => [path.relative(repoRoot, file)]))('gives the bytes of %s', (relative) => {
    const text = readFileSync(path.join(repoRoot, relative), 'utf8');
    const results = JSON.parse(text) as Results;
    expect([...resultsJsonPieces(results)].join('')).toBe(text);
    expect([...resultsJsonPieces(results)].join('')).toBe(formatResultsJson(results));
  });

  it('gives JSON.stringify(value, null, 2) for any value, at any depth opened', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.constant(null), fc.constant(undefined), fc.boolean(), fc.double(), fc.integer(), fc.string({ unit: 'grapheme' })),
      array: fc.array(tie('any'), { maxLength: 6 }),
      object: fc.dictionary(fc.string(), tie('any'), { maxKeys: 6 }),
      any: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
    })).any;
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), (v, levels) => {
        const expected = JSON.stringify(v, null, 2);
        if (expected === undefined) return; // a bare undefined is no JSON text
        expect([...jsonPieces(v, 0, levels)].join('')).toBe(expected);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('gives JSON.stringify(value, null, 2) for long arrays written in runs of elements, at any depth (issue 19)', () => {
    // Arrays longer than one run (ELEMENTS_PER_PIECE = 256), of elements small and large, with the
    // undefined elements JSON.stringify writes as null, inside objects and arrays to depth 3.
    const element = fc.oneof(
      fc.constant(undefined),
      fc.double(),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
      fc.record({ a: fc.string({ maxLength: 2 }), n: fc.oneof(fc.integer(), fc.constant(undefined)), ci: fc.array(fc.double(), { maxLength: 2 }) }),
      fc.array(fc.string({ maxLength: 200 }), { maxLength: 40 }),
    );
    const long = fc.array(element, { minLength: 0, maxLength: 700, size: 'max' });
    const nested = fc.oneof(long, fc.record({ pairs: long, empty: fc.constant([]) }), fc.array(long, { maxLength: 3 }));
    fc.assert(
      fc.property(nested, fc.integer({ min: 1, max: 4 }), (v, levels) => {
        expect([...jsonPieces(v, 0, levels)].join('')).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  });

  it('writes an array of more elements than one piece holds, and a streamed file, with the same bytes', () => {
    const results = { themes: Array.from({ length: 1000 }, (_, i) => ({ code: `c${i}`, share: i / 7, cells: [i, null, { a: 'é\n"' }] })) };
    const expected = `${JSON.stringify(results, null, 2)}\n`;
    const pieces = [...resultsJsonPieces(results as unknown as Results)];
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(expected);
    const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-pieces-')), 'out');
    writeFolderAtomically(target, new Map([['results.json', { pieces: () => resultsJsonPieces(results as unknown as Results) }]]));
    expect(readFileSync(path.join(target, 'results.json'), 'utf8')).toBe(expected);
  });

  it('writes a streamed file whose pieces are small and large, in order, the first one large or small (issue 19)', () => {
    // A piece of 64K characters or more is written as it is, after the small ones gathered before it.
    const large = (c: string) => c.repeat(70_000 + c.length);
    for (const pieces of [['a', large('é'), 'b', 'c', large('x'), large('€'), 'd'], [large('y'), 'e', large('z')], [large('ü')], ['f', 'g']]) {
      const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-pieces-')), 'out');
      writeFolderAtomically(target, new Map([['streamed.txt', { pieces: () => pieces }]]));
      expect(readFileSync(path.join(target, 'streamed.txt'), 'utf8')).toBe(pieces.join(''));
    }
  });
});
