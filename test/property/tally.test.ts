/**
 * Properties of the running tally (fast-check, fixed seed): the sums do not depend on row order,
 * and two partial tallies merged equal the tally of all rows (what parallel reading relies on).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValidRespondent } from '../../src/model.ts';
import { TallyState } from '../../src/tally/tally-state.ts';

const THEMES = 6;
const LEVELS = [
  [1, 2, 3, 4, 5],
  [0, 1],
];

const respondent = fc
  .record({
    segment: fc.integer({ min: 0, max: 3 }),
    weight: fc.double({ min: 0.1, max: 5, noNaN: true }),
    themes: fc.uniqueArray(fc.integer({ min: 0, max: THEMES - 1 }), { maxLength: THEMES }),
    answers: fc.tuple(fc.integer({ min: -1, max: 4 }), fc.integer({ min: -1, max: 1 })),
  })
  .map(
    (r) =>
      ({
        id: 'R',
        segment: r.segment,
        // Weights on a 1/1024 grid keep floating-point sums exact, so order cannot matter at all.
        weight: Math.round(r.weight * 1024) / 1024,
        themes: Uint32Array.from([...r.themes].sort((a, b) => a - b)),
        answers: Int32Array.from(r.answers),
      }) as unknown as ValidRespondent,
  );

function tally(rows: ValidRespondent[]): TallyState {
  const state = new TallyState(THEMES, LEVELS);
  for (const row of rows) state.add(row);
  // Segments are created on first sight; make all four exist so states compare structurally.
  state.segment(3);
  return state;
}

function snapshot(state: TallyState) {
  return JSON.stringify({
    pairs: Array.from(state.pairs),
    segments: state.segments.map((s) => ({
      ...s,
      mentions: Array.from(s.mentions),
      sumWY: Array.from(s.sumWY),
      sumW2Y: Array.from(s.sumW2Y),
      questions: s.questions.map((q) => ({ ...q, counts: Array.from(q.counts) })),
    })),
  });
}

describe('TallyState', () => {
  it('does not depend on the order of rows', () => {
    fc.assert(
      fc.property(fc.array(respondent, { maxLength: 60 }), fc.integer(), (rows, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }), { numRuns: 1, seed })[0]!;
        expect(snapshot(tally(shuffled))).toBe(snapshot(tally(rows)));
      }),
      { seed: 20141, numRuns: 200 },
    );
  });

  it('merging two partial tallies equals tallying all rows', () => {
    fc.assert(
      fc.property(fc.array(respondent, { maxLength: 60 }), fc.array(respondent, { maxLength: 60 }), (a, b) => {
        const merged = tally(a);
        merged.merge(tally(b));
        expect(snapshot(merged)).toBe(snapshot(tally([...a, ...b])));
      }),
      { seed: 20142, numRuns: 200 },
    );
  });

  it('counts a respondent once per theme and each pair once', () => {
    const state = tally([
      { id: 'a', segment: 0, weight: 2, themes: Uint32Array.from([0, 2, 5]), answers: Int32Array.from([4, -1]) } as unknown as ValidRespondent,
    ]);
    const s = state.segments[0]!;
    expect(Array.from(s.mentions)).toEqual([1, 0, 1, 0, 0, 1]);
    expect(Array.from(s.sumW2Y)).toEqual([4, 0, 4, 0, 0, 4]);
    expect(state.pairs[0 * THEMES + 2]).toBe(1);
    expect(state.pairs[0 * THEMES + 5]).toBe(1);
    expect(state.pairs[2 * THEMES + 5]).toBe(1);
    expect(state.pairs.reduce((x, y) => x + y, 0)).toBe(3);
    expect(s.questions[0]).toMatchObject({ answered: 1, missing: 0, sumW: 2, sumWY: 10, sumW2Y2: 100 });
    expect(s.questions[1]).toMatchObject({ answered: 0, missing: 1 });
  });
});
