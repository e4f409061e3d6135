/**
 * Turn the chunks of a file, read in order from a row boundary, into scanned blocks: each block is
 * the bytes the last scan did not take (a row cut off at the end of a chunk) followed by the next
 * chunk, scanned by BlockScanner: how the fast reader scans when it reads in one thread (with worker
 * threads, the main thread cuts blocks at row boundaries instead, read-fast.ts). A row longer than a chunk
 * is not scanned again with every chunk: the bytes wait until they have doubled, so it costs linear time.
 * Blocks given back with `recycle` are used again, so memory stays flat.
 */
import type { BlockScan, BlockScanner } from './scan-block.ts';

export interface ScannedBlock {
  /** The block's bytes (in their own ArrayBuffer, so they can be transferred to another thread). */
  buffer: Buffer;
  scan: BlockScan;
  /** File offset of buffer[0]. */
  offset: number;
  /** Issue 19: the file bytes before scan.stop (scan.stop itself unless the bytes were decoded from another encoding). */
  stopSource: number;
}

export class ChunkScanner {
  private carry: Buffer = Buffer.alloc(0);
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  /** Scan again only once this many bytes are waiting (after a scan that found no whole row). */
  private scanAt = 0;

  constructor(
    private readonly scanner: BlockScanner,
    /** File offset of the first chunk's first byte. */
    private offset: number,
    /** Issue 19: chunks decoded from a legacy encoding: the file bytes that became buf[from, to). */
    private readonly sourceLength: ((buf: Uint8Array, from: number, to: number) => number) | null = null,
  ) {}

  /** The next chunk (`final`: the file ends with it); null while a long row is still being gathered. The chunk's bytes are copied: its buffer can be used again. */
  next(chunk: Uint8Array, final: boolean): ScannedBlock | null {
    this.waiting.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    this.waitingBytes += chunk.length;
    const length = this.carry.length + this.waitingBytes;
    if (!final && length < this.scanAt) {
      // Keep a copy: the chunk's buffer is used again for the next chunk.
      this.waiting[this.waiting.length - 1] = Buffer.from(chunk);
      return null;
    }
    // One byte more, a newline, as the scanner's sentinel.
    const buffer = Buffer.from(this.scanner.pool.take(length + 1), 0, length + 1);
    buffer[length] = 0x0a;
    this.carry.copy(buffer, 0);
    let at = this.carry.length;
    for (const piece of this.waiting) {
      piece.copy(buffer, at);
      at += piece.length;
    }
    this.waiting = [];
    this.waitingBytes = 0;
    const scan = this.scanner.scan(buffer, length, final);
    const stopSource = this.sourceLength === null ? scan.stop : this.sourceLength(buffer, 0, scan.stop);
    const block = { buffer, scan, offset: this.offset, stopSource };
    this.carry = Buffer.from(buffer.subarray(scan.stop, length));
    this.offset += stopSource;
    this.scanAt = scan.rows === 0 ? length * 2 : 0;
    return block;
  }

  /** Take back a block whose rows have been applied: its bytes and arrays are used again. */
  recycle(block: ScannedBlock): void {
    this.scanner.pool.give(block.buffer.buffer as ArrayBuffer);
    this.scanner.recycle(block.scan);
  }
}
