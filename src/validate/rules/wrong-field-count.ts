import { say, type Message } from '../../messages.ts';
import type { RowRule } from '../rule-types.ts';

/** Rule wrong-field-count (FND203): a row must have as many fields as the header. */
export function wrongFieldCount(fields: number, width: number): Message | null {
  if (fields === width) return null;
  return say.FND203(fields, width);
}

/** How the rule is met: the scanner counts the fields. */
export const rule: RowRule = { code: 'FND203', scanner: 'bytes' };
