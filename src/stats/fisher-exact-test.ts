import { sum } from 'simple-statistics';
import { logGamma } from './log-gamma.ts';

/**
 * Fisher's exact test of independence for an r × c table of counts (two-sided): the probability,
 * under the multivariate hypergeometric distribution of tables with the observed margins, of every
 * table no more probable than the observed one.
 *
 * Reference: R. A. Fisher (1935); Freeman & Halton (1951) for r × c; the network algorithm of
 * C. R. Mehta & N. R. Patel (1983), "A network algorithm for performing Fisher's exact test in r × c
 * contingency tables", JASA 78, 427–434. Matches R's `fisher.test(tab)$p.value`, including its
 * tie tolerance, which differs by shape: for 2 × 2 R counts tables with P ≤ P(observed) · (1 + 1e-7)
 * (`relErr`); for anything larger R's FEXACT counts tables whose log-probability is at most
 * log P(observed) + 3.45254e-7 (its `TOL`). The difference is visible (2e-7 relative, checked
 * against R 4.2.2) on big tables where some other table's probability falls between the two.
 *
 * The tables are enumerated one column at a time along the longer side; a node is the multiset of
 * what is left of the row totals, and past paths reaching a node with the same value (to 1e-9) are
 * merged. A node's subtree is settled without enumeration when even its most probable completion
 * is no more probable than the observed table (the whole subtree counts, in closed form by the
 * multivariate hypergeometric identity Σ Π_j c_j! / Π_ij x_ij! = N'! / Π_i r'_i!) or when even its
 * least probable completion is more probable (none counts). With two rows the bounds are exact
 * (dynamic programming) and the last columns are met in the middle: all their completions are
 * listed once per node, sorted, with running sums, so a path is settled by a binary search. With
 * three or more rows the bounds are relaxations and only the last two columns are listed.
 *
 * Limits: exact (to the tie tolerance and about 1e-12 relative rounding) and quick whenever the
 * table is sparse, which is when the toolkit asks for it (an expected count below 5). Measured on
 * 2 × 10 tables with n = 5000 (ten segments of about 500; Node 20 on a shared 2-core machine): 12
 * mentions 1 ms, 35 mentions 0.1 s, 48–49 mentions 0.03–0.06 s, 40 mentions with p = 3.5e-5 0.2 s
 * (R: 5.6 s with workspace = 2e8); r × c tables with n up to a few hundred: under 0.3 s. Dense
 * large tables (the same 2 × 10 with hundreds per cell, one segment of 10 among segments of 550,
 * or a 2 × 3 with n = 10000) have on the order of 1e12 tables near the threshold, which no exact
 * method walks in a second (R's FEXACT stops with "LDSTP is too small" unless given a 2e8
 * workspace, then takes 10–90 s). After WORK_BUDGET steps this gives up and returns `null` rather
 * than a number it cannot stand behind; the caller falls back to Monte Carlo. The budget counts
 * steps, not time, so the outcome does not depend on the machine. Giving up is cheap (issue 15): the
 * bounds' dynamic programming is costed from the margins before it runs (a table with thousands of
 * mentions gives up at once), and once a stage of the walk costs more than 2% of the budget its
 * growth is extrapolated over the stages left, the pass ending as soon as the extrapolation passes
 * the budget. Measured on the shared 2-core machine at a load of 17–19 (about ten times slower than
 * idle): dense 2 × 10 to 2 × 50 tables that took 2.7–12 s to give up now give up in 0.1–1.1 s, and
 * with the Monte Carlo estimate answer in 0.1–1.4 s (the 2000 random tables: 0.1–0.25 s).
 *
 * Large 2 × c tables (test/stats/r/fisher-exact-large.R; timings on the shared 2-core machine
 * under a load of about 10, so an idle machine is faster): 50 segments of 20/100/380 (N = 10000) with
 * 15 mentions 0.1 s, equal to fisher.test(workspace = 2e8) to 4e-11; 50 segments of 200 with 25
 * mentions 0.12 s and 30 of 333 with 40 mentions 0.26 s, where R's FEXACT is wrong (0.035 and 0.48
 * against the exact 0.354 and 0.892, confirmed by an independent sum over partitions and by R's
 * own Monte Carlo); 50 segments of 200 with 60 mentions needs about 5e7 steps (3–4 s) and so,
 * like 20 segments of 500 with 130 mentions, falls to the caller's Monte Carlo.
 *
 * Zero rows and columns are dropped, as they do not change the distribution; if fewer than two
 * rows or columns remain every table is the observed one and p = 1 (as R). `null` when the table
 * itself has fewer than two rows or columns (R stops with an error) or the work budget runs out.
 * Cells must be non-negative integers.
 *
 * @example
 * fisherExactTest([[3, 1], [1, 3]]); // { p: 0.485714285714286 }, as fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value
 */
