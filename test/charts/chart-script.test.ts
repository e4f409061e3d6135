/**
 * Issue 19: the chart workers load the chart libraries as one CommonJS script with V8's code cache
 * (src/charts/chart-script.ts, built by scripts/chart-code-cache.mjs). The script must draw exactly
 * what render-svg.ts draws as a module, byte for byte, with its cache, without one, and with a cache V8
 * refuses; and the cache made after drawing must be one V8 accepts. Each load runs in a worker thread
 * of its own, as in a command: within one thread V8 would reuse its first compile of the script and
 * never look at a cache.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { bundleChartScript } from '../../scripts/chart-code-cache.mjs';
import { buildCharts } from '../../src/charts/build-charts.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { sampleResults } from '../report/sample-results.ts';

interface Loaded {
  rejected: boolean | null;
  svgs: string[];
  cache: Uint8Array;
}

/** loadChartScript(script, cache) in a new worker thread: whether V8 refused the cache, the drawings, and the cache after them. */
function loadInWorker(script: string, cache: string | null, specs: TopLevelSpec[]): Promise<Loaded> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const loader = new URL('../../src/charts/chart-script.ts', import.meta.url).href;
  const code = `
    const { parentPort, workerData } = await import('node:worker_threads');
    (await import(${JSON.stringify(tsx)})).register();
    const { loadChartScript } = await import(${JSON.stringify(loader)});
    const charts = loadChartScript(workerData.script, workerData.cache);
    const svgs = [];
    for (const spec of workerData.specs) svgs.push(await charts.renderSvg(spec));
    parentPort.postMessage({ rejected: charts.cacheRejected, svgs, cache: charts.codeCache() });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(`(async () => {${code}})().catch((error) => { throw error; });`, {
      eval: true,
      workerData: { script, cache, specs },
    });
    worker.once('message', (loaded: Loaded) => {
      resolve(loaded);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('chart script with a code cache (issue 19)', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'findings-chart-script-'));
  const script = path.join(folder, 'chart-render.cjs');
  const cache = path.join(folder, 'chart-render.cache');
  const specs: TopLevelSpec[] = buildCharts(sampleResults).map((chart) => chart.spec);
  let expected: string[] = [];
  beforeAll(async () => {
    await bundleChartScript(script);
    expected = await Promise.all(specs.map((spec) => renderSvg(spec)));
  }, 120_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('draws what render-svg.ts draws, and makes a cache that V8 then accepts', async () => {
    expect(specs.length).toBeGreaterThanOrEqual(3);
    const fresh = await loadInWorker(script, null, specs);
    expect(fresh.rejected).toBeNull();
    expect(fresh.svgs).toEqual(expected);
    expect(fresh.svgs[0]).toContain('<svg');
    writeFileSync(cache, fresh.cache);

    const cached = await loadInWorker(script, cache, specs);
    expect(cached.rejected).toBe(false);
    expect(cached.svgs).toEqual(expected);
  }, 120_000);

  it('ignores a cache V8 refuses (damaged, or made for another script) and draws the same', async () => {
    writeFileSync(cache, Buffer.from('not a code cache'));
    const refused = await loadInWorker(script, cache, specs);
    expect(refused.rejected).toBe(true);
    expect(refused.svgs).toEqual(expected);
  }, 120_000);

  it('runs without a cache file at all', async () => {
    const without = await loadInWorker(script, path.join(folder, 'missing.cache'), specs.slice(0, 1));
    expect(without.rejected).toBeNull();
    expect(without.svgs).toEqual(expected.slice(0, 1));
  }, 120_000);
});
