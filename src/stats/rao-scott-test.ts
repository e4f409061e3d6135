import { betaRatio } from './beta-ratio.ts';

/**
 * The second-order Rao–Scott test of independence for a weighted r × c table (one-stage design,
 * sampled with replacement): Pearson's X² of the weighted table scaled to the sample size, divided
 * by the mean of the generalized design effects (trace of Δ), referred to an F distribution with
 * d0 = tr(Δ)² / tr(Δ²) and d0 · (n − 1) degrees of freedom.
 *
 *   p̂ = cell shares of the weights;  V = their linearization covariance, n/(n−1) Σ z_i z_iᵀ with
 *   z_ik = w_i (I_ik − p̂_k) / Σw;  C = the interaction columns of the saturated model made
 *   orthogonal to the main-effects model;  D = diag(p̂);
 *   Δ = (Cᵀ D⁻¹ C / n)⁻¹ (Cᵀ D⁻¹ V D⁻¹ C).
 *
 * Reference: Rao & Scott (1984), "On chi-squared tests for multiway contingency tables with cell
 * proportions estimated from survey data", Ann. Statist. 12; the same steps as R's
 * `svychisq(~row + col, svydesign(ids = ~1, weights = ~w, data = d))` (statistic "F", the default):
 * `statistic` is its F, `ndf` and `ddf` its `parameter`, `p` its p-value.
 *
 * The design enters through each cell's Σw and Σw² (`cells[r][c]`, rows × columns) and the number
 * of respondents `n` (the with-replacement variance needs nothing else), so a streamed tally can call
 * it. Rows or columns whose cells are all empty are left out (R takes unique() of each variable).
 * `null` when fewer than two rows or columns are occupied (a margin is empty: R's X² is NaN),
 * fewer than two respondents, or no design variance is left (R's F is NaN).
 *
 * @example
 * // theme present/absent × 2 segments; per cell Σw and Σw²
 * raoScottTest([[{ sumW: 3, sumW2: 5 }, { sumW: 1, sumW2: 1 }], [{ sumW: 1, sumW2: 1 }, { sumW: 4, sumW2: 6 }]], 7);
 * // { statistic, ndf, ddf, p } as svychisq(~theme + segment, svydesign(ids = ~1, weights = ~w, data = d))
 */
