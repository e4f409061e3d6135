/**
 * Issue 19: the excerpt fast reader (src/ingest/fast/read-excerpts-fast.ts) and the bounded
 * collector (src/validate/validate-excerpts.ts) against the reference: papaparse and the rules,
 * with every respondent's best quote candidate kept per theme (quoteLimit: Infinity, the pool as the
 * quote rule was first written). For generated excerpt files full of hostile input (ids out of
 * order and repeated, unknown codes and codes given by label, conflicting segments and weights,
 * missing coders, quoted cells with newlines and doubled quotes, CRLF, a byte order mark, blank
 * lines, a repeated header, stray quotes, bytes that are not UTF-8, NUL bytes), results.json
 * (quotes included) and every diagnostic are the same, with blocks small enough that rows straddle
 * them. Both layouts that read excerpt files are covered: `excerpts` (with and without coders) and
 * a quotes file (`data.excerpts`) beside respondent rows.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReadOptions } from '../../src/pipeline.ts';
import { analyzeCollecting } from '../helpers/analyze-collecting.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 0);
const numRuns = (n: number, share = 10) => (runs > 0 ? Math.ceil(runs / share) : n);
const timeout = runs > 0 ? 900_000 : 120_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-excerpts-fast-'));
writeFileSync(path.join(dir, 'codebook.csv'), 'code,label,parent\na,Alpha,\nb,Beta,a\nc,Gamma,\nd,Delta,c\n');
// The respondents the quotes file is joined to: R1 to R12, R5 rejected (a bad weight).
writeFileSync(
  path.join(dir, 'people.csv'),
  `id,seg,w,t\n${Array.from({ length: 12 }, (_, i) => `R${i + 1},${['x', 'y', 'z'][i % 3]},${i === 4 ? 'abc' : '1'},${['a', 'b;c', 'd', ''][i % 4]}`).join('\n')}\n`,
);
let counter = 0;

type Layout = 'excerpts' | 'coders' | 'quotes';

function study(data: Uint8Array, layout: Layout, perTheme: number, mask: boolean): string {
  const name = `e${counter++}`;
  writeFileSync(path.join(dir, `${name}.csv`), data);
  const quotes = `quotes: { perTheme: ${perTheme}${mask ? ', mask: [Ellah Ronen]' : ''} }`;
  const lines =
    layout === 'quotes'
      ? [
          'data:',
          '  path: people.csv',
          '  columns: { id: id, segment: seg, weight: w, themes: t }',
          `  excerpts: { path: ${name}.csv, columns: { id: rid, code: code, text: text, coder: coder } }`,
        ]
      : [
          'data:',
          '  layout: excerpts',
          `  path: ${name}.csv`,
          `  columns: { id: rid, code: code, text: text, segment: seg, weight: w${layout === 'coders' ? ', coder: coder' : ''} }`,
        ];
  writeFileSync(path.join(dir, `${name}.yaml`), [`id: ${name}`, 'codebook: codebook.csv', ...lines, quotes, 'segments: [{ id: x }, { id: y }]', ''].join('\n'));
  return path.join(dir, `${name}.yaml`);
}

function analyze(config: string, options: ReadOptions) {
  return analyzeCollecting(config, dir, options);
}

const id = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 14 }).map((n) => `R${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' R1 ', 'R\u00e91', '"R2"', '"R""3"', 'E1') },
);
const code = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'c', 'd') },
  { weight: 1, arbitrary: fc.constantFrom('', 'Alpha', 'a;b', 'zz', ' d ', '"c"', 'A', 'b;', '"a;d"') },
);
const seg = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('x', 'y') }, { weight: 1, arbitrary: fc.constantFrom('', 'z', ' x', '"y"', 'w\u00e9') });
const weight = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('1', '2', '0.5') }, { weight: 1, arbitrary: fc.constantFrom('', '0', 'abc', ' 2', '"1"') });
const coder = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('A', 'B') }, { weight: 1, arbitrary: fc.constantFrom('', ' B', 'C') });
const word = fc.constantFrom('money', 'the', 'regional', 'partner', 'grants', 'é', 'Ellah Ronen', 'ellah@example.org', '(213) 555-0123', '""', ',', '\n', 'a');
const text = fc
  .array(word, { minLength: 0, maxLength: 30 })
  .map((words) => words.join(' '))
  .chain((t) => fc.constantFrom(`"${t}"`, t.replace(/["\n,]/g, '')));
const excerpt = fc.record({ eid: fc.nat(99), id, code, text, seg, weight, coder });
const header = 'eid,rid,code,text,seg,w,coder';
const row = excerpt.map((e) => [`E${e.eid}`, e.id, e.code, e.text, e.seg, e.weight, e.coder].join(','));
const line = fc.oneof(
  { weight: 25, arbitrary: row },
  { weight: 1, arbitrary: fc.constantFrom('', '\r', header, 'E1,R1,a', 'E1,R1,a,"long enough text to be quoted, surely",x,1,A,', 'E1,R1,a,t,x,1,A,extra') },
);
/** Damage the fast reader hands to papaparse (a stray quote, bytes that are not UTF-8, NUL, a byte order mark). */
const damage = fc.constantFrom<number[] | null>(null, null, null, null, [0x22], [0xff], [0x00], [0xef, 0xbb, 0xbf], [0xc3]);

