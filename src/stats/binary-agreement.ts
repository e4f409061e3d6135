/**
 * Coder agreement on a binary value (a theme mentioned, 1, or not, 0) from additive counts instead of
 * a units × coders matrix. For two values every figure of cohen-kappa.ts, fleiss-kappa.ts,
 * krippendorff-alpha.ts and percent-agreement.ts depends on a unit only through how many coders coded
 * it (m) and how many of them gave 1 (n1), and, for Cohen's kappa, whether the first of the two coders
 * gave 1: so the counts of units per (m, n1) and the first coder's ones are all they need, and counts
 * of different units (or themes, for the pooled figures) simply add.
 *
 * The figures are worked out with the same operations, in the same order, as the matrix functions:
 * for two or three coders (or any m − 1 a power of two) every coincidence is a whole or half number,
 * so the results are the same doubles. Fleiss' kappa is worked out exactly, as a ratio of whole
 * numbers divided once (the matrix function adds a fraction per unit, and so can be an ulp or three off).
 *
 * References as in the matrix functions: Cohen (1960); Fleiss (1971); Krippendorff (2011), section C.
 *
 * @example
 * const counts = new BinaryAgreement(2);
 * counts.addUnits(2, 2, 1, 1); // both coders gave 1
 * counts.addUnits(2, 1, 1, 1); // only the first gave 1
 * counts.addUnits(2, 0, 2, 0); // two units where neither did
 * binaryAgreementFigures(counts).cohenKappa; // 0.5, as cohenKappa([[1, 1], [1, 0], [0, 0], [0, 0]])
 */
export class BinaryAgreement {
  /** cells[m * (coders + 1) + n1]: units coded by m of the coders (m ≥ 2), n1 of whom gave 1. */
  readonly cells: Float64Array;
  /** Two coders only: of the units both coded, those on which the first coder gave 1. */
  firstOnes = 0;

  constructor(readonly coders: number) {
    if (!Number.isInteger(coders) || coders < 2) throw new RangeError(`BinaryAgreement: needs two coders or more, got ${coders}`);
    this.cells = new Float64Array((coders + 1) * (coders + 1));
  }

  /** `count` units coded by m coders, `ones` of whom gave 1, `firstOnes` of those units with a 1 from the first coder (two coders only). */
  addUnits(m: number, ones: number, count: number, firstOnes = 0): void {
    if (m < 2 || m > this.coders || ones < 0 || ones > m) throw new RangeError(`BinaryAgreement: no unit of ${m} coders with ${ones} ones`);
    this.cells[m * (this.coders + 1) + ones]! += count;
    this.firstOnes += firstOnes;
  }

  /** Units coded by m coders of whom n1 gave 1. */
  count(m: number, ones: number): number {
    return this.cells[m * (this.coders + 1) + ones]!;
  }

  /** Add another table's counts (of other units, or another theme's, for the pooled figures). */
  add(other: BinaryAgreement): void {
    if (other.coders !== this.coders) throw new RangeError('BinaryAgreement: tables of different numbers of coders');
    for (let i = 0; i < this.cells.length; i++) this.cells[i]! += other.cells[i]!;
    this.firstOnes += other.firstOnes;
  }
}

export interface BinaryAgreementFigures {
  percentAgreement: number | null;
  /** Exactly two coders; null otherwise. */
  cohenKappa: number | null;
  krippendorffAlpha: number | null;
  /** Three coders or more; null otherwise. */
  fleissKappa: number | null;
}

/** Percent agreement, Cohen's kappa (two coders), Krippendorff's alpha and Fleiss' kappa (three or more) from the counts, each null where the matrix function gives null. */
export function binaryAgreementFigures(counts: BinaryAgreement): BinaryAgreementFigures {
  const { o00, o01, o11 } = coincidencesOf(counts);
  return {
    percentAgreement: percentAgreementOf(o00, o01, o11),
    cohenKappa: counts.coders === 2 ? cohenKappaOf(counts) : null,
    krippendorffAlpha: alphaOf(o00, o01, o11),
    fleissKappa: counts.coders >= 3 ? fleissKappaOf(counts) : null,
  };
}

/**
 * The coincidence matrix (coincidences.ts) of values 0 and 1: a unit of m values, n1 of them 1 and
 * n0 = m − n1 of them 0, adds n0(n0 − 1) / (m − 1) to o00, n0·n1 / (m − 1) to o01 (and o10) and
 * n1(n1 − 1) / (m − 1) to o11. The pair counts are summed as whole numbers for each m and divided once.
 */
