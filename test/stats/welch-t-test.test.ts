import { describe, expect, it } from 'vitest';
import { welchTTest } from '../../src/stats/welch-t-test.ts';
import { CLOSED_FORM, P_VALUE, expectClose, expectIntervalClose } from './expect-close.ts';

// Expected values: test/stats/r/pairwise-and-welch.R (R 4.2.2).
// x1 <- c(3, 4, 2, 5, 4, 3, 4, 1, 5, 4); x2 <- c(4, 5, 5, 3, 4, 5, 4, 5, 2, 5, 4, 5)
// c(mean(x1), var(x1), mean(x2), var(x2)) -> 3.5 1.6111111111111112 4.25 0.93181818181818177
const x1 = { n: 10, mean: 3.5, variance: 1.6111111111111112 };
const x2 = { n: 12, mean: 4.25, variance: 0.93181818181818177 };

describe('welchTTest', () => {
  it('matches t.test(x2, x1, var.equal = FALSE)', () => {
    const t = welchTTest(x2, x1, 0.95)!;
    // c(t$statistic, t$parameter, t$p.value, t$conf.int) -> 1.5348929445198987 16.609405403341032 0.143638392861868 -0.2827763109061649 1.782776310906165
    expectClose(t.t, 1.5348929445198987, CLOSED_FORM);
    expectClose(t.df, 16.609405403341032, CLOSED_FORM);
    expectClose(t.p, 0.143638392861868, P_VALUE);
    expectIntervalClose(t.ci, [-0.2827763109061649, 1.782776310906165], P_VALUE);
    expect(t.difference).toBe(0.75);
  });

  it('gives the interval at another confidence level', () => {
    // t.test(x2, x1, var.equal = FALSE, conf.level = 0.9)$conf.int -> -0.10118155153558611 1.6011815515355863
    expectIntervalClose(welchTTest(x2, x1, 0.9)!.ci, [-0.10118155153558611, 1.6011815515355863], P_VALUE);
  });

  it('is null for a group of one or constant data', () => {
    expect(welchTTest({ n: 1, mean: 3, variance: 0 }, x1, 0.95)).toBeNull();
    expect(welchTTest({ n: 3, mean: 3, variance: 0 }, { n: 4, mean: 2, variance: 0 }, 0.95)).toBeNull();
  });
});
