/**
 * Rule answer-out-of-levels (FND209): a closed question's answer is blank (missing) or one of its
 * levels. Returns the level's index, -1 for blank, or the problem as text.
 */
import type { QuestionConfig } from '../../model.ts';
import { say, type Message } from '../../messages.ts';
import type { RowRule } from '../rule-types.ts';

export function answerOutOfLevels(text: string, question: QuestionConfig): number | Message {
  if (text === '') return -1;
  const value = Number(text);
  const index = Number.isFinite(value) && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? question.levels.indexOf(value) : -1;
  if (index === -1) {
    return say.FND209(text, question.id, question.levels);
  }
  return index;
}

/** How the rule is met: the scanner reads each answer's level from the bytes. */
export const rule: RowRule = { code: 'FND209', scanner: 'bytes', applies: (config) => config.questions.length > 0 };
