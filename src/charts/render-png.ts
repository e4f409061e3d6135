import { Resvg } from '@resvg/resvg-js';

/**
 * Renders a chart's SVG to PNG at twice its size, for slides: resvg (no browser, no canvas), a white
 * background, DejaVu Sans for every sans-serif text so the PNG matches the SVG's layout (text widths
 * were measured for DejaVu Sans, src/charts/text-width.ts). resvg writes no timestamp, so the same
 * SVG and the same fonts give byte-identical PNG.
 */
export function renderPng(svg: string, zoom = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}
