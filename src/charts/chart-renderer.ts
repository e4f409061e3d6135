/**
 * Where charts render (issue 19). `startChartRenderer()` at the start of a command starts a worker
 * thread (chart-worker.ts) that loads the chart libraries while the data is read; the charts then
 * render there, and on a second worker when there are many, while the main thread writes the rest
 * of the report. `inProcessRenderer()` renders in the calling thread (the library's renderReport
 * when it is given no renderer). Either way a spec rendered once is not compiled again (identical
 * specs share one SVG), and the output is the same: renderSvg and renderPng are deterministic.
 */
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartAnswer, ChartRequest } from './chart-worker.ts';

export interface ChartRenderer {
  svg(spec: TopLevelSpec): Promise<string>;
  png(svg: string): Promise<Uint8Array>;
  /** Ask for `charts` charts in all: more than a few start a second worker, so they render on two cores. */
  expect(charts: number): void;
  /** Stop the workers (pending requests fail). */
  close(): Promise<void>;
}

/** Charts above which a second worker is worth its start-up (~0.15 s of loading vega). */
const SECOND_WORKER_AT = 8;

/** The worker script: the bundle's dist/chart-worker.js, or the TypeScript source through tsx. */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const source = new URL('./chart-worker.ts', here).href;
    // tsx resolved from here: a worker's eval code resolves bare names from the working folder, which may be anywhere.
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
    return new Worker(code, { eval: true });
  }
  return new Worker(new URL('./chart-worker.js', here));
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

/** Renders on worker threads, the first started now. */
export function startChartRenderer(): ChartRenderer {
  const lanes: Lane[] = [];
  let nextId = 0;
  let next = 0;
  const addLane = (): void => {
    const worker = startWorker();
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
  addLane();
  const ask = (body: { op: 'svg'; spec: TopLevelSpec } | { op: 'png'; svg: string }): Promise<ChartAnswer> => {
    const lane = lanes[next++ % lanes.length]!;
    const request = { ...body, id: nextId++ } as ChartRequest;
    // A worker that could not start (or died): the chart renders here instead, the same bytes.
    if (lane.stopped !== null) return renderHere(request);
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
      if (charts > SECOND_WORKER_AT && lanes.length === 1) addLane();
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
    png(svg) {
      let png = pngs.get(svg);
      if (png === undefined) {
        png = renderer.png(svg);
        pngs.set(svg, png);
      }
      // A copy: each file of the report owns its bytes.
      return png.then((bytes) => bytes.slice());
    },
    expect: (charts) => renderer.expect(charts),
    close: () => renderer.close(),
  };
}
