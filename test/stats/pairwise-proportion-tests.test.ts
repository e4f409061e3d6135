import { describe, expect, it } from 'vitest';
import { pairwiseProportionTests } from '../../src/stats/pairwise-proportion-tests.ts';
import { P_VALUE, expectClose } from './expect-close.ts';

// Expected values: test/stats/r/pairwise-and-welch.R (R 4.2.2). Pairs in the order of the lower
// triangle of R's table read by column: (1,2), (1,3), (1,4), (2,3), (2,4), (3,4).
describe('pairwiseProportionTests', () => {
  it('matches pairwise.prop.test(x, n, p.adjust.method = "BH", correct = FALSE)', () => {
    const tests = pairwiseProportionTests([12, 5, 9, 2], [20, 20, 20, 15]);
    expect(tests.map((t) => [t.a, t.b])).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    // pw(c(12, 5, 9, 2), c(20, 20, 20, 15))
    const adjusted = [0.075482277601226194, 0.39315343767400301, 0.031735692853763244, 0.27726596134130144, 0.39315343767400301, 0.091633411631607445];
    // raw(...): p.adjust.method = "none"
    const raw = [0.025160759200408729, 0.34217761061304564, 0.0052892821422938739, 0.18484397422753429, 0.39315343767400301, 0.045816705815803722];
    tests.forEach((t, k) => {
      expectClose(t.pAdjusted, adjusted[k]!, P_VALUE);
      expectClose(t.p, raw[k]!, P_VALUE);
    });
    expectClose(tests[0]!.difference, 5 / 20 - 12 / 20, 1e-12);
  });

  it('leaves a pair with an undefined p out of the BH family', () => {
    // pw(c(0, 0, 6), c(10, 12, 15)) -> NA 0.021781462791119505 0.021781462791119505
    const tests = pairwiseProportionTests([0, 0, 6], [10, 12, 15]);
    expect(tests[0]!.p).toBeNull();
    expect(tests[0]!.pAdjusted).toBeNull();
    expectClose(tests[1]!.pAdjusted, 0.021781462791119505, P_VALUE);
    expectClose(tests[2]!.pAdjusted, 0.021781462791119505, P_VALUE);
  });

  it('skips the groups it is told to (a low base) and empty groups', () => {
    const tests = pairwiseProportionTests([12, 5, 9, 2], [20, 20, 20, 15], new Set([3]));
    expect(tests.map((t) => [t.a, t.b])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    // pw(c(12, 5, 9), c(20, 20, 20)) -> 0.075482277601226194 0.34217761061304564 0.27726596134130144
    [0.075482277601226194, 0.34217761061304564, 0.27726596134130144].forEach((value, k) => expectClose(tests[k]!.pAdjusted, value, P_VALUE));
    expect(pairwiseProportionTests([1, 2], [0, 5])).toEqual([]);
  });
});
