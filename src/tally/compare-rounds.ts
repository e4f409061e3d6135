/**
 * What changed since the previous round: per theme of the current codebook (the previous round
 * tallied through the codebook translation), both rounds' counts, bases and proportions, the
 * difference with its Wald interval, and the two-proportion z-test without continuity correction
 * (R: prop.test(c(x2, x1), c(n2, n1), correct = FALSE)), with Benjamini–Hochberg adjustment across
 * the themes of each table (overall, and each segment). A theme is only compared where it was
 * measured (CONTRACT.md, Additions): a code new in this round (status 'new', even when it is the
 * parent of mapped codes, whose roll-up would give it a previous count) or retired (status
 * 'retired') has null figures for the round it did not exist in, no difference, ci, z or p, and
 * stays out of the BH family. Per segment: segments present in both rounds, flagged lowBase when either base is
 * below minBase.
 */
import type { ChangeFigure, ChangeResult, ChangeStatus, Codebook, SegmentConfig, ThemeChange, WeightedChange } from '../model.ts';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.ts';
import { twoProportionTest } from '../stats/two-proportion-test.ts';
import { weightedDifferenceTest } from '../stats/weighted-difference-test.ts';
import { weightedMean } from '../stats/weighted-mean.ts';
import type { Translation } from '../validate/translate-codebook.ts';
import type { TallyState } from './tally-state.ts';

export interface RoundTally {
  id: string;
  round: string;
  title: string;
  state: TallyState;
  segments: SegmentConfig[];
  /** Issue 15: the round has weights (a weight column or weighting.rake); both rounds weighted: change figures on the weighted estimates too. */
  weighted?: boolean;
}

/** A theme's weighted share in one round (the whole round, or a segment as a domain) and its design SE. */
function weightedShare(state: TallyState, segment: number | null, slot: number): { proportion: number | null; se: number | null } {
  const designN = state.segments.reduce((a, s) => a + s.respondents, 0);
  const parts = segment === null ? state.segments : state.segments[segment] === undefined ? [] : [state.segments[segment]!];
  const sums = { n: 0, sumW: 0, sumWY: 0, sumW2: 0, sumW2Y: 0, sumW2Y2: 0 };
  for (const s of parts) {
    sums.n += s.respondents;
    sums.sumW += s.sumW;
    sums.sumWY += s.sumWY[slot] ?? 0;
    sums.sumW2 += s.sumW2;
    sums.sumW2Y += s.sumW2Y[slot] ?? 0;
    sums.sumW2Y2 += s.sumW2Y[slot] ?? 0; // y² = y for a 0/1 mention
  }
  const estimate = weightedMean(sums, designN);
  return { proportion: estimate?.mean ?? null, se: estimate?.se ?? null };
}

/** The weighted change of a theme (CONTRACT.md, Additions: each round's design SE), current minus previous. */
function weightedFigure(
  previous: { proportion: number | null; se: number | null } | null,
  current: { proportion: number | null; se: number | null } | null,
  confidence: number,
): WeightedChange {
  const none = { proportion: null, se: null };
  const out: WeightedChange = { previous: previous ?? none, current: current ?? none, difference: null, se: null, ci: null, z: null, p: null, pAdjusted: null };
  if (previous?.proportion == null || current?.proportion == null) return out;
  const test = weightedDifferenceTest({ mean: current.proportion, se: current.se }, { mean: previous.proportion, se: previous.se }, confidence);
  return { ...out, difference: test.difference, se: test.se, ci: test.ci, z: test.z, p: test.p };
}

function figure(x1: number, n1: number, x2: number, n2: number, confidence: number, status: ChangeStatus = 'compared'): ChangeFigure {
  if (status !== 'compared') {
    // Measured in one round only: that round's figure, nothing for the other, no comparison.
    const measured = (x: number, n: number) => ({ respondents: x, base: n, proportion: n > 0 ? x / n : null });
    const unmeasured = (n: number) => ({ respondents: null, base: n, proportion: null });
    return {
      previous: status === 'new' ? unmeasured(n1) : measured(x1, n1),
      current: status === 'new' ? measured(x2, n2) : unmeasured(n2),
      difference: null,
      ci: null,
      z: null,
      p: null,
      pAdjusted: null,
    };
  }
  const test = twoProportionTest(x2, n2, x1, n1, confidence);
  return {
    previous: { respondents: x1, base: n1, proportion: n1 > 0 ? x1 / n1 : null },
    current: { respondents: x2, base: n2, proportion: n2 > 0 ? x2 / n2 : null },
    difference: test?.difference ?? null,
    ci: test?.ci ?? null,
    z: test?.z ?? null,
    p: test?.p ?? null,
    pAdjusted: null,
  };
}

