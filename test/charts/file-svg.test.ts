/**
 * Issue 19: a standalone chart file's SVG (charts/<name>.svg) is drawn around the report's own
 * drawing (fileSvg) instead of Vega laying the file variant (fileSpec) out a second time. It must
 * say what Vega's layout of fileSpec says, at the same size, with the lines under the chart where
 * Vega puts them; where it cannot (another title, a title wider than the chart), fileSvg declines
 * and the caller renders fileSpec.
 */
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/build-charts.ts';
import { type ChartFrame, fileSpec, fileSvg, roundFrame, trendFrame } from '../../src/charts/file-spec.ts';
import { guardVegaNames } from '../../src/charts/guard-vega-names.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { trendChart } from '../../src/charts/trend-chart.ts';
import { analyzeTrend } from '../../src/rounds/analyze-trend.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { sampleResults } from '../report/sample-results.ts';
import { svgLines } from './svg-lines.ts';

function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg\b[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { width: Number(match?.[1]), height: Number(match?.[2]) };
}

/** Where the text that holds `line` starts, from the top left of the SVG: every enclosing translate added up. */
function originOf(svg: string, line: string): { x: number; y: number } {
  const at = svg.indexOf(`>${line}<`);
  const start = svg.lastIndexOf('<text', at);
  const open: { x: number; y: number }[] = [];
  const translate = (tag: string) => {
    const match = /transform="translate\(([-\d.]+),([-\d.]+)\)"/.exec(tag);
    return { x: Number(match?.[1] ?? 0), y: Number(match?.[2] ?? 0) };
  };
  for (const tag of svg.slice(0, start).matchAll(/<g\b[^>]*>|<\/g>/g)) {
    if (tag[0] === '</g>') open.pop();
    else if (!tag[0].endsWith('/>')) open.push(translate(tag[0])); // an empty group closes itself
  }
  const own = translate(svg.slice(start, at));
  return open.reduce((sum, each) => ({ x: sum.x + each.x, y: sum.y + each.y }), own);
}

/** Both drawings of a chart's file: around the report's drawing, and Vega's layout of fileSpec. */
async function draw(name: string, spec: TopLevelSpec, frame: ChartFrame): Promise<{ name: string; title: string; composed: string | null; laidOut: string }> {
  const embedded = await renderSvg(spec);
  return { name, title: frame.title, composed: fileSvg(spec, frame, embedded), laidOut: await renderSvg(fileSpec(spec, frame, embedded)) };
}

describe('standalone chart files drawn around the report’s drawing (issue 19)', async () => {
  const charts = buildCharts(sampleResults).filter((chart) => chart.frame !== undefined);
  // The trend chart too: a facet, with a title of its own in every panel.
  const trend = await analyzeTrend(['surveys/rpa-2016.yaml'], repoRoot, { report: () => {} });
  if (typeof trend === 'string') throw new Error(trend);
  const drawn = await Promise.all([
    ...charts.map((chart) => draw(chart.name, chart.spec, chart.frame!)),
    draw('trend', guardVegaNames(trendChart(trend)), trendFrame(trend, 'Themes across rounds')),
  ]);

  it('draws every chart of the sample round and the trend', () => {
    expect(drawn.length).toBeGreaterThanOrEqual(5);
    for (const { name, composed } of drawn) expect(composed, name).not.toBeNull();
  });

  it.each(drawn.map(({ name }) => name))('%s: the same text and size as Vega’s layout of the file variant', (name) => {
    const { composed, laidOut } = drawn.find((each) => each.name === name)!;
    expect(svgLines(composed!).sort()).toEqual(svgLines(laidOut).sort());
    expect(svgSize(composed!)).toEqual(svgSize(laidOut));
  });

  it.each(drawn.map(({ name }) => name))('%s: the source line where Vega puts it, under the start of the title', (name) => {
    const { composed, laidOut, title } = drawn.find((each) => each.name === name)!;
    const source = svgLines(laidOut).find((line) => line.startsWith('Source: '))!;
    expect(originOf(composed!, source).y).toBeCloseTo(originOf(laidOut, source).y, 6);
    // Vega's layout starts both at the padding; the report's drawing starts its title a fraction of a pixel further in.
    expect(originOf(composed!, source).x).toBeCloseTo(originOf(composed!, title).x, 6);
    expect(Math.abs(originOf(composed!, source).x - originOf(laidOut, source).x)).toBeLessThan(1);
  });

  it('escapes the study note and the study title', () => {
    const results = structuredClone(sampleResults);
    results.survey.note = 'Not <b>real</b> & "invented"';
    results.survey.title = "Partners' <survey>";
    const chart = buildCharts(results)[0]!;
    const frame = roundFrame(results, chart.frame!.title);
    return renderSvg(chart.spec).then((embedded) => {
      const svg = fileSvg(chart.spec, frame, embedded)!;
      expect(svg).not.toContain('<b>');
      expect(svg).not.toContain('<survey>');
      const lines = svgLines(svg);
      expect(lines).toContain('Not <b>real</b> & "invented"');
      expect(lines).toContain("Source: Partners' <survey>, 2014; findings");
    });
  });

  it('declines when the chart’s own title is not the file’s, or is wider than the chart', async () => {
    const chart = buildCharts(sampleResults)[0]!;
    const embedded = await renderSvg(chart.spec);
    expect(fileSvg(chart.spec, { ...chart.frame!, title: 'Another title' }, embedded)).toBeNull();
    const untitled = { ...(chart.spec as object), title: undefined } as unknown as TopLevelSpec;
    expect(fileSvg(untitled, chart.frame!, embedded)).toBeNull();
    const long = 'A title far longer than any chart is wide, '.repeat(4).trim();
    const spec = { ...(chart.spec as object), title: { ...((chart.spec as { title: object }).title as object), text: long } } as unknown as TopLevelSpec;
    expect(fileSvg(spec, { ...chart.frame!, title: long }, embedded)).toBeNull();
  });
});
