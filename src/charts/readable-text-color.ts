import { contrastRatio } from './contrast-ratio.ts';

/**
 * Black or white, whichever contrasts more with the fill behind a label. Pure black and white
 * guarantee at least 4.58:1 on any fill (their contrasts cross at luminance ≈ 0.18), so a label on a
 * bar or a heatmap cell always meets WCAG AA for text.
 *
 * @example
 * readableTextColor('#08519c'); // "#ffffff"
 * readableTextColor('#c6dbef'); // "#000000"
 */
export function readableTextColor(fill: string): '#000000' | '#ffffff' {
  return contrastRatio(fill, '#ffffff') >= contrastRatio(fill, '#000000') ? '#ffffff' : '#000000';
}