function adjust(figures: ChangeFigure[]): void {
  const adjusted = benjaminiHochberg(figures.map((f) => f.p));
  figures.forEach((f, i) => (f.pAdjusted = adjusted[i] ?? null));
  // Issue 15: the weighted p-values are their own BH family (the same themes, the compared ones).
  if (figures.every((f) => f.weighted !== undefined)) {
    const weighted = benjaminiHochberg(figures.map((f) => f.weighted!.p));
    figures.forEach((f, i) => (f.weighted!.pAdjusted = weighted[i] ?? null));
  }
}

export function compareRounds(
  current: RoundTally,
  previous: RoundTally,
  codebook: Codebook,
  translation: Translation,
  options: { confidence: number; minBase: number },
): ChangeResult {
  const mentions = (state: TallyState, segment: number, slot: number) => state.segments[segment]?.mentions[slot] ?? 0;
  const base = (state: TallyState, segment: number) => state.segments[segment]?.respondents ?? 0;
  const total = (state: TallyState, slot: number) => state.segments.reduce((a, s) => a + (s.mentions[slot] ?? 0), 0);
  const totalBase = (state: TallyState) => state.segments.reduce((a, s) => a + s.respondents, 0);

  // Segments in both rounds, in the current round's order.
  const shared = current.segments
    .map((segment, i) => ({ id: segment.id, current: i, previous: previous.segments.findIndex((s) => s.id === segment.id) }))
    .filter((s) => s.previous !== -1);

  const slots: { code: string; label: string; mapping: string | null; status: ChangeStatus; current: number | null; previous: number }[] = [];
  codebook.themes.forEach((theme, i) => {
    if (translation.notComparable.has(theme.code)) return;
    const status = translation.added.has(theme.code) ? 'new' : 'compared';
    slots.push({ code: theme.code, label: theme.label, mapping: translation.notes.get(theme.code) ?? null, status, current: i, previous: i });
  });
  translation.extras.forEach((extra, k) => {
    slots.push({
      code: extra.theme.code,
      label: extra.theme.label,
      mapping: extra.kind === 'retired' ? `retired in ${current.round}` : `not in the ${current.round} codebook`,
      status: 'retired',
      current: null,
      previous: codebook.themes.length + k,
    });
  });

  // Issue 15: both rounds weighted: the change of the weighted estimates beside the counts' (a new code has no previous figure, a retired one no current).
  const weighted = current.weighted === true && previous.weighted === true;
  const withWeighted = <F extends ChangeFigure>(f: F, segment: { current: number; previous: number } | null, slot: (typeof slots)[number]): F => {
    if (!weighted) return f;
    const before = slot.status === 'new' ? null : weightedShare(previous.state, segment?.previous ?? null, slot.previous);
    const after = slot.current === null ? null : weightedShare(current.state, segment?.current ?? null, slot.current);
    return { ...f, weighted: weightedFigure(before, after, options.confidence) };
  };
  const themes: ThemeChange[] = slots.map((slot) => {
    const x2 = slot.current === null ? 0 : total(current.state, slot.current);
    const overall = withWeighted(
      figure(total(previous.state, slot.previous), totalBase(previous.state), x2, totalBase(current.state), options.confidence, slot.status),
      null,
      slot,
    );
    const bySegment = shared.map((s) => {
      const n1 = base(previous.state, s.previous);
      const n2 = base(current.state, s.current);
      const y2 = slot.current === null ? 0 : mentions(current.state, s.current, slot.current);
      return {
        segment: s.id,
        ...withWeighted(figure(mentions(previous.state, s.previous, slot.previous), n1, y2, n2, options.confidence, slot.status), s, slot),
        lowBase: n1 < options.minBase || n2 < options.minBase,
      };
    });
    return { code: slot.code, label: slot.label, status: slot.status, mapping: slot.mapping, ...overall, bySegment };
  });

  adjust(themes);
  shared.forEach((_, k) => adjust(themes.map((t) => t.bySegment[k]!)));
  return {
    previous: previous.id,
    previousRound: previous.round,
    previousTitle: previous.title,
    themes,
    codebook: translation.changes,
  };
}
