import { describe, expect, it } from 'vitest';
import { jaccard } from '../../src/stats/jaccard.ts';
import { CLOSED_FORM, expectClose } from './expect-close.ts';

// Expected values: test/stats/r/jaccard.R (R 4.2.2): C <- crossprod(m) for a respondents x themes
// 0/1 matrix m in which structure has 5 mentions, role 5, funding 2 and never 0; structure and
// role co-occur 3 times, structure and funding never.
describe('jaccard', () => {
  it('is both / either, as C[i, j] / (C[i, i] + C[j, j] - C[i, j])', () => {
    expectClose(jaccard(3, 5, 5), 0.42857142857142855, CLOSED_FORM); // C["structure", "role"]/(...) -> 0.42857142857142855
    expect(jaccard(0, 5, 2)).toBe(0); // C["structure", "funding"]/(...) -> 0
    expect(jaccard(5, 5, 5)).toBe(1); // C["role", "role"]/(...) -> 1
  });

  it('is null when neither theme is mentioned (R: NaN)', () => {
    expect(jaccard(0, 0, 0)).toBeNull(); // C["never", "never"]/(...) -> NA
  });

  it('throws when both exceeds a count', () => {
    expect(() => jaccard(4, 3, 5)).toThrow(RangeError);
    expect(() => jaccard(-1, 3, 5)).toThrow(RangeError);
  });
});
