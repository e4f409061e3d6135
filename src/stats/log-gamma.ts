import { stirlingCorrection } from './stirling-correction.ts';

/**
 * Natural logarithm of the gamma function, log Γ(x), for x > 0 (so log n! = logGamma(n + 1)).
 *
 * Reference: Stirling's series (Abramowitz & Stegun 6.1.40) for x ≥ 10; below 10 the recurrence
 * Γ(x) = Γ(x + k) / (x (x + 1) ⋯ (x + k − 1)) moves the argument up first. Absolute error about
 * 1e-15 for small x and relative error about 1e-16 for large x; agrees with R's `lgamma(x)`.
 *
 * Not simple-statistics' `gammaln` (a 15-term Lanczos sum): measured against R's `lgamma` on 2402
 * points from 0.05 to 1e6 its relative error is as small (1.6e-15, this function's 5.2e-15), but its
 * absolute error reaches 2.3e-10 at 1e6 (this function's 2.9e-11) and `gammaln(1)` is -2.2e-16, not 0.
 * Fisher's exact test subtracts log-factorials of totals up to the sample size, so the absolute error
 * is what reaches a p-value, and log 0! = log 1! must be exactly 0.
 *
 * @example
 * logGamma(101); // 363.73937555556347, as lgamma(101) (= log(100!))
 */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma: x must be positive, got ${x}`);
  if (x === Infinity) return Infinity;
  if (x < 10) {
    // Γ(1) = Γ(2) = 1 exactly; the shortcut keeps log 0! and log 1! exactly 0.
    if (x === 1 || x === 2) return 0;
    let product = 1;
    let shifted = x;
    while (shifted < 10) {
      product *= shifted;
      shifted += 1;
    }
    return logGamma(shifted) - Math.log(product);
  }
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingCorrection(x);
}

const HALF_LOG_TWO_PI = 0.918938533204672741780329736406;
