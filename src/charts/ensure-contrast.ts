import { contrastRatio, parseHex } from './contrast-ratio.ts';

/**
 * The colour itself when it already reaches `ratio` against `background`, else the same hue mixed
 * with black, in 1% steps, until it does. Keeps codebook colours recognisable while making every bar
 * visible against white (WCAG 2.x non-text contrast, 3:1). Returns lowercase `#rrggbb`.
 *
 * @example
 * ensureContrast('#edc948', '#ffffff', 3); // "#ab9134" (a darker gold)
 */
export function ensureContrast(color: string, background = '#ffffff', ratio = 3): string {
  const [r, g, b] = parseHex(color);
  for (let step = 0; step <= 100; step++) {
    const keep = 1 - step / 100;
    const candidate = toHex(r * keep, g * keep, b * keep);
    if (contrastRatio(candidate, background) >= ratio) return candidate;
  }
  return '#000000';
}

/** Mixes a colour with white: `amount` 0 keeps it, 1 gives white. */
export function tint(color: string, amount: number): string {
  const [r, g, b] = parseHex(color);
  return toHex(r + (255 - r) * amount, g + (255 - g) * amount, b + (255 - b) * amount);
}

function toHex(...channels: number[]): string {
  return `#${channels
    .map((channel) =>
      Math.round(Math.min(255, Math.max(0, channel)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
