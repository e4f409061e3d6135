/**
 * Theme figures from a finished tally: per theme the respondents mentioning it, the base, the
 * proportion with its Wilson interval, the weighted proportion (linearization SE, logit interval)
 * when the round has weights, the same per segment (each segment a domain of the whole design),
 * the segment test with Benjamini–Hochberg adjusted p across the themes, and the pairwise segment
 * comparisons with BH within the theme (low-base segments listed, not tested).
 */
import type {
  Codebook,
  Interval,
  PairwiseComparison,
  SegmentConfig,
  SegmentThemeResult,
  ThemeResult,
  WeightedPairwiseComparison,
  WeightedProportion,
} from '../model.ts';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.ts';
import { logitInterval } from '../stats/logit-interval.ts';
import { pairwiseProportionTests } from '../stats/pairwise-proportion-tests.ts';
import { raoScottTest } from '../stats/rao-scott-test.ts';
import { weightedMean } from '../stats/weighted-mean.ts';
import { wilsonInterval } from '../stats/wilson-interval.ts';
import { segmentTest } from './segment-test.ts';
import type { SegmentSums, TallyState } from './tally-state.ts';

export interface ThemeOptions {
  confidence: number;
  minBase: number;
  weighted: boolean;
  /** Above this many segments with respondents, no segment test is run (report.maxTestSegments). */
  maxTestSegments?: number;
  /** report.weighted: the segment test is the second-order Rao–Scott test on the weighted table. */
  weightedTests?: boolean;
}

/**
 * Weighted proportion of a domain. `designN` is the whole sample; the logit interval uses the
 * domain's degrees of freedom (its respondents − 1), as svyciprop on subset(design, ...) does.
 */
function weightedProportion(
  sums: { n: number; sumW: number; sumWY: number; sumW2: number; sumW2Y: number },
  designN: number,
  confidence: number,
): WeightedProportion {
  const estimate = weightedMean({ n: sums.n, sumW: sums.sumW, sumWY: sums.sumWY, sumW2: sums.sumW2, sumW2Y: sums.sumW2Y, sumW2Y2: sums.sumW2Y }, designN);
  if (estimate === null) return { proportion: null, se: null, ci: null };
  const ci = estimate.se === null || sums.n < 2 ? null : logitInterval(estimate.mean, estimate.se, sums.n - 1, confidence);
  return { proportion: estimate.mean, se: estimate.se, ci };
}

