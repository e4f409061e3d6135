import type { Interval } from '../model.ts';
import { betaRatio } from './beta-ratio.ts';
import { tQuantile } from './t-quantile.ts';

/** A group's size, mean and sample variance (n − 1 in the denominator). */
export interface GroupSummary {
  n: number;
  mean: number;
  variance: number;
}

/**
 * Welch's two-sample t-test of the difference of means mean2 − mean1 without assuming equal
 * variances: t = (m2 − m1) / sqrt(v2/n2 + v1/n1), degrees of freedom by Welch–Satterthwaite,
 * two-sided p, and the t interval of the difference.
 *
 * Reference: Welch (1947), "The generalization of Student's problem when several different
 * population variances are involved", Biometrika 34; R's `t.test(x2, x1, var.equal = FALSE)`:
 * `t` its statistic, `df` its parameter, `p` its p-value, `ci` its conf.int. The t distribution
 * function is P(|T| > t) = I_{ν/(ν+t²)}(ν/2, ½).
 *
 * `null` when a group has fewer than two values or both variances are 0 (R stops: "data are
 * essentially constant").
 *
 * @example
 * welchTTest({ n: 5, mean: 4, variance: 1 }, { n: 4, mean: 3, variance: 2 }, 0.95);
 * // t, df, p and ci as t.test(x2, x1, var.equal = FALSE) for samples with these summaries
 */
export function welchTTest(
  group2: GroupSummary,
  group1: GroupSummary,
  confidence: number,
): { difference: number; t: number; df: number; p: number; ci: Interval } | null {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`welchTTest: confidence must be in (0, 1), got ${confidence}`);
  if (group1.n < 2 || group2.n < 2) return null;
  const a = group2.variance / group2.n;
  const b = group1.variance / group1.n;
  const se = Math.sqrt(a + b);
  if (!(se > 0)) return null;
  const difference = group2.mean - group1.mean;
  const t = difference / se;
  const df = ((a + b) * (a + b)) / ((a * a) / (group2.n - 1) + (b * b) / (group1.n - 1));
  const p = betaRatio(df / (df + t * t), (t * t) / (df + t * t), df / 2, 0.5)[0];
  const half = tQuantile((1 + confidence) / 2, df) * se;
  return { difference, t, df, p, ci: [difference - half, difference + half] };
}
