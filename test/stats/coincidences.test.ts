import { describe, expect, it } from 'vitest';
import { coincidences } from '../../src/stats/coincidences.ts';
import { krippendorff2011 } from './agreement-data.ts';

// Expected: the coincidence matrix printed in Krippendorff (2011), section C (also written out in
// test/stats/py/agreement.py), for his 4-coder, 12-unit nominal example.
describe('coincidences', () => {
  it("reproduces Krippendorff's (2011) coincidence matrix", () => {
    const { values, o, marginals, n, units } = coincidences(krippendorff2011);
    expect(values).toEqual([1, 2, 3, 4, 5]);
    const third = 1 / 3;
    const expected = [
      [7, 4 * third, third, third, 0],
      [4 * third, 10, 4 * third, third, 0],
      [third, 4 * third, 8, third, 0],
      [third, third, third, 4, 0],
      [0, 0, 0, 0, 3],
    ];
    o.forEach((row, c) => row.forEach((value, k) => expect(value).toBeCloseTo(expected[c]![k]!, 12)));
    marginals.forEach((value, c) => expect(value).toBeCloseTo([9, 13, 10, 5, 3][c]!, 12));
    expect(n).toBeCloseTo(40, 12);
    expect(units).toBe(11);
  });
});
