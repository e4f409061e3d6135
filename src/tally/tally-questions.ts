/**
 * Closed question figures, by type (issue 16; README "Question types").
 *
 * - rating: counts per level (every level, zeros included), missing, mean, median and sample sd of
 *   the scores, the top box and bottom box with Wilson intervals, the net (top − bottom) with its
 *   multinomial Wald interval (stats/net-score.ts), top box × segment test.
 * - nps: counts 0–10, mean/median/sd, promoters (9–10), passives (7–8), detractors (0–6) and the
 *   score (promoters − detractors) with its interval; promoters/passives/detractors × segment test.
 * - single: each option's share of the answered base (Wilson interval); options × segment test.
 * - multi: each option's share of those who answered the question, a test per option (ticked ×
 *   segment) with BH over the question's options; the free-text "other" answers counted apart.
 * - numeric: mean, median, sd, min, max, the t interval of the mean.
 *
 * With weights: the weighted mean with its linearization SE over answered rows as a domain of the
 * whole sample (R: svymean(~q, design, na.rm = TRUE)), and each share (levels, boxes, options,
 * the NPS score and net) weighted the same way, intervals by svyciprop(method = "logit") (shares)
 * or normal (scores). The same figures per segment, unweighted.
 */
import type { Interval, NetScore, OptionResult, QuestionConfig, QuestionResult, SegmentConfig, SegmentTest, WeightedShare } from '../model.ts';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.ts';
import { logitInterval } from '../stats/logit-interval.ts';
import { meanInterval } from '../stats/mean-interval.ts';
import { netScore } from '../stats/net-score.ts';
import { normalQuantile } from '../stats/normal-quantile.ts';
import { summarizeLevels } from '../stats/summarize-levels.ts';
import { weightedMean } from '../stats/weighted-mean.ts';
import { wilsonInterval } from '../stats/wilson-interval.ts';
import { answerSlots } from '../validate/answer-slots.ts';
import { segmentTest } from './segment-test.ts';
import { tableTest } from './table-test.ts';
import { addQuestionSums, emptyQuestionSums, type QuestionSums, type TallyState } from './tally-state.ts';

export interface QuestionOptions {
  confidence: number;
  minBase: number;
  weighted: boolean;
  /** Segment tests are skipped above this many segments (report.maxTestSegments). */
  maxTestSegments?: number;
}

function countsRecord(keys: readonly string[], counts: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = Object.create(null); // issue #20: a level "__proto__" is a key like any other
  keys.forEach((key, i) => {
    out[key] = counts[i]!;
  });
  return out;
}

function share(respondents: number, base: number, confidence: number) {
  return { respondents, proportion: base > 0 ? respondents / base : null, ci: wilsonInterval(respondents, base, confidence) };
}

function sumOf(counts: ArrayLike<number>, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n += counts[i]!;
  return n;
}

/** Level indexes [from, to) of the top box and bottom box of a rating, and NPS's promoters (9–10) and detractors (0–6). */
function boxes(question: QuestionConfig): { top: [number, number]; bottom: [number, number] } {
  const k = question.levels.length;
  if (question.type === 'nps') return { top: [9, 11], bottom: [0, 7] };
  return { top: [k - question.topBox, k], bottom: [0, question.bottomBox] };
}

/**
 * A weighted share of answered rows: the mean of y = 1 for levels [from, to), 0 otherwise, over the
 * answered rows as a domain of the design (svymean(~I(q %in% box), design, na.rm = TRUE)), and its
 * logit interval on the answered rows' degrees of freedom (svyciprop(~I(...), subset(design,
 * !is.na(q)), method = "logit")).
 */
function weightedShare(sums: QuestionSums, from: number, to: number, designN: number, confidence: number): WeightedShare {
  const w = sumOf(sums.levelW, from, to);
  const w2 = sumOf(sums.levelW2, from, to);
  const m = weightedMean({ n: sums.answered, sumW: sums.sumW, sumWY: w, sumW2: sums.sumW2, sumW2Y: w2, sumW2Y2: w2 }, designN);
  if (m === null) return { proportion: null, se: null, ci: null };
  const ci = m.se === null ? null : logitInterval(Math.min(1, Math.max(0, m.mean)), m.se, sums.answered - 1, confidence);
  return { proportion: m.mean, se: m.se, ci };
}

