/**
 * Where charts render (issue 19). `startChartRenderer()` at the start of a command takes a worker
 * thread (chart-worker.ts, started by chart-workers.ts, by bin/findings.js before the bundle loads
 * when it can) that loads the chart libraries while the data is read; once the charts are known a
 * second starts when there are several, and each chart is asked of the worker with fewer waiting,
 * while the main thread writes the rest of the report. `inProcessRenderer()` renders in the calling thread (the library's renderReport
 * when it is given no renderer). Either way a spec rendered once is not compiled again (identical
 * specs share one SVG), and the output is the same: renderSvg and renderPng are deterministic.
 */
import type { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartAnswer, ChartRequest } from './chart-worker.ts';
import { startChartWorker, takeChartWorkers } from './chart-workers.ts';

export interface ChartRenderer {
  svg(spec: TopLevelSpec): Promise<string>;
  png(svg: string): Promise<Uint8Array>;
  /** Ask for `charts` charts in all: more than two start a second worker, so they render on two cores. */
  expect(charts: number): void;
  /** Stop the workers (pending requests fail). */
  close(): Promise<void>;
}

interface Lane {
  worker: Worker;
  pending: Map<number, { request: ChartRequest; resolve: (answer: ChartAnswer | Promise<ChartAnswer>) => void }>;
  /** Why the worker stopped (it failed to start, or exited): its requests then render in this thread. */
  stopped: Error | null;
}

/** A request rendered in this thread (when its worker is gone). */
async function renderHere(request: ChartRequest): Promise<ChartAnswer> {
  try {
    if (request.op === 'svg') return { id: request.id, svg: await (await import('./render-svg.ts')).renderSvg(request.spec) };
    return { id: request.id, png: await (await import('./render-png.ts')).renderPng(request.svg) };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/**
 * Charts above which a second worker is worth its start-up (~0.15 s of loading vega): each chart is
 * two drawings or more (the report's, the phone's). It starts once the data are read, not before: a
 * large study's tally has the cores, and its memory peak (issue 19: under 200 MB at 1M rows) would
 * carry a second copy of vega.
 */
const SECOND_WORKER_AT = 2;

/** Renders on worker threads: the one started early (chart-workers.ts), else one started now; a second when many charts are asked for. */
export function startChartRenderer(): ChartRenderer {
  const lanes: Lane[] = [];
  let nextId = 0;
  const addLane = (worker: Worker): void => {
    const lane: Lane = { worker, pending: new Map(), stopped: null };
    // An idle worker does not keep the process alive; one with requests in flight does.
    worker.unref();
    worker.on('message', (answer: ChartAnswer) => {
      const waiting = lane.pending.get(answer.id);
      if (waiting === undefined) return;
      lane.pending.delete(answer.id);
      if (lane.pending.size === 0) worker.unref();
      waiting.resolve(answer);
    });
    const stop = (error: Error) => {
      lane.stopped ??= error;
      // What it had been asked renders here instead.
      for (const waiting of lane.pending.values()) waiting.resolve(renderHere(waiting.request));
      lane.pending.clear();
    };
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`the chart worker exited (code ${code})`)));
    lanes.push(lane);
  };
  for (const worker of takeChartWorkers()) addLane(worker);
  const ask = (body: { op: 'svg'; spec: TopLevelSpec } | { op: 'png'; svg: string }): Promise<ChartAnswer> => {
    const request = { ...body, id: nextId++ } as ChartRequest;
    // The running worker with the fewest requests waiting (the first on a tie): charts differ in cost.
    const lane = lanes
      .filter((each) => each.stopped === null)
      .reduce<Lane | null>((best, each) => (best === null || each.pending.size < best.pending.size ? each : best), null);
    // No worker could start (or all died): the chart renders here instead, the same bytes.
    if (lane === null) return renderHere(request);
    return new Promise((resolve) => {
      lane.pending.set(request.id, { request, resolve });
      lane.worker.ref();
      lane.worker.postMessage(request);
    });
  };
  const unwrap = (answer: ChartAnswer): ChartAnswer => {
    if ('error' in answer) throw new Error(`rendering a chart failed: ${answer.error}`);
    return answer;
  };
  return cached({
    svg: async (spec) => (unwrap(await ask({ op: 'svg', spec })) as { svg: string }).svg,
    png: async (svg) => (unwrap(await ask({ op: 'png', svg })) as { png: Uint8Array }).png,
    expect(charts) {
      if (charts > SECOND_WORKER_AT && lanes.length === 1) addLane(startChartWorker());
    },
    async close() {
      // Referenced while they stop: an unreferenced worker's exit would not keep the process waiting for it.
      await Promise.all(
        lanes.map((lane) => {
          lane.worker.ref();
          return lane.worker.terminate();
        }),
      );
    },
  });
}

/** Renders in this thread, loading the libraries at the first chart. */
export function inProcessRenderer(): ChartRenderer {
  return cached({
    svg: async (spec) => (await import('./render-svg.ts')).renderSvg(spec),
    png: async (svg) => (await import('./render-png.ts')).renderPng(svg),
    expect() {},
    async close() {},
  });
}

/** The same spec (or SVG) asked for again gets the first answer. */
function cached(renderer: ChartRenderer): ChartRenderer {
  const svgs = new Map<string, Promise<string>>();
  const pngs = new Map<string, Promise<Uint8Array>>();
  return {
    svg(spec) {
      const key = JSON.stringify(spec);
      let svg = svgs.get(key);
      if (svg === undefined) {
        svg = renderer.svg(spec);
        svgs.set(key, svg);
      }
      return svg;
    },
    expect: (charts) => renderer.expect(charts),
    png(svg) {
      let png = pngs.get(svg);
      if (png === undefined) {
        png = renderer.png(svg);
        pngs.set(svg, png);
      }
      // A copy: each file of the report owns its bytes.
      return png.then((bytes) => bytes.slice());
    },
    close: () => renderer.close(),
  };
}
