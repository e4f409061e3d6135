/**
 * issue 16: where each closed question's answers stand in a respondent's `answers` array. A rating,
 * single, nps or numeric question has one slot (the level's index; numeric: its value in `numbers`);
 * a multi question has one slot per option (1 ticked, 0 not, -1 when the respondent did not answer
 * the question) and one more for its free-text "other" column (1 written in, 0 blank, -1 no answer
 * or no such column). Questions written before types existed keep one slot each, in config order.
 */
import type { QuestionConfig } from '../model.ts';

export interface AnswerSlots {
  /** Per question, its first slot. */
  start: number[];
  /** Slots in all. */
  count: number;
  /** Per slot, the score of each level index (a tick slot: [0, 1]; a numeric slot: []). */
  levels: number[][];
  /** Per slot, whether it holds a number (in `numbers`) rather than a level index. */
  numeric: boolean[];
}

const TICK_LEVELS = [0, 1];

export function answerSlots(questions: readonly QuestionConfig[]): AnswerSlots {
  const start: number[] = [];
  const levels: number[][] = [];
  const numeric: boolean[] = [];
  for (const question of questions) {
    start.push(levels.length);
    if (question.type === 'multi') {
      for (let o = 0; o <= question.keys.length; o++) {
        levels.push(TICK_LEVELS);
        numeric.push(false);
      }
    } else {
      levels.push(question.levels);
      numeric.push(question.type === 'numeric');
    }
  }
  return { start, count: levels.length, levels, numeric };
}
