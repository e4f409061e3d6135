/**
 * Where charts render (issue 19). `startChartRenderer()` at the start of a command takes a worker
 * thread (chart-worker.ts, started by chart-workers.ts, by bin/findings.js before the bundle loads
 * when it can) that loads the chart libraries while the data is read; once the charts are known a
 * second starts when there are several, and each chart goes to the first worker ready for it,
 * while the main thread writes the rest of the report. `inProcessRenderer()` renders in the calling thread (the library's renderReport
 * when it is given no renderer). Either way a spec rendered once is not compiled again (identical
 * specs share one SVG), and the output is the same: renderSvg and renderPng are deterministic.
 */
import type { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartAnswer, ChartRequest } from './chart-worker.ts';
import { type ChartWorker, READY, startChartWorker, takeChartWorkers } from './chart-workers.ts';

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
  /** Whether its libraries have loaded: only then is it sent charts. */
  ready: boolean;
  pending: Map<number, Waiting>;
  /** Why the worker stopped (it failed to start, or exited): its requests then render in this thread. */
  stopped: Error | null;
}

interface Waiting {
  request: ChartRequest;
  resolve: (answer: ChartAnswer | Promise<ChartAnswer>) => void;
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
 * Charts above which a second worker is worth its start-up (~0.1 s of loading vega): each chart is
 * two drawings or more (the report's, the phone's). It starts once the data are read, not before: a
 * large study's tally has the cores, and its memory peak (issue 19: under 200 MB at 1M rows) would
 * carry a second copy of vega.
 */
const SECOND_WORKER_AT = 2;

/**
 * SVG drawings a worker is sent at a time. Issue 19: the rest wait here, in the order asked, and go
 * to whichever worker is ready first: a worker still loading its libraries holds none back, and a
 * costly chart delays no other.
 */
const IN_FLIGHT = 1;

/** The SVG drawings a worker has in flight (they hold its thread). */
function drawing(lane: Lane): number {
  let count = 0;
  for (const waiting of lane.pending.values()) if (waiting.request.op === 'svg') count++;
  return count;
}

/**
 * Renders on worker threads: the one started early (chart-workers.ts), else one started now; a second
 * when many charts are asked for.
 */
export function startChartRenderer(): ChartRenderer {
  const lanes: Lane[] = [];
  const queue: Waiting[] = [];
  let nextId = 0;
  let closing = false;
  /** Sends waiting requests to ready workers with room; with no worker left, renders them here. */
  const pump = (): void => {
    // While closing, the workers stay referenced until each has exited (close() waits for them).
    if (closing) return;
    const running = lanes.filter((lane) => lane.stopped === null);
    if (running.length === 0) {
      // No worker could start (or all died): the charts render here instead, the same bytes.
      for (const waiting of queue.splice(0)) waiting.resolve(renderHere(waiting.request));
      return;
    }
    const ready = running.filter((lane) => lane.ready);
    for (let i = 0; i < queue.length && ready.length > 0; ) {
      const waiting = queue[i]!;
      // A PNG is drawn off the worker's thread (resvg on libuv's pool): it goes at once, to the worker with fewest waiting.
      const lane =
        waiting.request.op === 'png'
          ? ready.reduce((best, each) => (each.pending.size < best.pending.size ? each : best))
          : ready.find((each) => drawing(each) < IN_FLIGHT);
      if (lane === undefined) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      lane.pending.set(waiting.request.id, waiting);
      lane.worker.postMessage(waiting.request);
    }
    // Workers with requests in flight, or queued for them, keep the process alive; idle ones do not.
    const busy = queue.length > 0;
    for (const lane of running) {
      if (busy || lane.pending.size > 0) lane.worker.ref();
      else lane.worker.unref();
    }
  };
  const addLane = ({ worker, ready }: ChartWorker): void => {
    const lane: Lane = { worker, ready: false, pending: new Map(), stopped: null };
    worker.on('message', (answer: ChartAnswer | typeof READY) => {
      if (answer === READY) return;
      const waiting = lane.pending.get(answer.id);
      if (waiting === undefined) return;
      lane.pending.delete(answer.id);
      waiting.resolve(answer);
      pump();
    });
    const stop = (error: Error) => {
      lane.stopped ??= error;
      // What it had been asked goes back to the front of the queue, for another worker or this thread.
      queue.unshift(...lane.pending.values());
      lane.pending.clear();
      pump();
    };
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`the chart worker exited (code ${code})`)));
    void ready.then(() => {
      lane.ready = true;
      pump();
    });
    lanes.push(lane);
    pump();
  };
  for (const started of takeChartWorkers()) addLane(started);
  const ask = (body: { op: 'svg'; spec: TopLevelSpec } | { op: 'png'; svg: string }): Promise<ChartAnswer> => {
    const request = { ...body, id: nextId++ } as ChartRequest;
    return new Promise((resolve) => {
      queue.push({ request, resolve });
      pump();
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
      closing = true;
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
