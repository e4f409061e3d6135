import { say, type Message } from '../../messages.ts';
import type { ExcerptRule } from '../rule-types.ts';

/**
 * Rule respondent-conflict (FND219): every excerpt of a respondent gives the same segment (and the
 * same weight), since the segment and weight belong to the respondent, not to the excerpt.
 */
export function respondentConflict(what: 'segment' | 'weight', first: string, value: string, firstLine: number): Message | null {
  if (value === first) return null;
  return say.FND219(what, value, first, firstLine);
}

/** A rule of the excerpt layouts (validate-excerpts.ts). */
export const rule: ExcerptRule = { code: 'FND219', layout: 'excerpts' };
