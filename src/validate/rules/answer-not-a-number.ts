/**
 * Rule answer-not-a-number (FND231), issue 16: an answer to a numeric question is blank (missing)
 * or a number written plainly ("42", "-1.5", ".5"; no thousands separators or units). Returns the
 * number, NaN for blank, or the problem.
 *
 * @example
 * answerNotANumber(' 12.5 ', 'age'); // 12.5
 * answerNotANumber('', 'age'); // NaN
 */
import { say, type Message } from '../../messages.ts';
import type { RowRule } from '../rule-types.ts';

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function answerNotANumber(text: string, question: string): number | Message {
  const value = text.trim();
  if (value === '') return Number.NaN;
  const number = Number(value);
  if (!NUMBER_TEXT.test(value) || !Number.isFinite(number)) return say.FND231(value, question);
  return number;
}

/** How the rule is met: numeric questions are read by papaparse. */
export const rule: RowRule = { code: 'FND231', scanner: 'papaparse', applies: (config) => config.questions.some((q) => q.type === 'numeric') };
