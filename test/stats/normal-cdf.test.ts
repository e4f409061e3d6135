import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/stats/normal-cdf.ts';
import { expectClose } from './expect-close.ts';

// Expected values: test/stats/r/normal-cdf.R (R 4.2.2). Same algorithm as R: 1e-14 relative,
// also deep in the lower tail.
const TIGHT = 1e-14;

describe('normalCdf', () => {
  it('matches pnorm', () => {
    expect(normalCdf(0)).toBe(0.5); // pnorm(0) -> 0.5
    expectClose(normalCdf(-1.96), 0.024997895148220428, TIGHT); // pnorm(-1.96) -> 0.024997895148220428
    expectClose(normalCdf(0.5), 0.69146246127401301, TIGHT); // pnorm(0.5) -> 0.69146246127401301
    expectClose(normalCdf(-0.6), 0.27425311775007361, TIGHT); // pnorm(-0.6) -> 0.27425311775007361
    expectClose(normalCdf(1.5), 0.93319279873114191, TIGHT); // pnorm(1.5) -> 0.93319279873114191
    expectClose(normalCdf(-3), 0.0013498980316300946, TIGHT); // pnorm(-3) -> 0.0013498980316300946
    expectClose(normalCdf(5), 0.99999971334842808, TIGHT); // pnorm(5) -> 0.99999971334842808
  });

  it('keeps its relative precision in the lower tail', () => {
    expectClose(normalCdf(-6.5), 4.0160005838591178e-11, TIGHT); // pnorm(-6.5) -> 4.0160005838591178e-11
    expectClose(normalCdf(-10), 7.6198530241605269e-24, TIGHT); // pnorm(-10) -> 7.6198530241605269e-24
    expectClose(normalCdf(-20), 2.7536241186062337e-89, TIGHT); // pnorm(-20) -> 2.7536241186062337e-89
    expectClose(normalCdf(-37), 5.7255712225245771e-300, TIGHT); // pnorm(-37) -> 5.7255712225245771e-300
    expect(normalCdf(-40)).toBe(0); // pnorm(-40) -> 0
    expect(normalCdf(9)).toBe(1); // pnorm(9) -> 1
  });

  it('throws on NaN', () => {
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError);
  });
});
