/**
 * simple-statistics where it serves, and the measurements behind the stats files that say it does not.
 * The R values come from test/stats/r/simple-statistics.R (R 4.2.2).
 */
import fc from 'fast-check';
import { cumulativeStdNormalProbability, errorFunction, mean, median, probit, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/stats/normal-cdf.ts';
import { normalQuantile } from '../../src/stats/normal-quantile.ts';
import { summarizeLevels } from '../../src/stats/summarize-levels.ts';

// pnorm(c(-3.7, -1.96, -0.5, 0.3, 1.2345, 2.5))
const X = [-3.7, -1.96, -0.5, 0.3, 1.2345, 2.5];
const PNORM = [0.00010779973347738828, 0.02499789514822042813, 0.3085375387259869373, 0.61791142218895267479, 0.89149167663732986622, 0.99379033467422384085];
// qnorm(c(0.0005, 0.025, 0.2, 0.6, 0.975, 0.9995))
const P = [0.0005, 0.025, 0.2, 0.6, 0.975, 0.9995];
const QNORM = [-3.29052673149189445, -1.95996398454005383, -0.84162123357291418, 0.25334710313579978, 1.95996398454005361, 3.29052673149192554];

const worst = (f: (v: number) => number, xs: number[], expected: number[]) => Math.max(...xs.map((v, i) => Math.abs(f(v) - expected[i]!)));

describe('where simple-statistics does not serve (the errors the stats files quote)', () => {
  it("its normal CDF is a four-decimal table: up to 8.9e-4 off R's pnorm; through its erf, 2.2e-8; normalCdf, 1e-16", () => {
    expect(worst(cumulativeStdNormalProbability, X, PNORM)).toBeCloseTo(8.9e-4, 5);
    expect(worst((v) => 0.5 * (1 + errorFunction(v / Math.SQRT2)), X, PNORM)).toBeCloseTo(2.2e-8, 9);
    expect(worst(normalCdf, X, PNORM)).toBeLessThan(1e-16);
  });

  it("its probit is up to 1.1e-2 off R's qnorm; normalQuantile, 1e-15", () => {
    expect(worst(probit, P, QNORM)).toBeCloseTo(1.1e-2, 3);
    expect(worst(normalQuantile, P, QNORM)).toBeLessThan(1e-15);
  });
});

describe('summarizeLevels agrees with simple-statistics on the expanded answers', () => {
  it('mean, median and sample standard deviation, for any counts', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -3, max: 10 }), { minLength: 1, maxLength: 7 }),
        fc.array(fc.nat({ max: 40 }), { minLength: 7, maxLength: 7 }),
        (levels, allCounts) => {
          const counts = allCounts.slice(0, levels.length);
          const answers = levels.flatMap((level, i) => Array<number>(counts[i]!).fill(level));
          const summary = summarizeLevels(levels, counts);
          expect(summary.n).toBe(answers.length);
          if (answers.length === 0) return;
          expect(summary.mean).toBeCloseTo(mean(answers), 12);
          expect(summary.median).toBe(median(answers));
          if (answers.length >= 2) expect(summary.sd).toBeCloseTo(sampleStandardDeviation(answers), 12);
        },
      ),
    );
  });
});
