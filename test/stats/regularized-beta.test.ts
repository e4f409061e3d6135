import { describe, expect, it } from 'vitest';
import { regularizedBeta } from '../../src/stats/regularized-beta.ts';
import { expectClose } from './expect-close.ts';

// Expected values: test/stats/r/regularized-beta.R (R 4.2.2).
const TIGHT = 1e-13;

describe('regularizedBeta', () => {
  it('matches pbeta', () => {
    expectClose(regularizedBeta(0.25, 2, 3), 0.26171875000000006, TIGHT); // pbeta(0.25, 2, 3) -> 0.26171875000000006
    expectClose(regularizedBeta(0.5, 0.5, 0.5), 0.49999999999999956, TIGHT); // pbeta(0.5, 0.5, 0.5) -> 0.49999999999999956
    expectClose(regularizedBeta(1e-8, 0.5, 0.5), 6.3661977342861426e-5, TIGHT); // pbeta(1e-08, 0.5, 0.5) -> 6.3661977342861426e-05
    expectClose(regularizedBeta(0.999, 30, 2), 0.99954389628097839, TIGHT); // pbeta(0.999, 30, 2) -> 0.99954389628097839
    expectClose(regularizedBeta(0.1, 1, 1), 0.10000000000000002, TIGHT); // pbeta(0.1, 1, 1) -> 0.10000000000000002
    expectClose(regularizedBeta(0.7, 7, 12), 0.99857023117742871, TIGHT); // pbeta(0.7, 7, 12) -> 0.99857023117742871
    expectClose(regularizedBeta(0.02, 0.5, 200), 0.99550208346015556, TIGHT); // pbeta(0.02, 0.5, 200) -> 0.99550208346015556
  });

  it('matches pbeta for large shape parameters', () => {
    expectClose(regularizedBeta(0.3, 400, 1000), 0.88101852978079087, 1e-12); // pbeta(0.3, 400, 1000) -> 0.88101852978079087
  });

  it('is 0 and 1 at the ends and throws outside [0, 1]', () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedBeta(1.5, 2, 3)).toThrow(RangeError);
  });
});
