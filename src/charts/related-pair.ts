import type { ThemeResult } from '../model.ts';

/**
 * Whether one of two themes is an ancestor of the other in the codebook. Such a pair co-occurs by
 * construction (a sub-theme's mentions count for its parent), so charts and the report leave it out
 * of co-occurrence rankings.
 *
 * @example
 * relatedPair(themes, 'structure', 'structure-roles'); // true
 */
const parents = new WeakMap<readonly ThemeResult[], Map<string, string | null>>();

export function relatedPair(themes: readonly ThemeResult[], a: string, b: string): boolean {
  // Built once per list of themes: called for every pair, a map per call was quadratic.
  let parent = parents.get(themes);
  if (parent === undefined) {
    parent = new Map(themes.map((theme) => [theme.code, theme.parent]));
    parents.set(themes, parent);
  }
  const links = parent;
  const isAncestor = (ancestor: string, code: string): boolean => {
    const seen = new Set<string>();
    for (let up = links.get(code) ?? null; up !== null && !seen.has(up); up = links.get(up) ?? null) {
      if (up === ancestor) return true;
      seen.add(up);
    }
    return false;
  };
  return isAncestor(a, b) || isAncestor(b, a);
}
