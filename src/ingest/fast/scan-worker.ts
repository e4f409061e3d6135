/**
 * The worker thread of the fast reader: the main thread reads the data file and sends it here chunk
 * by chunk; this thread joins each chunk to what the last scan left, scans it (scan-block.ts) and
 * sends the block back — its bytes and its rows as typed arrays, all transferred, not copied — so the
 * main thread can apply the rows in order while the next chunk is scanned. One answer per chunk
 * (null while a row longer than a chunk is still being gathered). Buffers travel back and forth to be
 * used again (buffer-pool.ts), so neither thread makes garbage per block.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlockScanner, rowArrays, type ScanPlan } from './scan-block.ts';
import { ChunkScanner, type ScannedBlock } from './scan-blocks.ts';

export interface ScanWorkerData {
  plan: ScanPlan;
  /** File offset of the first chunk. */
  start: number;
}

/** Main thread to worker: the next chunk of the file. */
export interface ChunkMessage {
  chunk: Uint8Array;
  final: boolean;
}

/** Main thread to worker: the buffers of blocks whose rows are applied, to use again. */
export interface RecycleMessage {
  recycle: ArrayBuffer[];
}

/** Worker to main thread, one per chunk: the scanned block (null while a long row is gathered) and the chunk's buffer back. */
export interface BlockMessage {
  block: ScannedBlock | null;
  chunk: ArrayBuffer;
}

const data = workerData as ScanWorkerData | null;
if (parentPort !== null && data?.plan !== undefined) {
  const port = parentPort;
  const chunks = new ChunkScanner(new BlockScanner(data.plan), data.start);
  port.on('message', (message: ChunkMessage | RecycleMessage) => {
    if ('recycle' in message) {
      chunks.recycleBuffers(message.recycle);
      return;
    }
    const { chunk, final } = message;
    const block = chunks.next(chunk, final);
    // The chunk's buffer goes back too, for the main thread to read the next chunk into.
    const returned = chunk.buffer as ArrayBuffer;
    if (block === null) {
      port.postMessage({ block: null, chunk: returned }, [returned]);
      return;
    }
    const transfer = new Set<ArrayBuffer>([returned, block.buffer.buffer as ArrayBuffer]);
    for (const array of rowArrays(block.scan)) transfer.add(array.buffer as ArrayBuffer);
    port.postMessage({ block, chunk: returned }, [...transfer]);
  });
}