export function tallyThemes(state: TallyState, codebook: Codebook, segments: SegmentConfig[], options: ThemeOptions): ThemeResult[] {
  const { confidence, minBase, weighted } = options;
  const sums = state.segments;
  const segmentOf = (i: number) => sums[i] ?? state.segment(i);
  const designN = sums.reduce((a, s) => a + s.respondents, 0);
  const totalW = sums.reduce((a, s) => a + s.sumW, 0);
  const totalW2 = sums.reduce((a, s) => a + s.sumW2, 0);

  // Issue 19: a wide study's cells repeat themselves (1,000 themes × 500 segments of 200 respondents:
  // three cells in four have no mention, and 99 distinct intervals among 500,000 cells). Cells of a
  // segment with the same mentions share one Wilson interval, and a segment's cells without a mention
  // (Σw·y = Σw²·y = 0) share one weighted proportion, each computed once from the same inputs as the
  // cells it stands for, and frozen, so that no reader can change one cell's figures through another.
  const intervals = segments.map(() => new Map<number, Interval | null>());
  const unmentioned: (WeightedProportion | undefined)[] = segments.map(() => undefined);

  const themes = codebook.themes.map((theme, t): ThemeResult => {
    let respondents = 0;
    let sumWY = 0;
    let sumW2Y = 0;
    const bySegment: SegmentThemeResult[] = segments.map((segment, i) => {
      const s = segmentOf(i);
      const x = s.mentions[t]!;
      const cellWY = s.sumWY[t]!;
      const cellW2Y = s.sumW2Y[t]!;
      respondents += x;
      sumWY += cellWY;
      sumW2Y += cellW2Y;
      const known = intervals[i]!;
      let ci = known.get(x);
      if (ci === undefined) known.set(x, (ci = frozen(wilsonInterval(x, s.respondents, confidence))));
      let cellWeighted: WeightedProportion | null = null;
      if (weighted) {
        const sums = { n: s.respondents, sumW: s.sumW, sumWY: cellWY, sumW2: s.sumW2, sumW2Y: cellW2Y };
        if (Object.is(cellWY, 0) && Object.is(cellW2Y, 0)) {
          cellWeighted = unmentioned[i] ??= frozenProportion(weightedProportion(sums, designN, confidence));
        } else {
          cellWeighted = weightedProportion(sums, designN, confidence);
        }
      }
      return {
        segment: segment.id,
        respondents: x,
        base: s.respondents,
        proportion: s.respondents > 0 ? x / s.respondents : null,
        ci,
        lowBase: s.respondents < minBase,
        weighted: cellWeighted,
      };
    });
    let test =
      segments.length < 2
        ? null
        : segmentTest(
            bySegment.map((b) => b.respondents),
            bySegment.map((b) => b.base),
            options.maxTestSegments,
          );
    if (test !== null && test.method !== null && options.weightedTests === true) {
      // Weighted headline: svychisq(~theme + segment, design), from each cell's Σw and Σw².
      const present = segments.map((_, i) => ({ sumW: segmentOf(i).sumWY[t]!, sumW2: segmentOf(i).sumW2Y[t]! }));
      const absent = segments.map((_, i) => ({ sumW: segmentOf(i).sumW - segmentOf(i).sumWY[t]!, sumW2: segmentOf(i).sumW2 - segmentOf(i).sumW2Y[t]! }));
      const rao = raoScottTest([present, absent], designN);
      test =
        rao === null
          ? { method: 'rao-scott', statistic: null, df: null, p: null, pAdjusted: null, reason: 'the weighted table has an empty margin or no design variance' }
          : { method: 'rao-scott', statistic: rao.statistic, df: null, ndf: rao.ndf, ddf: rao.ddf, p: rao.p, pAdjusted: null };
    }
    return {
      code: theme.code,
      label: theme.label,
      parent: theme.parent,
      color: theme.color,
      description: theme.description,
      respondents,
      base: designN,
      proportion: designN > 0 ? respondents / designN : null,
      ci: wilsonInterval(respondents, designN, confidence),
      weighted: weighted ? weightedProportion({ n: designN, sumW: totalW, sumWY, sumW2: totalW2, sumW2Y }, designN, confidence) : null,
      bySegment,
      segmentTest: test,
      // Above report.maxTestSegments no test at all, pairwise included (n(n − 1)/2 pairs per theme).
      pairwise: bySegment.filter((cell) => cell.base > 0).length > (options.maxTestSegments ?? Infinity) ? [] : pairwise(bySegment, minBase),
      // Issue 15: with the weighted segment test, the pairs are compared on the weighted table too.
      ...(options.weightedTests === true
        ? {
            weightedPairwise:
              bySegment.filter((cell) => cell.base > 0).length > (options.maxTestSegments ?? Infinity)
                ? []
                : weightedPairwise(
                    bySegment,
                    segments.map((_, i) => segmentOf(i)),
                    t,
                    designN,
                    minBase,
                  ),
          }
        : {}),
    };
  });

  const adjusted = benjaminiHochberg(themes.map((t) => t.segmentTest?.p ?? null));
  themes.forEach((t, i) => {
    if (t.segmentTest !== null) t.segmentTest.pAdjusted = adjusted[i] ?? null;
  });
  return themes;
}

/** An interval shared by several cells, frozen (a cell's figures are never changed in place). */
function frozen(interval: Interval | null): Interval | null {
  return interval === null ? null : (Object.freeze(interval) as Interval);
}

function frozenProportion(proportion: WeightedProportion): WeightedProportion {
  frozen(proportion.ci);
  return Object.freeze(proportion) as WeightedProportion;
}

/**
 * Every pair of segments with respondents (CONTRACT.md, Additions): pairwise.prop.test(x, n,
 * p.adjust.method = "BH", correct = FALSE) over the pairs where both bases reach minBase; the
 * others are listed with null p and the reason.
 */
