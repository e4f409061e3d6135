/** The options of run and check that say how the data is read, and the pipeline's read options they make. */
import type { Argv } from 'yargs';
import type { ReadOptions } from '../pipeline.ts';
import type { Io } from './command.ts';
import { createProgress, type Progress } from './progress.ts';

export function readOptions<T>(y: Argv<T>) {
  return y
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' })
    .option('threads', {
      type: 'number',
      describe:
        'threads that read a large CSV (default: one per core): N > 1 scans it in N - 1 worker threads while the main thread tallies; 1 does both in the main thread',
    })
    .option('reader', {
      choices: ['fast', 'papaparse'] as const,
      default: 'fast' as const,
      describe: 'papaparse: read every row through papaparse and the rules (the slower reference reader)',
    });
}

interface ReadArgs {
  quiet: boolean;
  threads?: number;
  reader: 'fast' | 'papaparse';
}

/** The pipeline's read options for the CLI's flags: a progress bar on stderr for the data file. */
export function analysisOptions(args: ReadArgs, io: Io): ReadOptions & { finish(): void } {
  let progress: Progress | null = null;
  return {
    threads: args.threads,
    reader: args.reader,
    onProgress: ({ file, bytes, totalBytes, rows }) => {
      progress ??= createProgress({ stream: io.stderr, quiet: args.quiet, label: file, totalBytes });
      progress.update(bytes, rows);
    },
    finish: () => progress?.done(),
  };
}
