import type { ThemeResult } from '../model.ts';

/**
 * Whether one of two themes is an ancestor of the other in the codebook. Such a pair co-occurs by
 * construction (a sub-theme's mentions count for its parent), so charts and the report leave it out
 * of co-occurrence rankings.
 *
 * @example
 * relatedPair(themes, 'structure', 'structure-roles'); // true
 */
export function relatedPair(themes: readonly ThemeResult[], a: string, b: string): boolean {
  const parent = new Map(themes.map((theme) => [theme.code, theme.parent]));
  const isAncestor = (ancestor: string, code: string): boolean => {
    const seen = new Set<string>();
    for (let up = parent.get(code) ?? null; up !== null && !seen.has(up); up = parent.get(up) ?? null) {
      if (up === ancestor) return true;
      seen.add(up);
    }
    return false;
  };
  return isAncestor(a, b) || isAncestor(b, a);
}
