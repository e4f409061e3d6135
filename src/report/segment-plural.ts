import type { Results } from '../model.ts';
import { segmentNoun } from '../format/segment-noun.ts';
import { isolate } from '../format/isolate.ts';

/**
 * The plural noun of each segment for sentences, by id in report order: the config's `plural` when the
 * report was given one, else the label as a noun ("Funders" -> "funders").
 *
 * @example
 * segmentPlurals(results, { 'public-agency': 'public agencies' }).get('public-agency'); // "\u2068public agencies\u2069"
 */
export function segmentPlurals(results: Results, plurals: Record<string, string> = {}): Map<string, string> {
  return new Map(
    results.segments.map((segment) => {
      const given = Object.hasOwn(plurals, segment.id) ? plurals[segment.id]?.trim() : undefined;
      // Issue 17: marked as data text (format/isolate.ts), so a right-to-left noun keeps the figures beside it in place.
      return [segment.id, isolate(given !== undefined && given !== '' ? given : segmentNoun(segment.label))];
    }),
  );
}
