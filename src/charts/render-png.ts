import { existsSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';

/** Debian's fonts-dejavu-core, loaded by file so other fonts on the machine cannot change the output. */
const DEJAVU = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf']
  .map((name) => `/usr/share/fonts/truetype/dejavu/${name}`)
  .filter((file) => existsSync(file));

/**
 * Renders a chart's SVG to PNG at twice its size, for slides: resvg (no browser, no canvas), a white
 * background, DejaVu Sans for every text so the PNG matches the SVG's layout (text widths were
 * measured for DejaVu Sans, src/charts/text-width.ts). When the DejaVu files are present only they are
 * loaded, so the fonts of the machine cannot change the result; resvg writes no timestamp, so the
 * same SVG gives byte-identical PNG. Without them, system fonts are used. Rendering runs on libuv's
 * thread pool (resvg's renderAsync), so several charts render at once, beside the report's other work.
 */
export async function renderPng(svg: string, zoom = 2): Promise<Uint8Array> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: 'white',
    font: {
      loadSystemFonts: DEJAVU.length === 0,
      fontFiles: DEJAVU,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return new Uint8Array(image.asPng());
}
