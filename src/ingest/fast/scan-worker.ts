/**
 * The worker thread of the fast reader: the main thread reads the data file and sends it here chunk
 * by chunk; this thread joins each chunk to what the last scan left, scans it (scan-block.ts) and
 * sends the block back — its bytes and its rows as typed arrays, all transferred, not copied — so the
 * main thread can apply the rows in order while the next chunk is scanned. One answer per chunk
 * (null while a row longer than a chunk is still being gathered).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlockScanner, rowArrays, type ScanPlan } from './scan-block.ts';
import { ChunkScanner } from './scan-blocks.ts';

export interface ScanWorkerData {
  plan: ScanPlan;
  /** File offset of the first chunk. */
  start: number;
}

export interface ChunkMessage {
  chunk: Uint8Array;
  final: boolean;
}

const data = workerData as ScanWorkerData | null;
if (parentPort !== null && data?.plan !== undefined) {
  const port = parentPort;
  const chunks = new ChunkScanner(new BlockScanner(data.plan), data.start);
  port.on('message', ({ chunk, final }: ChunkMessage) => {
    const block = chunks.next(chunk, final);
    if (block === null) {
      port.postMessage(null);
      return;
    }
    const { scan } = block;
    const transfer = new Set<ArrayBuffer>([block.buffer.buffer as ArrayBuffer]);
    for (const array of rowArrays(scan)) transfer.add(array.buffer as ArrayBuffer);
    port.postMessage(block, [...transfer]);
  });
}
