/**
 * issue 16: read one row's answers to the closed questions into its answer slots (see
 * validate/answer-slots.ts), applying the answer rules: answer-out-of-levels (FND209, rating questions
 * with numeric levels, as before types existed), answer-not-a-level (FND230), answer-not-a-number
 * (FND231) and invalid-option-tick (FND232). A multi question's respondent base is who answered it:
 * any option cell filled (ticked or explicitly not: 1/0, yes/no), a joined cell not blank, or text in
 * its "other" column; a respondent with every cell blank is missing, not "ticked nothing".
 */
import type { DataColumns, QuestionConfig } from '../model.ts';
import type { Message } from '../messages.ts';
import { answerSlots, type AnswerSlots } from './answer-slots.ts';
import { answerOutOfLevels } from './rules/answer-out-of-levels.ts';
import { answerNotALevel, levelMatcher, type LevelMatcher } from './rules/answer-not-a-level.ts';
import { answerNotANumber } from './rules/answer-not-a-number.ts';
import { invalidOptionTick } from './rules/invalid-option-tick.ts';

export interface AnswerReader {
  slots: AnswerSlots;
  /** Whether rows carry numbers (a numeric question). */
  numbers: boolean;
  /** Fill `answers` (and `numbers`) from the row; problems go to `reject(message, cell, offset)`. */
  read(
    row: readonly string[],
    columns: DataColumns,
    answers: Int32Array,
    numbers: Float64Array | null,
    reject: (message: Message, cell: number, offset?: number) => void,
  ): void;
}

export function answerReader(questions: readonly QuestionConfig[]): AnswerReader {
  const slots = answerSlots(questions);
  const plain = questions.map((question) =>
    question.type === 'rating' && !question.words ? new Map(question.levels.map((level, i) => [String(level), i])) : null,
  );
  const matchers: (LevelMatcher | null)[] = questions.map((question) => (question.type === 'numeric' ? null : levelMatcher(question)));

  const read: AnswerReader['read'] = (row, columns, answers, numbers, reject) => {
    questions.forEach((question, q) => {
      const slot = slots.start[q]!;
      const column = columns.questions[q]!;
      if (question.type === 'multi') {
        readMulti(question, q, slot, row, columns, answers, matchers[q]!, reject);
        return;
      }
      const text = row[column] ?? '';
      if (question.type === 'numeric') {
        const value = answerNotANumber(text, question.id);
        if (typeof value !== 'number') reject(value, column);
        else numbers![slot] = value;
        answers[slot] = Number.isNaN(value as number) ? -1 : 0;
        return;
      }
      const legacy = plain[q];
      if (legacy !== null) {
        // The common case, a level written plainly ("4"), is one lookup; anything else takes the rule.
        const known = legacy!.get(text);
        if (known !== undefined) {
          answers[slot] = known;
          return;
        }
        const parsed = answerOutOfLevels(text.trim(), question);
        if (typeof parsed !== 'number') reject(parsed, column);
        else answers[slot] = parsed;
        return;
      }
      const parsed = answerNotALevel(text, matchers[q]!);
      if (typeof parsed !== 'number') reject(parsed, column);
      else answers[slot] = parsed;
    });
  };
  return { slots, numbers: slots.numeric.some(Boolean), read };
}

function readMulti(
  question: QuestionConfig,
  q: number,
  slot: number,
  row: readonly string[],
  columns: DataColumns,
  answers: Int32Array,
  match: LevelMatcher,
  reject: (message: Message, cell: number, offset?: number) => void,
): void {
  const options = question.keys.length;
  let answered = false;
  const otherColumn = columns.otherColumns?.[q] ?? -1;
  const otherText = otherColumn === -1 ? '' : (row[otherColumn] ?? '').trim();
  if (otherText !== '') answered = true;
  const byColumn = columns.optionColumns?.[q] ?? null;
  if (byColumn !== null) {
    byColumn.forEach(({ index, texts }, o) => {
      const tick = invalidOptionTick(row[index] ?? '', question.id, texts);
      if (typeof tick !== 'number') {
        reject(tick, index);
        return;
      }
      answers[slot + o] = tick;
      if (tick !== -1) answered = true;
    });
  } else {
    const column = columns.questions[q]!;
    const cell = row[column] ?? '';
    for (let o = 0; o < options; o++) answers[slot + o] = 0;
    let offset = 0;
    for (const part of cell.split(question.separator)) {
      const here = offset;
      offset += part.length + question.separator.length;
      if (part.trim() === '') continue;
      answered = true;
      const found = answerNotALevel(part, match);
      if (typeof found !== 'number') reject(found, column, here + (part.length - part.trimStart().length));
      else answers[slot + found] = 1;
    }
  }
  // Blank option cells of a respondent who answered are "not ticked"; a respondent who left every cell blank did not answer.
  for (let o = 0; o < options; o++) answers[slot + o] = answered ? Math.max(0, answers[slot + o]!) : -1;
  answers[slot + options] = !answered || otherColumn === -1 ? -1 : otherText === '' ? 0 : 1;
}
