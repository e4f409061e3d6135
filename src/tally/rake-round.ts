/**
 * Issue 15: raking a round's weights to population margins (`weighting.rake`), on the tally itself.
 *
 * Raking gives every respondent of one cell (the same segment and the same category in each other
 * rake column) the same factor, and without a weight column every respondent starts at weight 1, so
 * all respondents of a cell end with one weight u. The round is therefore tallied by cell (a
 * "stratum": the TallyState's segment index is the cell's) and, once read, raked cell by cell
 * (rakeWeights with each cell's respondent count) and folded into segments with every weighted sum
 * scaled: Σw·y by u, Σw²·y by u². The result equals tallying each respondent with its raked weight,
 * without keeping any respondent in memory.
 */
import type { DiagnosticSink, SegmentConfig, SurveyConfig, WeightingResult } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { configPosition } from '../config/read-config.ts';
import { rakeWeights, type RakeMargin } from '../stats/rake-weights.ts';
import { TallyState } from './tally-state.ts';

/** How far (as a share of the total) an achieved margin may stay from its target once raking has converged. */
const MISSED_MARGIN = 1e-6;

/** The cells a raked round is tallied in: segment × the category of each non-segment rake column. */
export class RakeStrata {
  private readonly keys = new Map<string, number>();
  /** Per cell: its segment index and its categories (non-segment margins, in margin order). */
  readonly cells: { segment: number; categories: readonly string[] }[] = [];

  constructor(
    /** Number of non-segment rake columns: with none, the cells are the segments themselves. */
    readonly columns: number,
  ) {}

  /** The cell of a respondent of `segment` with `categories` (one per non-segment rake column). */
  of(segment: number, categories: readonly string[] = []): number {
    if (this.columns === 0) {
      while (this.cells.length <= segment) this.cells.push({ segment: this.cells.length, categories: [] });
      return segment;
    }
    const key = `${segment}\u0000${categories.join('\u0000')}`;
    let cell = this.keys.get(key);
    if (cell === undefined) {
      cell = this.cells.length;
      this.keys.set(key, cell);
      this.cells.push({ segment, categories: [...categories] });
    }
    return cell;
  }
}

/**
 * Rake the round tallied by cell (`byCell`) and fold it into a tally by segment. Null when the data
 * do not fit the targets (a target category no respondent has, a category without a target) or the
 * fit does not converge: reported at the config key (FND023, FND024, FND025).
 */
