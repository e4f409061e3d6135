import { describe, expect, it } from 'vitest';
import { fisherExactTest } from '../../src/stats/fisher-exact-test.ts';
import { P_VALUE, expectClose } from './expect-close.ts';

// Expected values: test/stats/r/fisher-exact-test.R (R 4.2.2). R fills matrices by column, so
// matrix(c(3, 1, 1, 3), 2) is [[3, 1], [1, 3]] here.
describe('fisherExactTest', () => {
  it('matches fisher.test on 2 x 2 tables', () => {
    expectClose(
      fisherExactTest([
        [3, 1],
        [1, 3],
      ])?.p,
      0.48571428571428582,
      P_VALUE,
    ); // fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value -> 0.48571428571428582
    expectClose(
      fisherExactTest([
        [9, 5],
        [11, 15],
      ])?.p,
      0.32026576075519314,
      P_VALUE,
    ); // fisher.test(matrix(c(9, 11, 5, 15), 2))$p.value -> 0.32026576075519314
    expectClose(
      fisherExactTest([
        [0, 6],
        [5, 1],
      ])?.p,
      0.015151515151515173,
      P_VALUE,
    ); // fisher.test(matrix(c(0, 5, 6, 1), 2))$p.value -> 0.015151515151515173
    expectClose(
      fisherExactTest([
        [10, 0],
        [0, 10],
      ])?.p,
      1.0825088224469028e-5,
      P_VALUE,
    ); // fisher.test(matrix(c(10, 0, 0, 10), 2))$p.value -> 1.0825088224469028e-05
  });

  it('matches fisher.test on 2 x 3 and 2 x 5 tables and their transposes', () => {
    // fisher.test(matrix(c(1, 7, 6, 1, 2, 2), 2))$p.value -> 0.014613869103033139
    expectClose(
      fisherExactTest([
        [1, 6, 2],
        [7, 1, 2],
      ])?.p,
      0.014613869103033139,
      P_VALUE,
    );
    // fisher.test(matrix(c(3, 2, 0, 6, 4, 1, 1, 5, 2, 2), 2))$p.value -> 0.03799982491596407
    const twoByFive = [
      [3, 0, 4, 1, 2],
      [2, 6, 1, 5, 2],
    ];
    expectClose(fisherExactTest(twoByFive)?.p, 0.03799982491596407, P_VALUE);
    // fisher.test(t(matrix(c(3, 2, 0, 6, 4, 1, 1, 5, 2, 2), 2)))$p.value -> 0.03799982491596407
    const fiveByTwo = twoByFive[0]!.map((_, j) => twoByFive.map((row) => row[j]!));
    expectClose(fisherExactTest(fiveByTwo)?.p, 0.03799982491596407, P_VALUE);
  });

  it('matches fisher.test on 3 x 3 and 3 x 4 tables', () => {
    // fisher.test(matrix(c(4, 1, 0, 2, 5, 1, 0, 2, 6), 3))$p.value -> 0.0038660800270706778
    expectClose(
      fisherExactTest([
        [4, 2, 0],
        [1, 5, 2],
        [0, 1, 6],
      ])?.p,
      0.0038660800270706778,
      P_VALUE,
    );
    // fisher.test(matrix(c(2, 3, 1, 3, 2, 2, 1, 2, 4), 3))$p.value -> 0.67511203966311395
    expectClose(
      fisherExactTest([
        [2, 3, 1],
        [3, 2, 2],
        [1, 2, 4],
      ])?.p,
      0.67511203966311395,
      P_VALUE,
    );
    // fisher.test(matrix(c(3, 0, 1, 1, 4, 0, 0, 2, 3, 2, 1, 1), 3))$p.value -> 0.071407894937306052
    expectClose(
      fisherExactTest([
        [3, 1, 0, 2],
        [0, 4, 2, 1],
        [1, 0, 3, 1],
      ])?.p,
      0.071407894937306052,
      P_VALUE,
    );
  });

  it('drops empty rows and columns as R does', () => {
    // fisher.test(matrix(c(1, 7, 0, 0, 6, 1), 2))$p.value -> 0.010101010101010128
    expectClose(
      fisherExactTest([
        [1, 0, 6],
        [7, 0, 1],
      ])?.p,
      0.010101010101010128,
      P_VALUE,
    );
    // fisher.test(matrix(c(1, 0, 3, 0), 2))$p.value -> 1
    expect(
      fisherExactTest([
        [1, 3],
        [0, 0],
      ]),
    ).toEqual({ p: 1 });
  });

  describe('2 x 10 with n = 5000 (ten segments of about 500)', () => {
    const segments = [500, 480, 520, 510, 490, 505, 495, 500, 500, 500];
    const table = (mentions: number[]) => [mentions, segments.map((c, j) => c - mentions[j]!)];

    it('matches fisher.test(workspace = 2e8) for a rare theme', () => {
      // x <- c(3, 5, 2, 4, 6, 1, 3, 4, 2, 5); fisher.test(rbind(x, cs - x), workspace = 2e8)$p.value -> 0.64230079241901672
      expectClose(fisherExactTest(table([3, 5, 2, 4, 6, 1, 3, 4, 2, 5]))?.p, 0.64230079241901672, P_VALUE);
      // x <- c(5, 5, 5, 4, 6, 5, 3, 4, 6, 5) -> 0.99569888322873168
      expectClose(fisherExactTest(table([5, 5, 5, 4, 6, 5, 3, 4, 6, 5]))?.p, 0.99569888322873168, P_VALUE);
      // x <- c(0, 0, 0, 0, 0, 0, 0, 0, 0, 12) -> 5.5682845268360937e-12
      expectClose(fisherExactTest(table([0, 0, 0, 0, 0, 0, 0, 0, 0, 12]))?.p, 5.5682845268360937e-12, P_VALUE);
    });

    it('uses R’s r x c tie tolerance (FEXACT TOL 3.45254e-7 on the log scale)', () => {
      // x <- c(9, 0, 1, 8, 2, 1, 0, 7, 3, 9) -> 3.4725744145357751e-05; with relErr 1e-7 it would be 3.47257365e-05
      expectClose(fisherExactTest(table([9, 0, 1, 8, 2, 1, 0, 7, 3, 9]))?.p, 3.4725744145357751e-5, 1e-9);
    });

    it('is null where the bounds alone would exceed the budget (issue 15: costed from the margins)', () => {
      // 50 segments of 2000 with 1000 mentions each: the bounds' dynamic programming alone would be
      // about 5e9 steps; costed from the margins before it runs, null at once. (Without the estimate
      // the budget check after each stage of the bounds also gives null, a second or two later: the
      // gain is time, which a unit test does not assert; the timings are in the doc comment.)
      const segments50 = Array(50).fill(2000);
      const mentions = Array(50).fill(1000);
      expect(fisherExactTest([mentions, segments50.map((c, j) => c - mentions[j]!)])).toBeNull();
    });

    it('gives up (null) on a dense table instead of running for minutes: a budget of steps, not a clock, stops it', () => {
      // R: FEXACT error 7 (LDSTP too small) by default; 89 s with workspace = 2e8 -> 0.99553925778967789
      // The budget counts steps, not time (no wall clock in a unit test): null, not a number.
      expect(fisherExactTest(table([250, 240, 270, 255, 245, 250, 250, 249, 251, 240]))).toBeNull();
    });
  });

  describe('up to 50 segments with N up to 10,000 (test/stats/r/fisher-exact-large.R)', () => {
    const table = (mentions: number[], bases: number[]) => [mentions, bases.map((c, j) => c - mentions[j]!)];
    const EXACT = 1e-9;

    it('matches fisher.test(workspace = 2e8) where R answers correctly', () => {
      const uneven = [...Array(10).fill(20), ...Array(20).fill(100), ...Array(20).fill(380)];
      const x = [...Array(20).fill(0), 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 2, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 1];
      // 50 segments, N = 10000: fisher.test(rbind(x, cs - x), workspace = 2e8)$p.value -> 0.696535664176261
      expectClose(fisherExactTest(table(x, uneven))?.p, 0.696535664176261, EXACT);
      // 10 segments of 1000: -> 0.92424924934667907
      expectClose(fisherExactTest(table([3, 7, 3, 5, 5, 6, 4, 6, 4, 3], Array(10).fill(1000)))?.p, 0.92424924934667907, EXACT);
      // 9 and 10 segments, where the toolkit used to give a Monte Carlo estimate: -> 0.33615130212402045, 0.55721057171075383
      expectClose(fisherExactTest(table([2, 3, 0, 6, 3, 0, 2, 1, 1], [12, 15, 8, 20, 25, 10, 6, 14, 9]))?.p, 0.33615130212402045, EXACT);
      expectClose(fisherExactTest(table([5, 2, 2, 4, 2, 4, 1, 3, 2, 0], [30, 25, 40, 35, 20, 45, 30, 25, 25, 25]))?.p, 0.55721057171075383, EXACT);
    });

    it('matches an independent exact sum where R’s FEXACT is wrong (equal segment sizes)', () => {
      // exactEqualColumns(x, 333) -> 0.89171309800048859 (FEXACT says 0.4750521064510404; R's own
      // Monte Carlo, B = 1e5, 0.89237107628923706)
      const thirty = [3, 1, 3, 1, 2, 2, 2, 2, 1, 2, 0, 3, 1, 2, 1, 0, 0, 1, 0, 0, 1, 1, 2, 1, 1, 0, 1, 1, 1, 0];
      expectClose(fisherExactTest(table(thirty, Array(30).fill(333)))?.p, 0.89171309800048859, EXACT);
      // exactEqualColumns(x, 200) -> 0.35384244937497467 (FEXACT 0.034909045078288882; Monte Carlo 0.35431645683543167)
      const fifty = [
        0, 0, 2, 1, 0, 2, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 2, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 4, 2, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0,
      ];
      expectClose(fisherExactTest(table(fifty, Array(50).fill(200)))?.p, 0.35384244937497467, EXACT);
    });
  });

  it('is null for fewer than two rows or columns and throws for non-counts', () => {
    expect(fisherExactTest([[1, 2, 3]])).toBeNull();
    expect(fisherExactTest([])).toBeNull();
    expect(() =>
      fisherExactTest([
        [1.5, 2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
    expect(() => fisherExactTest([[1, 2], [3]])).toThrow(RangeError);
  });
});
