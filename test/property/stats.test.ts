import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/stats/benjamini-hochberg.ts';
import { fisherExactTest } from '../../src/stats/fisher-exact-test.ts';
import { logitInterval } from '../../src/stats/logit-interval.ts';
import { type WeightedSums, weightedMean } from '../../src/stats/weighted-mean.ts';
import { wilsonInterval } from '../../src/stats/wilson-interval.ts';

// Properties of src/stats where no R anchor goes. Fixed seed, so a failure reproduces.
const SEED = 20140601;
const settings = { seed: SEED, numRuns: 300 };

describe('stats properties', () => {
  it('every Wilson interval contains x/n and lies in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99, 0.999),
        ([x, n], confidence) => {
          const interval = wilsonInterval(x, n, confidence)!;
          expect(interval[0]).toBeGreaterThanOrEqual(0);
          expect(interval[1]).toBeLessThanOrEqual(1);
          expect(interval[0]).toBeLessThanOrEqual(x / n);
          expect(interval[1]).toBeGreaterThanOrEqual(x / n);
        },
      ),
      settings,
    );
  });

  it('BH-adjusted p-values are at least p and monotone in p; nulls stay in place', () => {
    const pValue = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.01, 0.05, 1));
    fc.assert(
      fc.property(fc.array(fc.option(pValue, { nil: null, freq: 5 }), { maxLength: 40 }), (p) => {
        const adjusted = benjaminiHochberg(p);
        expect(adjusted).toHaveLength(p.length);
        p.forEach((value, i) => {
          if (value === null) {
            expect(adjusted[i]).toBeNull();
            return;
          }
          expect(adjusted[i]!).toBeGreaterThanOrEqual(value);
          expect(adjusted[i]!).toBeLessThanOrEqual(1);
          p.forEach((other, j) => {
            if (other !== null && value <= other) expect(adjusted[i]!).toBeLessThanOrEqual(adjusted[j]!);
          });
        });
      }),
      settings,
    );
  });

  it('scaling every weight by a constant leaves the weighted mean and its se unchanged', () => {
    const row = fc.record({
      y: fc.integer({ min: 1, max: 5 }),
      w: fc.double({ min: 0.1, max: 10, noNaN: true }),
      inDomain: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 60 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (rows, scale) => {
        const sums = (factor: number): WeightedSums => {
          const s: WeightedSums = { n: 0, sumW: 0, sumWY: 0, sumW2: 0, sumW2Y: 0, sumW2Y2: 0 };
          for (const { y, w, inDomain } of rows) {
            if (!inDomain) continue;
            const weight = w * factor;
            s.n += 1;
            s.sumW += weight;
            s.sumWY += weight * y;
            s.sumW2 += weight * weight;
            s.sumW2Y += weight * weight * y;
            s.sumW2Y2 += weight * weight * y * y;
          }
          return s;
        };
        const original = weightedMean(sums(1), rows.length);
        const scaled = weightedMean(sums(scale), rows.length);
        if (original === null) {
          expect(scaled).toBeNull();
          return;
        }
        expect(scaled!.mean).toBeCloseTo(original.mean, 9);
        // The one-pass expansion Σw²y² − 2ȳΣw²y + ȳ²Σw² cancels, so compare on the scale of the mean.
        expect(Math.abs(scaled!.se! - original.se!)).toBeLessThanOrEqual(1e-9 * Math.max(1, original.mean));
      }),
      settings,
    );
  });

  it('a logit interval contains its proportion and lies in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 5000 }),
        (p, se, df) => {
          const [lower, upper] = logitInterval(p, se, df, 0.95)!;
          expect(lower).toBeGreaterThanOrEqual(0);
          expect(upper).toBeLessThanOrEqual(1);
          expect(lower).toBeLessThanOrEqual(p * (1 + 1e-12));
          expect(upper).toBeGreaterThanOrEqual(p * (1 - 1e-12));
        },
      ),
      settings,
    );
  });

  it('Fisher’s p lies in (0, 1] and does not depend on the order or orientation of the table', () => {
    const table = fc.tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 4 })).chain(([rows, columns]) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      }),
    );
    fc.assert(
      fc.property(table, (cells) => {
        const result = fisherExactTest(cells)!;
        expect(result.p).toBeGreaterThan(0);
        expect(result.p).toBeLessThanOrEqual(1);
        const transposed = cells[0]!.map((_, j) => cells.map((row) => row[j]!));
        const reversed = [...cells].reverse().map((row) => [...row].reverse());
        expect(fisherExactTest(transposed)!.p).toBeCloseTo(result.p, 12);
        expect(fisherExactTest(reversed)!.p).toBeCloseTo(result.p, 12);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});
