import { say, type Message } from '../../messages.ts';

/** Rule missing-segment (FND206): every respondent belongs to a segment. */
export function missingSegment(segment: string): Message | null {
  return segment === '' ? say.FND206() : null;
}
