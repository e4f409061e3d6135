/**
 * Rule invalid-tick (FND225): read one cell of a one-hot theme column. Ticked: 1, x, X, y, Y, yes,
 * true (any case), or the column's choice text (SurveyMonkey writes the choice label into a ticked
 * cell, Qualtrics can too). Not ticked: blank, 0, n, no, false. Anything else is a message, because
 * a cell like "2" or "maybe" may be a mistake in the export or in the column list.
 *
 * @example
 * invalidTick('X', null); // true
 * invalidTick('', 'Structure'); // false
 */
import { say, type Message } from '../../messages.ts';
import type { RowRule } from '../rule-types.ts';

const TICKED = new Set(['1', 'x', 'y', 'yes', 'true']);
const UNTICKED = new Set(['', '0', 'n', 'no', 'false']);

export function invalidTick(cell: string, choice: string | null): boolean | Message {
  const value = cell.trim();
  const lower = value.toLowerCase();
  if (TICKED.has(lower) || (choice !== null && value === choice)) return true;
  if (UNTICKED.has(lower)) return false;
  return say.FND225(value, choice);
}

/** How the rule is met: issue 19, the byte scanner reads 0, 1, blank and the choice itself and asks invalidTick about any other cell (scan-block.ts). */
export const rule: RowRule = { code: 'FND225', scanner: 'bytes', applies: (config) => config.data.themeColumns != null };
