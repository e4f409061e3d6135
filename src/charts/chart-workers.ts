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

let early: Worker[] = [];

/**
 * A small young generation: a worker's garbage is collected sooner instead of growing its heap. At
 * 1M rows this keeps run's peak under 200 MB with two chart workers (186–188 MB; 217–220 MB with
 * V8's default), and the default study's CPU time is the same (measured interleaved, issue 19).
 */
const LIMITS = { maxYoungGenerationSizeMb: 4 };

/** A chart worker (dist/chart-worker.js, or its TypeScript source through tsx). */
export function startChartWorker(): Worker {
  return startWorker(import.meta.url, 'chart-worker', { resourceLimits: LIMITS });
}

/** Start the chart workers now, unreferenced (a command that ends without charts does not wait for them). */
export function prestartChartWorkers(): void {
  if (early.length > 0) return;
  early = Array.from({ length: CHART_WORKERS }, () => {
    const worker = startChartWorker();
    worker.unref();
    return worker;
  });
}

/** The workers started early (once: a second renderer starts its own), or `count` new ones. */
export function takeChartWorkers(count = CHART_WORKERS): Worker[] {
  const taken = early.splice(0);
  while (taken.length < count) taken.push(startChartWorker());
  return taken;
}
