/**
 * Rule answer-out-of-levels (FND209): a closed question's answer is blank (missing) or one of its
 * levels. Returns the level's index, -1 for blank, or the problem as text.
 */
import type { QuestionConfig } from '../../model.ts';
import { say, type Message } from '../../messages.ts';

export function answerOutOfLevels(text: string, question: QuestionConfig): number | Message {
  if (text === '') return -1;
  const value = Number(text);
  const index = Number.isFinite(value) && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? question.levels.indexOf(value) : -1;
  if (index === -1) {
    return say.FND209(text, question.id, question.levels);
  }
  return index;
}