export function fisherExactTest(table: number[][], options: { budget?: number } = {}): { p: number } | null {
  const rows = table.length;
  const columns = table[0]?.length ?? 0;
  for (const row of table) {
    if (row.length !== columns) throw new RangeError('fisherExactTest: rows of unequal length');
    for (const cell of row) {
      if (!(Number.isInteger(cell) && cell >= 0)) throw new RangeError(`fisherExactTest: cell ${cell} is not a count`);
    }
  }
  if (rows < 2 || columns < 2) return null;

  // Drop empty rows and columns; orient so that rows are the shorter side.
  let cells = table.filter((row) => row.some((cell) => cell > 0));
  const keep = Array.from({ length: columns }, (_, j) => cells.some((row) => row[j]! > 0));
  cells = cells.map((row) => row.filter((_, j) => keep[j]));
  if (cells.length < 2 || (cells[0]?.length ?? 0) < 2) return { p: 1 };
  if (cells.length > cells[0]!.length) cells = cells[0]!.map((_, j) => cells.map((row) => row[j]!));

  const rowTotals = cells.map((row) => sum(row));
  // Columns in increasing order of their totals: the big ones come last, where they are summed in
  // closed form or settled by the bounds.
  const order = cells[0]!.map((_, j) => j);
  const totalOf = (j: number): number => sum(cells.map((row) => row[j]!));
  order.sort((a, b) => totalOf(a) - totalOf(b));
  const columnTotals = order.map(totalOf);
  const observed = cells.map((row) => order.map((j) => row[j]!));
  const total = sum(rowTotals);

  const logFactorial = new Float64Array(total + 1);
  for (let k = 2; k <= total; k++) logFactorial[k] = logGamma(k + 1);

  // Path value of a column: log(c_j! / Π_i x_ij!); log P(table) = Σ_j value_j + constant.
  let observedValue = 0;
  for (let j = 0; j < columnTotals.length; j++) {
    observedValue += logFactorial[columnTotals[j]!]!;
    for (const row of observed) observedValue -= logFactorial[row[j]!]!;
  }
  const constant = sum(rowTotals.map((r) => logFactorial[r]!)) - logFactorial[total]!;
  // R's 2 × 2 code compares probabilities with relErr = 1 + 1e-7; its r × c code (FEXACT) adds
  // TOL = 3.45254e-7 to the observed log value. Follow whichever R would use: R chooses by the
  // shape of the table it is given, empty rows and columns included.
  const isTwoByTwo = rows === 2 && columns === 2;
  const threshold = observedValue + (isTwoByTwo ? Math.log1p(RELATIVE_ERROR) : FEXACT_TOLERANCE);

  const budget = options.budget ?? WORK_BUDGET;
  const problem: Problem = { rowTotals, columnTotals, logFactorial, threshold, constant, budget, fullBudget: budget };
  // Two rows: first walk the network to the last two columns (quick when past paths merge, as they
  // do when segments are of equal size: 50 segments of 200 with 25 mentions, 0.12 s instead of
  // 1.9 s); only if that takes more than a quarter of the budget, plan a meet-in-the-middle split
  // and start again with the whole budget.
  // A first pass whose walk is bound to outgrow even the whole budget (extrapolated) ends the test:
  // the second would walk the same stages.
  let p: number | null;
  if (rowTotals.length === 2) {
    const quick = twoRows({ ...problem, budget: problem.budget / 4 }, true);
    p = quick === HOPELESS ? null : (quick ?? asNumber(twoRows(problem, false)));
  } else p = manyRows(problem);
  return p === null ? null : { p: Math.min(1, p) };
}

