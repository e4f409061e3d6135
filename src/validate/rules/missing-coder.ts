import { say, type Message } from '../../messages.ts';
import type { ExcerptRule } from '../rule-types.ts';

/**
 * Rule missing-coder (FND220): when the excerpt data have a coder column, every excerpt names its
 * coder; an excerpt of nobody's cannot be tallied (is it the primary coder's?) or compared.
 */
export function missingCoder(coder: string): Message | null {
  return coder === '' ? say.FND220() : null;
}

/** A rule of the excerpt layouts (validate-excerpts.ts). */
export const rule: ExcerptRule = { code: 'FND218', layout: 'excerpts' };