/** A weighted net score: the mean of y = +1 (levels in `plus`), −1 (in `minus`), 0 else, with a normal interval (confint(svymean(~y, design, na.rm = TRUE))). */
function weightedNet(sums: QuestionSums, plus: [number, number], minus: [number, number], designN: number, confidence: number) {
  const [wp, w2p] = [sumOf(sums.levelW, ...plus), sumOf(sums.levelW2, ...plus)];
  const [wm, w2m] = [sumOf(sums.levelW, ...minus), sumOf(sums.levelW2, ...minus)];
  const m = weightedMean({ n: sums.answered, sumW: sums.sumW, sumWY: wp - wm, sumW2: sums.sumW2, sumW2Y: w2p - w2m, sumW2Y2: w2p + w2m }, designN);
  if (m === null) return { score: null, se: null, ci: null };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const ci: Interval | null = m.se === null ? null : [Math.max(-1, m.mean - z * m.se), Math.min(1, m.mean + z * m.se)];
  return { score: m.mean, se: m.se, ci };
}

function net(sums: QuestionSums, box: { top: [number, number]; bottom: [number, number] }, designN: number, options: QuestionOptions): NetScore {
  const plain = netScore(sumOf(sums.counts, ...box.top), sumOf(sums.counts, ...box.bottom), sums.answered, options.confidence);
  return { ...plain, method: 'multinomial-wald', weighted: options.weighted ? weightedNet(sums, box.top, box.bottom, designN, options.confidence) : null };
}

function summaryOf(question: QuestionConfig, sums: QuestionSums) {
  if (sums.values !== null) {
    const values = [...sums.values.keys()].sort((a, b) => a - b);
    return {
      ...summarizeLevels(
        values,
        values.map((v) => sums.values!.get(v)!),
      ),
      min: values[0] ?? null,
      max: values[values.length - 1] ?? null,
    };
  }
  if (question.type === 'single' || question.type === 'multi') return { mean: null, median: null, sd: null, min: null, max: null };
  return { ...summarizeLevels(question.levels, Array.from(sums.counts)), min: null, max: null };
}

export function tallyQuestions(state: TallyState, questions: QuestionConfig[], segments: SegmentConfig[], options: QuestionOptions): QuestionResult[] {
  const designN = state.segments.reduce((a, s) => a + s.respondents, 0);
  const slots = answerSlots(questions);
  const total = (perSegment: QuestionSums[], levels: number, numeric: boolean) => {
    const sums = emptyQuestionSums(levels, numeric);
    for (const s of perSegment) addQuestionSums(sums, s);
    return sums;
  };
  const slotSums = (slot: number) => {
    const perSegment = segments.map((_, i) => (state.segments[i] ?? state.segment(i)).questions[slot]!);
    return { perSegment, total: total(perSegment, slots.levels[slot]!.length, slots.numeric[slot] === true) };
  };
  return questions.map((question, q): QuestionResult => {
    const start = slots.start[q]!;
    if (question.type === 'multi') return multiResult(question, start, slotSums, segments, designN, options);
    const { perSegment, total: all } = slotSums(start);
    const summary = summaryOf(question, all);
    const weighted = options.weighted ? weightedMean({ n: all.answered, ...all }, designN) : null;
    const box = boxes(question);
    const rating = question.type === 'rating';
    const keys = question.type === 'numeric' ? [] : question.keys;
    const boxOf = (sums: QuestionSums, [from, to]: [number, number]) => share(sumOf(sums.counts, from, to), sums.answered, options.confidence);
    const single = question.type === 'single';
    const result: QuestionResult = {
      id: question.id,
      label: question.label,
      base: all.answered,
      missing: all.missing,
      counts: countsRecord(keys, all.counts),
      levels:
        question.type === 'numeric' ? [] : question.levels.map((level, i) => ({ level, label: question.labels[i] ?? String(level), key: question.keys[i]! })),
      mean: summary.mean,
      median: summary.median,
      sd: summary.sd,
      topBox: rating ? { ...boxOf(all, box.top), levels: question.levels.slice(box.top[0]) } : null,
      weighted: options.weighted
        ? {
            mean: single ? null : (weighted?.mean ?? null),
            se: single ? null : (weighted?.se ?? null),
            ...(rating
              ? {
                  topBox: weightedShare(all, ...box.top, designN, options.confidence),
                  bottomBox: weightedShare(all, ...box.bottom, designN, options.confidence),
                }
              : {}),
          }
        : null,
      bySegment: segments.map((segment, i) => {
        const s = perSegment[i]!;
        const summaryS = summaryOf(question, s);
        return {
          segment: segment.id,
          base: s.answered,
          missing: s.missing,
          counts: countsRecord(keys, s.counts),
          mean: summaryS.mean,
          topBox: rating ? boxOf(s, box.top) : null,
          lowBase: s.answered < options.minBase,
          bottomBox: rating ? boxOf(s, box.bottom) : null,
          net: rating ? netScore(sumOf(s.counts, ...box.top), sumOf(s.counts, ...box.bottom), s.answered, options.confidence).score : null,
          nps: question.type === 'nps' ? netScore(sumOf(s.counts, ...box.top), sumOf(s.counts, ...box.bottom), s.answered, options.confidence).score : null,
        };
      }),
      type: question.type,
      reverse: question.reverse,
      bottomBox: rating ? { ...boxOf(all, box.bottom), levels: question.levels.slice(0, box.bottom[1]) } : null,
      net: rating ? net(all, box, designN, options) : null,
      nps:
        question.type === 'nps'
          ? {
              promoters: sumOf(all.counts, 9, 11),
              passives: sumOf(all.counts, 7, 9),
              detractors: sumOf(all.counts, 0, 7),
              score: net(all, box, designN, options),
            }
          : null,
      options: single ? optionsOf(question, all, designN, options) : null,
      segmentTest: segmentTestOf(question, perSegment, box, options),
      numeric:
        question.type === 'numeric'
          ? { min: summary.min, max: summary.max, ci: meanInterval(summary.mean, summary.sd, all.answered, options.confidence) }
          : null,
      other: null,
    };
    return result;
  });
}

