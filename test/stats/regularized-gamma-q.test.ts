import { describe, expect, it } from 'vitest';
import { regularizedGammaQ } from '../../src/stats/regularized-gamma-q.ts';
import { expectClose } from './expect-close.ts';

// Expected values: test/stats/r/regularized-gamma-q.R (R 4.2.2).
const TIGHT = 1e-13;

describe('regularizedGammaQ', () => {
  it('matches pgamma(lower.tail = FALSE) by the series (x < a + 1)', () => {
    expectClose(regularizedGammaQ(1.5, 2), 0.26146412994911072, TIGHT); // pgamma(2, 1.5, lower.tail = FALSE) -> 0.26146412994911072
    expectClose(regularizedGammaQ(0.5, 0.1), 0.65472084601857694, TIGHT); // pgamma(0.1, 0.5, lower.tail = FALSE) -> 0.65472084601857694
    expectClose(regularizedGammaQ(1, 1), 0.36787944117144233, TIGHT); // pgamma(1, 1, lower.tail = FALSE) -> 0.36787944117144233
    expectClose(regularizedGammaQ(500, 480), 0.81371802680967542, TIGHT); // pgamma(480, 500, lower.tail = FALSE) -> 0.81371802680967542
  });

  it('matches pgamma(lower.tail = FALSE) by the continued fraction, deep in the tail', () => {
    expectClose(regularizedGammaQ(4.5, 30), 1.3406780483959611e-9, TIGHT); // pgamma(30, 4.5, lower.tail = FALSE) -> 1.3406780483959611e-09
    expectClose(regularizedGammaQ(500, 520), 0.18469114909874357, TIGHT); // pgamma(520, 500, lower.tail = FALSE) -> 0.18469114909874357
    expectClose(regularizedGammaQ(20, 200), 6.5869073114407301e-61, TIGHT); // pgamma(200, 20, lower.tail = FALSE) -> 6.5869073114407301e-61
  });

  it('is 1 at x <= 0 and 0 at infinity', () => {
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(regularizedGammaQ(2, Infinity)).toBe(0);
    expect(() => regularizedGammaQ(0, 1)).toThrow(RangeError);
  });
});
