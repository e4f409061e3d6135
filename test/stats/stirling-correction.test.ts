import { describe, expect, it } from 'vitest';
import { stirlingCorrection } from '../../src/stats/stirling-correction.ts';
import { expectClose } from './expect-close.ts';

// Expected values: test/stats/r/stirling-correction.R (R 4.2.2), lgamma minus Stirling's leading
// terms; that subtraction costs R a few digits, hence 1e-11.
describe('stirlingCorrection', () => {
  it('matches lgamma(x) - ((x - 0.5) log x - x + log(2 pi) / 2)', () => {
    expectClose(stirlingCorrection(10), 0.0083305634333612488, 1e-11); // lgamma(10) - (...) -> 0.0083305634333612488
    expectClose(stirlingCorrection(12.5), 0.0066652470327071001, 1e-11); // lgamma(12.5) - (...) -> 0.0066652470327071001
    expectClose(stirlingCorrection(20), 0.0041663196919969891, 1e-11); // lgamma(20) - (...) -> 0.0041663196919969891
  });

  it('is 1/(12x) to first order for large x', () => {
    expectClose(stirlingCorrection(1e8), 1 / 1.2e9, 1e-15);
  });

  it('throws below 10, where the series is not accurate', () => {
    expect(() => stirlingCorrection(9.5)).toThrow(RangeError);
  });
});
