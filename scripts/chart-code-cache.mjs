#!/usr/bin/env node
// Issue 19, run by `npm run build` after the bundle: builds dist/chart-render.cjs, the chart libraries
// (src/charts/render-svg.ts with vega and vega-lite) as one CommonJS script, renders the default
// study's charts with it and saves V8's code cache of the script, made after those drawings, as
// dist/chart-render.cache. The chart workers load the script with it (src/charts/chart-script.ts), so
// they compile neither vega's 1.7 MB nor the functions a chart runs. Written here, at build time, never
// by a command (a command writes only its output folder).
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { build } from 'esbuild';
import { V8_FLAGS } from './v8-flags.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundles render-svg.ts as a CommonJS script at `outfile`. vega-canvas's Node build awaits an optional
 * `canvas` package at its top level, which a script cannot; its browser build is the same code without
 * that package (findings never draws on a canvas: text is measured by text-width.ts), as it runs when
 * `canvas` is not installed.
 */
export async function bundleChartScript(outfile) {
  await build({
    entryPoints: [`${root}src/charts/render-svg.ts`],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    alias: { 'vega-canvas': `${root}node_modules/vega-canvas/build/vega-canvas.browser.js` },
    outfile,
    logLevel: 'warning',
  });
}

async function main() {
  setFlagsFromString(V8_FLAGS);
  await bundleChartScript(`${root}dist/chart-render.cjs`);
  const { chartScriptFile, loadChartScript } = await import(`${root}dist/chart-worker.js`);
  const { analyzeRound, renderReport } = await import(`${root}dist/index.js`);
  const files = chartScriptFile(pathToFileURL(`${root}dist/chart-worker.js`).href);
  const charts = loadChartScript(files.script, null);
  const problems = [];
  const analysis = await analyzeRound(`${root}surveys/rpa-2014.yaml`, root, { report: (d) => problems.push(d) });
  if ('stopped' in analysis) throw new Error(`the default study did not analyse: ${JSON.stringify(problems)}`);
  // The report's charts and their narrow variants, drawn by the script: what a `run` draws.
  let drawn = 0;
  const renderer = {
    svg: (spec) => {
      drawn++;
      return charts.renderSvg(spec);
    },
    png: () => Promise.reject(new Error('no PNG is drawn for the code cache')),
    expect() {},
    async close() {},
  };
  await renderReport(analysis, ['md', 'html'], renderer);
  const cache = charts.codeCache();
  writeFileSync(files.cache, cache);
  console.log(`dist/chart-render.cache: V8's code cache after ${drawn} drawings, ${Math.round(cache.length / 1024)} KB`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
