/**
 * Properties of whole analyses over random studies (fast-check, fixed seeds): every proportion lies
 * inside its interval; the results do not change when rows are shuffled; multiplying every weight
 * by the same constant changes no proportion, standard error or interval.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Interval, Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-prop-'));
const CODES = ['p', 'c1', 'c2', 'x', 'y'];
writeFileSync(path.join(dir, 'codebook.csv'), 'code,label,parent\np,Parent,\nc1,Child 1,p\nc2,Child 2,p\nx,X,\ny,Y,\n');

const row = fc.record({
  segment: fc.constantFrom('a', 'b', 'c'),
  weight: fc.integer({ min: 1, max: 40 }).map((w) => w / 8),
  themes: fc.subarray(CODES),
  answer: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
});

let counter = 0;
async function analyze(rows: { segment: string; weight: number; themes: string[]; answer: number | null }[], scale = 1): Promise<Results> {
  const name = `s${counter++}`;
  const csv = ['id,segment,weight,themes,q', ...rows.map((r, i) => `R${i},${r.segment},${r.weight * scale},${r.themes.join(';')},${r.answer ?? ''}`)].join(
    '\n',
  );
  writeFileSync(path.join(dir, `${name}.csv`), `${csv}\n`);
  writeFileSync(
    path.join(dir, `${name}.yaml`),
    `id: ${name}\ncodebook: codebook.csv\ndata:\n  path: ${name}.csv\n  columns: { id: id, segment: segment, weight: weight, themes: themes }\nquestions:\n  - { id: q, column: q, levels: [1, 2, 3, 4, 5] }\n`,
  );
  const analysis = await analyzeRound(path.join(dir, `${name}.yaml`), dir, {
    report: (d) => {
      throw new Error(d.message);
    },
  });
  if ('stopped' in analysis) throw new Error('stopped');
  return analysis.results;
}

function inside(p: number | null, ci: Interval | null): boolean {
  if (p === null) return ci === null;
  return ci !== null && ci[0] <= p + 1e-12 && p - 1e-12 <= ci[1] && ci[0] >= 0 && ci[1] <= 1;
}

const rows = fc.array(row, { minLength: 1, maxLength: 40 });

describe('analyses of random studies', () => {
  it('put every proportion inside its interval', async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (data) => {
        const results = await analyze(data);
        for (const t of results.themes) {
          expect(inside(t.proportion, t.ci)).toBe(true);
          if (t.weighted?.ci) expect(inside(t.weighted.proportion, t.weighted.ci)).toBe(true);
          for (const s of t.bySegment) {
            expect(inside(s.proportion, s.ci)).toBe(true);
            if (s.weighted?.ci) expect(inside(s.weighted.proportion, s.weighted.ci)).toBe(true);
          }
          if (t.segmentTest?.p != null) expect(t.segmentTest.pAdjusted!).toBeGreaterThanOrEqual(t.segmentTest.p - 1e-15);
        }
        for (const q of results.questions) expect(inside(q.topBox!.proportion, q.topBox!.ci)).toBe(true);
      }),
      { seed: 3001, numRuns: 60 },
    );
  });

  it('do not depend on row order', async () => {
    await fc.assert(
      fc.asyncProperty(
        rows.chain((data) => fc.tuple(fc.constant(data), fc.shuffledSubarray(data, { minLength: data.length }))),
        async ([data, shuffled]) => {
          const a = await analyze(data);
          const b = await analyze(shuffled);
          // Segment order follows first appearance, so compare per segment id.
          const bySegment = (r: Results) => r.themes.map((t) => [...t.bySegment].sort((x, y) => x.segment.localeCompare(y.segment)));
          expect(bySegment(b)).toEqual(bySegment(a));
          expect(b.themes.map((t) => [t.respondents, t.proportion, t.ci, t.weighted])).toEqual(
            a.themes.map((t) => [t.respondents, t.proportion, t.ci, t.weighted]),
          );
          expect(b.cooccurrence).toEqual(a.cooccurrence);
          expect(b.questions.map((q) => [q.counts, q.mean, q.median, q.sd, q.weighted])).toEqual(
            a.questions.map((q) => [q.counts, q.mean, q.median, q.sd, q.weighted]),
          );
        },
      ),
      { seed: 3002, numRuns: 40 },
    );
  });

  it('do not change when every weight is multiplied by the same constant', async () => {
    await fc.assert(
      fc.asyncProperty(rows, fc.constantFrom(0.5, 2, 8, 1000), async (data, scale) => {
        const a = await analyze(data);
        const b = await analyze(data, scale);
        const close = (x: number | null | undefined, y: number | null | undefined) =>
          x == null || y == null ? expect(y ?? null).toBe(x ?? null) : expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x)));
        a.themes.forEach((t, i) => {
          const u = b.themes[i]!;
          close(t.weighted!.proportion, u.weighted!.proportion);
          close(t.weighted!.se, u.weighted!.se);
          close(t.weighted!.ci?.[0], u.weighted!.ci?.[0]);
          close(t.weighted!.ci?.[1], u.weighted!.ci?.[1]);
        });
        close(a.questions[0]!.weighted!.mean, b.questions[0]!.weighted!.mean);
        close(a.questions[0]!.weighted!.se, b.questions[0]!.weighted!.se);
        close(a.base.effective, b.base.effective);
      }),
      { seed: 3003, numRuns: 40 },
    );
  });
});
