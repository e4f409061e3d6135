/**
 * The remainder of Stirling's series, δ(x) = log Γ(x) − [(x − ½) log x − x + ½ log 2π], for x ≥ 10.
 *
 * Reference: Abramowitz & Stegun (1964) 6.1.40, the asymptotic series Σ B₂ₖ / (2k(2k − 1) x^(2k−1))
 * truncated after eight terms (truncation error below 3e-17 at x = 10). R's nmath computes the same
 * quantity as `lgammacor(x)` from a Chebyshev series; it is the piece that lets `logBeta` and the
 * gamma and beta prefactors avoid the cancellation of large log-gammas.
 *
 * @example
 * stirlingCorrection(10); // 0.008330563433362871, as lgamma(10) - (9.5 * log(10) - 10 + log(2 * pi) / 2)
 */
export function stirlingCorrection(x: number): number {
  if (!(x >= 10)) throw new RangeError(`stirlingCorrection: x must be at least 10, got ${x}`);
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  let sum = -3617 / 122400;
  sum = sum * inverse2 + 1 / 156;
  sum = sum * inverse2 - 691 / 360360;
  sum = sum * inverse2 + 1 / 1188;
  sum = sum * inverse2 - 1 / 1680;
  sum = sum * inverse2 + 1 / 1260;
  sum = sum * inverse2 - 1 / 360;
  sum = sum * inverse2 + 1 / 12;
  return sum * inverse;
}
