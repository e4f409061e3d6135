import type { Results } from '../model.ts';

/**
 * results.json as written to disk: two-space indentation, keys in the order the tally built them,
 * numbers at full double precision (JSON.stringify's shortest round-trip form), a final newline.
 * Undefined figures are already null in `Results`; a NaN or Infinity that slipped through would be
 * written as null by JSON.stringify, which is the contract's meaning for it.
 */
export function formatResultsJson(results: Results): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}
