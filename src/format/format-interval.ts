import type { Interval } from '../model.ts';

/**
 * An interval of proportions as whole percentages, "48–85%" (en dash); null reads "n/a".
 * Bounds round like `formatPercent`, so a rounded estimate always lies inside its rounded interval.
 *
 * @example
 * formatInterval([0.4810, 0.8545]); // "48–85%"
 */
export function formatInterval(ci: Interval | null): string {
  if (ci === null || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return 'n/a';
  return `${Math.round(ci[0] * 100) + 0}–${Math.round(ci[1] * 100) + 0}%`;
}
