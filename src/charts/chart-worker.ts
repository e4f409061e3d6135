/**
 * A worker thread that renders charts (chart-renderer.ts): it loads vega, vega-lite and resvg as
 * soon as it starts, so a run's chart libraries load while the main thread reads the data, and the
 * charts render beside the report's other work. Requests are answered in any order, by id.
 */
import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { chartScriptFile, loadChartScript } from './chart-script.ts';
import { READY } from './chart-workers.ts';

// For the build's code-cache step (scripts/chart-code-cache.mjs): it loads the script as this worker does.
export { chartScriptFile, loadChartScript };

/** Main thread to worker: a chart to render to SVG, or an SVG to render to PNG. */
export type ChartRequest = { id: number; op: 'svg'; spec: TopLevelSpec } | { id: number; op: 'png'; svg: string };

/** Worker to main thread: the SVG, the PNG (its buffer transferred), or why it failed. */
export type ChartAnswer = { id: number; svg: string } | { id: number; png: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (port !== null) {
  // vega and vega-lite load at once, not at the first request: loading them is what the worker is
  // early for. resvg loads at the first PNG asked for (most runs ask for none). Issue 19: from the
  // bundle they load as dist/chart-render.cjs with V8's code cache (chart-script.ts).
  const svgModule = loadRenderSvg();
  // Issue 19: the renderer sends a worker charts only once it is ready, so a worker still loading
  // holds none back from one that could draw them.
  void svgModule.then(
    () => port.postMessage(READY),
    () => port.postMessage(READY),
  );
  let pngModule: Promise<typeof import('./render-png.ts')> | null = null;
  port.on('message', (request: ChartRequest) => {
    const answer = async (): Promise<void> => {
      try {
        if (request.op === 'svg') {
          port.postMessage({ id: request.id, svg: await (await svgModule).renderSvg(request.spec) } satisfies ChartAnswer);
        } else {
          pngModule ??= import('./render-png.ts');
          const png = await (await pngModule).renderPng(request.svg);
          port.postMessage({ id: request.id, png } satisfies ChartAnswer, [png.buffer as ArrayBuffer]);
        }
      } catch (error) {
        port.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ChartAnswer);
      }
    };
    void answer();
  });
}

/** render-svg.ts: the built script with its code cache when there is one, else the module. */
async function loadRenderSvg(): Promise<Pick<typeof import('./render-svg.ts'), 'renderSvg'>> {
  const built = import.meta.url.endsWith('.js') ? chartScriptFile(import.meta.url) : null;
  if (built === null) return import('./render-svg.ts');
  return loadChartScript(built.script, built.cache);
}
