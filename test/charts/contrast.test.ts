/**
 * WCAG AA, numerically: every bar, dot and line that carries a figure stands out against the white
 * background at 3:1 (non-text contrast), and every piece of chart text at 4.5:1 against what is behind
 * it. Charts also read in greyscale: segment colours differ in lightness, the change chart's rounds
 * differ in shape, and every bar has a direct label.
 */
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/build-charts.ts';
import { JOIN_COLOR, PREVIOUS_COLOR } from '../../src/charts/change-chart.ts';
import { BLUES, blues } from '../../src/charts/cooccurrence-chart.ts';
import { contrastRatio, relativeLuminance } from '../../src/charts/contrast-ratio.ts';
import { divergingColors } from '../../src/charts/diverging-colors.ts';
import { ensureContrast } from '../../src/charts/ensure-contrast.ts';
import { likertChart } from '../../src/charts/likert-chart.ts';
import { readableTextColor } from '../../src/charts/readable-text-color.ts';
import { PALETTE, themeColors } from '../../src/charts/theme-colors.ts';
import { theme } from '../../src/charts/theme.ts';
import { SEGMENT_COLORS } from '../../src/charts/segment-colors.ts';
import { trendChart } from '../../src/charts/trend-chart.ts';
import { sampleResultsWithChange, sampleTrend } from '../report/sample-change.ts';
import { sampleResults } from '../report/sample-results.ts';

const WHITE = '#ffffff';

