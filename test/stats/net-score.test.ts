/**
 * issue 16: netScore against R, y = +1 (a), −1 (b), 0 (else):
 *   y <- c(rep(1, 5), rep(-1, 3), rep(0, 12)); d <- mean(y); se <- sqrt(mean((y - d)^2) / length(y))
 *   d + c(-1, 1) * qnorm(0.975) * se
 * (test/stats/r/net-score.R) R 4.2.2 printed: 0.10000000000000001, 0.13964240043768941,
 * -0.17369407557259145, 0.37369407557259149. See also test/tally/r/question-types.R for the NPS and
 * net of fixtures/question-types.
 */
import { describe, expect, it } from 'vitest';
import { meanInterval } from '../../src/stats/mean-interval.ts';
import { netScore } from '../../src/stats/net-score.ts';

describe('netScore', () => {
  it('gives the multinomial Wald interval of a difference of two shares', () => {
    const net = netScore(5, 3, 20, 0.95);
    expect(net.score).toBeCloseTo(0.1, 15);
    expect(net.se).toBeCloseTo(0.13964240043768941, 14);
    expect(net.ci![0]).toBeCloseTo(-0.17369407557259145, 12);
    expect(net.ci![1]).toBeCloseTo(0.37369407557259149, 12);
  });

  it('keeps the interval inside [-1, 1], and has none from fewer than two answers', () => {
    expect(netScore(9, 0, 10, 0.95).ci![1]).toBe(1);
    expect(netScore(1, 0, 1, 0.95)).toEqual({ score: 1, se: null, ci: null });
    expect(netScore(0, 0, 0, 0.95)).toEqual({ score: null, se: null, ci: null });
  });

  it('refuses counts that are not a sample', () => {
    expect(() => netScore(3, 3, 5, 0.95)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it('is t.test(x)$conf.int', () => {
    // x <- c(2, 2, 4, 4); t.test(x)$conf.int (test/stats/r/net-score.R)
    const ci = meanInterval(3, 1.1547005383792515, 4, 0.95)!;
    expect(ci[0]).toBeCloseTo(1.1626137689629215, 12);
    expect(ci[1]).toBeCloseTo(4.8373862310370788, 12);
    expect(meanInterval(3, null, 1, 0.95)).toBeNull();
  });
});
