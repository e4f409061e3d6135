import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/stats/normal-quantile.ts';
import { tQuantile } from '../../src/stats/t-quantile.ts';
import { expectClose } from './expect-close.ts';

// Expected values: test/stats/r/t-quantile.R (R 4.2.2). The brief asks for 1e-10 relative.
const QUANTILE = 1e-10;

describe('tQuantile', () => {
  it('matches qt at the usual confidence levels', () => {
    expectClose(tQuantile(0.975, 1), 12.706204736174694, QUANTILE); // qt(0.975, 1) -> 12.706204736174694
    expectClose(tQuantile(0.975, 2), 4.3026527297494619, QUANTILE); // qt(0.975, 2) -> 4.3026527297494619
    expectClose(tQuantile(0.975, 3), 3.1824463052837078, QUANTILE); // qt(0.975, 3) -> 3.1824463052837078
    expectClose(tQuantile(0.975, 9), 2.2621571627982049, QUANTILE); // qt(0.975, 9) -> 2.2621571627982049
    expectClose(tQuantile(0.975, 39), 2.0226909200367604, QUANTILE); // qt(0.975, 39) -> 2.0226909200367604
    expectClose(tQuantile(0.975, 1e6), 1.9599663568141066, QUANTILE); // qt(0.975, 1e+06) -> 1.9599663568141066
    expectClose(tQuantile(0.95, 39), 1.684875121711225, QUANTILE); // qt(0.95, 39) -> 1.684875121711225
    expectClose(tQuantile(0.025, 39), -2.0226909200367609, QUANTILE); // qt(0.025, 39) -> -2.0226909200367609
    expectClose(tQuantile(0.995, 4), 4.6040948713499921, QUANTILE); // qt(0.995, 4) -> 4.6040948713499921
    expectClose(tQuantile(0.6, 7), 0.26316686135202277, QUANTILE); // qt(0.6, 7) -> 0.26316686135202277
  });

  it('matches qt in the tails', () => {
    expectClose(tQuantile(1e-10, 1), -3183098861.8379064, QUANTILE); // qt(1e-10, 1) -> -3183098861.8379064
    expectClose(tQuantile(1e-10, 3), -2225.7692846830946, QUANTILE); // qt(1e-10, 3) -> -2225.7692846830946
    expectClose(tQuantile(1e-10, 39), -8.5104426770000181, QUANTILE); // qt(1e-10, 39) -> -8.5104426770000181
    expectClose(tQuantile(1 - 1e-10, 3), 2225.7692232960758, QUANTILE); // qt(1 - 1e-10, 3) -> 2225.7692232960758
  });

  it('accepts fractional df and df = Infinity', () => {
    expectClose(tQuantile(0.975, 1.5), 6.0166631044279288, QUANTILE); // qt(0.975, 1.5) -> 6.0166631044279288
    expect(tQuantile(0.975, Infinity)).toBe(normalQuantile(0.975)); // qt(0.975, Inf) -> 1.9599639845400536
  });

  it('is symmetric, 0 at p = 0.5 and infinite at 0 and 1', () => {
    expect(tQuantile(0.5, 5)).toBe(0);
    expect(tQuantile(0.25, 7)).toBe(-tQuantile(0.75, 7));
    expect(tQuantile(0, 5)).toBe(-Infinity);
    expect(tQuantile(1, 5)).toBe(Infinity);
  });

  it('gives the same quantile when the same (p, df) is asked again, between others and after thousands of others', () => {
    // Issue 19: tQuantile keeps the quantiles it has worked out (a wide study asks for a few (p, df)
    // half a million times); a kept value must belong to its own p and df, and survive the keeping being emptied.
    const asked = () => [tQuantile(0.975, 199), tQuantile(0.95, 199), tQuantile(0.975, 200), tQuantile(0.025, 199)];
    const expected = [
      1.9719565442517519, // qt(0.975, 199) -> 1.9719565442517519
      1.6525467461665617, // qt(0.95, 199) -> 1.6525467461665617
      1.9718962236339079, // qt(0.975, 200) -> 1.9718962236339079
      -1.9719565442517522, // qt(0.025, 199) -> -1.9719565442517522
    ];
    const first = asked();
    first.forEach((value, i) => expectClose(value, expected[i]!, QUANTILE));
    expect(asked()).toEqual(first);
    for (let df = 1000; df < 6000; df++) tQuantile(0.975, df);
    expectClose(tQuantile(0.975, 5099), 1.960429335563441, QUANTILE); // qt(0.975, 5099) -> 1.960429335563441
    expect(asked()).toEqual(first);
  });

  it('throws for p outside [0, 1] and df <= 0', () => {
    expect(() => tQuantile(1.2, 5)).toThrow(RangeError);
    expect(() => tQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => tQuantile(0.5, Number.NaN)).toThrow(RangeError);
  });
});
