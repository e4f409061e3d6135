import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/build-charts.ts';
import { changeChart, PREVIOUS_COLOR } from '../../src/charts/change-chart.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { sampleResultsWithChange } from '../report/sample-change.ts';
import { sampleResults } from '../report/sample-results.ts';

function warningsOf(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...a: unknown[]) => {
      warnings.push(a.join(' '));
      return logger;
    },
    warn: (...a: unknown[]) => {
      warnings.push(a.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  compile(spec, { logger: logger as never });
  return warnings;
}

type Values = { code: string; previous: number | null; current: number | null; currentText: string; previousText: string }[];

describe('the change (dumbbell) chart', () => {
  const results = sampleResultsWithChange();

  it('is built only when the results compare with a previous round, last in report order', () => {
    expect(buildCharts(sampleResults).map((chart) => chart.name)).not.toContain('change');
    const charts = buildCharts(results);
    expect(charts.map((chart) => chart.name).at(-1)).toBe('change');
    const chart = charts.find((candidate) => candidate.name === 'change')!;
    expect(chart.title).toBe('What changed since 2013');
    expect(chart.alt).toBe(
      'Dumbbell chart of 8 themes, the share of respondents mentioning each in 2013 (n = 39) and 2014 (n = 44); new in 2014, with no earlier figure: <script>alert(1)</script> & "quotes" 7%; 2 changes survive the adjustment for the number of themes compared: Project structure fell from 90% to 52%; Peer models from other regions rose from 8% to 32%.',
    );
    expect(chart.table?.head).toEqual(['Theme', '2013', '2014', 'Change (points)']);
    expect(chart.table?.rows[1]).toEqual(['Project structure', '90% (35/39)', '52% (23/44)', '−38']);
  });

  it('compiles without warnings and renders with a size and no cut label', async () => {
    const spec = changeChart(results);
    expect(warningsOf(spec)).toEqual([]);
    const svg = await renderSvg(spec);
    const [, width, height] = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg) ?? [];
    expect(Number(width)).toBeGreaterThan(400);
    expect(Number(width)).toBeLessThanOrEqual(760);
    expect(Number(height)).toBeGreaterThan(200);
    expect(svg).not.toContain('…');
    expect(svg).toContain('What changed since 2013');
  });

  it('sorts top-level themes by this round’s share, sub-themes after their parent', () => {
    const values = (changeChart(results) as unknown as { data: { values: Values } }).data.values;
    expect(values.map((value) => value.code)).toEqual(['support', 'structure', 'structure-governance', 'structure-roles', 'time', 'peer', 'odd', 'funding']);
  });

  it('marks only the changes that survive the adjustment, so it reads in greyscale', () => {
    const values = (changeChart(results) as unknown as { data: { values: Values } }).data.values;
    const marked = values.filter((value) => /[▲▼]/.test(value.currentText)).map((value) => `${value.code} ${value.currentText}`);
    expect(marked).toEqual(['structure 52% ▼', 'peer 32% ▲']);
    // The previous round is a hollow ring in a muted grey; this round a filled dot.
    const layers = (changeChart(results) as unknown as { layer: { mark: { type: string; filled?: boolean; color?: string } }[] }).layer;
    expect(layers[1]?.mark).toMatchObject({ type: 'point', filled: false, color: PREVIOUS_COLOR });
    expect(layers[2]?.mark).toMatchObject({ type: 'point', filled: true });
  });

  it('gives an empty chart with a note when there is nothing to compare', async () => {
    const svg = await renderSvg(changeChart(sampleResults));
    expect(svg).toContain('No previous round to compare with');
  });
});
