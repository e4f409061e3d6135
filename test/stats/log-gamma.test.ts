import { describe, expect, it } from 'vitest';
import { logGamma } from '../../src/stats/log-gamma.ts';
import { expectClose } from './expect-close.ts';

// Expected values: test/stats/r/log-gamma.R (R 4.2.2).
describe('logGamma', () => {
  it('matches lgamma for small arguments', () => {
    expectClose(logGamma(0.5), 0.57236494292470008, 1e-14); // lgamma(0.5) -> 0.57236494292470008
    expectClose(logGamma(1e-5), 11.512919692895826, 1e-14); // lgamma(1e-05) -> 11.512919692895826
    expectClose(logGamma(3.7), 1.4280723266653881, 1e-14); // lgamma(3.7) -> 1.4280723266653881
    expectClose(logGamma(9.99), 12.779315214350193, 1e-14); // lgamma(9.99) -> 12.779315214350193
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
  });

  it('matches lgamma for log-factorials up to large n', () => {
    expectClose(logGamma(10), 12.801827480081469, 1e-14); // lgamma(10) -> 12.801827480081469
    expectClose(logGamma(101), 363.73937555556347, 1e-14); // lgamma(101) -> 363.73937555556347
    expectClose(logGamma(5001), 37591.143508876768, 1e-14); // lgamma(5001) -> 37591.143508876768
    expectClose(logGamma(1e6), 12815504.569147611, 1e-14); // lgamma(1e+06) -> 12815504.569147611
  });

  it('throws for non-positive arguments', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1.5)).toThrow(RangeError);
  });
});
