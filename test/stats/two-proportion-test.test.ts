import { describe, expect, it } from 'vitest';
import { twoProportionTest } from '../../src/stats/two-proportion-test.ts';
import { CLOSED_FORM, P_VALUE, expectClose, expectIntervalClose } from './expect-close.ts';

// Expected values: test/stats/r/two-proportion-test.R (R 4.2.2). Arguments are (x2, n2, x1, n1):
// the current round first, as in prop.test(c(x2, x1), c(n2, n1), correct = FALSE).
describe('twoProportionTest', () => {
  it('matches prop.test(c(14, 9), c(40, 30), correct = FALSE)', () => {
    const result = twoProportionTest(14, 40, 9, 30, 0.95);
    expectClose(result?.difference, 0.049999999999999989, CLOSED_FORM); // r$estimate[1] - r$estimate[2] -> 0.049999999999999989
    // r$conf.int -> -0.17076799765264145 0.27076799765264142
    expectIntervalClose(result?.ci ?? null, [-0.17076799765264145, 0.27076799765264142], CLOSED_FORM);
    expectClose(result!.z! ** 2, 0.19426456984273835, CLOSED_FORM); // r$statistic -> 0.19426456984273835
    expect(result!.z!).toBeGreaterThan(0);
    expectClose(result?.p, 0.65939070320828308, P_VALUE); // r$p.value -> 0.65939070320828308
  });

  it('gives z the sign of the difference', () => {
    const result = twoProportionTest(3, 25, 12, 30, 0.95);
    // prop.test(c(3, 12), c(25, 30), correct = FALSE)$conf.int -> -0.49669792944134233 -0.063302070558657719
    expectIntervalClose(result?.ci ?? null, [-0.49669792944134233, -0.063302070558657719], CLOSED_FORM);
    expectClose(result!.z! ** 2, 5.3899999999999997, CLOSED_FORM); // r$statistic -> 5.3899999999999997
    expect(result!.z!).toBeLessThan(0);
    expectClose(result?.p, 0.02025247080910441, P_VALUE); // r$p.value -> 0.02025247080910441
  });

  it('uses the confidence level', () => {
    const result = twoProportionTest(22, 40, 15, 30, 0.9);
    // prop.test(c(22, 15), c(40, 30), correct = FALSE, conf.level = 0.9)$conf.int -> -0.14820884332695761 0.2482088433269577
    expectIntervalClose(result?.ci ?? null, [-0.14820884332695761, 0.2482088433269577], CLOSED_FORM);
    expectClose(result?.p, 0.67834910195315767, P_VALUE); // r$p.value -> 0.67834910195315767
  });

  it('handles x = 0 on one side and clamps the interval at 1', () => {
    const zero = twoProportionTest(0, 12, 4, 15, 0.95);
    // prop.test(c(0, 4), c(12, 15), correct = FALSE)$conf.int -> -0.49045505090865971 -0.042878282424673647
    expectIntervalClose(zero?.ci ?? null, [-0.49045505090865971, -0.042878282424673647], CLOSED_FORM);
    expectClose(zero!.z! ** 2, 3.7565217391304349, CLOSED_FORM); // r$statistic -> 3.7565217391304349
    expectClose(zero?.p, 0.052601894326876578, P_VALUE); // r$p.value -> 0.052601894326876578
    const high = twoProportionTest(9, 10, 1, 10, 0.95);
    // prop.test(c(9, 1), c(10, 10), correct = FALSE)$conf.int -> 0.53704323782702557 1
    expectIntervalClose(high?.ci ?? null, [0.53704323782702557, 1], CLOSED_FORM);
    expect(high!.ci[1]).toBe(1);
    expectClose(high?.p, 0.0003466193511346668, P_VALUE); // r$p.value -> 0.0003466193511346668
  });

  it('has no z or p when the pooled proportion is 0 or 1 (R: X-squared NaN)', () => {
    // prop.test(c(0, 0), c(10, 12), correct = FALSE)$conf.int -> 0 0; $statistic -> NA
    expect(twoProportionTest(0, 10, 0, 12, 0.95)).toEqual({ difference: 0, ci: [0, 0], z: null, p: null });
    // prop.test(c(10, 12), c(10, 12), correct = FALSE)$conf.int -> 0 0
    expect(twoProportionTest(10, 10, 12, 12, 0.95)).toEqual({ difference: 0, ci: [0, 0], z: null, p: null });
  });

  it('is null when a base is empty and throws for impossible counts', () => {
    expect(twoProportionTest(0, 0, 3, 10, 0.95)).toBeNull();
    expect(twoProportionTest(3, 10, 0, 0, 0.95)).toBeNull();
    expect(() => twoProportionTest(11, 10, 3, 10, 0.95)).toThrow(RangeError);
  });
});
