/**
 * Issue 19: charts render on worker threads (src/charts/chart-renderer.ts). What a worker renders
 * must be what renderSvg and renderPng give in this thread, byte for byte, however many workers and
 * in whatever order the answers come back; an identical spec is rendered once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/build-charts.ts';
import { inProcessRenderer, startChartRenderer } from '../../src/charts/chart-renderer.ts';
import { renderPng } from '../../src/charts/render-png.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { sampleResults } from '../report/sample-results.ts';

describe('chart renderer (issue 19)', () => {
  const specs = buildCharts(sampleResults).map((chart) => chart.spec);
  const workers = startChartRenderer();
  afterAll(() => workers.close());

  it('renders on workers exactly what renderSvg renders in this thread, on two workers too', async () => {
    expect(specs.length).toBeGreaterThanOrEqual(3);
    const expected = await Promise.all(specs.map((spec) => renderSvg(spec)));
    // More than two charts asked for: a second worker starts, and answers come back interleaved.
    workers.expect(specs.length * 3);
    const repeated = [...specs, ...specs.map((spec) => structuredClone(spec)), ...specs];
    const got = await Promise.all(repeated.map((spec) => workers.svg(spec)));
    expect(got).toEqual([...expected, ...expected, ...expected]);
    expect(got[0]).toContain('<svg');
  }, 120_000);

  it('renders the same PNG as renderPng, and a copy to each caller', async () => {
    const svg = await renderSvg(specs[0]!);
    const expected = await renderPng(svg);
    const [a, b] = await Promise.all([workers.png(svg), workers.png(svg)]);
    expect(Buffer.from(a!).equals(Buffer.from(expected))).toBe(true);
    expect(Buffer.from(b!).equals(Buffer.from(expected))).toBe(true);
    a![0] = 0;
    expect(b![0]).toBe(0x89);
  }, 120_000);

  it('renders an identical spec once (the in-process renderer too)', async () => {
    const local = inProcessRenderer();
    const first = local.svg(specs[1]!);
    const again = local.svg(structuredClone(specs[1]!));
    expect(again).toBe(first);
    expect(await first).toBe(await renderSvg(specs[1]!));
  }, 120_000);

  it('reports a chart that fails to render as an error, not a hang', async () => {
    await expect(workers.svg({ mark: 'bar', data: { values: [] }, encoding: { x: { field: 'a', type: 'no-such-type' } } } as never)).rejects.toThrow(
      /rendering a chart failed/,
    );
  }, 120_000);
});
