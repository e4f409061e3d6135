import { describe, expect, it } from 'vitest';
import { chiSquareTest } from '../../src/stats/chi-square-test.ts';
import { CLOSED_FORM, P_VALUE, expectClose } from './expect-close.ts';

// Expected values: test/stats/r/chi-square-test.R (R 4.2.2). R fills matrices by column, so
// matrix(c(9, 11, 5, 15), 2) is [[9, 5], [11, 15]] here.
describe('chiSquareTest', () => {
  it('matches chisq.test(correct = FALSE) on a 2 x 2 table', () => {
    const result = chiSquareTest([
      [9, 5],
      [11, 15],
    ]);
    expectClose(result?.statistic, 1.7582417582417582, CLOSED_FORM); // chisq.test(t22, correct = FALSE)$statistic -> 1.7582417582417582
    expect(result?.df).toBe(1); // chisq.test(t22, correct = FALSE)$parameter -> 1
    expectClose(result?.p, 0.18484397422753429, P_VALUE); // chisq.test(t22, correct = FALSE)$p.value -> 0.18484397422753429
  });

  it('matches chisq.test on a 2 x 4 table (theme present/absent x four segments)', () => {
    // t24 <- matrix(c(12, 28, 30, 20, 7, 33, 25, 15), 2)
    const result = chiSquareTest([
      [12, 30, 7, 25],
      [28, 20, 33, 15],
    ]);
    expectClose(result?.statistic, 25.377956081081077, CLOSED_FORM); // chisq.test(t24, correct = FALSE)$statistic -> 25.377956081081077
    expect(result?.df).toBe(3); // chisq.test(t24, correct = FALSE)$parameter -> 3
    expectClose(result?.p, 1.2871088708068275e-5, P_VALUE); // chisq.test(t24, correct = FALSE)$p.value -> 1.2871088708068275e-05
  });

  it('matches chisq.test on a table with a zero cell', () => {
    // tz <- matrix(c(3, 7, 0, 4, 5, 5, 2, 8), 2)
    const result = chiSquareTest([
      [3, 0, 5, 2],
      [7, 4, 5, 8],
    ]);
    expectClose(result?.statistic, 4.1366666666666658, CLOSED_FORM); // chisq.test(tz, correct = FALSE)$statistic -> 4.1366666666666658
    expectClose(result?.p, 0.2470797408603628, P_VALUE); // chisq.test(tz, correct = FALSE)$p.value -> 0.2470797408603628
  });

  it('matches chisq.test on a 3 x 3 table', () => {
    // t33 <- matrix(c(10, 4, 6, 3, 12, 5, 8, 6, 14), 3)
    const result = chiSquareTest([
      [10, 3, 8],
      [4, 12, 6],
      [6, 5, 14],
    ]);
    expectClose(result?.statistic, 13.086278293135434, CLOSED_FORM); // chisq.test(t33, correct = FALSE)$statistic -> 13.086278293135434
    expect(result?.df).toBe(4); // chisq.test(t33, correct = FALSE)$parameter -> 4
    expectClose(result?.p, 0.010861827302257007, P_VALUE); // chisq.test(t33, correct = FALSE)$p.value -> 0.010861827302257007
  });

  it('is null for an empty row or column (R: NaN) and for fewer than two rows or columns', () => {
    // chisq.test(matrix(c(3, 7, 0, 0, 5, 5), 2), correct = FALSE)$statistic -> NA
    expect(
      chiSquareTest([
        [3, 0, 5],
        [7, 0, 5],
      ]),
    ).toBeNull();
    expect(
      chiSquareTest([
        [0, 0],
        [7, 5],
      ]),
    ).toBeNull();
    expect(chiSquareTest([[3, 4, 5]])).toBeNull();
    expect(chiSquareTest([[3], [4]])).toBeNull();
    expect(chiSquareTest([])).toBeNull();
  });
});
