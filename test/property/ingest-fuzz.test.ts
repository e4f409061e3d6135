/**
 * Fuzzing the whole ingest (fast-check, fixed seeds; `npm run test:fuzz` runs many more cases):
 * arbitrary bytes never make it throw, and every row read is either used or rejected; well-formed
 * tables written with any text (quotes, delimiters, newlines, non-Latin, emoji) read back exactly;
 * the tally of two files merged equals the tally of both files joined.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { analyzeRound, readRound } from '../../src/pipeline.ts';
import { readCsv } from '../../src/ingest/read-csv.ts';
import { renderTables } from '../../src/report/render-tables.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 0);
const numRuns = (n: number) => (runs > 0 ? runs : n);
const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-fuzz-'));
writeFileSync(path.join(dir, 'codebook.csv'), 'code,label,parent\na,A,\nb,B,a\nc,C,\n');
let counter = 0;

function study(data: string | Uint8Array, weight = true): string {
  const name = `f${counter++}`;
  writeFileSync(path.join(dir, `${name}.csv`), data);
  writeFileSync(
    path.join(dir, `${name}.yaml`),
    `id: ${name}\ncodebook: codebook.csv\ndata:\n  path: ${name}.csv\n  columns: { id: id, segment: seg, ${weight ? 'weight: w, ' : ''}themes: t }\nquestions:\n  - { id: q, column: q, levels: [1, 2, 3] }\n`,
  );
  return path.join(dir, `${name}.yaml`);
}

const header = 'id,seg,w,t,q\n';

describe('ingest under fuzzing', () => {
  it('never throws on arbitrary bytes after a valid header, and accounts for every row', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        const config = study(Buffer.concat([Buffer.from(header), Buffer.from(bytes)]));
        const analysis = await analyzeRound(config, dir, { report: () => {} });
        if (!('stopped' in analysis)) {
          const { ledger } = analysis.results;
          expect(ledger.rowsRead).toBe(ledger.rowsUsed + ledger.rowsRejected);
          expect(ledger.rejected).toHaveLength(ledger.rowsRejected);
        }
      }),
      { seed: 9001, numRuns: numRuns(150) },
    );
  });

  it('never throws on arbitrary text, header included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), async (text) => {
        const analysis = await analyzeRound(study(text), dir, { report: () => {} });
        if (!('stopped' in analysis)) expect(analysis.results.ledger.rowsRead).toBe(analysis.results.ledger.rowsUsed + analysis.results.ledger.rowsRejected);
      }),
      { seed: 9002, numRuns: numRuns(150) },
    );
  });

  it('reads back exactly what a CSV writer wrote, whatever the text', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', '東', '😀', ',', ';', '"', '\n', '\r\n', ' ', '\t', "'", '='), maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }), async (rows) => {
        // A row whose only cell is empty is a blank line, which readers skip by design.
        const kept = rows.filter((r) => r.some((c) => c !== ''));
        const file = path.join(dir, `rt${counter++}.csv`);
        writeFileSync(file, `${Papa.unparse([['x', 'y', 'z'], ...kept], { quotes: true, newline: '\n' })}\n`);
        const back: string[][] = [];
        await readCsv(
          file,
          { delimiter: ',' },
          () => {},
          (b) => back.push(...b.rows),
        );
        expect(back).toEqual(kept);
      }),
      { seed: 9003, numRuns: numRuns(200) },
    );
  });

  it("keeps report tables lossless: a theme label comes back from tables/themes.csv as written (formula cells get a leading ')", async () => {
    const label = fc.string({
      unit: fc.constantFrom('a', 'Z', 'é', '東', '😀', ',', '"', '\n', ' ', '=', '+', '-', '@', '<', '>'),
      minLength: 1,
      maxLength: 16,
    });
    const base = await analyzeRound(study(`${header}R1,x,1,a,1\nR2,y,1,c,2\n`), dir, { report: () => {} });
    if ('stopped' in base) throw new Error('stopped');
    await fc.assert(
      fc.asyncProperty(label, async (text) => {
        const results: Results = structuredClone(base.results);
        results.themes[0]!.label = text;
        const csv = renderTables(results).find((t) => t.name === 'themes.csv')!.csv;
        const file = path.join(dir, `tab${counter++}.csv`);
        writeFileSync(file, csv);
        const rows: string[][] = [];
        let head: string[] = [];
        await readCsv(
          file,
          { delimiter: ',' },
          (h) => (head = h.cells),
          (b) => rows.push(...b.rows),
        );
        const got = rows[0]![head.indexOf('label')]!;
        expect(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).toBe(got);
      }),
      { seed: 9004, numRuns: numRuns(150) },
    );
  });

  it('tallies two files merged exactly as the two files joined', async () => {
    const line = fc
      .record({ seg: fc.constantFrom('x', 'y'), w: fc.integer({ min: 1, max: 9 }), t: fc.subarray(['a', 'b', 'c']), q: fc.constantFrom('', '1', '2', '3') })
      .map((r) => `${r.seg},${r.w / 4},${r.t.join(';')},${r.q}`);
    // Segments listed in the config, so their indexes are the same in every file.
    const listed = 'segments: [{ id: x }, { id: y }]\n';
    const read = async (rows: string[], from: number) => {
      const config = study(header + rows.map((r, i) => `R${from + i},${r}`).join('\n'));
      writeFileSync(config, `${readFileSync(config, 'utf8')}${listed}`);
      const round = await readRound(config, dir, { report: () => {} });
      if ('stopped' in round) throw new Error('stopped');
      return round.state;
    };
    const snapshot = (state: Awaited<ReturnType<typeof read>>) =>
      JSON.stringify({
        pairs: Array.from(state.pairs),
        segments: state.segments.map((s) => ({
          ...s,
          mentions: Array.from(s.mentions),
          sumWY: Array.from(s.sumWY),
          sumW2Y: Array.from(s.sumW2Y),
          questions: s.questions.map((q) => ({ ...q, counts: Array.from(q.counts) })),
        })),
      });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 30 }), fc.array(line, { minLength: 1, maxLength: 30 }), async (a, b) => {
        const merged = await read(a, 0);
        merged.merge(await read(b, a.length));
        expect(snapshot(merged)).toBe(snapshot(await read([...a, ...b], 0)));
      }),
      { seed: 9005, numRuns: numRuns(60) },
    );
  });
});
