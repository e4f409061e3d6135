/**
 * Start one of findings' worker threads (the fast reader's scan-worker, the chart-worker): the
 * bundle's `dist/<name>.js` beside the calling chunk, or, when run from the TypeScript sources, the
 * source `<name>.ts` beside the calling file through tsx. `here` is the caller's `import.meta.url`.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(here: string, name: string, options: WorkerOptions = {}): Worker {
  if (here.endsWith('.ts')) {
    const source = new URL(`./${name}.ts`, here).href;
    // tsx resolved from here: a worker's eval code resolves bare names from the working folder, which may be anywhere.
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
    return new Worker(code, { ...options, eval: true });
  }
  return new Worker(new URL(`./${name}.js`, here), options);
}
