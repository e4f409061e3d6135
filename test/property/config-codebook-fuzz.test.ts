/**
 * Issue #20, class 9: fuzzing the config and the codebook as well as the data (fast-check, fixed
 * seeds; `npm run test:fuzz` runs many more cases). A config made of the keys and values findings
 * knows, Object.prototype's names and hostile text, in any arrangement, and a codebook of arbitrary
 * rows (codes, parents that cycle or are misspelt, colours, prototype names, bidi controls, long
 * labels) never make `check` or `run` throw or print a stack trace: the outcome is a diagnostic with a
 * position, or a report; and a run writes nothing outside its output folder.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 0);
const numRuns = (n: number) => (runs > 0 ? runs : n);

const PROTO = Object.getOwnPropertyNames(Object.prototype);
const word = fc.oneof(
  fc.constantFrom(
    ...PROTO,
    'id',
    'codebook',
    'data',
    'path',
    'columns',
    'segment',
    'themes',
    'weight',
    'report',
    'limits',
    'questions',
    'segments',
    'levels',
    'if',
    'x',
    'a',
  ),
  fc.string({ maxLength: 8 }),
);
const scalar = fc.oneof(
  word,
  fc.constantFrom(
    'codebook.csv',
    'data.csv',
    '/dev/zero',
    '..',
    '.',
    '1e200',
    '-1',
    '0',
    'null',
    '~',
    '[]',
    '{}',
    '*a',
    '&a x',
    '"\u202E"',
    'www.example.org',
    'x@example.org',
  ),
  fc.integer().map(String),
  fc.double().map(String),
);
/** YAML-ish lines: keys, nesting, lists, flow maps, anchors, and any text. */
const configLine = fc.oneof(
  fc.tuple(fc.nat(3), word, scalar).map(([depth, k, v]) => `${'  '.repeat(depth)}${k}: ${v}`),
  fc.tuple(fc.nat(3), word).map(([depth, k]) => `${'  '.repeat(depth)}${k}:`),
  fc.tuple(fc.nat(3), scalar).map(([depth, v]) => `${'  '.repeat(depth)}- ${v}`),
  fc.tuple(word, word, scalar).map(([k, k2, v]) => `${k}: { ${k2}: ${v} }`),
  fc.string({ maxLength: 30 }),
);
const base = ['id: fz', 'codebook: codebook.csv', 'data:', '  path: data.csv', '  columns: { id: id, segment: segment, themes: themes }'];

const codebookRow = fc.tuple(
  fc.oneof(fc.constantFrom(...PROTO, 'a', 'b', 'c', '', 'a b', 'a;b'), fc.string({ maxLength: 6 })),
  fc.oneof(fc.constantFrom('Label', 'www.example.org', 'x@example.org', '\u202Eevil', '"quoted, label"'), fc.string({ maxLength: 20 })),
  fc.oneof(fc.constantFrom('', 'a', 'b', 'c', 'questions', ...PROTO), fc.string({ maxLength: 6 })),
  fc.constantFrom('', '#fff', '#12345g', 'red'),
);

function folder(config: string, codebook: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-cfz-'));
  writeFileSync(path.join(dir, 'survey.yaml'), config);
  writeFileSync(path.join(dir, 'codebook.csv'), codebook);
  writeFileSync(path.join(dir, 'data.csv'), 'id,segment,themes\nA,s1,a\nB,s2,b;c\nC,s1,constructor\n');
  return dir;
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('config and codebook under fuzzing', () => {
  it('a config of known keys, prototype names and hostile values: a diagnostic or a clean check, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length), configLine), { maxLength: 6 }), async (inserts) => {
        const lines = [...base];
        for (const [at, line] of inserts) lines.splice(at, 0, line);
        const dir = folder(`${lines.join('\n')}\n`, 'code,label,parent\na,A,\nb,B,a\nc,C,\nconstructor,Constructor,\n');
        const { exit, stderr } = await runCli(['check', 'survey.yaml'], dir);
        noStack(stderr);
        expect([0, 1, 2]).toContain(exit);
        if (exit === 2) expect(stderr).toMatch(/:\d+:\d+ {2}error {2}.+ {2}FND\d{3} /);
      }),
      { seed: 2020, numRuns: numRuns(60) },
    );
  }, 120_000);

  it('a codebook of arbitrary rows: every problem a positioned diagnostic; a run writes only its folder', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(codebookRow, { minLength: 1, maxLength: 8 }), async (rows) => {
        const csv = `code,label,parent,color\n${rows.map((r) => r.map((cell) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\n')}\n`;
        const dir = folder(`${base.join('\n')}\n`, csv);
        const before = readdirSync(dir).sort();
        const { exit, stderr } = await runCli(['run', 'survey.yaml', '--out', 'out', '--allow-errors', '--quiet'], dir);
        noStack(stderr);
        expect([0, 1, 2]).toContain(exit);
        const after = readdirSync(dir).sort();
        expect(after.filter((f) => !before.includes(f))).toEqual(exit === 0 ? ['out'] : after.includes('out') ? ['out'] : []);
      }),
      { seed: 2021, numRuns: numRuns(40) },
    );
  }, 180_000);
});
