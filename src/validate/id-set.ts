/**
 * The respondent ids seen so far, each with the line it was first used on, kept compactly: the ids'
 * UTF-8 bytes one after another in a growing byte arena, each id's start and first line in two
 * Int32Arrays, and an open-addressing hash table of Int32Array whose slots hold the id's number and
 * five bits of its hash, so a probe rarely has to look at the bytes. No string objects: about 22
 * bytes per 8-character id, so five million ids take about 110 MB. Lookups are exact (a match is
 * confirmed byte by byte), so a duplicate is never reported by mistake. Ids arrive as strings (the
 * rules) or as bytes straight from the file (the fast reader); both are compared as UTF-8.
 *
 * @example
 * const ids = new IdSet();
 * ids.firstLine('R1', 2); // -1 (new)
 * ids.firstLine('R1', 9); // 2
 */
const TAG_SHIFT = 27;
const ENTRY = (1 << TAG_SHIFT) - 1; // id number + 1 in the low 27 bits; the hash's top 5 bits above

export class IdSet {
  private table = new Int32Array(1 << 12); // 0 = empty
  private starts = new Int32Array(1 << 10);
  private lines = new Int32Array(1 << 10);
  private arena = new Uint8Array(1 << 14);
  private used = 0;
  private count = 0;
  private scratch = new Uint8Array(256);

  get size(): number {
    return this.count;
  }

  /** Make room for `n` ids in all, so the table is not rebuilt while they arrive (an estimate is fine). */
  reserve(n: number): void {
    const wanted = Math.min(ENTRY, Math.ceil(n));
    let slots = this.table.length;
    while (wanted * 4 > slots * 3) slots *= 2;
    if (slots > this.table.length) this.rehash(slots);
    if (wanted > this.starts.length) {
      this.starts = resized(this.starts, wanted);
      this.lines = resized(this.lines, wanted);
    }
  }

  /** The line `id` was first used on, or -1 when it is new (it is then remembered with `line`). */
  firstLine(id: string, line: number): number {
    if (this.scratch.length < id.length * 3) this.scratch = new Uint8Array(id.length * 3);
    const { written } = encoder.encodeInto(id, this.scratch);
    return this.firstLineOf(this.scratch, 0, written, line);
  }

  /** As firstLine, for the id held in bytes[start, end) as UTF-8. */
  firstLineOf(bytes: Uint8Array, start: number, end: number, line: number): number {
    const hash = hashOf(bytes, start, end);
    const tag = hash >>> TAG_SHIFT;
    const table = this.table;
    const mask = table.length - 1;
    let slot = hash & mask;
    for (;;) {
      const value = table[slot]!;
      if (value === 0) break;
      if (value >>> TAG_SHIFT === tag) {
        const e = (value & ENTRY) - 1;
        if (this.equals(e, bytes, start, end)) return this.lines[e]!;
      }
      slot = (slot + 1) & mask;
    }
    this.insert(slot, tag, bytes, start, end, line);
    return -1;
  }

  private equals(e: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[e]!;
    const to = e + 1 < this.count ? this.starts[e + 1]! : this.used;
    if (to - from !== end - start) return false;
    const arena = this.arena;
    for (let i = start, j = from; i < end; i++, j++) if (arena[j] !== bytes[i]) return false;
    return true;
  }

  private insert(slot: number, tag: number, bytes: Uint8Array, start: number, end: number, line: number): void {
    const e = this.count;
    if (e + 1 >= ENTRY) throw new Error(`more than ${ENTRY - 1} respondent ids in one round`);
    if (e === this.starts.length) {
      this.starts = resized(this.starts, e * 2);
      this.lines = resized(this.lines, e * 2);
    }
    const length = end - start;
    if (this.used + length > this.arena.length) {
      let size = this.arena.length * 2;
      while (this.used + length > size) size *= 2;
      const bigger = new Uint8Array(size);
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    const arena = this.arena;
    let at = this.used;
    this.starts[e] = at;
    this.lines[e] = line;
    for (let i = start; i < end; i++) arena[at++] = bytes[i]!;
    this.used = at;
    this.count = e + 1;
    this.table[slot] = (tag << TAG_SHIFT) | (e + 1);
    if (this.count * 4 > this.table.length * 3) this.rehash(this.table.length * 2);
  }

  private rehash(slots: number): void {
    const table = new Int32Array(slots);
    const mask = slots - 1;
    for (let e = 0; e < this.count; e++) {
      const to = e + 1 < this.count ? this.starts[e + 1]! : this.used;
      const hash = hashOf(this.arena, this.starts[e]!, to);
      let slot = hash & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = ((hash >>> TAG_SHIFT) << TAG_SHIFT) | (e + 1);
    }
    this.table = table;
  }
}

/** FNV-1a over the bytes, then mixed so that the low bits (the slot) and the top bits (the tag) both vary. */
function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  return hash ^ (hash >>> 12);
}

function resized(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length);
  bigger.set(array.subarray(0, Math.min(array.length, length)));
  return bigger;
}

const encoder = new TextEncoder();
