/**
 * Segment colours: each at least 3:1 against white (WCAG non-text contrast), and every two at least
 * 0.05 apart in relative luminance (0.018, 0.072, 0.125, 0.180, 0.232, 0.290), so any two segments
 * stay apart printed in black and white, whichever slots their ids take. Charcoal, orange, green,
 * purple, brown, blue.
 */
export const SEGMENT_COLORS = ['#23232d', '#d57d26', '#2e947b', '#8d4a8d', '#ac641b', '#1f4e7a'] as const;

/** FNV-1a, 32 bit, over the UTF-16 code units of the id. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/**
 * The colour of each segment, by id (issue 17): fixed by the id itself, so a segment keeps its colour
 * in every round's report whatever other segments the round has, in whatever order. Each id's slot
 * in SEGMENT_COLORS is its FNV-1a hash modulo the palette's size; when two ids of one chart share a
 * slot, the ids are taken in code-unit order and a later one takes the next free slot (so only a
 * colliding segment can differ between two charts, and only when the set of colliding segments
 * differs). With more segments than colours the palette repeats. Low-base segments keep their colour
 * (the chart draws them faded and says so); they are never recoloured.
 *
 * @example
 * segmentColors(['funder', 'nonprofit', 'public-agency']); // funder #1f4e7a, nonprofit #2e947b, public-agency #ac641b
 */
export function segmentColors(ids: readonly string[]): Map<string, string> {
  const size = SEGMENT_COLORS.length;
  const taken = new Set<number>();
  const colors = new Map<string, string>();
  for (const id of [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    let slot = hash(id) % size;
    if (taken.size < size) while (taken.has(slot)) slot = (slot + 1) % size;
    taken.add(slot);
    colors.set(id, SEGMENT_COLORS[slot] ?? SEGMENT_COLORS[0]);
  }
  return colors;
}
