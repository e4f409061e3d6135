import { describe, expect, it } from 'vitest';
import { logBeta } from '../../src/stats/log-beta.ts';
import { expectClose } from './expect-close.ts';

// Expected values: test/stats/r/log-beta.R (R 4.2.2).
describe('logBeta', () => {
  it('matches lbeta for small arguments', () => {
    expectClose(logBeta(0.5, 0.5), 1.1447298858494004, 1e-14); // lbeta(0.5, 0.5) -> 1.1447298858494004
    expectClose(logBeta(2, 3), -2.4849066497880004, 1e-14); // lbeta(2, 3) -> -2.4849066497880004
  });

  it('keeps full precision when an argument is large', () => {
    expectClose(logBeta(0.5, 5e5), -5.9888164957774643, 1e-14); // lbeta(0.5, 5e+05) -> -5.9888164957774643
    expectClose(logBeta(3, 1e4), -26.938173910371603, 1e-14); // lbeta(3, 10000) -> -26.938173910371603
    expectClose(logBeta(12, 30), -25.274864968419806, 1e-14); // lbeta(12, 30) -> -25.274864968419806
    expectClose(logBeta(5e5, 5e5), -693152.47622926044, 1e-14); // lbeta(5e+05, 5e+05) -> -693152.47622926044
  });

  it('is symmetric and throws for non-positive arguments', () => {
    expect(logBeta(3, 1e4)).toBe(logBeta(1e4, 3));
    expect(() => logBeta(0, 1)).toThrow(RangeError);
  });
});
