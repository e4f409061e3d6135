/**
 * WCAG 2.x contrast ratio of two sRGB colours given as `#rgb` or `#rrggbb`: (L1 + 0.05) / (L2 + 0.05)
 * with L the relative luminance of the lighter and the darker colour. 1 for equal colours, 21 for
 * black on white. WCAG AA asks 4.5 for text, 3 for large text and for graphics that carry meaning.
 * Reference: https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio and #dfn-relative-luminance.
 *
 * @example
 * contrastRatio('#767676', '#ffffff'); // ≈ 4.54
 */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** Relative luminance of an sRGB colour (WCAG 2.x; the 0.04045 threshold of IEC 61966-2-1). */
export function relativeLuminance(color: string): number {
  const [r, g, b] = parseHex(color).map((channel) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** `#rgb` or `#rrggbb` as [r, g, b] in 0–255; anything else is a programmer error. */
export function parseHex(color: string): [number, number, number] {
  const hex = color.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  if (!/^[0-9a-fA-F]{6}$/.test(full)) throw new Error(`not a hex colour: ${color}`);
  return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as [number, number, number];
}
