/**
 * Issue 17: the trend chart's value labels are placed where no line runs through them (no line-mark
 * segment and no interval rule crosses a label's box, read from the rendered SVG's geometry), no two
 * labels overlap, and no panel slot is left empty with an axis under it (every x axis belongs to a
 * panel with a line).
 */
import { describe, expect, it } from 'vitest';
import { labelCorner, trendChart } from '../../src/charts/trend-chart.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import type { TrendResults } from '../../src/model.ts';
import { analyzeTrend } from '../../src/rounds/analyze-trend.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { crosses, overlap, svgGeometry } from './svg-geometry.ts';

function checkGeometry(svg: string, themes: number): void {
  const { labels, segments, lines, xAxes } = svgGeometry(svg);
  expect(lines).toBe(themes);
  expect(xAxes).toBe(themes);
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) {
    for (const segment of segments)
      expect(crosses(segment, label), `${label.text} at ${label.x1.toFixed(1)},${label.y1.toFixed(1)} crossed by ${JSON.stringify(segment)}`).toBe(false);
  }
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i]!, labels[j]!), `${labels[i]!.text} / ${labels[j]!.text}`).toBe(false);
}

describe('the default trend (surveys/rpa-2014 to 2016)', async () => {
  const trend = await analyzeTrend(['surveys/rpa-2016.yaml'], repoRoot, { report: () => {} });
  if (typeof trend === 'string') throw new Error(trend);

  it('draws 14 panels, each with its own axis, no empty slot, and no label crossed by a line', async () => {
    expect(trend.themes).toHaveLength(14);
    checkGeometry(await renderSvg(trendChart(trend)), 14);
  });

  it('keeps the labels clear in steep and crossing series too', async () => {
    const patterns = [
      [0.1, 0.9, 0.1],
      [0.9, 0.1, 0.9],
      [0.5, 0.52, 0.48],
      [0.02, 0.5, 0.98],
      [0.98, 0.5, 0.02],
      [0.3, 0.3, 0.3],
      [0.6, 0.95, 0.6],
      [0.4, 0.05, 0.4],
    ];
    const steep: TrendResults = structuredClone(trend);
    steep.themes = steep.themes.slice(0, patterns.length).map((theme, index) => ({
      ...theme,
      parent: null,
      points: theme.points.map((point, round) => {
        const proportion = patterns[index]![round]!;
        return {
          ...point,
          respondents: Math.round(proportion * point.base),
          proportion,
          ci: [Math.max(0, proportion - 0.12), Math.min(1, proportion + 0.12)] as [number, number],
        };
      }),
    }));
    checkGeometry(await renderSvg(trendChart(steep)), patterns.length);
  });
});

describe('labelCorner', () => {
  it('takes the right-hand corner the next segment leaves free', () => {
    expect(labelCorner(null, 0.5, 0.8)).toBe('below-right');
    expect(labelCorner(null, 0.5, 0.2)).toBe('above-right');
    expect(labelCorner(0.2, 0.5, null)).toBe('above-right');
  });

  it('moves left when the free right corner has no room in the panel', () => {
    // 0.9 rising to 0.95: below-right has room; 0.95 falling to 0.5 needs above, no room: the left side.
    expect(labelCorner(0.9, 0.95, 0.5)).toBe('above-right');
    expect(labelCorner(0.99, 0.95, 0.5)).toBe('below-left');
    expect(labelCorner(null, 0.05, 0.5)).toBe('above-left');
  });
});
