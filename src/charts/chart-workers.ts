/**
 * The chart worker threads (chart-worker.ts), started as early as a command can start them (issue 19).
 * bin/findings.js calls `prestartChartWorkers()` for `run` and `trend` before it loads the rest of the
 * bundle, so vega loads on the workers while the command's own code is still being compiled; the
 * renderer (chart-renderer.ts) then takes them with `takeChartWorkers()`, or starts its own when none
 * were started early (tests, the library). This module is a bundle entry of its own
 * (dist/chart-prestart.js) and a chunk shared with the command, so both see the same started workers.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../start-worker.ts';

/** One from the start (the renderer adds a second when there are many charts: chart-renderer.ts). */
const CHART_WORKERS = 1;

/** A chart worker and when it is ready: it says so once its chart libraries have loaded (chart-worker.ts). */
export interface ChartWorker {
  worker: Worker;
  ready: Promise<void>;
}

let early: ChartWorker[] = [];

/**
 * A small young generation: a worker's garbage is collected sooner instead of growing its heap. At
 * 1M rows this keeps run's peak under 200 MB with two chart workers (186–188 MB; 217–220 MB with
 * V8's default), and the default study's CPU time is the same (measured interleaved, issue 19).
 */
const LIMITS = { maxYoungGenerationSizeMb: 4 };

/**
 * A chart worker (dist/chart-worker.js, or its TypeScript source through tsx). Its ready message is
 * listened for from the start, so it is not lost when the renderer takes the worker later.
 */
export function startChartWorker(): ChartWorker {
  const worker = startWorker(import.meta.url, 'chart-worker', { resourceLimits: LIMITS });
  const ready = new Promise<void>((resolve) => {
    const heard = (message: unknown) => {
      if (message === READY) {
        worker.off('message', heard);
        resolve();
      }
    };
    worker.on('message', heard);
    // A worker that stops before it is ready is ready for nothing: its requests are rendered elsewhere.
    worker.once('exit', () => resolve());
  });
  return { worker, ready };
}

/** What a chart worker posts once its libraries have loaded (or failed to: then each request says why). */
export const READY = 'ready';

/** Start the chart workers now, unreferenced (a command that ends without charts does not wait for them). */
export function prestartChartWorkers(): void {
  if (early.length > 0) return;
  early = Array.from({ length: CHART_WORKERS }, () => {
    const started = startChartWorker();
    started.worker.unref();
    return started;
  });
}

/** The workers started early (once: a second renderer starts its own), or `count` new ones. */
export function takeChartWorkers(count = CHART_WORKERS): ChartWorker[] {
  const taken = early.splice(0);
  while (taken.length < count) taken.push(startChartWorker());
  return taken;
}
