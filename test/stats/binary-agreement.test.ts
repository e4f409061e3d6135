import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgreementCounter } from '../../src/stats/agreement-counter.ts';
import { BinaryAgreement, binaryAgreementFigures, exactRatio } from '../../src/stats/binary-agreement.ts';
import { cohenKappa } from '../../src/stats/cohen-kappa.ts';
import { fleissKappa } from '../../src/stats/fleiss-kappa.ts';
import { krippendorffAlpha } from '../../src/stats/krippendorff-alpha.ts';
import { percentAgreement } from '../../src/stats/percent-agreement.ts';
import type { Ratings } from '../../src/stats/ratings.ts';
import { gaps, three, two, wikipediaCohen } from './agreement-data.ts';
import { CLOSED_FORM, expectClose } from './expect-close.ts';

/** The counts of a 0/1 matrix, unit by unit as the test reads it (independently of AgreementCounter). */
function countsOf(ratings: Ratings): BinaryAgreement {
  const counts = new BinaryAgreement(ratings[0]!.length);
  for (const unit of ratings) {
    const given = unit.filter((v) => v !== null);
    if (given.length < 2) continue;
    const ones = given.filter((v) => v === 1).length;
    counts.addUnits(given.length, ones, 1, unit.length === 2 && unit[0] === 1 ? 1 : 0);
  }
  return counts;
}

/** The same matrix through AgreementCounter, as one theme: each coder names theme 0 when they gave 1. */
function counted(ratings: Ratings): BinaryAgreement {
  const counter = new AgreementCounter(1, ratings[0]!.length);
  for (const unit of ratings) {
    unit.forEach((v, coder) => {
      if (v !== null) counter.coded(coder, v === 1 ? [0] : []);
    });
    counter.endUnit();
  }
  return counter.finish().themes[0]!;
}

// Expected values: test/stats/py/agreement.py (NLTK 3.8's AnnotationTask), as in the matrix functions' tests.
describe('binaryAgreementFigures', () => {
  it('gives the figures NLTK gives for two coders', () => {
    for (const counts of [countsOf(two), counted(two)]) {
      const f = binaryAgreementFigures(counts);
      expectClose(f.cohenKappa, 0.6666666666666667, CLOSED_FORM); // "two kappa"
      expectClose(f.krippendorffAlpha, 0.6805555555555556, CLOSED_FORM); // "two alpha"
      expectClose(f.percentAgreement, 0.8333333333333334, CLOSED_FORM); // "two avg_Ao"
      expect(f.fleissKappa).toBeNull();
    }
    const wiki = binaryAgreementFigures(countsOf(wikipediaCohen));
    expectClose(wiki.cohenKappa, 0.4, CLOSED_FORM); // "wikipedia cohen kappa" 0.3999999999999999
    expectClose(wiki.krippendorffAlpha, 0.4, CLOSED_FORM); // "wikipedia cohen alpha"
    expectClose(wiki.percentAgreement, 0.7, CLOSED_FORM); // NLTK avg_Ao 0.7
  });

  it('gives the figures NLTK gives for three coders, complete and with gaps', () => {
    for (const counts of [countsOf(three), counted(three)]) {
      const f = binaryAgreementFigures(counts);
      expectClose(f.krippendorffAlpha, 0.5679012345679012, CLOSED_FORM); // "three alpha"
      expectClose(f.percentAgreement, 0.7777777777777778, CLOSED_FORM); // "three avg_Ao"
      expectClose(f.fleissKappa, 0.5555555555555556, CLOSED_FORM); // "three pi (fleiss)"
      expect(f.cohenKappa).toBeNull();
    }
    const g = binaryAgreementFigures(counted(gaps));
    expectClose(g.krippendorffAlpha, 0.44897959183673475, CLOSED_FORM); // "gaps alpha"
    expectClose(g.fleissKappa, 0.55, CLOSED_FORM); // "gaps complete pi (fleiss)": the complete units only
  });

  it('is null where the matrix functions are: no shared unit, one value throughout', () => {
    const none = binaryAgreementFigures(new BinaryAgreement(2));
    expect(none).toEqual({ percentAgreement: null, cohenKappa: null, krippendorffAlpha: null, fleissKappa: null });
    const allOnes = binaryAgreementFigures(
      countsOf([
        [1, 1, 1],
        [1, 1, 1],
      ]),
    );
    expect(allOnes).toMatchObject({ percentAgreement: 1, krippendorffAlpha: null, fleissKappa: null });
  });

  // The counts give the matrix functions' doubles exactly for two and three coders (whole and half
  // coincidences), and Fleiss' kappa to within rounding (exact here, summed per unit there).
  const matrix = (coders: number) => fc.array(fc.array(fc.constantFrom(0, 1, null), { minLength: coders, maxLength: coders }), { minLength: 0, maxLength: 60 });
  for (const coders of [2, 3]) {
    it(`equals the matrix functions on any 0/1 matrix of ${coders} coders with gaps`, () => {
      fc.assert(
        fc.property(matrix(coders), (ratings) => {
          if (ratings.length === 0) return;
          for (const counts of [countsOf(ratings), counted(ratings)]) {
            const f = binaryAgreementFigures(counts);
            expect(f.percentAgreement).toBe(percentAgreement(ratings));
            expect(f.krippendorffAlpha).toBe(krippendorffAlpha(ratings));
            if (coders === 2) expect(f.cohenKappa).toBe(cohenKappa(ratings));
            else {
              const fleiss = fleissKappa(ratings);
              if (fleiss === null) expect(f.fleissKappa).toBeNull();
              else expect(Math.abs(f.fleissKappa! - fleiss)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(fleiss)));
            }
          }
        }),
        { seed: 19, numRuns: 300 },
      );
    });
  }

  it('adds: the counts of two halves are the counts of the whole (the pooled figures)', () => {
    const whole = countsOf([...two, ...gaps.map((u) => [u[0]!, u[1]!])]);
    const sum = countsOf(two);
    sum.add(countsOf(gaps.map((u) => [u[0]!, u[1]!])));
    expect(Array.from(sum.cells)).toEqual(Array.from(whole.cells));
    expect(sum.firstOnes).toBe(whole.firstOnes);
  });
});

