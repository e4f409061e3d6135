import { sum } from 'simple-statistics';
import { logGamma } from './log-gamma.ts';

/**
 * Fisher's exact test by Monte Carlo for a 2 × c table, for tables too large to enumerate (many
 * segments, or a tiny segment among large ones): B random tables with the observed margins, and
 * p = (1 + #{simulated tables at most as probable as the observed one}) / (B + 1).
 *
 * Reference: Hope (1968), "A simplified Monte Carlo significance test procedure", JRSS B 30; the same
 * statistic, tolerance and estimate as R's `fisher.test(tab, simulate.p.value = TRUE, B = 2000)`
 * (R uses -sum(lfactorial(x)) and compares with STATISTIC / (1 + 64 * .Machine$double.eps)). The
 * random tables come from sequential hypergeometric draws (one column at a time, by inversion), and
 * the generator is seeded from the table itself, so the same table always gives the same p — but not
 * R's digits, whose generator differs: the two agree within Monte Carlo error (about
 * sqrt(p(1 − p)/B)). The seed (FNV-1a of the cells, a 32-bit unsigned integer for mulberry32) is
 * returned so that results.json can say which random stream gave the estimate.
 *
 * @example
 * fisherMonteCarlo([[3, 1, 0, 2], [10, 14, 12, 9]]).p; // ≈ fisher.test(tab)$p.value within ~0.02
 */
export function fisherMonteCarlo(table: number[][], replicates = 2000): { p: number; replicates: number; seed: number } | null {
  if (table.length !== 2) throw new RangeError('fisherMonteCarlo: the table must have two rows');
  const [top, bottom] = table as [number[], number[]];
  if (top.length !== bottom.length) throw new RangeError('fisherMonteCarlo: ragged table');
  const columns = top.map((x, j) => x + bottom[j]!);
  const keep = columns.map((n, j) => (n > 0 ? j : -1)).filter((j) => j >= 0);
  const n = keep.map((j) => columns[j]!);
  const x = keep.map((j) => top[j]!);
  const total = sum(n);
  const present = sum(x);
  const seed = seedOf(table);
  if (n.length < 2 || present === 0 || present === total) return { p: 1, replicates: 0, seed };

  const lf = new Float64Array(total + 1);
  for (let k = 2; k <= total; k++) lf[k] = logGamma(k + 1);
  const observed = statistic(x, n, lf);
  const almostOne = 1 + 64 * Number.EPSILON;

  const random = mulberry32(seed);
  const simulated = new Int32Array(n.length);
  let extreme = 0;
  for (let b = 0; b < replicates; b++) {
    let successes = present;
    let population = total;
    for (let j = 0; j < n.length; j++) {
      const draws = n[j]!;
      simulated[j] = j === n.length - 1 ? successes : hypergeometric(draws, successes, population, lf, random);
      successes -= simulated[j]!;
      population -= draws;
    }
    if (statistic(simulated, n, lf) <= observed / almostOne) extreme++;
  }
  return { p: (1 + extreme) / (replicates + 1), replicates, seed };
}

/** R's statistic, -sum(lfactorial(table)); the column totals are fixed, so it orders tables by probability. */
function statistic(top: ArrayLike<number>, columns: number[], lf: Float64Array): number {
  let s = 0;
  for (let j = 0; j < columns.length; j++) s -= lf[top[j]!]! + lf[columns[j]! - top[j]!]!;
  return s;
}

function logChoose(lf: Float64Array, a: number, b: number): number {
  return lf[a]! - lf[b]! - lf[a - b]!;
}

/**
 * One draw of the number of successes in `draws` from `population` holding `successes`, by inversion
 * searched outward from the mode (the mode's probability never underflows, unlike the tail's).
 */
function hypergeometric(draws: number, successes: number, population: number, lf: Float64Array, random: () => number): number {
  const failures = population - successes;
  const low = Math.max(0, draws - failures);
  const high = Math.min(draws, successes);
  if (low === high) return low;
  const mode = Math.min(high, Math.max(low, Math.floor(((draws + 1) * (successes + 1)) / (population + 2))));
  const atMode = Math.exp(logChoose(lf, successes, mode) + logChoose(lf, failures, draws - mode) - logChoose(lf, population, draws));
  let u = random();
  if (u < atMode) return mode;
  u -= atMode;
  let down = mode;
  let up = mode;
  let pDown = atMode;
  let pUp = atMode;
  while (down > low || up < high) {
    if (up < high) {
      pUp *= ((successes - up) * (draws - up)) / ((up + 1) * (failures - draws + up + 1));
      up++;
      if (u < pUp) return up;
      u -= pUp;
    }
    if (down > low) {
      pDown *= (down * (failures - draws + down)) / ((successes - down + 1) * (draws - down + 1));
      down--;
      if (u < pDown) return down;
      u -= pDown;
    }
  }
  return mode; // only rounding can leave u unspent
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the cells: the same table, the same random stream. */
function seedOf(table: number[][]): number {
  let h = 0x811c9dc5;
  for (const row of table) {
    for (const cell of row) {
      h ^= cell & 0xffff;
      h = Math.imul(h, 0x01000193);
      h ^= cell >>> 16;
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
