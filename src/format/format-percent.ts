/**
 * A proportion as a whole percentage for the report's text and tables ("91%"); null reads "n/a".
 * Every percentage the reader sees goes through here, so a sentence and its table cell always agree.
 *
 * @example
 * formatPercent(0.909); // "91%"
 */
export function formatPercent(proportion: number | null): string {
  if (proportion === null || !Number.isFinite(proportion)) return 'n/a';
  return `${wholePercent(proportion)}%`;
}

function wholePercent(proportion: number): number {
  // Round half up on the percentage; `+ 0` turns -0 into 0.
  return Math.round(proportion * 100) + 0;
}