/** twoRows: the walk, extrapolated, would need more than the whole budget (not only the pass's). */
const HOPELESS = 'hopeless';
const asNumber = (p: number | null | typeof HOPELESS): number | null => (p === HOPELESS ? null : p);

interface Problem {
  rowTotals: number[];
  columnTotals: number[];
  logFactorial: Float64Array;
  /** Steps allowed before giving up (default WORK_BUDGET). */
  budget: number;
  /** The whole budget of the test (a first pass runs on a quarter of it). */
  fullBudget: number;
  threshold: number;
  constant: number;
}

/**
 * Past paths that reached one node, merged by value: `values[k]` with `multiplicities[k]` paths;
 * `index` finds the entry of a value rounded to MERGE_RESOLUTION.
 */
class Pasts {
  /** Open addressing over the rounded values (a JS Map boxes keys this large: 5x slower). */
  private slots = new Int32Array(8);
  private keys = new Float64Array(4);
  values = new Float64Array(4);
  multiplicities = new Float64Array(4);
  size = 0;

  add(value: number, multiplicity: number): void {
    const key = Math.round(value / MERGE_RESOLUTION);
    const mask = this.slots.length - 1;
    let slot = hashKey(key) & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) break;
      if (this.keys[entry - 1] === key) {
        this.multiplicities[entry - 1]! += multiplicity;
        return;
      }
      slot = (slot + 1) & mask;
    }
    if (this.size === this.values.length) this.grow();
    this.keys[this.size] = key;
    this.values[this.size] = value;
    this.multiplicities[this.size] = multiplicity;
    this.size++;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.slots[slot] = this.size;
  }

  private grow(): void {
    const capacity = this.values.length * 2;
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    const values = new Float64Array(capacity);
    values.set(this.values);
    const multiplicities = new Float64Array(capacity);
    multiplicities.set(this.multiplicities);
    this.keys = keys;
    this.values = values;
    this.multiplicities = multiplicities;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.size; k++) {
      let slot = hashKey(this.keys[k]!) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = k + 1;
    }
  }

  static root(): Pasts {
    const pasts = new Pasts();
    pasts.add(0, 1);
    return pasts;
  }
}

/** Mixes an integer-valued double (|key| < 2^53) into 32 bits. */
function hashKey(key: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 4294967296) | 0;
  return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 7;
}

const RELATIVE_ERROR = 1e-7;
const FEXACT_TOLERANCE = 3.45254e-7;
/** Past paths with values this close are merged (well inside R's 1e-7 tie tolerance). */
const MERGE_RESOLUTION = 1e-9;
/**
 * Steps of work before giving up: one per path extended, three per completion listed (they are
 * sorted), a tenth per step of the bounds' dynamic programming. Half a second to a second.
 */
const WORK_BUDGET = 1.5e7;
const BOUND_STEP = 0.1;
/** A stage of the walk costing more than this share of the budget has its growth extrapolated. */
const GROWTH_FLOOR = 0.02;
const LIST_STEP = 3;
/** Completion values listed for the meet-in-the-middle split of a two-row table (16 MB). */
const LIST_BUDGET = 2e6;

/**
 * Two rows: a node is what is left of the first row's total. The bounds are the exact longest and
 * shortest completions (dynamic programming over the remaining columns). The last columns, from
 * stage `split` on, are not walked per path: for every node entering them, all their completions
 * are listed once, sorted, with running sums of exp(value), so that each path that reaches the
 * split is settled by one binary search (meet in the middle).
 */
