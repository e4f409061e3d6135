/**
 * Rule respondent-conflict (FND219): every excerpt of a respondent gives the same segment (and the
 * same weight), since the segment and weight belong to the respondent, not to the excerpt.
 */
export function respondentConflict(what: 'segment' | 'weight', first: string, value: string, firstLine: number): string | null {
  if (value === first) return null;
  return `${what} ${JSON.stringify(value)} differs from ${JSON.stringify(first)} given for the same respondent on line ${firstLine}`;
}
