import { say, type Message } from '../../messages.ts';
import type { RowRule } from '../rule-types.ts';

/** Rule missing-segment (FND206): every respondent belongs to a segment. */
export function missingSegment(segment: string): Message | null {
  return segment === '' ? say.FND206.empty() : null;
}

/** How the rule is met. */
export const rule: RowRule = { code: 'FND206', scanner: 'cell', cell: { column: 'segment', check: missingSegment } };
