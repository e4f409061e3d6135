/**
 * The fast reader (src/ingest/fast/) against the reference: for generated files full of the
 * mistakes researchers make (unknown and miscased codes, bad weights, duplicate ids, new segments,
 * blank lines, CRLF, quoted cells with newlines and doubled quotes, stray quotes, bytes that are not
 * UTF-8, NUL bytes, a repeated header), results.json and every diagnostic are the same whether the
 * data is read by papaparse and the rules alone, by the fast reader in the main thread, or by the
 * fast reader with worker threads — with blocks small enough that rows and quoted cells straddle them.
 * `npm run test:fuzz` runs many more cases.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReadOptions } from '../../src/pipeline.ts';
import { analyzeCollecting } from '../helpers/analyze-collecting.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 0);
/** Under `npm run test:fuzz`, a tenth of its cases (a case here reads a file three ways), and time for them. */
const numRuns = (n: number, share = 10) => (runs > 0 ? Math.ceil(runs / share) : n);
const timeout = runs > 0 ? 900_000 : 60_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-fast-'));
writeFileSync(path.join(dir, 'codebook.csv'), 'code,label,parent\na,A,\nb,B,a\nc,C,\nd,D,c\n');
let counter = 0;

function study(data: Uint8Array, listed: boolean): string {
  const name = `s${counter++}`;
  writeFileSync(path.join(dir, `${name}.csv`), data);
  writeFileSync(
    path.join(dir, `${name}.yaml`),
    [
      `id: ${name}`,
      'codebook: codebook.csv',
      'data:',
      `  path: ${name}.csv`,
      '  columns: { id: id, segment: seg, weight: w, themes: t }',
      'questions:',
      '  - { id: q1, column: q1, levels: [1, 2, 3] }',
      '  - { id: q2, column: q2, levels: [0, 0.5, 1] }',
      listed ? 'segments: [{ id: x }, { id: y }]' : '',
      '',
    ].join('\n'),
  );
  return path.join(dir, `${name}.yaml`);
}

function analyze(config: string, options: ReadOptions) {
  return analyzeCollecting(config, dir, options);
}

const id = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map((n) => `R${n}`),
  fc.constantFrom('', ' R1 ', 'R\u00e91', '"R2"', '"R""3"'),
);
const seg = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('x', 'y', 'z') }, { weight: 1, arbitrary: fc.constantFrom('', ' x', 'X', 'w\u00e9', '"y"') });
const weight = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('1', '0.5', '2.25', '0.1', '3', '10.75') },
  { weight: 1, arbitrary: fc.constantFrom('', '0', '-1', 'abc', '1e-1', '+2', ' 1.5', '1.', '.5', '0.30000000000000004', '"1"') },
);
const themes = fc.oneof(
  { weight: 6, arbitrary: fc.subarray(['a', 'b', 'c', 'd']).map((t) => t.join(';')) },
  { weight: 1, arbitrary: fc.constantFrom('A', 'a; b', ';;', 'a;', 'zz', 'b;b', '"a;c"', ' d ') },
);
const answer1 = fc.constantFrom('1', '2', '3', '', ' 2', '2.0', '4', 'x');
const answer2 = fc.constantFrom('0', '0.5', '1', '', '.5', '1.0', '2');
const comment = fc.string({ unit: fc.constantFrom('w', ' ', ',', '\n', '""', 'é', ';'), maxLength: 14 }).map((s) => `"${s}"`);
const row = fc
  .record({ id, seg, weight, themes, answer1, answer2, comment })
  .map((r) => [r.id, r.seg, r.weight, r.themes, r.answer1, r.answer2, r.comment].join(','));
const line = fc.oneof(
  { weight: 20, arbitrary: row },
  { weight: 1, arbitrary: fc.constantFrom('', '\r', 'id,seg,w,t,q1,q2,note', 'R9,x,1,a,1', 'R9,x,1,a,1,1,"",', 'R9,x,1,a,1,1,"",extra') },
);
/** Damage that the fast reader hands over to papaparse (a stray quote, bytes that are not UTF-8, NUL, a byte order mark). */
const damage = fc.constantFrom<number[] | null>(null, null, null, [0x22], [0xff], [0x00], [0xef, 0xbb, 0xbf], [0xc3]);

const file = fc
  .record({
    lines: fc.array(line, { minLength: 0, maxLength: 40 }),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
    damage,
    at: fc.nat(),
  })
  .map(({ lines, crlf, finalNewline, damage, at }) => {
    const text = `id,seg,w,t,q1,q2,note\n${lines.join(crlf ? '\r\n' : '\n')}${finalNewline && lines.length > 0 ? '\n' : ''}`;
    const bytes = Buffer.from(text);
    if (damage === null) return bytes;
    const cut = 22 + (at % Math.max(1, bytes.length - 22));
    return Buffer.concat([bytes.subarray(0, cut), Buffer.from(damage), bytes.subarray(cut)]);
  });