function optionsOf(question: QuestionConfig, sums: QuestionSums, designN: number, options: QuestionOptions): OptionResult[] {
  return question.keys.map((key, i) => ({
    key,
    label: question.labels[i] ?? key,
    ...share(sums.counts[i]!, sums.answered, options.confidence),
    weighted: options.weighted ? weightedShare(sums, i, i + 1, designN, options.confidence) : null,
    segmentTest: null,
  }));
}

function segmentTestOf(
  question: QuestionConfig,
  perSegment: QuestionSums[],
  box: { top: [number, number]; bottom: [number, number] },
  options: QuestionOptions,
): SegmentTest | null {
  const max = options.maxTestSegments ?? Infinity;
  if (question.type === 'rating') {
    return segmentTest(
      perSegment.map((s) => sumOf(s.counts, ...box.top)),
      perSegment.map((s) => s.answered),
      max,
    );
  }
  if (question.type === 'single')
    return tableTest(
      question.keys.map((_, i) => perSegment.map((s) => s.counts[i]!)),
      max,
    );
  if (question.type === 'nps') {
    const group = (from: number, to: number) => perSegment.map((s) => sumOf(s.counts, from, to));
    return tableTest([group(9, 11), group(7, 9), group(0, 7)], max);
  }
  return null;
}

function multiResult(
  question: QuestionConfig,
  start: number,
  slotSums: (slot: number) => { perSegment: QuestionSums[]; total: QuestionSums },
  segments: SegmentConfig[],
  designN: number,
  options: QuestionOptions,
): QuestionResult {
  const perOption = question.keys.map((_, o) => slotSums(start + o));
  // Every option slot has the question's base: those who answered it.
  const first = perOption[0]!.total;
  const base = first.answered;
  const ticks = perOption.map(({ total }) => total.counts[1]!);
  const tests = perOption.map(({ perSegment }) =>
    segmentTest(
      perSegment.map((s) => s.counts[1]!),
      perSegment.map((s) => s.answered),
      options.maxTestSegments ?? Infinity,
    ),
  );
  const adjusted = benjaminiHochberg(tests.map((t) => t?.p ?? null));
  const other = slotSums(start + question.keys.length).total;
  return {
    id: question.id,
    label: question.label,
    base,
    missing: first.missing,
    counts: countsRecord(question.keys, ticks),
    levels: question.levels.map((level, i) => ({ level, label: question.labels[i] ?? String(level), key: question.keys[i]! })),
    mean: null,
    median: null,
    sd: null,
    topBox: null,
    weighted: options.weighted ? { mean: null, se: null } : null,
    bySegment: segments.map((segment, i) => {
      const s = perOption[0]!.perSegment[i]!;
      return {
        segment: segment.id,
        base: s.answered,
        missing: s.missing,
        counts: countsRecord(
          question.keys,
          perOption.map(({ perSegment }) => perSegment[i]!.counts[1]!),
        ),
        mean: null,
        topBox: null,
        lowBase: s.answered < options.minBase,
        bottomBox: null,
        net: null,
        nps: null,
      };
    }),
    type: 'multi',
    reverse: false,
    bottomBox: null,
    net: null,
    nps: null,
    options: question.keys.map((key, o) => ({
      key,
      label: question.labels[o] ?? key,
      ...share(ticks[o]!, base, options.confidence),
      weighted: options.weighted ? weightedShare(perOption[o]!.total, 1, 2, designN, options.confidence) : null,
      segmentTest: tests[o] === null ? null : { ...tests[o]!, pAdjusted: adjusted[o] ?? null },
    })),
    segmentTest: null,
    numeric: null,
    other: question.other === null ? null : { column: question.other, respondents: other.counts[1]! },
  };
}