/** Every `color`-like string value in a spec, with where it was found. */
function colorsIn(value: unknown, keys: RegExp, where = ''): { where: string; color: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => colorsIn(item, keys, `${where}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'string' && keys.test(key) && /^#[0-9a-f]{3,6}$/i.test(child)
      ? [{ where: `${where}.${key}`, color: child }]
      : colorsIn(child, keys, `${where}.${key}`),
  );
}

describe('contrastRatio', () => {
  it('matches the WCAG definition', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2); // the lightest grey that passes 4.5:1
    expect(contrastRatio('#fff', '#777')).toBeCloseTo(contrastRatio('#777777', '#ffffff'), 12);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2158605, 6);
  });

  it('ensureContrast darkens a light colour just enough, keeping its hue', () => {
    for (const light of ['#edc948', '#ff9da7', '#bab0ac', '#76b7b2', '#ffffff', '#ff0']) {
      const dark = ensureContrast(light);
      expect(contrastRatio(dark, WHITE), light).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(dark, WHITE), light).toBeLessThan(3.3);
    }
    expect(ensureContrast('#1f4e79')).toBe('#1f4e79');
  });

  it('readableTextColor always reaches 4.5:1', () => {
    for (let grey = 0; grey <= 255; grey += 5) {
      const fill = `#${grey.toString(16).padStart(2, '0').repeat(3)}`;
      expect(contrastRatio(readableTextColor(fill), fill), fill).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('bars against white: at least 3:1', () => {
  it('the fallback palette, segment colours and the change chart’s marks', () => {
    for (const color of [...PALETTE, ...SEGMENT_COLORS, PREVIOUS_COLOR, JOIN_COLOR]) {
      expect(contrastRatio(color, WHITE), color).toBeGreaterThanOrEqual(3);
    }
  });

  it('every theme colour, even when the codebook asks for a pale one', () => {
    const pale = structuredClone(sampleResults);
    pale.themes[0]!.color = '#ffe8a0';
    pale.themes[1]!.color = '#eee';
    for (const results of [sampleResults, pale]) {
      for (const [code, color] of themeColors(results.themes)) expect(contrastRatio(color, WHITE), code).toBeGreaterThanOrEqual(3);
    }
    for (const [code, color] of themeColors(sampleTrend().themes)) expect(contrastRatio(color, WHITE), code).toBeGreaterThanOrEqual(3);
  });

  it('bars of the prevalence and change charts are opaque (opacity would lighten them)', () => {
    for (const chart of buildCharts(sampleResultsWithChange()).filter((candidate) => ['theme-prevalence', 'change'].includes(candidate.name))) {
      expect(JSON.stringify(chart.spec), chart.name).not.toMatch(/"opacity":\s*0\.\d/);
    }
  });

  it('Likert bars have a dark outline, since their middle levels are light', () => {
    const layers = (likertChart(sampleResults, 'continue') as unknown as { layer: { mark: { type: string; stroke?: string; fillOpacity?: number } }[] }).layer;
    const outline = layers.find((layer) => layer.mark.fillOpacity === 0);
    expect(outline?.mark.stroke).toBeDefined();
    expect(contrastRatio(outline!.mark.stroke!, WHITE)).toBeGreaterThanOrEqual(3);
  });
});

describe('chart text: at least 4.5:1 against what is behind it', () => {
  it('the theme’s titles, subtitles, axis and legend text', () => {
    const colors = colorsIn(theme, /^(color|subtitleColor|labelColor|titleColor)$/);
    expect(colors.length).toBeGreaterThanOrEqual(6);
    for (const { where, color } of colors) expect(contrastRatio(color, WHITE), where).toBeGreaterThanOrEqual(4.5);
  });

  it('every text mark colour set in any chart, drawn on white', () => {
    const charts = [...buildCharts(sampleResultsWithChange()).map((chart) => chart.spec), trendChart(sampleTrend())];
    let seen = 0;
    for (const spec of charts) {
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) {
          node.forEach(walk);
          return;
        }
        if (node === null || typeof node !== 'object') return;
        const record = node as Record<string, unknown>;
        const mark = record.mark as { type?: string; color?: string; stroke?: string } | undefined;
        if (mark !== undefined && mark.type === 'text' && typeof mark.color === 'string' && mark.stroke === undefined) {
          seen++;
          expect(contrastRatio(mark.color, WHITE), JSON.stringify(mark)).toBeGreaterThanOrEqual(4.5);
        }
        const color = (record.encoding as { color?: { condition?: { value?: string }; value?: string } } | undefined)?.color;
        if (mark?.type === 'text' && color?.value !== undefined && color.condition === undefined) {
          seen++;
          expect(contrastRatio(color.value, WHITE)).toBeGreaterThanOrEqual(4.5);
        }
        Object.values(record).forEach(walk);
      };
      walk(spec);
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('percentages on Likert bars, on each level’s own colour', () => {
    for (const count of [2, 3, 4, 5, 6, 7, 9, 11]) {
      for (const fill of divergingColors(count)) {
        const text = readableTextColor(fill);
        expect(contrastRatio(text, fill), `${count} levels, ${fill}`).toBeGreaterThanOrEqual(4.5);
      }
    }
    const values = (
      likertChart(sampleResults, 'continue') as unknown as { data: { values: { text: string; textColor: string; order: number; lowBase: boolean }[] } }
    ).data.values;
    const colors = divergingColors(5);
    for (const value of values.filter((candidate) => candidate.text !== '' && !candidate.lowBase)) {
      expect(contrastRatio(value.textColor, colors[value.order]!)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('counts on heatmap cells, on each cell’s own blue', () => {
    for (let t = 0; t <= 1; t += 0.01) expect(contrastRatio(readableTextColor(blues(t)), blues(t)), String(t)).toBeGreaterThanOrEqual(4.5);
    expect(blues(0)).toBe(BLUES[0]);
    expect(blues(1)).toBe(BLUES[BLUES.length - 1]);
    const chart = buildCharts(sampleResults).find((candidate) => candidate.name === 'cooccurrence')!;
    const cells = (chart.spec as unknown as { data: { values: { fill: string; textColor: string }[] } }).data.values;
    for (const cell of cells) expect(contrastRatio(cell.textColor, cell.fill)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('greyscale', () => {
  it('every two segment colours differ in lightness, not only in hue (a segment’s slot comes from its id)', () => {
    const luminance = SEGMENT_COLORS.map(relativeLuminance);
    for (let i = 0; i < luminance.length; i++) {
      for (let j = i + 1; j < luminance.length; j++) expect(Math.abs(luminance[i]! - luminance[j]!)).toBeGreaterThanOrEqual(0.05);
    }
  });

  it('Likert levels get lighter towards the middle on both sides', () => {
    const l = divergingColors(5).map(relativeLuminance);
    expect(l[0]!).toBeLessThan(l[1]!);
    expect(l[1]!).toBeLessThan(l[2]!);
    expect(l[4]!).toBeLessThan(l[3]!);
    expect(l[3]!).toBeLessThan(l[2]!);
  });
});
