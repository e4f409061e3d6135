import { describe, expect, it } from 'vitest';
import { summarizeLevels } from '../../src/stats/summarize-levels.ts';
import { CLOSED_FORM, expectClose } from './expect-close.ts';

// Expected values: test/stats/r/summarize-levels.R (R 4.2.2), each printed as
// c(length(x), mean(x), median(x), sd(x)) for x <- rep(levels, counts).
function expectSummary(actual: ReturnType<typeof summarizeLevels>, [n, mean, median, sd]: [number, number, number, number | null]): void {
  expect(actual.n).toBe(n);
  expectClose(actual.mean, mean, CLOSED_FORM);
  expectClose(actual.median, median, CLOSED_FORM);
  if (sd === null) expect(actual.sd).toBeNull();
  else expectClose(actual.sd, sd, CLOSED_FORM);
}

describe('summarizeLevels', () => {
  it('matches mean, median and sd of the expanded answers', () => {
    // rep(1:5, c(0, 1, 5, 12, 20)) -> 38 4.3421052631578947 5 0.81460704469630496
    expectSummary(summarizeLevels([1, 2, 3, 4, 5], [0, 1, 5, 12, 20]), [38, 4.3421052631578947, 5, 0.81460704469630496]);
    // rep(1:5, c(2, 3, 4, 3, 3)) -> 15 3.1333333333333333 3 1.3557637102737474
    expectSummary(summarizeLevels([1, 2, 3, 4, 5], [2, 3, 4, 3, 3]), [15, 3.1333333333333333, 3, 1.3557637102737474]);
  });

  it('averages the two middle values for even n', () => {
    // rep(1:5, c(0, 0, 3, 3, 0)) -> 6 3.5 3.5 0.54772255750516607
    expectSummary(summarizeLevels([1, 2, 3, 4, 5], [0, 0, 3, 3, 0]), [6, 3.5, 3.5, 0.54772255750516607]);
  });

  it('accepts levels in any order', () => {
    // rep(c(7, 1, 4), c(2, 5, 1)) -> 8 2.875 1 2.7483761439387129
    expectSummary(summarizeLevels([7, 1, 4], [2, 5, 1]), [8, 2.875, 1, 2.7483761439387129]);
  });

  it('has no sd for n = 1 and sd 0 without spread', () => {
    // rep(c(0, 10), c(1, 0)) -> 1 0 0 NA
    expectSummary(summarizeLevels([0, 10], [1, 0]), [1, 0, 0, null]);
    // rep(3, 6) -> 6 3 3 0
    expectSummary(summarizeLevels([1, 2, 3], [0, 0, 6]), [6, 3, 3, 0]);
  });

  it('is all null without answers and throws for bad counts', () => {
    expect(summarizeLevels([1, 2, 3], [0, 0, 0])).toEqual({ n: 0, mean: null, median: null, sd: null });
    expect(() => summarizeLevels([1, 2], [1])).toThrow(RangeError);
    expect(() => summarizeLevels([1, 2], [1, 0.5])).toThrow(RangeError);
    expect(() => summarizeLevels([1, 2], [1, -1])).toThrow(RangeError);
  });
});
