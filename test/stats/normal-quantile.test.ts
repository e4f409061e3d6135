import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/stats/normal-quantile.ts';
import { expectClose } from './expect-close.ts';

// Expected values: test/stats/r/normal-quantile.R (R 4.2.2). qnorm is AS241 too, so the match is
// to the last bit or two; 1e-14 relative.
const TIGHT = 1e-14;

describe('normalQuantile', () => {
  it('matches qnorm in the centre', () => {
    expectClose(normalQuantile(0.975), 1.9599639845400536, TIGHT); // qnorm(0.975) -> 1.9599639845400536
    expectClose(normalQuantile(0.025), -1.9599639845400538, TIGHT); // qnorm(0.025) -> -1.9599639845400538
    expectClose(normalQuantile(0.3), -0.52440051270804067, TIGHT); // qnorm(0.3) -> -0.52440051270804067
    expectClose(normalQuantile(0.95), 1.6448536269514715, TIGHT); // qnorm(0.95) -> 1.6448536269514715
    expectClose(normalQuantile(0.999), 3.0902323061678132, TIGHT); // qnorm(0.999) -> 3.0902323061678132
    expect(normalQuantile(0.5)).toBe(0); // qnorm(0.5) -> 0
  });

  it('matches qnorm in the tails', () => {
    expectClose(normalQuantile(1e-10), -6.3613409024040557, TIGHT); // qnorm(1e-10) -> -6.3613409024040557
    expectClose(normalQuantile(1 - 1e-10), 6.3613408896974208, TIGHT); // qnorm(1 - 1e-10) -> 6.3613408896974208
    expectClose(normalQuantile(1e-300), -37.047096299361201, TIGHT); // qnorm(1e-300) -> -37.047096299361201
  });

  it('gives infinities at 0 and 1 and throws outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});
