import { expect } from 'vitest';

/** Relative tolerance for closed forms (Wilson, weighted mean and se, Kish, Jaccard, summaries). */
export const CLOSED_FORM = 1e-9;
/** Relative tolerance for p-values and quantile-based intervals. */
export const P_VALUE = 1e-7;

/**
 * Asserts |actual − expected| ≤ relative · |expected| (absolute when expected is 0).
 * Expected numbers in these tests come from R; the R call sits in a comment beside each one.
 */
export function expectClose(actual: number | null | undefined, expected: number, relative: number): void {
  expect(actual).toBeTypeOf('number');
  const value = actual as number;
  const scale = expected === 0 ? 1 : Math.abs(expected);
  const error = Math.abs(value - expected) / scale;
  if (!(error <= relative)) {
    expect.fail(`expected ${value} to be within ${relative} (relative) of ${expected}; off by ${error}`);
  }
}

/** `expectClose` for both ends of an interval. */
export function expectIntervalClose(actual: readonly number[] | null, expected: [number, number], relative: number): void {
  expect(actual).not.toBeNull();
  expectClose(actual![0], expected[0], relative);
  expectClose(actual![1], expected[1], relative);
}
