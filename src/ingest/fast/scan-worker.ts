/**
 * A worker thread of the fast reader: the main thread reads the data file, cuts it into blocks at
 * row boundaries and sends each block here (its buffer transferred, not copied); this thread scans
 * it (scan-block.ts) and sends it back with its rows as typed arrays, so the main thread can apply
 * the rows in order while the workers scan the next blocks. Blocks are answered in the order they
 * arrive. The row arrays come back from the main thread once applied, to be used again
 * (buffer-pool.ts), so no thread makes garbage per block.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlockScanner, rowArrays, type BlockScan, type ScanPlan } from './scan-block.ts';
import { decodeLegacy, sourceLengthIn, type LegacyEncoding } from './legacy-encoding.ts';

export interface ScanWorkerData {
  plan: ScanPlan;
  /** Issue 19: the file's encoding when it is not UTF-8 (Windows-1252, UTF-16): each block is decoded to UTF-8 here, then scanned. */
  encoding?: LegacyEncoding | null;
}

/** Main thread to worker: a block to scan. buffer[length] is a newline (the scanner's sentinel). */
export interface BlockRequest {
  seq: number;
  buffer: ArrayBuffer;
  length: number;
  final: boolean;
}

/** Main thread to worker: the row arrays of applied blocks, to use again. */
export interface RecycleMessage {
  recycle: ArrayBuffer[];
}

/** Worker to main thread: the block's buffer back, and its rows. */
export interface BlockAnswer {
  seq: number;
  buffer: ArrayBuffer;
  scan: BlockScan;
  /**
   * Issue 19, a file in a legacy encoding: `buffer` holds the block decoded to UTF-8 (what the scan's
   * offsets point into), `length` bytes of it; the source bytes come back in `source`; `stopSource`
   * is the scan's stop as a count of source bytes.
   */
  decoded?: { length: number; stopSource: number; source: ArrayBuffer };
}

const data = workerData as ScanWorkerData | null;
if (parentPort !== null && data?.plan !== undefined) {
  const port = parentPort;
  const scanner = new BlockScanner(data.plan);
  port.on('message', (message: BlockRequest | RecycleMessage) => {
    if ('recycle' in message) {
      for (const buffer of message.recycle) scanner.pool.give(buffer);
      return;
    }
    const { seq, buffer, length, final } = message;
    if (data.encoding != null) {
      // (A block ends at a row boundary or at the end of the file: it is decoded whole.)
      const decoded = decodeLegacy(data.encoding, new Uint8Array(buffer, 0, length), length, true, (bytes) => scanner.pool.take(bytes));
      decoded.buffer[decoded.length] = 0x0a; // the scanner's sentinel
      const scan = scanner.scan(decoded.buffer, decoded.length, final);
      const out = decoded.buffer.buffer as ArrayBuffer;
      const transfer = new Set<ArrayBuffer>([buffer, out]);
      for (const array of rowArrays(scan)) transfer.add(array.buffer as ArrayBuffer);
      const answer: BlockAnswer = {
        seq,
        buffer: out,
        scan,
        // (A block scanned to its end, as nearly all are, stops at its last source byte: nothing to count.)
        decoded: {
          length: decoded.length,
          stopSource: scan.stop === decoded.length ? decoded.consumed : sourceLengthIn(data.encoding)(decoded.buffer, 0, scan.stop),
          source: buffer,
        },
      };
      port.postMessage(answer, [...transfer]);
      return;
    }
    const scan = scanner.scan(Buffer.from(buffer, 0, length + 1), length, final);
    const transfer = new Set<ArrayBuffer>([buffer]);
    for (const array of rowArrays(scan)) transfer.add(array.buffer as ArrayBuffer);
    const answer: BlockAnswer = { seq, buffer, scan };
    port.postMessage(answer, [...transfer]);
  });
}