describe('AgreementCounter', () => {
  it('counts a coder once per theme, ignores themes outside the codebook, and units of one coder', () => {
    const counter = new AgreementCounter(3, 2);
    counter.coded(0, [0, 0, 2, 7]); // 0 twice, 7 is no theme
    counter.coded(1, [0]);
    counter.endUnit();
    counter.coded(0, [1]); // coded by one coder only: no unit
    counter.endUnit();
    counter.coded(0, []);
    counter.coded(1, [1]);
    counter.endUnit();
    const { units, themes } = counter.finish();
    expect(units).toBe(2);
    // Theme 0: both gave 1 on the first unit, neither on the other.
    expect([themes[0]!.count(2, 2), themes[0]!.count(2, 1), themes[0]!.count(2, 0), themes[0]!.firstOnes]).toEqual([1, 0, 1, 1]);
    // Theme 1: only the second coder on the last unit.
    expect([themes[1]!.count(2, 2), themes[1]!.count(2, 1), themes[1]!.count(2, 0), themes[1]!.firstOnes]).toEqual([0, 1, 1, 0]);
    // Theme 2: only the first coder on the first unit.
    expect([themes[2]!.count(2, 2), themes[2]!.count(2, 1), themes[2]!.count(2, 0), themes[2]!.firstOnes]).toEqual([0, 1, 1, 1]);
  });
});

describe('exactRatio', () => {
  it('divides whole numbers of any size with one rounding', () => {
    expect(exactRatio(1n, 3n)).toBe(1 / 3);
    expect(exactRatio(-4n, 7n)).toBe(-4 / 7);
    expect(exactRatio(0n, 5n)).toBe(0);
    // (10^30 + 1) / (3 · 10^30) rounds to the double nearest 1/3.
    expect(exactRatio(10n ** 30n + 1n, 3n * 10n ** 30n)).toBe(1 / 3);
    // 2^53 + 1 lies halfway between two doubles: ties to even, 2^53; one more and it rounds up.
    expect(exactRatio(2n ** 53n + 1n, 1n)).toBe(2 ** 53);
    expect(exactRatio((2n ** 53n + 1n) * 3n + 1n, 3n)).toBe(2 ** 53 + 2);
    // 149/176 (a theme's Fleiss' kappa) scaled far past 2^53: the same double as the small ratio.
    expect(exactRatio(149n * 10n ** 25n, 176n * 10n ** 25n)).toBe(149 / 176);
  });
});
