import { describe, expect, it } from 'vitest';
import { expectedCounts } from '../../src/stats/expected-counts.ts';
import { CLOSED_FORM, expectClose } from './expect-close.ts';

// Expected values: test/stats/r/expected-counts.R (R 4.2.2); R prints the matrix by column.
describe('expectedCounts', () => {
  it('matches chisq.test(tab)$expected', () => {
    // suppressWarnings(chisq.test(matrix(c(9, 11, 5, 15), 2)))$expected -> 7 13 7 13
    expect(
      expectedCounts([
        [9, 5],
        [11, 15],
      ]),
    ).toEqual([
      [7, 7],
      [13, 13],
    ]);
    // suppressWarnings(chisq.test(matrix(c(3, 7, 0, 4, 5, 5, 2, 8), 2)))$expected ->
    //   2.9411764705882355 7.0588235294117645 1.1764705882352942 2.8235294117647061
    //   2.9411764705882355 7.0588235294117645 2.9411764705882355 7.0588235294117645
    const expected = expectedCounts([
      [3, 0, 5, 2],
      [7, 4, 5, 8],
    ]);
    const fromR = [
      [2.9411764705882355, 1.1764705882352942, 2.9411764705882355, 2.9411764705882355],
      [7.0588235294117645, 2.8235294117647061, 7.0588235294117645, 7.0588235294117645],
    ];
    fromR.forEach((row, i) => row.forEach((value, j) => expectClose(expected[i]![j], value, CLOSED_FORM)));
  });

  it('is all zeros for an all-zero table and throws for ragged or negative input', () => {
    expect(
      expectedCounts([
        [0, 0],
        [0, 0],
      ]),
    ).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(() => expectedCounts([[1, 2], [3]])).toThrow(RangeError);
    expect(() =>
      expectedCounts([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
  });
});
