/** One margin to rake to: each respondent's category, and the population count of each category. */
export interface RakeMargin {
  /** The category of respondent i (the same length as the weights). */
  categories: readonly string[];
  /** Population count per category (every category that occurs must have one). */
  targets: ReadonlyMap<string, number>;
}

export interface RakeOptions {
  /**
   * Stop when no cell of the joint weighted table of all margin variables changed by more than this
   * in a full pass; below 1 it is a share of the total initial weight (survey::rake's `epsilon`).
   */
  epsilon?: number;
  /** Full passes allowed (survey::rake's `maxit`). */
  maxIterations?: number;
  /** Trimming bounds applied after raking, as survey::trimWeights(strict = TRUE). */
  trim?: { lower?: number; upper?: number };
  /**
   * Respondents each unit stands for (default 1 each): a unit is then a group of respondents who share
   * their categories and their weight (a cell), and every sum counts the unit `counts[i]` times, so
   * raking the cells gives each respondent the weight raking the respondents one by one would.
   */
  counts?: readonly number[];
}

export interface RakeResult {
  weights: Float64Array;
  /** Full passes over the margins made (the last one is the pass that met epsilon). */
  iterations: number;
  converged: boolean;
  /** The largest change of a cell of the joint table in the last pass, as a share of the total initial weight. */
  lastChange: number;
  /** Weighted count per category of each margin, after raking (and trimming). */
  achieved: Map<string, number>[];
  /** Kish's design effect of the weights, 1 + cv(w)^2 with cv from the population variance. */
  designEffect: number;
  /** (Σw)² / Σw², the respondents' count divided by the design effect (over respondents, with counts). */
  effectiveBase: number;
  /** Respondents whose weight trimming changed. */
  trimmed: number;
}

/**
 * Raking (iterative proportional fitting): the weights are post-stratified to each margin in turn,
 * multiplying the weights of category h by N_h / Σ_{i in h} w_i, and the passes repeat until the
 * joint weighted table of all margin variables changes by less than epsilon in a pass.
 *
 * Reference: Deming & Stephan (1940), "On a least squares adjustment of a sampled frequency table
 * when the expected marginal totals are known", Ann. Math. Statist. 11; Lumley (2010), Complex
 * Surveys, §7.3. The stopping rule and iteration count follow R's survey package:
 * `rake(design, list(~a, ~b), list(pop.a, pop.b), control = list(maxit, epsilon))`, then, with
 * trim bounds, `trimWeights(design, upper, lower, strict = TRUE)`; weights are `weights(design)`.
 * Design effect: `n * sum(w^2) / sum(w)^2`.
 *
 * @example
 * rakeWeights([1, 1, 1, 1], [{ categories: ['a', 'a', 'b', 'b'], targets: new Map([['a', 3], ['b', 1]]) }]).weights;
 * // Float64Array [1.5, 1.5, 0.5, 0.5]
 */
export function rakeWeights(initial: readonly number[], margins: readonly RakeMargin[], options: RakeOptions = {}): RakeResult {
  const n = initial.length;
  const counts = options.counts ?? new Array<number>(n).fill(1);
  if (counts.length !== n) throw new RangeError('rakeWeights: counts do not cover every unit');
  const maxIterations = options.maxIterations ?? 10;
  let total0 = 0;
  for (let i = 0; i < n; i++) total0 += counts[i]! * initial[i]!;
  const epsilonOption = options.epsilon ?? 1;
  const epsilon = epsilonOption < 1 ? epsilonOption * total0 : epsilonOption;

  // Category indices per margin, and the joint cell of each respondent.
  const indices = margins.map((margin) => {
    if (margin.categories.length !== n) throw new RangeError('rakeWeights: a margin does not cover every respondent');
    const names = [...new Set(margin.categories)].sort();
    for (const name of names) {
      if (!margin.targets.has(name)) throw new RangeError(`rakeWeights: no target for category ${name}`);
    }
    const lookup = new Map(names.map((name, k) => [name, k]));
    return { names, of: Int32Array.from(margin.categories, (c) => lookup.get(c)!) };
  });
  const jointKeys = new Map<string, number>();
  const joint = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = indices.map((m) => m.of[i]).join(',');
    let cell = jointKeys.get(key);
    if (cell === undefined) jointKeys.set(key, (cell = jointKeys.size));
    joint[i] = cell;
  }
  const jointTable = (w: Float64Array): Float64Array => {
    const table = new Float64Array(jointKeys.size);
    for (let i = 0; i < n; i++) table[joint[i]!]! += counts[i]! * w[i]!;
    return table;
  };

  const weights = Float64Array.from(initial);
  let old = jointTable(weights);
  let iterations = 0;
  let converged = false;
  let lastChange = 0;
  while (iterations < maxIterations) {
    margins.forEach((margin, m) => {
      const { names, of } = indices[m]!;
      const sums = new Float64Array(names.length);
      for (let i = 0; i < n; i++) sums[of[i]!]! += counts[i]! * weights[i]!;
      const factors = names.map((name, k) => margin.targets.get(name)! / sums[k]!);
      for (let i = 0; i < n; i++) weights[i]! *= factors[of[i]!]!;
    });
    iterations++;
    const table = jointTable(weights);
    let delta = 0;
    for (let k = 0; k < table.length; k++) delta = Math.max(delta, Math.abs(table[k]! - old[k]!));
    lastChange = delta / total0;
    if (delta < epsilon) {
      converged = true;
      break;
    }
    old = table;
  }

  // survey::trimWeights(strict = TRUE): clamp, share what was cut among the weights inside, repeat.
  const lower = options.trim?.lower ?? -Infinity;
  const upper = options.trim?.upper ?? Infinity;
  const changed = new Uint8Array(n);
  const outside = new Uint8Array(n);
  for (let round = 0; round < 1000; round++) {
    let inside = 0;
    let cut = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      outside[i] = w < lower || w > upper ? 1 : 0;
      if (outside[i]) {
        const clamped = Math.max(lower, Math.min(w, upper));
        cut += counts[i]! * (w - clamped);
        weights[i] = clamped;
        changed[i] = 1;
      } else inside += counts[i]!;
    }
    if (outside.every((o) => o === 0) || inside === 0) break;
    for (let i = 0; i < n; i++) if (!outside[i]) weights[i]! += cut / inside;
  }

  const achieved = margins.map((_, m) => {
    const { names, of } = indices[m]!;
    const sums = new Float64Array(names.length);
    for (let i = 0; i < n; i++) sums[of[i]!]! += counts[i]! * weights[i]!;
    return new Map(names.map((name, k) => [name, sums[k]!]));
  });
  let sum = 0;
  let squares = 0;
  let respondents = 0;
  let trimmed = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    const c = counts[i]!;
    respondents += c;
    sum += c * w;
    squares += c * w * w;
    if (changed[i]) trimmed += c;
  }
  return {
    weights,
    iterations,
    converged,
    lastChange,
    achieved,
    designEffect: (respondents * squares) / (sum * sum),
    effectiveBase: (sum * sum) / squares,
    trimmed,
  };
}
