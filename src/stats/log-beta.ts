import { logGamma } from './log-gamma.ts';
import { stirlingCorrection } from './stirling-correction.ts';

/**
 * Natural logarithm of the beta function, log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
 *
 * Reference: R's nmath `lbeta(a, b)`: when an argument is 10 or more the large log-gammas are
 * combined analytically (Stirling's series plus `stirlingCorrection`) so that no digits are lost
 * to cancellation, e.g. log B(5e5, 0.5) keeps full relative precision.
 *
 * @example
 * logBeta(0.5, 0.5); // 1.144729885849400 (to 1e-14), as lbeta(0.5, 0.5) (= log(pi))
 */
export function logBeta(a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`logBeta: a and b must be positive, got ${a}, ${b}`);
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (q === Infinity) return -Infinity;
  if (p >= 10) {
    const correction = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return -0.5 * Math.log(q) + HALF_LOG_TWO_PI + correction + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const correction = stirlingCorrection(q) - stirlingCorrection(p + q);
    return logGamma(p) + correction + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}

const HALF_LOG_TWO_PI = 0.918938533204672741780329736406;
