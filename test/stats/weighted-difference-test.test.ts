import { describe, expect, it } from 'vitest';
import { weightedDifferenceTest } from '../../src/stats/weighted-difference-test.ts';
import { CLOSED_FORM, expectClose, expectIntervalClose, P_VALUE } from './expect-close.ts';

// Expected values: test/stats/r/weighted-difference-test.R (R 4.2.2, survey 4.1-1).
// c(coef(m1), SE(m1), coef(m2), SE(m2)) -> 0.29166666666666663 0.18042195912175807 0.6875 0.21883136507627474
const previous = { mean: 0.29166666666666663, se: 0.18042195912175807 };
const current = { mean: 0.6875, se: 0.21883136507627474 };

describe('weightedDifferenceTest', () => {
  it('equals the difference of two svymeans with SE sqrt(se1^2 + se2^2)', () => {
    const test = weightedDifferenceTest(current, previous, 0.95);
    // c(d, se, z, 2 * pnorm(-abs(z))) -> 0.39583333333333337 0.28361814059484841 1.395655907281282 0.16281813811484508
    expectClose(test.difference, 0.39583333333333337, CLOSED_FORM);
    expectClose(test.se, 0.28361814059484841, CLOSED_FORM);
    expectClose(test.z, 1.395655907281282, CLOSED_FORM);
    expectClose(test.p, 0.16281813811484508, P_VALUE);
    // d + c(-1, 1) * qnorm(0.975) * se -> -0.16004800759478688 0.95171467426145362
    expectIntervalClose(test.ci, [-0.16004800759478688, 0.95171467426145362], P_VALUE);
  });

  it('uses the confidence level asked for', () => {
    // d + c(-1, 1) * qnorm(0.9) * se -> 0.032362061237156681 0.75930460542951006
    expectIntervalClose(weightedDifferenceTest(current, previous, 0.8).ci, [0.032362061237156681, 0.75930460542951006], P_VALUE);
  });

  it('is swapped in sign when the rounds are swapped', () => {
    const test = weightedDifferenceTest(previous, current, 0.95);
    expectClose(test.z, -1.395655907281282, CLOSED_FORM);
    expectClose(test.p, 0.16281813811484508, P_VALUE);
  });

  it('has no test without a design SE, and no z when both SEs are 0', () => {
    expect(weightedDifferenceTest({ mean: 0.5, se: null }, previous, 0.95)).toEqual({ difference: 0.5 - previous.mean, se: null, ci: null, z: null, p: null });
    expect(weightedDifferenceTest({ mean: 1, se: 0 }, { mean: 1, se: 0 }, 0.95)).toEqual({ difference: 0, se: 0, ci: [0, 0], z: null, p: null });
  });
});
