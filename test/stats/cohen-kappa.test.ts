import { describe, expect, it } from 'vitest';
import { cohenKappa } from '../../src/stats/cohen-kappa.ts';
import { gaps, two, wikipediaCohen } from './agreement-data.ts';
import { CLOSED_FORM, expectClose } from './expect-close.ts';

// Expected values: test/stats/py/agreement.py (NLTK 3.8 AnnotationTask.kappa() on complete pairs)
// and the Wikipedia "Cohen's kappa" worked example (p_o 0.7, p_e 0.5, kappa 0.4).
describe('cohenKappa', () => {
  it('reproduces the worked example and NLTK', () => {
    expectClose(cohenKappa(wikipediaCohen), 0.4, CLOSED_FORM); // "wikipedia cohen kappa" 0.3999999999999999
    expectClose(cohenKappa(two), 0.6666666666666667, CLOSED_FORM); // "two kappa"
  });

  it('uses only the units both coders coded', () => {
    const ab = gaps.map((unit) => [unit[0]!, unit[1]!]);
    expectClose(cohenKappa(ab), 0.7199999999999999, CLOSED_FORM); // "gaps AB complete kappa"
  });

  it('is null without a shared unit, or when both coders used one and the same value (R: NaN)', () => {
    expect(
      cohenKappa([
        [1, null],
        [null, 0],
      ]),
    ).toBeNull();
    expect(
      cohenKappa([
        [1, 1],
        [1, 1],
      ]),
    ).toBeNull();
    expect(cohenKappa([])).toBeNull();
  });

  it('is negative when coders disagree more than chance', () => {
    expect(
      cohenKappa([
        [1, 0],
        [0, 1],
      ]),
    ).toBe(-1);
  });

  it('throws for a unit that does not have exactly two coders (a programmer error)', () => {
    expect(() => cohenKappa([[1, 1, 1]])).toThrow(RangeError);
  });
});