function pairwise(cells: SegmentThemeResult[], minBase: number): PairwiseComparison[] {
  const present = cells.filter((cell) => cell.base > 0);
  if (present.length < 2) return [];
  const low = new Set(present.flatMap((cell, i) => (cell.base < minBase ? [i] : [])));
  const tested = pairwiseProportionTests(
    present.map((cell) => cell.respondents),
    present.map((cell) => cell.base),
    low,
  );
  const byPair = new Map(tested.map((t) => [`${t.a},${t.b}`, t]));
  const out: PairwiseComparison[] = [];
  for (let a = 0; a < present.length; a++) {
    for (let b = a + 1; b < present.length; b++) {
      const [ca, cb] = [present[a]!, present[b]!];
      const difference = (cb.proportion ?? 0) - (ca.proportion ?? 0);
      const test = byPair.get(`${a},${b}`);
      if (test === undefined) {
        const lowOnes = [ca, cb].filter((cell) => cell.base < minBase).map((cell) => cell.segment);
        out.push({ a: ca.segment, b: cb.segment, difference, p: null, pAdjusted: null, reason: `base below ${minBase} (${lowOnes.join(', ')}): not tested` });
      } else {
        out.push({
          a: ca.segment,
          b: cb.segment,
          difference: test.difference,
          p: test.p,
          pAdjusted: test.pAdjusted,
          reason: test.p === null ? 'neither segment varies (all or none mention the theme)' : null,
        });
      }
    }
  }
  return out;
}

/**
 * Issue 15: every pair of segments with respondents compared on the weighted table, the second-order
 * Rao–Scott test of theme × segment on the pair's subset of the design (R:
 * `svychisq(~theme + segment, subset(design, segment %in% c(a, b)))`, which keeps the whole design's
 * n in the variance), BH within the theme over the pairs tested (`p.adjust(p, "BH")`); pairs with a
 * base below minBase are listed, not tested, as for the unweighted pairs.
 */
function weightedPairwise(cells: SegmentThemeResult[], sums: SegmentSums[], t: number, designN: number, minBase: number): WeightedPairwiseComparison[] {
  const present = cells.map((cell, i) => ({ cell, sums: sums[i]! })).filter((x) => x.cell.base > 0);
  const out: WeightedPairwiseComparison[] = [];
  for (let a = 0; a < present.length; a++) {
    for (let b = a + 1; b < present.length; b++) {
      const [pa, pb] = [present[a]!, present[b]!];
      const shareA = pa.cell.weighted?.proportion ?? null;
      const shareB = pb.cell.weighted?.proportion ?? null;
      const pair = {
        a: pa.cell.segment,
        b: pb.cell.segment,
        method: 'rao-scott' as const,
        difference: shareA === null || shareB === null ? null : shareB - shareA,
        statistic: null,
        ndf: null,
        ddf: null,
        p: null,
        pAdjusted: null,
      };
      const lowOnes = [pa.cell, pb.cell].filter((cell) => cell.base < minBase).map((cell) => cell.segment);
      if (lowOnes.length > 0) {
        out.push({ ...pair, reason: `base below ${minBase} (${lowOnes.join(', ')}): not tested` });
        continue;
      }
      const present2 = [pa.sums, pb.sums].map((s) => ({ sumW: s.sumWY[t]!, sumW2: s.sumW2Y[t]! }));
      const absent2 = [pa.sums, pb.sums].map((s) => ({ sumW: s.sumW - s.sumWY[t]!, sumW2: s.sumW2 - s.sumW2Y[t]! }));
      const rao = raoScottTest([present2, absent2], designN, pa.sums.respondents + pb.sums.respondents);
      out.push(
        rao === null
          ? { ...pair, reason: 'neither segment varies (all or none mention the theme), or no design variance is left' }
          : { ...pair, statistic: rao.statistic, ndf: rao.ndf, ddf: rao.ddf, p: rao.p, reason: null },
      );
    }
  }
  const adjusted = benjaminiHochberg(out.map((pair) => pair.p));
  out.forEach((pair, i) => (pair.pAdjusted = adjusted[i] ?? null));
  return out;
}
