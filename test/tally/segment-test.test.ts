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

  it('falls back to the Monte Carlo test when the exact test is too large to enumerate', () => {
    // A segment of 10 among nine of 550: fisher.test() in R fails here without a huge workspace;
    // set.seed(2); fisher.test(tab, simulate.p.value = TRUE, B = 2000)$p.value -> 0.25 to 0.29 over 5 seeds.
    const test = segmentTest([...Array(9).fill(275), 0], [...Array(9).fill(550), 10])!;
    expect(test.method).toBe('fisher-monte-carlo');
    expect(test.replicates).toBe(2000);
    expect(test.p).toBeGreaterThan(0.22);
    expect(test.p).toBeLessThan(0.33);
  });
});
