/**
 * ArrayBuffers to use again: the fast reader's blocks and row arrays go back and forth between two
 * threads (transferred, never copied), so without reuse every block would leave a megabyte or more
 * of garbage that V8 collects late, and the process would grow well past what it holds.
 *
 * @example
 * const pool = new BufferPool();
 * const a = pool.take(1024);
 * pool.give(a);
 * pool.take(1000) === a; // true
 */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  /** A buffer of at least `bytes` bytes (not zeroed when reused). */
  take(bytes: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i]!.byteLength;
      if (size >= bytes && (best === -1 || size < this.free[best]!.byteLength)) best = i;
    }
    // A buffer much larger than asked for is kept for a larger request.
    if (best === -1 || this.free[best]!.byteLength > Math.max(4 * bytes, 4096)) return new ArrayBuffer(bytes);
    return this.free.splice(best, 1)[0]!;
  }

  /** Keep `buffer` for later (a buffer transferred away or beyond the pool's size is let go). */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength > 0 && this.free.length < 64) this.free.push(buffer);
  }
}
