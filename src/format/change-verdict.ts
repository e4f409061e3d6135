import type { ChangeFigure } from '../model.ts';

export type ChangeVerdict =
  | 'rose'
  | 'fell'
  | 'no detectable change'
  | 'not testable'
  | 'low base, not interpreted'
  | 'new code, no earlier figure'
  | 'retired, no current figure';

/**
 * What a round-to-round change may be called. "rose" or "fell" only when the Benjamini–Hochberg
 * adjusted p is below `alpha` and both bases reach `minBase`; a low base is never interpreted, and a
 * comparison without a p-value (a base of 0, or no variation in either round) is not testable. A
 * code that did not exist in one of the rounds (its figure for that round is null) is never
 * compared (CONTRACT.md, Additions): it is a new code or a retired one, whatever the bases.
 * The report's sentences, tables and charts all ask this one function.
 *
 * @example
 * changeVerdict({ ...figure, difference: -0.25, pAdjusted: 0.01 }, 0.05, 5); // "fell"
 */
export function changeVerdict(figure: ChangeFigure, alpha: number, minBase: number, lowBase = false): ChangeVerdict {
  if (figure.previous.respondents === null) return 'new code, no earlier figure';
  if (figure.current.respondents === null) return 'retired, no current figure';
  if (lowBase || figure.previous.base < minBase || figure.current.base < minBase) return 'low base, not interpreted';
  if (figure.pAdjusted === null || figure.difference === null || !Number.isFinite(figure.pAdjusted)) return 'not testable';
  if (!(figure.pAdjusted < alpha) || figure.difference === 0) return 'no detectable change';
  return figure.difference > 0 ? 'rose' : 'fell';
}