function twoRows(
  { rowTotals, columnTotals, logFactorial: lf, threshold, constant, budget, fullBudget }: Problem,
  lateSplit: boolean,
): number | null | typeof HOPELESS {
  const stages = columnTotals.length;
  // Rows are exchangeable here (a column's value is symmetric in x and c − x): follow the smaller.
  const first = Math.min(rowTotals[0]!, rowTotals[1]!);
  const after: number[] = new Array(stages + 1).fill(0); // Σ of column totals from stage j on
  for (let j = stages - 1; j >= 0; j--) after[j] = after[j + 1]! + columnTotals[j]!;
  const before = (j: number): number => after[0]! - after[j]!;
  // The values s (left of the first row's total) that can occur when entering stage j.
  const lowestAt = (j: number): number => Math.max(0, first - before(j));
  const highestAt = (j: number): number => Math.min(first, after[j]!);

  const columnValue = (j: number, x: number): number => {
    const c = columnTotals[j]!;
    return lf[c]! - lf[x]! - lf[c - x]!;
  };
  let work = 0;
  // The bounds' dynamic programming visits every (stage, s, x): estimated from the table's margins
  // before it runs, so a dense table (thousands of mentions) gives up at once instead of after it.
  let boundSteps = 0;
  for (let j = 0; j < stages; j++) boundSteps += (highestAt(j) - lowestAt(j) + 1) * (columnTotals[j]! + 1);
  if (boundSteps * BOUND_STEP > fullBudget) return HOPELESS;
  if (boundSteps * BOUND_STEP > budget) return null;

  // most[j][s], least[j][s]: the largest and smallest value of completing stages j.. with s left
  // in the first row; count[j][s]: how many completions there are.
  const most: Float64Array[] = [];
  const least: Float64Array[] = [];
  const count: Float64Array[] = [];
  most[stages] = Float64Array.of(0);
  least[stages] = Float64Array.of(0);
  count[stages] = Float64Array.of(1);
  for (let j = stages - 1; j >= 0; j--) {
    const size = highestAt(j) + 1;
    const maxRow = new Float64Array(size);
    const minRow = new Float64Array(size);
    const countRow = new Float64Array(size);
    for (let s = lowestAt(j); s < size; s++) {
      let best = -Infinity;
      let worst = Infinity;
      let completions = 0;
      const lowest = Math.max(0, s - after[j + 1]!);
      const highest = Math.min(s, columnTotals[j]!);
      for (let x = lowest; x <= highest; x++) {
        const value = columnValue(j, x);
        const rest = s - x;
        const up = value + most[j + 1]![rest]!;
        const down = value + least[j + 1]![rest]!;
        if (up > best) best = up;
        if (down < worst) worst = down;
        completions += count[j + 1]![rest]!;
      }
      work += (highest - lowest + 1) * BOUND_STEP;
      maxRow[s] = best;
      minRow[s] = worst;
      countRow[s] = completions;
    }
    most[j] = maxRow;
    least[j] = minRow;
    count[j] = countRow;
    if (work > budget) return null;
  }

  // How many partial paths reach each s at stage j if nothing were pruned or merged.
  const reaching: Float64Array[] = [new Float64Array(first + 1)];
  reaching[0]![first] = 1;
  for (let j = 0; j < stages - 2; j++) {
    const row = new Float64Array(first + 1);
    for (let s = lowestAt(j); s <= highestAt(j); s++) {
      const paths = reaching[j]![s]!;
      if (paths === 0) continue;
      for (let x = Math.max(0, s - after[j + 1]!); x <= Math.min(s, columnTotals[j]!); x++) row[s - x]! += paths;
      work += (Math.min(s, columnTotals[j]!) - Math.max(0, s - after[j + 1]!) + 1) * BOUND_STEP;
    }
    reaching[j + 1] = row;
  }
  // The split: completion lists within LIST_BUDGET values (and at most stages − 2), balancing the
  // paths walked up to the split against the values listed after it.
  let split = stages - 2;
  let bestCost = Infinity;
  let listedAtSplit = 0;
  for (let j = stages - 2; j >= 0; j--) {
    let listed = 0;
    let walked = 0;
    for (let s = lowestAt(j); s <= highestAt(j); s++) {
      listed += count[j]![s]!;
      walked += reaching[j]![s]!;
    }
    if ((listed > LIST_BUDGET || lateSplit) && j < stages - 2) break;
    if (listed * LIST_STEP + walked < bestCost) {
      bestCost = listed * LIST_STEP + walked;
      split = j;
      listedAtSplit = listed;
    }
  }
  // Even the last two columns alone are too many to list (a dense table with n in the tens of
  // thousands): out of budget.
  if (work + listedAtSplit * LIST_STEP > budget) return null;

  // Completion lists from the last stage back to the split: sorted values, and running sums of
  // exp(value − top) from the smallest value up, top being the largest value.
  let lists = new Map<number, Float64Array>([[0, Float64Array.of(0)]]);
  for (let j = stages - 1; j >= split; j--) {
    const next = new Map<number, Float64Array>();
    for (let s = lowestAt(j); s <= highestAt(j); s++) {
      const values = new Float64Array(count[j]![s]!);
      let filled = 0;
      const lowest = Math.max(0, s - after[j + 1]!);
      const highest = Math.min(s, columnTotals[j]!);
      for (let x = lowest; x <= highest; x++) {
        const value = columnValue(j, x);
        for (const rest of lists.get(s - x)!) values[filled++] = value + rest;
      }
      values.sort();
      next.set(s, values);
      work += filled * LIST_STEP;
    }
    lists = next;
  }
  const cumulative = new Map<number, { values: Float64Array; sums: Float64Array; top: number }>();
  for (const [s, values] of lists) {
    const top = values[values.length - 1]!;
    const sums = new Float64Array(values.length);
    let sum = 0;
    for (let i = 0; i < values.length; i++) sums[i] = sum += Math.exp(values[i]! - top);
    cumulative.set(s, { values, sums, top });
  }

  let p = 0;
  /**
   * Settles a path of value `value` entering stage j with s left in the first row, where the
   * bounds decide; returns true when it must be walked further. At the split it is always settled
   * (by binary search in the completion list).
   */
  const settle = (j: number, s: number, value: number, multiplicity: number): boolean => {
    if (value + most[j]![s]! <= threshold) {
      // log of Σ over all completions of exp(value): log(N'! / (s! (N' − s)!)).
      const all = lf[after[j]!]! - lf[s]! - lf[after[j]! - s]!;
      p += multiplicity * Math.exp(value + all + constant);
      return false;
    }
    if (value + least[j]![s]! > threshold) return false;
    if (j < split) return true;
    const { values, sums, top } = cumulative.get(s)!;
    // The last completion with value + completion ≤ threshold.
    const limit = threshold - value;
    let lo = -1;
    let hi = values.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (values[mid]! <= limit) lo = mid;
      else hi = mid;
    }
    if (lo >= 0) p += multiplicity * sums[lo]! * Math.exp(value + top + constant);
    work += 20;
    return false;
  };

  let nodes = new Map<number, Pasts>();
  if (settle(0, first, 0, 1)) nodes.set(first, Pasts.root());
  let previousStage = 0;
  let lastStage = 0;
  for (let j = 0; j < split; j++) {
    // The walk's work grows stage by stage while past paths multiply faster than they merge or are
    // settled: once a stage costs a noticeable share of the budget, extrapolate its growth over the
    // stages left, and give up now rather than after the budget is spent (counted, not timed).
    const started = work;
    if (j >= 2 && previousStage > budget * GROWTH_FLOOR) {
      const growth = previousStage / Math.max(1, lastStage);
      if (growth > 1) {
        let predicted = 0;
        let stage = previousStage;
        for (let k = j; k < split && work + predicted <= budget; k++) predicted += stage *= growth;
        if (work + predicted > budget) return null;
      }
    }
    const next = new Map<number, Pasts>();
    for (const [s, pasts] of nodes) {
      const lowest = Math.max(0, s - after[j + 1]!);
      const highest = Math.min(s, columnTotals[j]!);
      for (let x = lowest; x <= highest; x++) {
        const value = columnValue(j, x);
        const rest = s - x;
        let child = next.get(rest);
        const { values, multiplicities } = pasts;
        for (let k = 0; k < values.length; k++) {
          const childValue = values[k]! + value;
          if (!settle(j + 1, rest, childValue, multiplicities[k]!)) continue;
          if (!child) next.set(rest, (child = new Pasts()));
          child.add(childValue, multiplicities[k]!);
        }
      }
      work += (highest - lowest + 1) * pasts.size;
      if (work > budget) return null;
    }
    nodes = next;
    lastStage = previousStage;
    previousStage = work - started;
  }
  return p;
}

