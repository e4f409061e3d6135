import { say, type Message, type RespondentSource } from '../../messages.ts';
import type { ExcerptRule } from '../rule-types.ts';

/**
 * Rule unknown-respondent (FND218): an excerpt belongs to a respondent the study has: one listed in
 * the respondent file (`data.respondents`), or, for an excerpt file beside respondent-per-row data
 * (`data.excerpts`), a row of the data. `show` renders the id (privacy.respondentIds).
 */
export function unknownRespondent(known: boolean, id: string, where: RespondentSource, show: (id: string) => string): Message | null {
  return known ? null : say.FND218.notIn(show(id), where);
}

/** A rule of the excerpt layouts (validate-excerpts.ts). */
export const rule: ExcerptRule = { code: 'FND220', layout: 'excerpts' };
