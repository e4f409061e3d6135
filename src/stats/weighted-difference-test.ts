import { normalCdf } from './normal-cdf.ts';
import { normalQuantile } from './normal-quantile.ts';

/** A survey estimate and its design standard error. */
export interface DesignEstimate {
  mean: number;
  se: number | null;
}

/**
 * The difference of two estimates from independent samples (two survey rounds), current minus
 * previous, with the design standard error of each round: se = sqrt(se1² + se2²), z = difference /
 * se, a two-sided normal p and the Wald interval difference ± z_(1+confidence)/2 · se. `se`, `ci`, `z`
 * and `p` are null when either round's SE is undefined; `z` and `p` when the combined SE is 0.
 *
 * Reference: Lumley (2010), Complex Surveys, §2.3 (independent samples: variances add); in R, with
 * each round's `m <- svymean(~y, design)`: `d <- coef(m2) - coef(m1)`, `se <- sqrt(SE(m1)^2 + SE(m2)^2)`,
 * `z <- d / se`, `2 * pnorm(-abs(z))`, `d + c(-1, 1) * qnorm((1 + confidence) / 2) * se` (CONTRACT.md, Additions).
 *
 * @example
 * weightedDifferenceTest({ mean: 0.5, se: 0.1 }, { mean: 0.3, se: 0.05 }, 0.95);
 * // { difference: 0.2, se: 0.1118…, ci: [-0.0191…, 0.4191…], z: 1.7888…, p: 0.0736… }
 */
export function weightedDifferenceTest(
  current: DesignEstimate,
  previous: DesignEstimate,
  confidence: number,
): { difference: number; se: number | null; ci: [number, number] | null; z: number | null; p: number | null } {
  const difference = current.mean - previous.mean;
  if (current.se === null || previous.se === null) return { difference, se: null, ci: null, z: null, p: null };
  const se = Math.sqrt(current.se * current.se + previous.se * previous.se);
  const half = normalQuantile((1 + confidence) / 2) * se;
  if (se === 0) return { difference, se, ci: [difference, difference], z: null, p: null };
  const z = difference / se;
  return { difference, se, ci: [difference - half, difference + half], z, p: 2 * normalCdf(-Math.abs(z)) };
}
