/**
 * The respondent ids seen so far, each with the line it was first used on, kept compactly: every id
 * is one record in a growing byte arena (its hash, its line, its length and its UTF-8 bytes) and an
 * open-addressing hash table of Int32Array points at the records; there are no string objects. About
 * 25 bytes per 8-character id, so five million ids take about 120 MB. Lookups are exact (a hash match
 * is confirmed byte by byte), so a duplicate is never reported by mistake. Ids arrive as strings
 * (the rules) or as bytes straight from the file (the fast reader); both are compared as UTF-8.
 *
 * @example
 * const ids = new IdSet();
 * ids.firstLine('R1', 2); // -1 (new)
 * ids.firstLine('R1', 9); // 2
 */
const HEADER = 12; // hash (4), line (4), length (4)

export class IdSet {
  private table = new Int32Array(1 << 12); // record offset + 1; 0 = empty
  private arena = new Uint8Array(1 << 16);
  private view = new DataView(this.arena.buffer);
  private used = 0;
  private count = 0;
  private scratch = new Uint8Array(256);

  get size(): number {
    return this.count;
  }

  /** The line `id` was first used on, or -1 when it is new (it is then remembered with `line`). */
  firstLine(id: string, line: number): number {
    if (this.scratch.length < id.length * 3) this.scratch = new Uint8Array(id.length * 3);
    const { written } = encoder.encodeInto(id, this.scratch);
    return this.firstLineOf(this.scratch, 0, written, line);
  }

  /** As firstLine, for the id held in bytes[start, end) as UTF-8. */
  firstLineOf(bytes: Uint8Array, start: number, end: number, line: number): number {
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    hash ^= hash >>> 15;
    hash = Math.imul(hash, 0x2c1b3c6d);
    hash ^= hash >>> 12;
    const length = end - start;
    const table = this.table;
    const mask = table.length - 1;
    const arena = this.arena;
    const view = this.view;
    let slot = hash & mask;
    for (;;) {
      const entry = table[slot]!;
      if (entry === 0) break;
      const at = entry - 1;
      if (view.getInt32(at, true) === hash && view.getInt32(at + 8, true) === length) {
        let same = true;
        const from = at + HEADER - start;
        for (let i = start; i < end; i++) {
          if (arena[from + i] !== bytes[i]) {
            same = false;
            break;
          }
        }
        if (same) return view.getInt32(at + 4, true);
      }
      slot = (slot + 1) & mask;
    }
    this.insert(slot, hash, bytes, start, end, line);
    return -1;
  }

  private insert(slot: number, hash: number, bytes: Uint8Array, start: number, end: number, line: number): void {
    const size = HEADER + end - start;
    if (this.used + size > this.arena.length) {
      let length = this.arena.length * 2;
      while (this.used + size > length) length *= 2;
      const bigger = new Uint8Array(length);
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
      this.view = new DataView(bigger.buffer);
    }
    const at = this.used;
    this.view.setInt32(at, hash, true);
    this.view.setInt32(at + 4, line, true);
    this.view.setInt32(at + 8, end - start, true);
    this.arena.set(bytes.subarray(start, end), at + HEADER);
    this.used += size;
    this.table[slot] = at + 1;
    this.count++;
    if (this.count * 4 > this.table.length * 3) this.rehash();
  }

  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = table.length - 1;
    for (let i = 0; i < old.length; i++) {
      const entry = old[i]!;
      if (entry === 0) continue;
      let slot = this.view.getInt32(entry - 1, true) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = entry;
    }
    this.table = table;
  }
}

const encoder = new TextEncoder();
