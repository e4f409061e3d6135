/**
 * The chart libraries as one script with V8's code cache (issue 19). `npm run build` bundles
 * render-svg.ts with vega and vega-lite into dist/chart-render.cjs, a CommonJS script, and
 * scripts/chart-code-cache.mjs renders the default study's charts with it and saves V8's code cache
 * of the script, made after those drawings, as dist/chart-render.cache: the bytecode of every
 * function they ran. A chart worker (chart-worker.ts) loads the script with that cache, so neither the
 * 1.7 MB of vega nor the functions a chart calls are compiled again: about 0.13 s of CPU less a
 * worker (measured interleaved). The cache is read, never written, at run time. V8 checks it (its
 * version, flags and the script's source): a cache it rejects is ignored and the script compiles as
 * usual, with the same output. Only ES modules can be given no cache in Node 20, hence the CommonJS
 * script for this one part.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { TopLevelSpec } from 'vega-lite';

export interface ChartScript {
  renderSvg(spec: TopLevelSpec): Promise<string>;
  /** Whether V8 refused the cache it was given (null: none was given). */
  cacheRejected: boolean | null;
  /** V8's code cache of the script now: its top level and every function run so far (the build saves it). */
  codeCache(): Buffer;
}

/** The script beside the bundle's chunks (`here` is a chunk's import.meta.url), or null when it was not built. */
export function chartScriptFile(here: string): { script: string; cache: string } | null {
  const script = fileURLToPath(new URL('./chart-render.cjs', here));
  if (!existsSync(script)) return null;
  return { script, cache: fileURLToPath(new URL('./chart-render.cache', here)) };
}

/** Loads the script at `file` (its code cache from `cacheFile` when there is one) and returns what it exports. */
export function loadChartScript(file: string, cacheFile: string | null): ChartScript {
  const source = readFileSync(file, 'utf8');
  const cachedData = cacheFile !== null && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  // The same wrapper as Node's own CommonJS loader, so the script runs as a module would.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const module = { exports: {} as { renderSvg?: ChartScript['renderSvg'] } };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  const { renderSvg } = module.exports;
  if (typeof renderSvg !== 'function') throw new Error(`${file} does not export renderSvg`);
  return {
    renderSvg,
    cacheRejected: script.cachedDataRejected ?? null,
    codeCache: () => script.createCachedData(),
  };
}