/**
 * Three or more rows (and at least as many columns): a node is the sorted multiset of what is left
 * of the row totals. Bounds relax the problem to columns (or rows) one at a time.
 */
function manyRows({ rowTotals, columnTotals, logFactorial: lf, threshold, constant, budget }: Problem): number | null {
  const stages = columnTotals.length;
  const rowCount = rowTotals.length;
  const after: number[] = new Array(stages + 1).fill(0);
  for (let j = stages - 1; j >= 0; j--) after[j] = after[j + 1]! + columnTotals[j]!;

  const boundCache = new Map<string, { best: number; worst: number }>();
  const bounds = (j: number, left: number[], key: string) => {
    const cacheKey = `${j}|${key}`;
    let entry = boundCache.get(cacheKey);
    if (entry) return entry;
    const remainingColumns = columnTotals.slice(j);
    let byColumns = 0;
    let worstByColumns = 0;
    for (const c of remainingColumns) {
      byColumns += lf[c]! - sumLogFactorial(lf, evenFill(c, left));
      worstByColumns += lf[c]! - sumLogFactorial(lf, greedyFill(c, left));
    }
    let byRows = 0;
    let worstByRows = 0;
    for (const c of remainingColumns) {
      byRows += lf[c]!;
      worstByRows += lf[c]!;
    }
    for (const r of left) {
      byRows -= sumLogFactorial(lf, evenFill(r, remainingColumns));
      worstByRows -= sumLogFactorial(lf, greedyFill(r, remainingColumns));
    }
    entry = { best: Math.min(byColumns, byRows), worst: Math.max(worstByColumns, worstByRows) };
    boundCache.set(cacheKey, entry);
    return entry;
  };

  let p = 0;
  let work = 0;

  /** Calls `each(allocation, value)` for every way to split column j's total over rows with caps `left`. */
  const allocations = (j: number, left: number[], each: (allocation: number[], value: number) => void): void => {
    const c = columnTotals[j]!;
    const allocation = new Array<number>(rowCount).fill(0);
    // Capacity still available in rows i.. for the rest of this column.
    const capacityFrom = new Array<number>(rowCount + 1).fill(0);
    for (let i = rowCount - 1; i >= 0; i--) capacityFrom[i] = capacityFrom[i + 1]! + left[i]!;
    const visit = (i: number, remaining: number, value: number): void => {
      if (i === rowCount - 1) {
        allocation[i] = remaining;
        each(allocation, lf[c]! + value - lf[remaining]!);
        return;
      }
      const lowest = Math.max(0, remaining - capacityFrom[i + 1]!);
      const highest = Math.min(remaining, left[i]!);
      for (let x = lowest; x <= highest; x++) {
        allocation[i] = x;
        visit(i + 1, remaining - x, value - lf[x]!);
      }
    };
    visit(0, c, 0);
  };

  // With two columns left, a node's completions are listed once (the last column is forced),
  // sorted, with running sums of exp(value − top); each path is then settled by binary search.
  const lastTwo = stages - 2;
  const completions = (left: number[]) => {
    const values: number[] = [];
    const last = columnTotals[lastTwo + 1]!;
    allocations(lastTwo, left, (allocation, value) => {
      let forced = value + lf[last]!;
      for (let i = 0; i < rowCount; i++) forced -= lf[left[i]! - allocation[i]!]!;
      values.push(forced);
    });
    const sorted = Float64Array.from(values).sort();
    const top = sorted[sorted.length - 1]!;
    const sums = new Float64Array(sorted.length);
    let sum = 0;
    for (let i = 0; i < sorted.length; i++) sums[i] = sum += Math.exp(sorted[i]! - top);
    work += sorted.length;
    return { values: sorted, sums, top };
  };

  let nodes = new Map<string, { left: number[]; pasts: Pasts }>();
  const start = [...rowTotals].sort((a, b) => a - b);
  nodes.set(start.join(','), { left: start, pasts: Pasts.root() });
  for (let j = 0; j <= lastTwo; j++) {
    const next = new Map<string, { left: number[]; pasts: Pasts }>();
    for (const [key, { left, pasts }] of nodes) {
      const { best, worst } = bounds(j, left, key);
      let all = lf[after[j]!]!;
      for (const r of left) all -= lf[r]!;
      const open: { value: number; multiplicity: number }[] = [];
      for (let k = 0; k < pasts.size; k++) {
        const value = pasts.values[k]!;
        const multiplicity = pasts.multiplicities[k]!;
        if (value + best <= threshold) p += multiplicity * Math.exp(value + all + constant);
        else if (value + worst > threshold) continue;
        else open.push({ value, multiplicity });
      }
      if (open.length === 0) continue;

      if (j === lastTwo) {
        const { values, sums, top } = completions(left);
        for (const { value, multiplicity } of open) {
          const limit = threshold - value;
          let lo = -1;
          let hi = values.length;
          while (hi - lo > 1) {
            const mid = (lo + hi) >> 1;
            if (values[mid]! <= limit) lo = mid;
            else hi = mid;
          }
          if (lo >= 0) p += multiplicity * sums[lo]! * Math.exp(value + top + constant);
        }
        work += open.length * 20;
      } else {
        allocations(j, left, (allocation, columnValue) => {
          const childLeft = left.map((r, k) => r - allocation[k]!).sort((a, b) => a - b);
          const childKey = childLeft.join(',');
          let child = next.get(childKey);
          if (!child) next.set(childKey, (child = { left: childLeft, pasts: new Pasts() }));
          for (const past of open) child.pasts.add(past.value + columnValue, past.multiplicity);
          work += open.length + 10;
        });
      }
      if (work > budget) return null;
    }
    nodes = next;
  }
  return p;
}

