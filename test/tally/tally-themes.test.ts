/**
 * Issue 19: tallyThemes shares one Wilson interval among a segment's cells with the same mentions,
 * and one weighted proportion among a segment's cells without a mention (a wide study's cells are
 * mostly empty). Property (fast-check, fixed seed): on sparse generated studies, weighted or not,
 * every cell's figures equal the ones worked out from the generated rows in this test (the counts
 * and weighted sums counted here, through the interval functions that test/stats checks against R),
 * and the shared figures are frozen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Codebook, SegmentConfig, ValidRespondent } from '../../src/model.ts';
import { logitInterval } from '../../src/stats/logit-interval.ts';
import { weightedMean } from '../../src/stats/weighted-mean.ts';
import { wilsonInterval } from '../../src/stats/wilson-interval.ts';
import { TallyState } from '../../src/tally/tally-state.ts';
import { tallyThemes } from '../../src/tally/tally-themes.ts';

interface Row {
  segment: number;
  weight: number;
  themes: number[];
}

const study = fc.integer({ min: 1, max: 6 }).chain((segments) =>
  fc.integer({ min: 1, max: 12 }).chain((themes) =>
    fc.record({
      segments: fc.constant(segments),
      themes: fc.constant(themes),
      // Sparse: most respondents mention one theme or none, so most cells are empty and many share their counts.
      rows: fc.array(
        fc.record({
          segment: fc.integer({ min: 0, max: segments - 1 }),
          weight: fc.double({ min: 0.25, max: 4, noNaN: true }).map((w) => Math.round(w * 64) / 64),
          themes: fc.uniqueArray(fc.integer({ min: 0, max: themes - 1 }), { maxLength: 2 }),
        }),
        { maxLength: 80 },
      ),
      weighted: fc.boolean(),
      confidence: fc.constantFrom(0.9, 0.95, 0.99),
    }),
  ),
);

function analyse(s: { segments: number; themes: number; rows: Row[]; weighted: boolean; confidence: number }) {
  const state = new TallyState(s.themes, []);
  for (const row of s.rows) {
    state.add({
      id: 'r',
      segment: row.segment,
      weight: row.weight,
      themes: Uint32Array.from([...row.themes].sort((a, b) => a - b)),
      answers: new Int32Array(0),
    } as unknown as ValidRespondent);
  }
  state.segment(s.segments - 1);
  const codebook = {
    themes: Array.from({ length: s.themes }, (_, t) => ({ code: `t${t}`, label: `T${t}`, description: '', parent: null, color: null, statement: null })),
  } as unknown as Codebook;
  const segments: SegmentConfig[] = Array.from({ length: s.segments }, (_, i) => ({ id: `s${i}`, label: `S${i}`, plural: `S${i}s` }));
  return tallyThemes(state, codebook, segments, { confidence: s.confidence, minBase: 5, weighted: s.weighted });
}

describe('tallyThemes: cells that share their figures (issue 19)', () => {
  it('gives every cell the figures worked out from its own rows', () => {
    fc.assert(
      fc.property(study, (s) => {
        const themes = analyse(s);
        const designN = s.rows.length;
        for (let t = 0; t < s.themes; t++) {
          for (let i = 0; i < s.segments; i++) {
            const rows = s.rows.filter((row) => row.segment === i);
            const mentioning = rows.filter((row) => row.themes.includes(t));
            const cell = themes[t]!.bySegment[i]!;
            expect(cell.segment).toBe(`s${i}`);
            expect([cell.respondents, cell.base]).toEqual([mentioning.length, rows.length]);
            expect(cell.ci).toEqual(wilsonInterval(mentioning.length, rows.length, s.confidence));
            if (!s.weighted) {
              expect(cell.weighted).toBeNull();
              continue;
            }
            const sum = (list: Row[], f: (w: number) => number) => list.reduce((a, row) => a + f(row.weight), 0);
            const sums = {
              n: rows.length,
              sumW: sum(rows, (w) => w),
              sumWY: sum(mentioning, (w) => w),
              sumW2: sum(rows, (w) => w * w),
              sumW2Y: sum(mentioning, (w) => w * w),
              sumW2Y2: sum(mentioning, (w) => w * w),
            };
            const estimate = weightedMean(sums, designN);
            const expected =
              estimate === null
                ? { proportion: null, se: null, ci: null }
                : {
                    proportion: estimate.mean,
                    se: estimate.se,
                    ci: estimate.se === null || rows.length < 2 ? null : logitInterval(estimate.mean, estimate.se, rows.length - 1, s.confidence),
                  };
            expect(cell.weighted).toEqual(expected);
          }
        }
      }),
      { seed: 20190, numRuns: 300 },
    );
  });

  it('shares the figures of cells alike, frozen, so that one cell cannot change another', () => {
    // Two segments of three respondents; theme 0 is mentioned by one respondent in each, themes 1 and 2 by none.
    const themes = analyse({
      segments: 2,
      themes: 3,
      rows: [
        { segment: 0, weight: 1, themes: [0] },
        { segment: 0, weight: 2, themes: [] },
        { segment: 0, weight: 1, themes: [] },
        { segment: 1, weight: 1, themes: [0] },
        { segment: 1, weight: 1, themes: [] },
        { segment: 1, weight: 3, themes: [] },
      ],
      weighted: true,
      confidence: 0.95,
    });
    const [one, none, alsoNone] = themes.map((theme) => theme.bySegment[0]!);
    expect(none!.ci).toBe(alsoNone!.ci);
    expect(none!.weighted).toBe(alsoNone!.weighted);
    expect(one!.ci).not.toBe(none!.ci);
    expect(Object.isFrozen(none!.ci)).toBe(true);
    expect(Object.isFrozen(none!.weighted)).toBe(true);
    expect(() => {
      none!.ci![1] = 0.5;
    }).toThrow(TypeError);
    expect(alsoNone!.ci).toEqual(wilsonInterval(0, 3, 0.95));
  });
});
