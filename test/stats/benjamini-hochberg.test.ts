import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/stats/benjamini-hochberg.ts';
import { P_VALUE, expectClose } from './expect-close.ts';

// Expected values: test/stats/r/benjamini-hochberg.R (R 4.2.2).
function expectAdjusted(actual: (number | null)[], expected: (number | null)[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => {
    if (value === null) expect(actual[i]).toBeNull();
    else expectClose(actual[i], value, P_VALUE);
  });
}

describe('benjaminiHochberg', () => {
  it('matches p.adjust(p, "BH")', () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH") -> 0.02 0.040000000000000001 0.039999999999999994 0.02
    expectAdjusted(benjaminiHochberg([0.01, 0.04, 0.03, 0.005]), [0.02, 0.04, 0.04, 0.02]);
    // p.adjust(c(0, 0.001, 1), "BH") -> 0 0.0015 1
    expectAdjusted(benjaminiHochberg([0, 0.001, 1]), [0, 0.0015, 1]);
    // p.adjust(0.3, "BH") -> 0.29999999999999999
    expectAdjusted(benjaminiHochberg([0.3]), [0.3]);
  });

  it('keeps nulls in place and leaves them out of n', () => {
    // p.adjust(c(0.01, NA, 0.04, 0.03, NA, 0.04), "BH") -> 0.04 NA 0.04 0.04 NA 0.04
    expectAdjusted(benjaminiHochberg([0.01, null, 0.04, 0.03, null, 0.04]), [0.04, null, 0.04, 0.04, null, 0.04]);
    expect(benjaminiHochberg([null, null])).toEqual([null, null]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('handles ties', () => {
    // p.adjust(c(0.02, 0.02, 0.02, 0.5), "BH") -> 0.026666666666666665 (x3) 0.5
    expectAdjusted(benjaminiHochberg([0.02, 0.02, 0.02, 0.5]), [0.026666666666666665, 0.026666666666666665, 0.026666666666666665, 0.5]);
    // p.adjust(c(0.5, 0.9, 0.95, 0.2, 0.9), "BH") -> 0.94999999999999996 (x5)
    expectAdjusted(benjaminiHochberg([0.5, 0.9, 0.95, 0.2, 0.9]), [0.95, 0.95, 0.95, 0.95, 0.95]);
  });

  it('throws for values outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.2, 1.5])).toThrow(RangeError);
    expect(() => benjaminiHochberg([Number.NaN])).toThrow(RangeError);
  });
});