describe('the fast reader', () => {
  it(
    'gives the results and diagnostics of papaparse and the rules, in the main thread, with any block size',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          file,
          fc.boolean(),
          fc.integer({ min: 16, max: 300 }),
          fc.integer({ min: 1, max: 200 }),
          async (bytes, listed, blockSize, handOverBytes) => {
            const config = study(bytes, listed);
            const reference = await analyze(config, { reader: 'papaparse' });
            const fast = await analyze(config, { threads: 1, blockSize, handOverBytes });
            expect(fast.diagnostics).toEqual(reference.diagnostics);
            expect(fast.results).toEqual(reference.results);
          },
        ),
        { seed: 8101, numRuns: numRuns(300) },
      );
    },
    timeout,
  );

  it(
    'gives the same tally with worker threads as in one thread (blocks of 16 to 300 bytes over two workers)',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          file,
          fc.boolean(),
          fc.integer({ min: 16, max: 300 }),
          fc.integer({ min: 1, max: 200 }),
          async (bytes, listed, blockSize, handOverBytes) => {
            const config = study(bytes, listed);
            const sequential = await analyze(config, { threads: 1, blockSize, handOverBytes });
            const parallel = await analyze(config, { threads: 3, blockSize, minParallelBytes: 0, handOverBytes });
            expect(parallel.diagnostics).toEqual(sequential.diagnostics);
            expect(parallel.results).toEqual(sequential.results);
          },
        ),
        { seed: 8102, numRuns: numRuns(20, 30) },
      );
    },
    timeout,
  );

  it(
    'cuts blocks after a newline the rows after it confirm, and recovers where a quoted cell holds rows that fool it (issue 19)',
    async () => {
      // Quoted cells with newlines in them, some holding text that reads as whole rows of the right
      // width: a cut after such a newline passes likelyCut, and the block before it finds the open quote.
      const fooling = fc.constantFrom(
        '"w\nR5,x,1,a,1,1,w\nR6,y,1,b,2,0,w\nend"',
        '"\nR7,x,1,a,1,1,""""\nR8,x,1,a,1,1,w\nR9,x,1,a,1,1,w\n"',
        '"a\n\nR1,x,1,a,1,1,w\r\nR2,x,1,a,1,1,w\n"',
        '"w\nw"',
      );
      const rowOf = fc
        .record({ id, seg, weight, themes, answer1, answer2, note: fc.oneof({ weight: 3, arbitrary: comment }, { weight: 1, arbitrary: fooling }) })
        .map((r) => [r.id, r.seg, r.weight, r.themes, r.answer1, r.answer2, r.note].join(','));
      await fc.assert(
        fc.asyncProperty(
          fc.array(rowOf, { minLength: 10, maxLength: 80 }),
          fc.boolean(),
          fc.integer({ min: 64, max: 2000 }),
          fc.constantFrom(2, 3),
          async (rows, crlf, blockSize, threads) => {
            const config = study(Buffer.from(`id,seg,w,t,q1,q2,note\n${rows.join(crlf ? '\r\n' : '\n')}\n`), false);
            const reference = await analyze(config, { reader: 'papaparse' });
            const parallel = await analyze(config, { threads, blockSize, minParallelBytes: 0, handOverBytes: 100 });
            expect(parallel.diagnostics).toEqual(reference.diagnostics);
            expect(parallel.results).toEqual(reference.results);
          },
        ),
        { seed: 8104, numRuns: numRuns(25, 30) },
      );
    },
    timeout,
  );

  it('gives the same figures, bit for bit, on 30,000 rows read by two workers, one thread and papaparse, damage and all', async () => {
    const random = fc.sample(row, { seed: 8103, numRuns: 30_000 });
    // A stray quote, a byte that is not UTF-8 and a NUL byte, each handed to papaparse for a few hundred bytes.
    const damage = new Map([
      [5000, Buffer.from('x"y')],
      [12000, Buffer.from([0xff])],
      [20000, Buffer.from([0])],
    ]);
    const lines = random.map((r, i) => Buffer.concat([Buffer.from(r.replace(/^[^,]*/, `R${i}`)), damage.get(i) ?? Buffer.alloc(0), Buffer.from('\n')]));
    const config = study(Buffer.concat([Buffer.from('id,seg,w,t,q1,q2,note\n'), ...lines]), false);
    const reference = await analyze(config, { reader: 'papaparse' });
    const sequential = await analyze(config, { threads: 1, blockSize: 4096, handOverBytes: 300 });
    const parallel = await analyze(config, { threads: 3, blockSize: 4096, minParallelBytes: 0, handOverBytes: 300 });
    const oneWorker = await analyze(config, { threads: 2, blockSize: 4096, minParallelBytes: 0, handOverBytes: 300 });

    expect(reference.diagnostics.length).toBeGreaterThan(100);
    // The damage is there, and read as papaparse reads it (FND203: the stray quote's row has a field too many; FND213: not UTF-8; FND212: NUL).
    for (const code of ['FND212', 'FND213']) expect(reference.diagnostics.some((d) => d.code === code)).toBe(true);
    expect(sequential).toEqual(reference);
    expect(parallel).toEqual(reference);
    expect(oneWorker).toEqual(reference);
  }, 60_000);
});
