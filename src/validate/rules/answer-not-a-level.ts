/**
 * Rule answer-not-a-level (FND230), issue 16: an answer to a rating question with levels in words,
 * a single question, an nps question or a multi question in one joined cell must be one of its
 * levels (options), compared trimmed and without case ("strongly agree " is "Strongly agree").
 * Numbers also match numerically ("4.0" is level 4). An nps answer is a whole number 0 to 10,
 * optionally followed by the platform's anchor text ("10 - Extremely likely"). Returns the level's
 * index, -1 for blank, or the problem.
 *
 * @example
 * const match = levelMatcher({ type: 'single', keys: ['No', 'Yes'] } as QuestionConfig);
 * answerNotALevel(' yes', match); // 1
 */
import type { QuestionConfig } from '../../model.ts';
import { say, type Message } from '../../messages.ts';
import type { RowRule } from '../rule-types.ts';

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)$/;
/** "10", "10 - Extremely likely", "0 (Not at all likely)". */
const NPS_TEXT = /^(\d{1,2})(?:\s*[-–—:(].*)?$/s;

export interface LevelMatcher {
  question: QuestionConfig;
  /** Lower-cased, trimmed key → level index. */
  byText: Map<string, number>;
  /** Numeric key → level index. */
  byNumber: Map<number, number>;
}

export function levelMatcher(question: QuestionConfig): LevelMatcher {
  const byText = new Map<string, number>();
  const byNumber = new Map<number, number>();
  question.keys.forEach((key, i) => {
    byText.set(key.trim().toLowerCase(), i);
    if (NUMBER_TEXT.test(key.trim())) byNumber.set(Number(key.trim()), i);
  });
  return { question, byText, byNumber };
}

export function answerNotALevel(text: string, match: LevelMatcher): number | Message {
  const value = text.trim();
  if (value === '') return -1;
  const known = match.byText.get(value.toLowerCase());
  if (known !== undefined) return known;
  if (NUMBER_TEXT.test(value)) {
    const byNumber = match.byNumber.get(Number(value));
    if (byNumber !== undefined) return byNumber;
  }
  if (match.question.type === 'nps') {
    const anchored = NPS_TEXT.exec(value);
    const level = anchored === null ? undefined : match.byNumber.get(Number(anchored[1]));
    if (level !== undefined) return level;
  }
  return say.FND230(value, match.question.id, match.question.keys, match.question.type === 'rating' || match.question.type === 'nps' ? 'levels' : 'options');
}

/** How the rule is met: a question of another type than rating, or with levels in words, is read as text by papaparse (validate/read-answers.ts); the scanner keeps only level indexes of numeric levels. */
export const rule: RowRule = { code: 'FND230', scanner: 'papaparse', applies: (config) => config.questions.some((q) => q.type !== 'rating' || q.words) };
