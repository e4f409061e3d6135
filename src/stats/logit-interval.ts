import type { Interval } from '../model.ts';
import { tQuantile } from './t-quantile.ts';

/**
 * Logit-transformed confidence interval for a (weighted) proportion p with standard error se:
 * expit(logit(p) ± t_{df, 1−α/2} · se / (p(1 − p))), the delta-method interval on the logit scale.
 *
 * Reference: Korn & Graubard (1998); Lumley, Complex Surveys (2010) §2.3.1; R's
 * `svyciprop(~y, design, method = "logit", level = confidence)` (survey 4.1-1), which fits
 * `svyglm(y ~ 1, family = quasibinomial)` and takes a Wald interval with `df = degf(design)`.
 * Its logit-scale standard error is exactly se / (p(1 − p)) with se from `svymean`.
 *
 * The df to pass is R's `degf(design)`: the number of rows with non-zero weight minus one. For the
 * full one-stage design that is n − 1; for a domain (`subset(design, seg == "a")`, or `svyby`)
 * it is the number of rows IN THE DOMAIN minus one, although `se` uses the whole design (see
 * `weightedMean`). `df = Infinity` gives the normal-theory interval.
 *
 * At p = 0 or p = 1 the logit is infinite; R's IRLS stops near logit ±24.6 and returns an interval
 * within 3e-11 of [0, 0] (or [1, 1]), so this returns exactly [0, 0] (or [1, 1]). `null` when df ≤ 0
 * (a one-row domain: R's interval is NaN) or when 0 < p < 1 with a non-finite se.
 *
 * @example
 * logitInterval(0.66233766233766234, 0.16621597532704474, 9, 0.95);
 * // [0.26746440985641784, 0.91332953678015627], as confint(svyciprop(~y, design, method = "logit"))
 */
export function logitInterval(p: number, se: number, df: number, confidence: number): Interval | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`logitInterval: p must be in [0, 1], got ${p}`);
  if (se < 0 || Number.isNaN(se)) throw new RangeError(`logitInterval: se must be >= 0, got ${se}`);
  if (Number.isNaN(df)) throw new RangeError('logitInterval: df is NaN');
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`logitInterval: confidence must be in (0, 1), got ${confidence}`);
  }
  if (!(df > 0)) return null;
  if (p === 0) return [0, 0];
  if (p === 1) return [1, 1];
  if (!Number.isFinite(se)) return null;

  const t = tQuantile(1 - (1 - confidence) / 2, df);
  const centre = Math.log(p / (1 - p));
  const halfWidth = (t * se) / (p * (1 - p));
  return [expit(centre - halfWidth), expit(centre + halfWidth)];
}

function expit(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
