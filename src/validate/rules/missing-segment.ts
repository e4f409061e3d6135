/** Rule missing-segment (FND206): every respondent belongs to a segment. */
export function missingSegment(segment: string): string | null {
  return segment === '' ? 'empty segment' : null;
}
