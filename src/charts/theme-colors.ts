import type { ThemeResult } from '../model.ts';

/**
 * Fallback palette: Tableau 10, then four darker hues from Tableau 20, so up to 14 top-level themes get
 * distinct colours (sub-themes take their parent's). Beyond that the palette repeats; the bars carry
 * direct labels, so colour never has to identify a theme on its own.
 */
const PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#499894', '#d37295', '#b6992d', '#79706e',
] as const;

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/**
 * The bar colour of each theme, by code: the codebook `color` when it is a hex colour; otherwise the
 * parent's colour, so sub-themes read as part of their parent; otherwise the next palette colour in
 * codebook order. Deterministic: the same codebook always gets the same colours.
 */
export function themeColors(themes: readonly ThemeResult[]): Map<string, string> {
  const byCode = new Map(themes.map((theme) => [theme.code, theme]));
  const colors = new Map<string, string>();
  let next = 0;
  const resolve = (theme: ThemeResult, seen: Set<string>): string => {
    const known = colors.get(theme.code);
    if (known !== undefined) return known;
    let color: string;
    const parent = theme.parent === null ? undefined : byCode.get(theme.parent);
    if (theme.color !== null && HEX.test(theme.color)) color = theme.color.toLowerCase();
    else if (parent !== undefined && !seen.has(parent.code)) color = resolve(parent, seen.add(theme.code));
    else color = PALETTE[next++ % PALETTE.length] ?? '#4e79a7';
    colors.set(theme.code, color);
    return color;
  };
  for (const theme of themes) resolve(theme, new Set());
  return colors;
}
