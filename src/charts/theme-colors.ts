import type { ThemeResult } from '../model.ts';
import { ensureContrast } from './ensure-contrast.ts';

/**
 * Fallback palette: the hues of Tableau 10 and four more, each darkened just enough to stand out
 * against white at 3:1 (WCAG non-text contrast), so up to 14 top-level themes get distinct colours
 * (sub-themes take their parent's). Beyond that the palette repeats; the bars carry direct labels, so
 * colour never has to identify a theme on its own.
 */
export const PALETTE = [
  '#4e79a7',
  '#d77e26',
  '#e15759',
  '#659d99',
  '#59a14f',
  '#ab9134',
  '#b07aa1',
  '#cc7e86',
  '#9c755f',
  '#9a928f',
  '#3f7f9c',
  '#d37295',
  '#6b8e23',
  '#79706e',
] as const;

/** What colouring needs of a theme: results.json themes and trend.json themes both have it. */
export type ThemeLike = Pick<ThemeResult, 'code' | 'parent' | 'color'>;

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/**
 * The bar colour of each theme, by code: the codebook `color` when it is a hex colour; otherwise the
 * parent's colour, so sub-themes read as part of their parent; otherwise the next palette colour in
 * codebook order. A codebook colour too light to see against white (below 3:1) is darkened, keeping
 * its hue, until it reaches 3:1. Deterministic: the same codebook always gets the same colours.
 */
export function themeColors(themes: readonly ThemeLike[]): Map<string, string> {
  const byCode = new Map(themes.map((theme) => [theme.code, theme]));
  const colors = new Map<string, string>();
  let next = 0;
  const resolve = (theme: ThemeLike, seen: Set<string>): string => {
    const known = colors.get(theme.code);
    if (known !== undefined) return known;
    let color: string;
    const parent = theme.parent === null ? undefined : byCode.get(theme.parent);
    if (theme.color !== null && HEX.test(theme.color)) color = ensureContrast(theme.color, '#ffffff', 3);
    else if (parent !== undefined && !seen.has(parent.code)) color = resolve(parent, seen.add(theme.code));
    else color = PALETTE[next++ % PALETTE.length] ?? '#4e79a7';
    colors.set(theme.code, color);
    return color;
  };
  for (const theme of themes) resolve(theme, new Set());
  return colors;
}
