import { balanceIsolates } from './bidi.ts';
import { textWidth } from './text-width.ts';

/**
 * Breaks a label into lines no wider than `maxWidth` pixels at word boundaries, so long theme labels
 * wrap instead of being cut with "…". A single word wider than the limit keeps a line of its own.
 *
 * @example
 * wrapLabel('Concerns about the time commitment of partners', 160, 11);
 * // ["Concerns about the time", "commitment of partners"]
 */
export function wrapLabel(label: string, maxWidth: number, fontSize: number, fontWeight?: string): string[] {
  const words = label
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(candidate, fontSize, fontWeight) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  // Issue 17: an isolate (bidi.ts) cut by a line break is closed and reopened, so each line is whole.
  return balanceIsolates(lines);
}
