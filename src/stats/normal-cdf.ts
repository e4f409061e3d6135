/**
 * Distribution function of the standard normal distribution, Φ(x) = P(Z ≤ x).
 *
 * Reference: W. J. Cody (1969), "Rational Chebyshev approximations for the error function",
 * Mathematics of Computation 23, 631–637, in the form of Cody's ANORM (TOMS 715, 1993) that R's
 * `pnorm(x)` uses (`pnorm_both` in R's nmath). Three rational approximations (|x| ≤ 0.674,
 * ≤ √32, beyond) and an exp(-x²/2) split that keeps the relative error near 1e-15 deep into the
 * lower tail (about 1e-300 at x = -37).
 *
 * Not simple-statistics: its `cumulativeStdNormalProbability` looks x up in a table of Φ at steps of
 * 0.01 (four decimals), off R's `pnorm` by up to 8.9e-4 on x = -3.7, -1.96, -0.5, 0.3, 1.2345, 2.5
 * (0.8907 for 0.8914917 at 1.2345), and Φ through its `errorFunction` is off by up to 2.2e-8; the R
 * checks need 1e-15 (measured in test/stats/simple-statistics.test.ts).
 *
 * @example
 * normalCdf(-1.96); // 0.024997895148220428, as pnorm(-1.96)
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('normalCdf: x is NaN');
  const y = Math.abs(x);

  if (y <= 0.67448975) {
    let numerator = 0;
    let denominator = 0;
    if (y > 1.1102230246251565e-16) {
      const xsq = x * x;
      numerator = A[4] * xsq;
      denominator = xsq;
      for (let i = 0; i < 3; i++) {
        numerator = (numerator + A[i]!) * xsq;
        denominator = (denominator + B[i]!) * xsq;
      }
    }
    return 0.5 + (x * (numerator + A[3])) / (denominator + B[3]);
  }

  let tail: number; // P(Z > |x|)
  if (y <= 5.656854249492380195206754896838) {
    let numerator = C[8] * y;
    let denominator = y;
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + C[i]!) * y;
      denominator = (denominator + D[i]!) * y;
    }
    tail = scaledGaussian(y) * ((numerator + C[7]) / (denominator + D[7]));
  } else if (y < 37.5193) {
    const xsq = 1 / (x * x);
    let numerator = P[5] * xsq;
    let denominator = xsq;
    for (let i = 0; i < 4; i++) {
      numerator = (numerator + P[i]!) * xsq;
      denominator = (denominator + Q[i]!) * xsq;
    }
    let r = (xsq * (numerator + P[4])) / (denominator + Q[4]);
    r = (0.398942280401432677939946059934 - r) / y;
    tail = scaledGaussian(y) * r;
  } else {
    tail = 0;
  }
  return x > 0 ? 1 - tail : tail;
}

/** exp(-y²/2), with y split as y = ys + d (ys a multiple of 1/16) so that ys² is exact. */
function scaledGaussian(y: number): number {
  const ys = Math.trunc(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  return Math.exp(-ys * ys * 0.5) * Math.exp(-del * 0.5);
}

const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113] as const;
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956] as const;
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
  11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
] as const;
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091, 34900.952721145977266, 38912.003286093271411,
  19685.429676859990727,
] as const;
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303] as const;
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5] as const;