const file = fc
  .record({
    lines: fc.array(line, { minLength: 0, maxLength: 45 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
    damage,
    at: fc.nat(),
  })
  .map(({ lines, crlf, bom, finalNewline, damage, at }) => {
    const text = `${bom ? '\ufeff' : ''}${header}\n${lines.join(crlf ? '\r\n' : '\n')}${finalNewline && lines.length > 0 ? '\n' : ''}`;
    const bytes = Buffer.from(text);
    if (damage === null) return bytes;
    const start = header.length + 1 + (bom ? 3 : 0);
    const cut = start + (at % Math.max(1, bytes.length - start));
    return Buffer.concat([bytes.subarray(0, cut), Buffer.from(damage), bytes.subarray(cut)]);
  });

describe('the excerpt fast reader', () => {
  it(
    'gives the results (quotes included) and diagnostics of papaparse and the rules with every quote candidate kept, with any block size',
    async () => {
      let withQuotes = 0;
      let withErrors = 0;
      await fc.assert(
        fc.asyncProperty(
          file,
          fc.constantFrom<Layout>('excerpts', 'coders', 'quotes'),
          fc.integer({ min: 1, max: 3 }),
          fc.boolean(),
          fc.integer({ min: 16, max: 400 }),
          fc.integer({ min: 1, max: 200 }),
          async (bytes, layout, perTheme, mask, blockSize, handOverBytes) => {
            const config = study(bytes, layout, perTheme, mask);
            const reference = await analyze(config, { reader: 'papaparse', quoteLimit: Infinity });
            const fast = await analyze(config, { blockSize, handOverBytes });
            expect(fast.diagnostics).toEqual(reference.diagnostics);
            expect(fast.results).toEqual(reference.results);
            if ('quotes' in reference.results && (reference.results.quotes?.length ?? 0) > 0) withQuotes++;
            if (reference.diagnostics.some((d) => d.severity === 'error')) withErrors++;
          },
        ),
        { seed: 1919, numRuns: numRuns(250) },
      );
      // The cases are not vacuous: many quote, many have errors.
      expect(withQuotes).toBeGreaterThan(50);
      expect(withErrors).toBeGreaterThan(50);
    },
    timeout,
  );

  // Issue 19: without names to mask, and with half the texts holding no "@", candidates are let go before their text is decoded (RawExcerpt.textBound).
  it.each([true, false])(
    'gives the same figures and quotes on 20,000 ungrouped excerpts of 3,000 respondents, damage and all (names masked: %s)',
    async (mask) => {
      const random = fc.sample(excerpt, { seed: 1920, numRuns: 20_000 });
      const damage = new Map([
        [4000, Buffer.from('x"y')],
        [9000, Buffer.from([0xff])],
        [15000, Buffer.from([0])],
      ]);
      const lines = random.map((e, i) => {
        const respondent = `R${(i * 7919) % 3000}`; // ungrouped: a respondent's excerpts are spread over the file
        const text = mask || i % 2 === 0 ? e.text : e.text.replaceAll('@', ' ');
        const cells = [`E${i}`, respondent, e.code, text, ['x', 'y'][((i * 7919) % 3000) % 2], '1', e.coder];
        return Buffer.concat([Buffer.from(cells.join(',')), damage.get(i) ?? Buffer.alloc(0), Buffer.from('\n')]);
      });
      const config = study(Buffer.concat([Buffer.from(`${header}\n`), ...lines]), 'coders', 2, mask);
      const reference = await analyze(config, { reader: 'papaparse', quoteLimit: Infinity });
      const fast = await analyze(config, { blockSize: 4096, handOverBytes: 300 });
      expect(reference.diagnostics.length).toBeGreaterThan(100);
      for (const code of ['FND207', 'FND212', 'FND213']) expect(reference.diagnostics.some((d) => d.code === code)).toBe(true);
      expect('quotes' in reference.results ? (reference.results.quotes?.length ?? 0) : 0).toBeGreaterThan(4);
      expect('reliability' in reference.results && reference.results.reliability).not.toBeNull();
      expect(fast).toEqual(reference);
    },
    120_000,
  );
});
