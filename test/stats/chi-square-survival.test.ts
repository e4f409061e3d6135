import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from '../../src/stats/chi-square-survival.ts';
import { P_VALUE, expectClose } from './expect-close.ts';

// Expected values: test/stats/r/chi-square-survival.R (R 4.2.2).
describe('chiSquareSurvival', () => {
  it('matches pchisq(lower.tail = FALSE)', () => {
    expectClose(chiSquareSurvival(3.84, 1), 0.050043521248705224, P_VALUE); // pchisq(3.84, 1, lower.tail = FALSE) -> 0.050043521248705224
    expectClose(chiSquareSurvival(1.75, 1), 0.18587673236587593, P_VALUE); // pchisq(1.75, 1, lower.tail = FALSE) -> 0.18587673236587593
    expectClose(chiSquareSurvival(10, 4), 0.040427681994512805, P_VALUE); // pchisq(10, 4, lower.tail = FALSE) -> 0.040427681994512805
    expectClose(chiSquareSurvival(0.001, 2), 0.99950012497916929, P_VALUE); // pchisq(0.001, 2, lower.tail = FALSE) -> 0.99950012497916929
    expectClose(chiSquareSurvival(7.5, 3), 0.057558451972636406, P_VALUE); // pchisq(7.5, 3, lower.tail = FALSE) -> 0.057558451972636406
    expectClose(chiSquareSurvival(150, 9), 8.8196299548054152e-28, P_VALUE); // pchisq(150, 9, lower.tail = FALSE) -> 8.8196299548054152e-28
  });

  it('is 1 at 0 and throws for df <= 0', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1); // pchisq(0, 3, lower.tail = FALSE) -> 1
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
  });
});
