/**
 * Issue 17: the co-occurrence heatmap's colour encodes the figure its cell prints. Read from the
 * rendered SVG of the 2014 round: every printed figure is matched to the rect under it, and a larger
 * printed figure never sits on a lighter cell (relative luminance, WCAG's formula).
 */
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/build-charts.ts';
import { relativeLuminance } from '../../src/charts/contrast-ratio.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot } from '../helpers/run-cli.ts';

function hex(fill: string): string {
  const rgb = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(fill);
  if (rgb === null) return fill;
  return `#${rgb
    .slice(1, 4)
    .map((channel) => Number(channel).toString(16).padStart(2, '0'))
    .join('')}`;
}

describe('co-occurrence heatmap of the 2014 round', async () => {
  const analysis = await analyzeRound('surveys/rpa-2014.yaml', repoRoot, { report: () => {} });
  if ('stopped' in analysis) throw new Error('stopped');
  const chart = buildCharts(analysis.results).find((candidate) => candidate.name === 'cooccurrence')!;
  const svg = await renderSvg(chart.spec);
  const rects = [...svg.matchAll(/aria-roledescription="rect mark" d="M([-\d.]+),([-\d.]+)h([\d.]+)v([\d.]+)h[-\d.]+Z" fill="([^"]+)"/g)].map((match) => ({
    x: Number(match[1]),
    y: Number(match[2]),
    width: Number(match[3]),
    height: Number(match[4]),
    luminance: relativeLuminance(hex(match[5]!)),
  }));
  const texts = [
    ...svg.matchAll(/aria-roledescription="text mark" text-anchor="middle" transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*>([^<]*)<\/text>/g),
  ].map((match) => ({
    x: Number(match[1]),
    y: Number(match[2]),
    text: match[3]!,
  }));
  const cells = texts.flatMap((text) => {
    const rect = rects.find(
      (candidate) => text.x > candidate.x && text.x < candidate.x + candidate.width && text.y - 4 > candidate.y && text.y - 4 < candidate.y + candidate.height,
    );
    return rect === undefined ? [] : [{ printed: text.text, luminance: rect.luminance }];
  });

  it('prints a figure on every coloured cell', () => {
    expect(rects.length).toBeGreaterThan(50);
    expect(cells).toHaveLength(rects.length);
  });

  it('colours a larger printed figure at least as dark', () => {
    const value = (printed: string) => Number(printed.replace('%', ''));
    for (const a of cells)
      for (const b of cells)
        if (value(a.printed) > value(b.printed)) expect(a.luminance, `${a.printed} against ${b.printed}`).toBeLessThanOrEqual(b.luminance + 1e-9);
  });
});
