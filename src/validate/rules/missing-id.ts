import { say, type Message } from '../../messages.ts';
import type { RowRule } from '../rule-types.ts';

/** Rule missing-id (FND205): every row needs a respondent id. */
export function missingId(id: string): Message | null {
  return id === '' ? say.FND205() : null;
}

/** How the rule is met. */
export const rule: RowRule = { code: 'FND205', scanner: 'cell', cell: { column: 'id', check: missingId } };
