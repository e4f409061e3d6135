import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/stats/wilson-interval.ts';
import { CLOSED_FORM, expectIntervalClose } from './expect-close.ts';

// Expected values: test/stats/r/wilson-interval.R (R 4.2.2).
describe('wilsonInterval', () => {
  it('matches prop.test(correct = FALSE)$conf.int', () => {
    // prop.test(14, 20, correct = FALSE)$conf.int -> 0.48102718164647662 0.85452275513239562
    expectIntervalClose(wilsonInterval(14, 20, 0.95), [0.48102718164647662, 0.85452275513239562], CLOSED_FORM);
    // prop.test(14, 40, correct = FALSE)$conf.int -> 0.2213452887317629 0.50494119162742301
    expectIntervalClose(wilsonInterval(14, 40, 0.95), [0.2213452887317629, 0.50494119162742301], CLOSED_FORM);
    // prop.test(1234, 5000, correct = FALSE)$conf.int -> 0.23504675832138558 0.2589420059435914
    expectIntervalClose(wilsonInterval(1234, 5000, 0.95), [0.23504675832138558, 0.2589420059435914], CLOSED_FORM);
  });

  it('uses the confidence level', () => {
    // prop.test(9, 20, correct = FALSE, conf.level = 0.9)$conf.int -> 0.28412349128903125 0.62779229244706514
    expectIntervalClose(wilsonInterval(9, 20, 0.9), [0.28412349128903125, 0.62779229244706514], CLOSED_FORM);
    // prop.test(9, 20, correct = FALSE, conf.level = 0.99)$conf.int -> 0.21384167323432349 0.71106886687555182
    expectIntervalClose(wilsonInterval(9, 20, 0.99), [0.21384167323432349, 0.71106886687555182], CLOSED_FORM);
  });

  it('is exactly [0, …] at x = 0 and […, 1] at x = n', () => {
    const none = wilsonInterval(0, 20, 0.95); // prop.test(0, 20, correct = FALSE)$conf.int -> 0 0.1611251580528193
    expect(none![0]).toBe(0);
    expectIntervalClose(none, [0, 0.1611251580528193], CLOSED_FORM);
    const all = wilsonInterval(20, 20, 0.95); // prop.test(20, 20, correct = FALSE)$conf.int -> 0.83887484194718065 1
    expect(all![1]).toBe(1);
    expectIntervalClose(all, [0.83887484194718065, 1], CLOSED_FORM);
  });

  it('handles n = 1 and n = 2', () => {
    // prop.test(0, 1, correct = FALSE)$conf.int -> 0 0.79345068562276255
    expectIntervalClose(wilsonInterval(0, 1, 0.95), [0, 0.79345068562276255], CLOSED_FORM);
    // prop.test(1, 1, correct = FALSE)$conf.int -> 0.2065493143772375 1
    expectIntervalClose(wilsonInterval(1, 1, 0.95), [0.2065493143772375, 1], CLOSED_FORM);
    // prop.test(1, 2, correct = FALSE)$conf.int -> 0.094531205734230739 0.90546879426576921
    expectIntervalClose(wilsonInterval(1, 2, 0.95), [0.094531205734230739, 0.90546879426576921], CLOSED_FORM);
  });

  it('is null when n = 0 and throws for impossible counts', () => {
    expect(wilsonInterval(0, 0, 0.95)).toBeNull();
    expect(() => wilsonInterval(3, 2, 0.95)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2, 0.95)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, 1)).toThrow(RangeError);
  });
});
