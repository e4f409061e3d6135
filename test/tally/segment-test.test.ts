import { describe, expect, it } from 'vitest';
import { segmentTest } from '../../src/tally/segment-test.ts';

describe('segmentTest', () => {
  it('uses chi-square when every expected count is at least 5', () => {
    // chisq.test(rbind(c(12, 5), c(8, 15)), correct = FALSE)$statistic -> 5.0127877237851663
    const test = segmentTest([12, 5], [20, 20])!;
    expect(test.method).toBe('chi-square');
    expect(test.statistic).toBeCloseTo(5.0127877237851663, 12);
    expect(test.df).toBe(1);
  });

  it("uses Fisher's exact test when an expected count is below 5", () => {
    // fisher.test(rbind(c(12, 2, 1), c(8, 18, 3)))$p.value
    const test = segmentTest([12, 2, 1], [20, 20, 4])!;
    expect(test.method).toBe('fisher');
    expect(test.statistic).toBeNull();
  });

  it('leaves out segments without respondents, and is null with fewer than two left', () => {
    expect(segmentTest([3, 0], [10, 0])).toBeNull();
    expect(segmentTest([3, 4, 0], [10, 10, 0])!.method).not.toBeNull();
  });

  it('says why when the test is undefined', () => {
    expect(segmentTest([0, 0], [10, 12])).toMatchObject({ p: null, reason: 'no respondent mentioned the theme' });
    expect(segmentTest([10, 12], [10, 12])).toMatchObject({ p: null, reason: 'every respondent mentioned the theme' });
  });

  it('gives the exact p with 9 and 10 segments (no Monte Carlo there)', () => {
    // fisher.test(rbind(x, cs - x))$p.value -> 0.33615130212402045 (test/stats/r/fisher-exact-large.R)
    const nine = segmentTest([2, 3, 0, 6, 3, 0, 2, 1, 1], [12, 15, 8, 20, 25, 10, 6, 14, 9])!;
    expect(nine.method).toBe('fisher');
    expect(Math.abs(nine.p! - 0.33615130212402045)).toBeLessThan(1e-9 * 0.33615130212402045);
    // -> 0.55721057171075383
    const ten = segmentTest([5, 2, 2, 4, 2, 4, 1, 3, 2, 0], [30, 25, 40, 35, 20, 45, 30, 25, 25, 25])!;
    expect(ten.method).toBe('fisher');
    expect(Math.abs(ten.p! - 0.55721057171075383)).toBeLessThan(1e-9 * 0.55721057171075383);
  });

  it('falls back to the Monte Carlo test when the exact test is too large to enumerate', () => {
    // A segment of 10 among nine of 550: fisher.test() in R fails here without a huge workspace;
    // set.seed(2); fisher.test(tab, simulate.p.value = TRUE, B = 2000)$p.value -> 0.25 to 0.29 over 5 seeds.
    const test = segmentTest([...Array(9).fill(275), 0], [...Array(9).fill(550), 10])!;
    expect(test.method).toBe('fisher-monte-carlo');
    expect(test.replicates).toBe(2000);
    expect(Number.isInteger(test.seed)).toBe(true);
    expect(test.p).toBeGreaterThan(0.22);
    expect(test.p).toBeLessThan(0.33);
  });
});
