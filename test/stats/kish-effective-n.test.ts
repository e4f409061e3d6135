import { describe, expect, it } from 'vitest';
import { kishEffectiveN } from '../../src/stats/kish-effective-n.ts';
import { CLOSED_FORM, expectClose } from './expect-close.ts';

// Expected values: test/stats/r/kish-effective-n.R (R 4.2.2).
describe('kishEffectiveN', () => {
  it('is (Σw)² / Σw²', () => {
    const w = [1, 2, 0.5, 3, 1.5, 1, 2.5, 0.7, 1.2, 2];
    const sumW = w.reduce((sum, x) => sum + x, 0);
    const sumW2 = w.reduce((sum, x) => sum + x * x, 0);
    expectClose(kishEffectiveN(sumW, sumW2), 7.9905660377358503, CLOSED_FORM); // sum(w)^2/sum(w^2) -> 7.9905660377358503
    expectClose(kishEffectiveN(6, 14), 2.5714285714285716, CLOSED_FORM); // sum(c(1, 2, 3))^2/sum(c(1, 2, 3)^2) -> 2.5714285714285716
  });

  it('equals n for equal weights', () => {
    expectClose(kishEffectiveN(40, 40), 40, CLOSED_FORM); // sum(rep(1, 40))^2/sum(rep(1, 40)^2) -> 40
  });

  it('is null without weight and throws for a negative Σw²', () => {
    expect(kishEffectiveN(0, 0)).toBeNull();
    expect(() => kishEffectiveN(1, -1)).toThrow(RangeError);
  });
});