export function raoScottTest(
  cellsIn: readonly (readonly { sumW: number; sumW2: number }[])[],
  n: number,
  /**
   * Respondents in the table when it is a domain of a larger design of `n` (issue 15: a pair of
   * segments, `svychisq(~theme + segment, subset(design, segment %in% c(a, b)))`): R's subset keeps
   * the design's n in the variance and takes the residual df from the domain's rows, so ddf =
   * ndf · (rows − 1). F and ndf do not depend on it. Default: the table is the whole design.
   */
  rows = n,
): { statistic: number; ndf: number; ddf: number; p: number } | null {
  if (n < 2) return null;
  const occupiedRows = cellsIn.filter((row) => row.some((cell) => cell.sumW > 0));
  const columnCount = cellsIn[0]?.length ?? 0;
  const occupiedColumns = Array.from({ length: columnCount }, (_, c) => c).filter((c) => occupiedRows.some((row) => row[c]!.sumW > 0));
  const nr = occupiedRows.length;
  const nc = occupiedColumns.length;
  if (nr < 2 || nc < 2) return null;
  const cells = nr * nc;

  // Per cell (k = r + nr · c, rows fastest as R's interaction()): Σw and Σw².
  const sumW = new Float64Array(cells);
  const sumW2 = new Float64Array(cells);
  let total = 0;
  let totalSquares = 0;
  occupiedColumns.forEach((c, ci) => {
    occupiedRows.forEach((row, r) => {
      const cell = row[c]!;
      if (!(cell.sumW >= 0 && cell.sumW2 >= 0)) throw new RangeError('raoScottTest: weights must be non-negative');
      sumW[r + nr * ci] = cell.sumW;
      sumW2[r + nr * ci] = cell.sumW2;
      total += cell.sumW;
      totalSquares += cell.sumW2;
    });
  });
  if (!(total > 0)) return null;
  const share = Array.from(sumW, (s) => s / total);
  // V_kl = n/(n−1) · [δ_kl S_k − p_l S_k − p_k S_l + p_k p_l S] / W², S_k = Σ_{i in k} w_i².
  const V = matrix(cells, cells);
  for (let k = 0; k < cells; k++) {
    for (let l = 0; l < cells; l++) {
      const cross = (k === l ? sumW2[k]! : 0) - share[l]! * sumW2[k]! - share[k]! * sumW2[l]! + share[k]! * share[l]! * totalSquares;
      V[k]![l] = ((n / (n - 1)) * cross) / (total * total);
    }
  }

  // Main effects X1 (intercept, rows 2.., columns 2..) and interactions X2 on the grid of cells.
  const X1 = matrix(cells, 1 + (nr - 1) + (nc - 1));
  const X2 = matrix(cells, (nr - 1) * (nc - 1));
  for (let c = 0; c < nc; c++) {
    for (let r = 0; r < nr; r++) {
      const k = r + nr * c;
      X1[k]![0] = 1;
      if (r > 0) X1[k]![r] = 1;
      if (c > 0) X1[k]![nr - 1 + c] = 1;
      if (r > 0 && c > 0) X2[k]![r - 1 + (nr - 1) * (c - 1)] = 1;
    }
  }
  // C = X2 − X1 (X1ᵀX1)⁻¹ X1ᵀ X2 (R: qr.resid(qr(X1), X2)).
  const X1t = transpose(X1);
  const C = subtract(X2, multiply(X1, solve(multiply(X1t, X1), multiply(X1t, X2))));
  const inverseShare = share.map((p) => (p === 0 ? 0 : 1 / p));
  const DC = C.map((row, k) => row.map((value) => value * inverseShare[k]!)); // D⁻¹ C
  const Ct = transpose(C);
  const denominator = multiply(Ct, DC).map((row) => row.map((value) => value / n));
  const numerator = multiply(transpose(DC), multiply(V, DC));
  const delta = solve(denominator, numerator);
  let trace = 0;
  let traceSquare = 0;
  for (let a = 0; a < delta.length; a++) {
    trace += delta[a]![a]!;
    for (let b = 0; b < delta.length; b++) traceSquare += delta[a]![b]! * delta[b]![a]!;
  }

  // Pearson's X² of the weighted table scaled to n (svytable(..., Ntotal = n)).
  const rowTotals = new Float64Array(nr);
  const columnTotals = new Float64Array(nc);
  for (let c = 0; c < nc; c++) {
    for (let r = 0; r < nr; r++) {
      rowTotals[r]! += share[r + nr * c]! * n;
      columnTotals[c]! += share[r + nr * c]! * n;
    }
  }
  let pearson = 0;
  for (let c = 0; c < nc; c++) {
    for (let r = 0; r < nr; r++) {
      const expected = (rowTotals[r]! * columnTotals[c]!) / n;
      if (!(expected > 0)) return null;
      const observed = share[r + nr * c]! * n;
      pearson += ((observed - expected) * (observed - expected)) / expected;
    }
  }
  const statistic = pearson / trace;
  const ndf = (trace * trace) / traceSquare;
  const ddf = ndf * (rows - 1);
  // No design variance left (e.g. one respondent per segment): R's F and df are NaN there.
  if (!(trace > 0 && traceSquare > 0 && Number.isFinite(statistic) && ndf > 0 && ddf > 0)) return null;
  // P(F > f) = I_{ddf/(ddf + ndf f)}(ddf/2, ndf/2).
  const p = betaRatio(ddf / (ddf + ndf * statistic), (ndf * statistic) / (ddf + ndf * statistic), ddf / 2, ndf / 2)[0];
  return { statistic, ndf, ddf, p };
}

type Matrix = number[][];

function matrix(rows: number, columns: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
}

function transpose(a: Matrix): Matrix {
  return a[0]!.map((_, j) => a.map((row) => row[j]!));
}

function multiply(a: Matrix, b: Matrix): Matrix {
  const out = matrix(a.length, b[0]!.length);
  for (let i = 0; i < a.length; i++) {
    for (let k = 0; k < b.length; k++) {
      const aik = a[i]![k]!;
      if (aik === 0) continue;
      for (let j = 0; j < b[0]!.length; j++) out[i]![j]! += aik * b[k]![j]!;
    }
  }
  return out;
}

function subtract(a: Matrix, b: Matrix): Matrix {
  return a.map((row, i) => row.map((value, j) => value - b[i]![j]!));
}

/** A⁻¹ B by Gaussian elimination with partial pivoting (A small and non-singular). */
function solve(a: Matrix, b: Matrix): Matrix {
  const size = a.length;
  const left = a.map((row) => [...row]);
  const right = b.map((row) => [...row]);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(left[r]![col]!) > Math.abs(left[pivot]![col]!)) pivot = r;
    [left[col], left[pivot]] = [left[pivot]!, left[col]!];
    [right[col], right[pivot]] = [right[pivot]!, right[col]!];
    const diagonal = left[col]![col]!;
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const factor = left[r]![col]! / diagonal;
      if (factor === 0) continue;
      for (let j = col; j < size; j++) left[r]![j]! -= factor * left[col]![j]!;
      for (let j = 0; j < right[0]!.length; j++) right[r]![j]! -= factor * right[col]![j]!;
    }
  }
  return right.map((row, r) => row.map((value) => value / left[r]![r]!));
}
