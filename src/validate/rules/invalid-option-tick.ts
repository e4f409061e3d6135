/**
 * Rule invalid-option-tick (FND232), issue 16: one cell of a multi question's option column.
 * Ticked: 1, x, y, yes, true (any case), or the option's text (SurveyMonkey writes the choice into
 * a ticked cell; compared trimmed, without case). Not ticked: 0, n, no, false. Blank: neither (the
 * respondent may have skipped the question). Anything else is the problem.
 *
 * @example
 * invalidOptionTick('Email', 'channels', ['Email']); // 1
 * invalidOptionTick('', 'channels', ['Email']); // -1 (blank)
 */
import { say, type Message } from '../../messages.ts';
import type { RowRule } from '../rule-types.ts';

const TICKED = new Set(['1', 'x', 'y', 'yes', 'true']);
const UNTICKED = new Set(['0', 'n', 'no', 'false']);

/** 1 ticked, 0 not ticked, -1 blank, or the problem. `texts`: the option's label and the column's choice text. */
export function invalidOptionTick(cell: string, question: string, texts: readonly string[]): 1 | 0 | -1 | Message {
  const value = cell.trim();
  if (value === '') return -1;
  const lower = value.toLowerCase();
  if (TICKED.has(lower) || texts.some((text) => text.trim().toLowerCase() === lower)) return 1;
  if (UNTICKED.has(lower)) return 0;
  return say.FND232(value, question, texts[0] ?? '');
}

/** How the rule is met: a multi question's option columns are read by papaparse. */
export const rule: RowRule = { code: 'FND232', scanner: 'papaparse', applies: (config) => config.questions.some((q) => q.optionColumns.length > 0) };
