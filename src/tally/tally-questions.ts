/**
 * Closed (Likert-type) question figures: counts per level (every level, zeros included), missing,
 * mean, median and sample sd of the answers, the top-box share with its Wilson interval, and the
 * weighted mean with its linearization SE over answered rows as a domain of the whole sample
 * (R: svymean(~q, design, na.rm = TRUE)). The same per segment.
 */
import type { QuestionConfig, QuestionResult, SegmentConfig } from '../model.ts';
import { summarizeLevels } from '../stats/summarize-levels.ts';
import { weightedMean } from '../stats/weighted-mean.ts';
import { wilsonInterval } from '../stats/wilson-interval.ts';
import { addQuestionSums, emptyQuestionSums, type TallyState } from './tally-state.ts';

export interface QuestionOptions {
  confidence: number;
  minBase: number;
  weighted: boolean;
}

function countsRecord(question: QuestionConfig, counts: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = Object.create(null); // issue #20: a level "__proto__" is a key like any other
  question.levels.forEach((level, i) => {
    out[String(level)] = counts[i]!;
  });
  return out;
}

function topBox(question: QuestionConfig, counts: ArrayLike<number>, base: number, confidence: number) {
  let respondents = 0;
  for (let i = question.levels.length - question.topBox; i < question.levels.length; i++) respondents += counts[i]!;
  return { respondents, proportion: base > 0 ? respondents / base : null, ci: wilsonInterval(respondents, base, confidence) };
}

export function tallyQuestions(state: TallyState, questions: QuestionConfig[], segments: SegmentConfig[], options: QuestionOptions): QuestionResult[] {
  const designN = state.segments.reduce((a, s) => a + s.respondents, 0);
  return questions.map((question, q): QuestionResult => {
    const perSegment = segments.map((_, i) => (state.segments[i] ?? state.segment(i)).questions[q]!);
    const total = emptyQuestionSums(question.levels.length);
    for (const s of perSegment) addQuestionSums(total, s);
    const summary = summarizeLevels(question.levels, Array.from(total.counts));
    const weighted = options.weighted ? weightedMean({ n: total.answered, ...total }, designN) : null;
    return {
      id: question.id,
      label: question.label,
      base: total.answered,
      missing: total.missing,
      counts: countsRecord(question, total.counts),
      levels: question.levels.map((level, i) => ({ level, label: question.labels[i] ?? String(level) })),
      mean: summary.mean,
      median: summary.median,
      sd: summary.sd,
      topBox: { ...topBox(question, total.counts, total.answered, options.confidence), levels: question.levels.slice(-question.topBox) },
      weighted: options.weighted ? { mean: weighted?.mean ?? null, se: weighted?.se ?? null } : null,
      bySegment: segments.map((segment, i) => {
        const s = perSegment[i]!;
        const summaryS = summarizeLevels(question.levels, Array.from(s.counts));
        return {
          segment: segment.id,
          base: s.answered,
          missing: s.missing,
          counts: countsRecord(question, s.counts),
          mean: summaryS.mean,
          topBox: topBox(question, s.counts, s.answered, options.confidence),
          lowBase: s.answered < options.minBase,
        };
      }),
    };
  });
}
