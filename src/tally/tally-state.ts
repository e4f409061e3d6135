/**
 * The running tally of one survey round: everything the figures need, kept as sums in typed arrays
 * so that memory does not grow with the number of respondents and two partial tallies merge by
 * addition (for parallel reading). Per segment: respondents, Σw and Σw², and per theme the
 * mentions, Σw·y and Σw²·y (y = 1 when mentioned; y² = y); per closed question the counts per level,
 * the missing count and the weighted sums over answered rows. Overall: co-occurrence counts of
 * theme pairs. Overall figures are sums over segments.
 */
import type { ValidRespondent } from '../model.ts';

export interface QuestionSums {
  counts: Float64Array;
  /** issue 16: Σw and Σw² per level index (weighted shares of levels, boxes and options). */
  levelW: Float64Array;
  levelW2: Float64Array;
  /** issue 16: a numeric question's answers, value → respondents (median, min, max); null otherwise. */
  values: Map<number, number> | null;
  missing: number;
  answered: number;
  sumW: number;
  sumWY: number;
  sumW2: number;
  sumW2Y: number;
  sumW2Y2: number;
}

/** Zero sums for a question with `levels` levels. */
export function emptyQuestionSums(levels: number, numeric = false): QuestionSums {
  return {
    counts: new Float64Array(levels),
    levelW: new Float64Array(levels),
    levelW2: new Float64Array(levels),
    values: numeric ? new Map() : null,
    missing: 0,
    answered: 0,
    sumW: 0,
    sumWY: 0,
    sumW2: 0,
    sumW2Y: 0,
    sumW2Y2: 0,
  };
}

/** Add `from` into `into` (the same question): merging partial tallies, or segments into the total. */
export function addQuestionSums(into: QuestionSums, from: QuestionSums): void {
  for (let l = 0; l < from.counts.length; l++) {
    into.counts[l]! += from.counts[l]!;
    into.levelW[l]! += from.levelW[l]!;
    into.levelW2[l]! += from.levelW2[l]!;
  }
  if (from.values !== null) {
    into.values ??= new Map();
    for (const [value, n] of from.values) into.values.set(value, (into.values.get(value) ?? 0) + n);
  }
  into.missing += from.missing;
  into.answered += from.answered;
  into.sumW += from.sumW;
  into.sumWY += from.sumWY;
  into.sumW2 += from.sumW2;
  into.sumW2Y += from.sumW2Y;
  into.sumW2Y2 += from.sumW2Y2;
}

export interface SegmentSums {
  respondents: number;
  sumW: number;
  sumW2: number;
  mentions: Float64Array;
  sumWY: Float64Array;
  sumW2Y: Float64Array;
  questions: QuestionSums[];
}

export class TallyState {
  readonly segments: SegmentSums[] = [];
  /** pairs[a * nThemes + b] for a < b: respondents mentioning both. */
  readonly pairs: Uint32Array;

  constructor(
    readonly nThemes: number,
    /** For each answer slot (see answerSlots: one per question before issue 16's multi questions), its level values. */
    readonly levels: readonly (readonly number[])[],
    /** issue 16: per slot, whether it holds a number (numeric questions) rather than a level index. */
    readonly numeric: readonly boolean[] = [],
  ) {
    this.pairs = new Uint32Array(nThemes * nThemes);
  }

  segment(index: number): SegmentSums {
    while (this.segments.length <= index) {
      this.segments.push({
        respondents: 0,
        sumW: 0,
        sumW2: 0,
        mentions: new Float64Array(this.nThemes),
        sumWY: new Float64Array(this.nThemes),
        sumW2Y: new Float64Array(this.nThemes),
        questions: this.levels.map((l, q) => emptyQuestionSums(l.length, this.numeric[q] === true)),
      });
    }
    return this.segments[index]!;
  }

  add(respondent: ValidRespondent): void {
    const { themes, answers } = respondent;
    this.addRow(respondent.segment, respondent.weight, themes, 0, themes.length, answers, 0, respondent.numbers);
  }

  /**
   * Add one respondent given as parts: its segment and weight, its rolled-up themes (sorted, no
   * repeats) in themes[themeStart, themeEnd), and its level index per question (-1 when blank)
   * from answers[answerStart]. The fast reader adds rows this way, without a respondent object.
   */
  addRow(
    segment: number,
    w: number,
    themes: ArrayLike<number>,
    themeStart: number,
    themeEnd: number,
    answers: ArrayLike<number>,
    answerStart: number,
    /** issue 16: per slot, a numeric question's value (NaN when blank); only with numeric questions (never from the fast reader). */
    numbers?: ArrayLike<number>,
  ): void {
    const s = this.segments[segment] ?? this.segment(segment);
    const w2 = w * w;
    s.respondents++;
    s.sumW += w;
    s.sumW2 += w2;
    const n = this.nThemes;
    for (let i = themeStart; i < themeEnd; i++) {
      const t = themes[i]!;
      s.mentions[t]!++;
      s.sumWY[t]! += w;
      s.sumW2Y[t]! += w2;
      const row = t * n;
      for (let j = i + 1; j < themeEnd; j++) this.pairs[row + themes[j]!]!++;
    }
    // (A respondent from excerpt data has no answers: answers is empty.)
    const questions = Math.min(this.levels.length, answers.length - answerStart);
    for (let q = 0; q < questions; q++) {
      const sums = s.questions[q]!;
      const level = answers[answerStart + q]!;
      if (sums.values !== null) {
        const y = numbers?.[answerStart + q] ?? Number.NaN;
        if (Number.isNaN(y)) sums.missing++;
        else {
          sums.values.set(y, (sums.values.get(y) ?? 0) + 1);
          sums.answered++;
          sums.sumW += w;
          sums.sumWY += w * y;
          sums.sumW2 += w2;
          sums.sumW2Y += w2 * y;
          sums.sumW2Y2 += w2 * y * y;
        }
        continue;
      }
      if (level < 0) {
        sums.missing++;
        continue;
      }
      const y = this.levels[q]![level]!;
      sums.counts[level]!++;
      sums.levelW[level]! += w;
      sums.levelW2[level]! += w2;
      sums.answered++;
      sums.sumW += w;
      sums.sumWY += w * y;
      sums.sumW2 += w2;
      sums.sumW2Y += w2 * y;
      sums.sumW2Y2 += w2 * y * y;
    }
  }

  /** Add another partial tally of the same round (same codebook, questions and segment indexes). */
  merge(other: TallyState): void {
    for (let i = 0; i < this.pairs.length; i++) this.pairs[i]! += other.pairs[i]!;
    other.segments.forEach((o, index) => {
      const s = this.segment(index);
      s.respondents += o.respondents;
      s.sumW += o.sumW;
      s.sumW2 += o.sumW2;
      for (let t = 0; t < this.nThemes; t++) {
        s.mentions[t]! += o.mentions[t]!;
        s.sumWY[t]! += o.sumWY[t]!;
        s.sumW2Y[t]! += o.sumW2Y[t]!;
      }
      o.questions.forEach((oq, q) => addQuestionSums(s.questions[q]!, oq));
    });
  }
}
