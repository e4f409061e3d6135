/** ColorBrewer BrBG, 11 classes, with its near-white centre replaced by a mid grey that shows on white. */
const STOPS = ['#543005', '#8c510a', '#bf812d', '#dfc27d', '#f6e8c3', '#cccccc', '#c7eae5', '#80cdc1', '#35978f', '#01665e', '#003c30'] as const;

/** ColorBrewer BrBG (Cynthia Brewer, colorbrewer2.org) for 3–9 classes; the middle of odd counts is grey. */
const BREWER: Readonly<Record<number, readonly string[]>> = {
  2: ['#bf812d', '#35978f'],
  3: ['#d8b365', '#cccccc', '#5ab4ac'],
  4: ['#a6611a', '#dfc27d', '#80cdc1', '#018571'],
  5: ['#a6611a', '#dfc27d', '#cccccc', '#80cdc1', '#018571'],
  6: ['#8c510a', '#d8b365', '#f6e8c3', '#c7eae5', '#5ab4ac', '#01665e'],
  7: ['#8c510a', '#d8b365', '#f6e8c3', '#cccccc', '#c7eae5', '#5ab4ac', '#01665e'],
  8: ['#8c510a', '#bf812d', '#dfc27d', '#f6e8c3', '#c7eae5', '#80cdc1', '#35978f', '#01665e'],
  9: ['#8c510a', '#bf812d', '#dfc27d', '#f6e8c3', '#cccccc', '#c7eae5', '#80cdc1', '#35978f', '#01665e'],
};

/**
 * `count` colours for ordered levels, brown (low) through grey (neutral) to blue-green (high). Lightness
 * falls from the centre outwards on both sides, so in greyscale each level is still told from its
 * neighbour and the side of zero tells agreement from disagreement; the pair is safe for the common
 * colour-vision deficiencies. Beyond 9 levels the 11 stops are sampled evenly.
 *
 * @example
 * divergingColors(5); // ["#a6611a", "#dfc27d", "#cccccc", "#80cdc1", "#018571"]
 */
export function divergingColors(count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return ['#cccccc'];
  const brewer = BREWER[count];
  if (brewer !== undefined) return [...brewer];
  return Array.from({ length: count }, (_, index) => {
    const at = Math.round((index * (STOPS.length - 1)) / (count - 1));
    return STOPS[at] ?? '#cccccc';
  });
}
