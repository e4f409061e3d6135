import { say, type Message } from '../../messages.ts';
import type { IdSet } from '../id-set.ts';
import type { RowRule } from '../rule-types.ts';

/**
 * Rule duplicate-id (FND204): respondent ids are unique. Remembers the line of each id's first
 * use, so the message can point at it. `show` renders the id (privacy.respondentIds: shown, hashed or left out).
 */
export function duplicateId(seen: IdSet, id: string, line: number, show: (id: string) => string = (x) => ` "${x}"`): Message | null {
  const first = seen.firstLine(id, line);
  return first === -1 ? null : say.FND204.row(show(id), first);
}

/** How the rule is met: the validator's IdSet, asked with the id's bytes. */
export const rule: RowRule = { code: 'FND204', scanner: 'bytes' };
