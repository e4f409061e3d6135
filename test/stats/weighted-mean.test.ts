import { describe, expect, it } from 'vitest';
import { type WeightedSums, weightedMean } from '../../src/stats/weighted-mean.ts';
import { CLOSED_FORM, expectClose } from './expect-close.ts';

// Expected values: test/stats/r/weighted-mean.R (R 4.2.2, survey 4.1-1), with
// design <- svydesign(ids = ~1, weights = ~w, data = d) on this data frame d:
const y = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1];
const score = [3, 5, 2, 4, 4, 1, 5, 3, 2, 4];
const q = [4, null, 5, 3, null, 2, 5, 4, 1, null];
const w = [1, 2, 0.5, 3, 1.5, 1, 2.5, 0.7, 1.2, 2];
const seg = ['a', 'a', 'b', 'a', 'b', 'b', 'a', 'b', 'a', 'c'];
const DESIGN_N = 10;

/** One-pass sums over the rows where `keep` holds and the variable is answered. */
function sums(values: (number | null)[], keep: (i: number) => boolean = () => true): WeightedSums {
  const result: WeightedSums = { n: 0, sumW: 0, sumWY: 0, sumW2: 0, sumW2Y: 0, sumW2Y2: 0 };
  values.forEach((value, i) => {
    if (value === null || !keep(i)) return;
    const weight = w[i]!;
    result.n += 1;
    result.sumW += weight;
    result.sumWY += weight * value;
    result.sumW2 += weight * weight;
    result.sumW2Y += weight * weight * value;
    result.sumW2Y2 += weight * weight * value * value;
  });
  return result;
}

describe('weightedMean', () => {
  it('matches svymean on the full sample with unequal weights', () => {
    const proportion = weightedMean(sums(y), DESIGN_N);
    expectClose(proportion?.mean, 0.66233766233766234, CLOSED_FORM); // coef(svymean(~y, design)) -> 0.66233766233766234
    expectClose(proportion?.se, 0.16621597532704474, CLOSED_FORM); // SE(svymean(~y, design)) -> 0.16621597532704474
    const mean = weightedMean(sums(score), DESIGN_N);
    expectClose(mean?.mean, 3.7662337662337664, CLOSED_FORM); // coef(svymean(~score, design)) -> 3.7662337662337664
    expectClose(mean?.se, 0.3763660357912168, CLOSED_FORM); // SE(svymean(~score, design)) -> 0.3763660357912168
  });

  it('matches svymean on a subset() domain, keeping the whole design in the variance', () => {
    const a = weightedMean(
      sums(y, (i) => seg[i] === 'a'),
      DESIGN_N,
    );
    expectClose(a?.mean, 0.79381443298969079, CLOSED_FORM); // coef(svymean(~y, subset(design, seg == "a"))) -> 0.79381443298969079
    expectClose(a?.se, 0.19658674224772246, CLOSED_FORM); // SE(svymean(~y, subset(design, seg == "a"))) -> 0.19658674224772246
    const b = weightedMean(
      sums(score, (i) => seg[i] === 'b'),
      DESIGN_N,
    );
    expectClose(b?.mean, 2.7297297297297294, CLOSED_FORM); // coef(svymean(~score, subset(design, seg == "b"))) -> 2.7297297297297294
    expectClose(b?.se, 0.74243492030627356, CLOSED_FORM); // SE(svymean(~score, subset(design, seg == "b"))) -> 0.74243492030627356
    // SE(svyby(~score, ~seg, design, svymean)) -> 0.43255571623604938 0.74243492030627356 0
    expectClose(
      weightedMean(
        sums(score, (i) => seg[i] === 'a'),
        DESIGN_N,
      )?.se,
      0.43255571623604938,
      CLOSED_FORM,
    );
  });

  it('gives se 0 for a one-row domain, as R', () => {
    const c = weightedMean(
      sums(score, (i) => seg[i] === 'c'),
      DESIGN_N,
    );
    expectClose(c?.mean, 4, CLOSED_FORM); // coef(svymean(~score, subset(design, seg == "c"))) -> 4
    expect(c?.se).toBe(0); // SE(svymean(~score, subset(design, seg == "c"))) -> 0
  });

  it('gives se exactly 0, not rounding noise, when y is constant over the domain', () => {
    const weight = 0.12513053059561616;
    const domain: WeightedSums = { n: 1, sumW: weight, sumWY: 3 * weight, sumW2: weight ** 2, sumW2Y: 3 * weight ** 2, sumW2Y2: 9 * weight ** 2 };
    expect(weightedMean(domain, 3)).toEqual({ mean: 3, se: 0 });
  });

  it('matches svymean(na.rm = TRUE): the answered rows are a domain', () => {
    const answered = weightedMean(sums(q), DESIGN_N);
    expectClose(answered?.mean, 3.4343434343434343, CLOSED_FORM); // coef(svymean(~q, design, na.rm = TRUE)) -> 3.4343434343434343
    expectClose(answered?.se, 0.57039445762617491, CLOSED_FORM); // SE(svymean(~q, design, na.rm = TRUE)) -> 0.57039445762617491
  });

  it('reduces to sd / sqrt(n) with equal weights', () => {
    const n = score.length;
    const equal: WeightedSums = {
      n,
      sumW: n,
      sumWY: score.reduce((s, v) => s + v, 0),
      sumW2: n,
      sumW2Y: score.reduce((s, v) => s + v, 0),
      sumW2Y2: score.reduce((s, v) => s + v * v, 0),
    };
    // SE(svymean(~score, svydesign(ids = ~1, weights = ~1, data = d))) -> 0.42295258468165076
    expectClose(weightedMean(equal, n)?.se, 0.42295258468165076, CLOSED_FORM);
  });

  it('is null for an empty domain and has no se for a one-row design', () => {
    expect(
      weightedMean(
        sums(y, () => false),
        DESIGN_N,
      ),
    ).toBeNull();
    expect(weightedMean({ n: 1, sumW: 2, sumWY: 6, sumW2: 4, sumW2Y: 12, sumW2Y2: 36 }, 1)).toEqual({ mean: 3, se: null });
  });

  it('throws for inconsistent counts', () => {
    expect(() => weightedMean(sums(y), 5)).toThrow(RangeError);
    expect(() => weightedMean({ ...sums(y), sumW: -1 }, DESIGN_N)).toThrow(RangeError);
  });
});
