import { describe, expect, it } from 'vitest';
import { betaRatio } from '../../src/stats/beta-ratio.ts';
import { expectClose } from './expect-close.ts';

// Expected values: test/stats/r/beta-ratio.R (R 4.2.2).
describe('betaRatio', () => {
  it('gives both tails of pbeta', () => {
    const [lower, upper] = betaRatio(0.25, 0.75, 2, 3);
    expectClose(lower, 0.26171875000000006, 1e-14); // pbeta(0.25, 2, 3) -> 0.26171875000000006
    expectClose(upper, 0.73828125, 1e-14); // pbeta(0.25, 2, 3, lower.tail = FALSE) -> 0.73828125
  });

  it('computes the small tail directly on the far side of the mean', () => {
    const [lower, upper] = betaRatio(0.9, 0.1, 5, 1.5);
    expectClose(lower, 0.77617213431621557, 1e-14); // pbeta(0.9, 5, 1.5) -> 0.77617213431621557
    expectClose(upper, 0.22382786568378443, 1e-14); // pbeta(0.9, 5, 1.5, lower.tail = FALSE) -> 0.22382786568378443
  });

  it('agrees with both of R’s forms of the t tail', () => {
    // t = 2 with df = 39: x = 39/43, y = 4/43.
    expectClose(betaRatio(39 / 43, 4 / 43, 19.5, 0.5)[0], 0.05249901534385467, 1e-13); // pbeta(39/43, 19.5, 0.5) -> 0.05249901534385467
    expectClose(betaRatio(4 / 43, 39 / 43, 0.5, 19.5)[1], 0.05249901534385476, 1e-13); // pbeta(4/43, 0.5, 19.5, lower.tail = FALSE) -> 0.05249901534385476
  });

  it('handles the end points and rejects inconsistent arguments', () => {
    expect(betaRatio(0, 1, 2, 3)).toEqual([0, 1]);
    expect(betaRatio(1, 0, 2, 3)).toEqual([1, 0]);
    expect(() => betaRatio(0.3, 0.3, 2, 3)).toThrow(RangeError);
    expect(() => betaRatio(0.3, 0.7, 0, 3)).toThrow(RangeError);
  });
});
