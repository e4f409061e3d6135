import type { ThemeResult } from '../model.ts';

export interface OrderedTheme {
  theme: ThemeResult;
  /** 0 for a top-level theme, 1 for its children, and so on. */
  depth: number;
}

/**
 * Themes in reading order for charts and tables: top-level themes by proportion (descending; ties by
 * respondents, then codebook order; undefined proportions last), each followed by its own sub-themes
 * in the same order. A theme whose parent is not among the results counts as top-level.
 */
export function themeOrder(themes: readonly ThemeResult[]): OrderedTheme[] {
  const codes = new Set(themes.map((theme) => theme.code));
  const position = new Map(themes.map((theme, index) => [theme.code, index]));
  const children = new Map<string | null, ThemeResult[]>();
  for (const theme of themes) {
    const parent = theme.parent !== null && codes.has(theme.parent) && theme.parent !== theme.code ? theme.parent : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(theme);
    children.set(parent, siblings);
  }
  const rank = (a: ThemeResult, b: ThemeResult): number =>
    (b.proportion ?? -1) - (a.proportion ?? -1) || b.respondents - a.respondents || (position.get(a.code) ?? 0) - (position.get(b.code) ?? 0);
  const ordered: OrderedTheme[] = [];
  const visited = new Set<string>();
  const visit = (parent: string | null, depth: number): void => {
    for (const theme of [...(children.get(parent) ?? [])].sort(rank)) {
      if (visited.has(theme.code)) continue;
      visited.add(theme.code);
      ordered.push({ theme, depth });
      visit(theme.code, depth + 1);
    }
  };
  visit(null, 0);
  // A cycle in the parent links would leave themes unvisited; list them rather than drop them.
  for (const theme of [...themes].sort(rank)) if (!visited.has(theme.code)) ordered.push({ theme, depth: 0 });
  return ordered;
}
