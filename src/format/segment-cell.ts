import type { SegmentThemeResult, ThemeResult } from '../model.ts';

/**
 * A theme's figures for one segment. `bySegment` follows the order of `results.segments`, so the
 * segment's position finds it at once; the search is only a fallback. (Looking it up by search in a
 * loop over segments and themes made 1,000 themes × 500 segments quadratic.)
 *
 * @example
 * results.segments.map((segment, i) => segmentCell(theme, segment.id, i));
 */
export function segmentCell(theme: ThemeResult, segment: string, position: number): SegmentThemeResult | undefined {
  const direct = theme.bySegment[position];
  return direct !== undefined && direct.segment === segment ? direct : theme.bySegment.find((cell) => cell.segment === segment);
}