function sumLogFactorial(lf: Float64Array, values: number[]): number {
  let sum = 0;
  for (const value of values) sum += lf[value]!;
  return sum;
}

/** The most even split of `amount` into parts capped by `caps` (water-filling). */
function evenFill(amount: number, caps: number[]): number[] {
  const parts = caps.map(() => 0);
  const indices = caps.map((_, i) => i).sort((a, b) => caps[a]! - caps[b]!);
  let remaining = amount;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    const share = Math.floor(remaining / (indices.length - k));
    parts[i] = Math.min(caps[i]!, share);
    remaining -= parts[i]!;
  }
  // Hand out what the floors left over, one each, to parts still below their cap.
  for (let k = indices.length - 1; k >= 0 && remaining > 0; k--) {
    const i = indices[k]!;
    if (parts[i]! < caps[i]!) {
      parts[i]! += 1;
      remaining -= 1;
    }
  }
  return parts;
}

/** The most uneven split of `amount` into parts capped by `caps`: fill the largest caps first. */
function greedyFill(amount: number, caps: number[]): number[] {
  const parts = caps.map(() => 0);
  const indices = caps.map((_, i) => i).sort((a, b) => caps[b]! - caps[a]!);
  let remaining = amount;
  for (const i of indices) {
    parts[i] = Math.min(caps[i]!, remaining);
    remaining -= parts[i]!;
  }
  return parts;
}
