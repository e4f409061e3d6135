import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/build-charts.ts';
import { renderPng } from '../../src/charts/render-png.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { sampleResultsWithChange } from '../report/sample-change.ts';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('renderPng', () => {
  it('renders every chart at 2x, byte for byte the same on every run', async () => {
    const charts = buildCharts(sampleResultsWithChange());
    expect(charts.length).toBeGreaterThanOrEqual(5);
    for (const chart of charts) {
      const svg = await renderSvg(chart.spec);
      const first = await renderPng(svg);
      const second = await renderPng(await renderSvg(structuredClone(chart.spec)));
      expect([...first.subarray(0, 8)], chart.name).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(Buffer.from(second).equals(Buffer.from(first)), chart.name).toBe(true);
      const [, width, height] = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg) ?? [];
      const size = pngSize(first);
      expect(Math.abs(size.width - 2 * Number(width)), chart.name).toBeLessThanOrEqual(1);
      expect(Math.abs(size.height - 2 * Number(height)), chart.name).toBeLessThanOrEqual(1);
    }
  });

  it('draws the text (fonts found), so a chart is not a blank picture', async () => {
    const chart = buildCharts(sampleResultsWithChange()).find((candidate) => candidate.name === 'theme-prevalence')!;
    const svg = await renderSvg(chart.spec);
    // The same chart with its text removed compresses smaller: text adds pixels.
    const withoutText = svg.replace(/<text[^>]*>[\s\S]*?<\/text>/g, '');
    expect((await renderPng(svg)).length).toBeGreaterThan((await renderPng(withoutText)).length * 1.2);
  });
});