export function rakeRound(
  config: SurveyConfig,
  byCell: TallyState,
  strata: RakeStrata,
  segments: readonly SegmentConfig[],
  sink: DiagnosticSink,
): { state: TallyState; weighting: WeightingResult } | null {
  const rake = config.weighting.rake!;
  const cells = strata.cells.map((cell, c) => ({ ...cell, respondents: byCell.segments[c]?.respondents ?? 0 })).filter((cell) => cell.respondents > 0);
  const cellIndex = strata.cells.map((_, c) => c).filter((c) => (byCell.segments[c]?.respondents ?? 0) > 0);
  let other = 0;
  const categoriesOf = rake.margins.map((margin) => {
    if (margin.segment) return cells.map((cell) => segments[cell.segment]!.id);
    const k = other++;
    return cells.map((cell) => cell.categories[k]!);
  });

  // The data must fit the targets both ways.
  let ok = true;
  rake.margins.forEach((margin, m) => {
    const met = new Map<string, number>();
    cells.forEach((cell, i) => met.set(categoriesOf[m]![i]!, (met.get(categoriesOf[m]![i]!) ?? 0) + cell.respondents));
    const targeted = new Set(margin.targets.map((t) => t.category));
    for (const [category, respondents] of [...met].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!targeted.has(category)) {
        ok = false;
        sink.report(diagnostic(configPosition(config, `weighting.rake.targets.${margin.key}`), say.FND024(margin.key, category, respondents)));
      }
    }
    for (const target of margin.targets) {
      if (!met.has(target.category)) {
        ok = false;
        const at = configPosition(config, `weighting.rake.targets.${margin.key}.${target.category}`);
        sink.report(diagnostic(at, say.FND023(margin.key, target.category, [...met.keys()].sort())));
      }
    }
  });
  if (!ok) return null;

  // Shares are scaled to the population total the counts give, or else to the respondents used.
  const respondents = cells.reduce((a, cell) => a + cell.respondents, 0);
  const counted = rake.margins.find((margin) => margin.kind === 'counts');
  const total = counted === undefined ? respondents : counted.targets.reduce((a, t) => a + t.value, 0);
  const population = rake.margins.map((margin) => {
    const sum = margin.targets.reduce((a, t) => a + t.value, 0);
    return new Map(margin.targets.map((t) => [t.category, margin.kind === 'counts' ? t.value : (t.value / sum) * total]));
  });
  const margins: RakeMargin[] = rake.margins.map((_, m) => ({ categories: categoriesOf[m]!, targets: population[m]! }));
  const trim = rake.trim === null ? undefined : { lower: rake.trim.lower ?? undefined, upper: rake.trim.upper ?? undefined };
  const raked = rakeWeights(
    cells.map(() => 1),
    margins,
    { epsilon: rake.tolerance, maxIterations: rake.maxIterations, counts: cells.map((cell) => cell.respondents), ...(trim === undefined ? {} : { trim }) },
  );
  if (!raked.converged) {
    const key = config.positions.has('weighting.rake.maxIterations') ? 'weighting.rake.maxIterations' : 'weighting.rake';
    sink.report(diagnostic(configPosition(config, key), say.FND025.passes(raked.iterations, raked.lastChange, rake.tolerance)));
    return null;
  }
  // IPF also settles when margins cannot all be met (a weight tends to 0 and the passes stop changing
  // the table): without trimming, which moves margins on purpose, every margin must be met.
  if (rake.trim === null) {
    const slack = Math.max(MISSED_MARGIN, 100 * rake.tolerance);
    for (const [m, margin] of rake.margins.entries()) {
      for (const target of margin.targets) {
        const got = raked.achieved[m]!.get(target.category)! / total;
        const want = population[m]!.get(target.category)! / total;
        if (Math.abs(got - want) > slack) {
          sink.report(diagnostic(configPosition(config, `weighting.rake.targets.${margin.key}`), say.FND025.missed(margin.key, target.category, got, want)));
          return null;
        }
      }
    }
  }

  // Fold the cells into segments, each weighted sum scaled by the cell's weight (Σw·y by u, Σw²·y by u²).
  const state = new TallyState(byCell.nThemes, byCell.levels);
  state.pairs.set(byCell.pairs);
  cells.forEach((cell, i) => {
    const from = byCell.segments[cellIndex[i]!]!;
    const into = state.segment(cell.segment);
    const u = raked.weights[i]!;
    const u2 = u * u;
    into.respondents += from.respondents;
    into.sumW += u * from.sumW;
    into.sumW2 += u2 * from.sumW2;
    for (let t = 0; t < state.nThemes; t++) {
      into.mentions[t]! += from.mentions[t]!;
      into.sumWY[t]! += u * from.sumWY[t]!;
      into.sumW2Y[t]! += u2 * from.sumW2Y[t]!;
    }
    from.questions.forEach((q, k) => {
      const sums = into.questions[k]!;
      for (let l = 0; l < q.counts.length; l++) sums.counts[l]! += q.counts[l]!;
      sums.missing += q.missing;
      sums.answered += q.answered;
      sums.sumW += u * q.sumW;
      sums.sumWY += u * q.sumWY;
      sums.sumW2 += u2 * q.sumW2;
      sums.sumW2Y += u2 * q.sumW2Y;
      sums.sumW2Y2 += u2 * q.sumW2Y2;
    });
  });
  // Every segment of the run has its sums, those nobody belongs to included.
  if (segments.length > 0) state.segment(segments.length - 1);

  let min = Infinity;
  let max = -Infinity;
  for (const w of raked.weights) {
    min = Math.min(min, w);
    max = Math.max(max, w);
  }
  return {
    state,
    weighting: {
      method: 'rake',
      total,
      margins: rake.margins.map((margin, m) => {
        const achieved = raked.achieved[m]!;
        return {
          column: margin.column,
          segment: margin.segment,
          kind: margin.kind,
          categories: margin.targets.map((target) => {
            const count = cells.reduce((a, cell, i) => a + (categoriesOf[m]![i] === target.category ? cell.respondents : 0), 0);
            const goal = population[m]!.get(target.category)!;
            const got = achieved.get(target.category) ?? 0;
            return { category: target.category, respondents: count, target: goal, targetShare: goal / total, achieved: got, achievedShare: got / total };
          }),
        };
      }),
      tolerance: rake.tolerance,
      maxIterations: rake.maxIterations,
      iterations: raked.iterations,
      converged: raked.converged,
      trim: rake.trim === null ? null : { lower: rake.trim.lower, upper: rake.trim.upper, trimmed: raked.trimmed },
      weights: { min, max },
      designEffect: raked.designEffect,
      effectiveBase: raked.effectiveBase,
    },
  };
}