function coincidencesOf(counts: BinaryAgreement): { o00: number; o01: number; o11: number } {
  let o00 = 0;
  let o01 = 0;
  let o11 = 0;
  for (let m = 2; m <= counts.coders; m++) {
    let p00 = 0;
    let p01 = 0;
    let p11 = 0;
    for (let ones = 0; ones <= m; ones++) {
      const units = counts.count(m, ones);
      if (units === 0) continue;
      const zeros = m - ones;
      p00 += units * zeros * (zeros - 1);
      p01 += units * zeros * ones;
      p11 += units * ones * (ones - 1);
    }
    o00 += p00 / (m - 1);
    o01 += p01 / (m - 1);
    o11 += p11 / (m - 1);
  }
  return { o00, o01, o11 };
}

/** As percent-agreement.ts: Σ_c o_cc / n. */
function percentAgreementOf(o00: number, o01: number, o11: number): number | null {
  const n = o00 + o01 + (o01 + o11);
  if (n === 0) return null;
  return (0 + o00 + o11) / n;
}

/** As krippendorff-alpha.ts: 1 − (n − 1)(n − Σ_c o_cc) / (n² − Σ_c n_c²). */
function alphaOf(o00: number, o01: number, o11: number): number | null {
  const n0 = o00 + o01;
  const n1 = o01 + o11;
  const n = n0 + n1;
  if (n < 2) return null;
  const agree = 0 + o00 + o11;
  const squares = 0 + n0 ** 2 + n1 ** 2;
  const expected = n * n - squares;
  if (expected <= 0) return null;
  return 1 - ((n - 1) * (n - agree)) / expected;
}

/** As cohen-kappa.ts, on the units both coders coded. */
function cohenKappaOf(counts: BinaryAgreement): number | null {
  const both = counts.count(2, 2);
  const split = counts.count(2, 1);
  const neither = counts.count(2, 0);
  const units = both + split + neither;
  if (units === 0) return null;
  const first1 = counts.firstOnes;
  const second1 = both * 2 + split - first1;
  const expected = 0 + ((units - first1) / units) * ((units - second1) / units) + (first1 / units) * (second1 / units);
  if (expected >= 1) return null;
  return ((both + neither) / units - expected) / (1 - expected);
}

/**
 * As fleiss-kappa.ts, on the units every coder coded, but exact: with U units, c = m(m − 1), A = mU
 * values of which z are 0 and o are 1, and Σ pairs the agreeing ordered pairs, P̄ = Σ pairs / (cU) and
 * P̄_e = (z² + o²) / A², so κ = (Σ pairs · A² − (z² + o²) · cU) / (cU · (A² − z² − o²)), a ratio of
 * whole numbers, divided once (exactRatio). null when P̄_e = 1 (z or o is 0).
 */
function fleissKappaOf(counts: BinaryAgreement): number | null {
  const m = counts.coders;
  let units = 0;
  let pairs = 0;
  let ones = 0;
  for (let n1 = 0; n1 <= m; n1++) {
    const count = counts.count(m, n1);
    units += count;
    pairs += count * (n1 * (n1 - 1) + (m - n1) * (m - n1 - 1));
    ones += count * n1;
  }
  if (units === 0) return null;
  const all = units * m;
  const zeros = all - ones;
  if (zeros === 0 || ones === 0) return null;
  const [U, A, z, o, c] = [units, all, zeros, ones, m * (m - 1)].map(BigInt) as [bigint, bigint, bigint, bigint, bigint];
  return exactRatio(BigInt(pairs) * A * A - (z * z + o * o) * c * U, c * U * (A * A - z * z - o * o));
}

const SAFE = 2n ** 53n;

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** num / den (den > 0) correctly rounded to the nearest double. */
export function exactRatio(num: bigint, den: bigint): number {
  const negative = num < 0n;
  let n = negative ? -num : num;
  if (n === 0n) return 0;
  if (n <= SAFE && den <= SAFE) return (negative ? -1 : 1) * (Number(n) / Number(den));
  // A quotient of 66 bits or more, with a sticky last bit for any remainder: one rounding, by Number().
  const shift = 66 + bitLength(den) - bitLength(n);
  let d = den;
  if (shift >= 0) n <<= BigInt(shift);
  else d <<= BigInt(-shift);
  let q = n / d;
  if (q * d !== n) q |= 1n;
  const value = Number(q) * 2 ** -shift;
  return negative ? -value : value;
}
