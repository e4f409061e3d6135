/**
 * The respondent ids seen so far, each with the line it was first used on, kept compactly for
 * millions of respondents: the ids' UTF-8 bytes one after another in a growing arena, and per id
 * only its length and its line's distance from a checkpoint (a byte each), with the absolute arena
 * offset and line kept once per 16 ids. An open-addressing hash table of Int32Array holds each id's
 * number and five bits of its hash, so a probe rarely has to look at the bytes; the bytes are looked
 * at (and an id's start and line worked out from its checkpoint) only when the bits match. No string
 * objects: about 16 bytes per 8-character id, so five million ids take about 80 MB. Lookups are exact
 * (a match is confirmed byte by byte), so a duplicate is never reported by mistake. Ids arrive as
 * strings (the rules) or as bytes straight from the file (the fast reader); both are compared as UTF-8.
 *
 * @example
 * const ids = new IdSet();
 * ids.firstLine('R1', 2); // -1 (new)
 * ids.firstLine('R1', 9); // 2
 */
const TAG_SHIFT = 27;
const ENTRY = (1 << TAG_SHIFT) - 1; // id number + 1 in the low 27 bits; the hash's top 5 bits above
const GROUP = 16; // ids per checkpoint
const SMALL = 0xff; // a length or line distance this large or larger (or negative) is kept in `large`
const LOAD = 0.8; // most ids per table slot

export class IdSet {
  private table = new Int32Array(1 << 12); // 0 = empty
  private lengths = new Uint8Array(1 << 10);
  private distances = new Uint8Array(1 << 10); // line - the checkpoint's line
  private offsets = new Int32Array(1 << 4); // per checkpoint: arena offset of its first id
  private firstLines = new Int32Array(1 << 4); // per checkpoint: its first id's line
  /** Lengths and line distances that do not fit a byte (or are negative), by id number. */
  private readonly large = new Map<number, { length: number; line: number }>();
  private arena = new Uint8Array(1 << 14);
  private used = 0;
  private count = 0;
  private scratch = new Uint8Array(256);

  get size(): number {
    return this.count;
  }

  /** Make room for `n` ids in all, of about `bytesEach` bytes, so nothing is rebuilt while they arrive (an estimate is fine). */
  reserve(n: number, bytesEach = 8): void {
    const wanted = Math.min(ENTRY, Math.ceil(n));
    if (wanted > this.table.length * LOAD) this.rehash(Math.ceil(wanted / LOAD));
    if (wanted > this.lengths.length) {
      this.lengths = resized(this.lengths, wanted);
      this.distances = resized(this.distances, wanted);
    }
    const groups = Math.ceil(wanted / GROUP) + 1;
    if (groups > this.offsets.length) {
      this.offsets = resized(this.offsets, groups);
      this.firstLines = resized(this.firstLines, groups);
    }
    const bytes = Math.ceil(wanted * bytesEach);
    if (bytes > this.arena.length) this.arena = resized(this.arena, bytes);
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
    const found = this.find(bytes, start, end, hash);
    if (found >= 0) return this.lineOf(found);
    this.insert(~found, hash >>> TAG_SHIFT, bytes, start, end, line);
    return -1;
  }

  /** Issue 19: the number of `id` (ids are numbered 0, 1, … in the order first met), or -1 when it was never met. */
  numberOf(id: string): number {
    if (this.scratch.length < id.length * 3) this.scratch = new Uint8Array(id.length * 3);
    const { written } = encoder.encodeInto(id, this.scratch);
    const found = this.find(this.scratch, 0, written, hashOf(this.scratch, 0, written));
    return found >= 0 ? found : -1;
  }

  /**
   * Issue 19: as numberOf, trying number `guess` first: ids met in the order they were numbered (a
   * file in the data's order) are found by one comparison of their bytes, without a hash-table probe.
   */
  numberNear(id: string, guess: number): number {
    if (this.scratch.length < id.length * 3) this.scratch = new Uint8Array(id.length * 3);
    const { written } = encoder.encodeInto(id, this.scratch);
    if (guess >= 0 && guess < this.count && this.holds(guess, this.scratch, 0, written)) return guess;
    const found = this.find(this.scratch, 0, written, hashOf(this.scratch, 0, written));
    return found >= 0 ? found : -1;
  }

  /** Issue 19: the number of the id held in bytes[start, end), remembered with `line` when it is new (one look-up for firstLineOf and numberOf). */
  numberMet(bytes: Uint8Array, start: number, end: number, line: number): number {
    const hash = hashOf(bytes, start, end);
    const found = this.find(bytes, start, end, hash);
    if (found >= 0) return found;
    this.insert(~found, hash >>> TAG_SHIFT, bytes, start, end, line);
    return this.count - 1;
  }

  /** Issue 19: as numberMet, for `id` as a string (its first line: 0). */
  numberMetId(id: string): number {
    if (this.scratch.length < id.length * 3) this.scratch = new Uint8Array(id.length * 3);
    const { written } = encoder.encodeInto(id, this.scratch);
    return this.numberMet(this.scratch, 0, written, 0);
  }

  /** The number of the id held in bytes[start, end) (whose hash is `hash`), or ~slot (negative), the free slot for it, when it was never met. */
  private find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const tag = hash >>> TAG_SHIFT;
    const table = this.table;
    const slots = table.length;
    let slot = slotOf(hash, slots);
    for (;;) {
      const value = table[slot]!;
      if (value === 0) return ~slot;
      if (value >>> TAG_SHIFT === tag) {
        const e = (value & ENTRY) - 1;
        if (this.holds(e, bytes, start, end)) return e;
      }
      if (++slot === slots) slot = 0;
    }
  }

  /** The line id number `e` was first met on. */
  lineOf(e: number): number {
    const distance = this.distances[e]!;
    return distance === SMALL ? this.large.get(e)!.line : this.firstLines[Math.floor(e / GROUP)]! + distance;
  }

  /** Id number `e` as a string. */
  idOf(e: number): string {
    const from = this.startOf(e);
    return decoder.decode(this.arena.subarray(from, from + this.lengthOf(e)));
  }

  /** Where id e's bytes start in the arena: its group's offset plus the lengths of the ids before it in the group. */
  private startOf(e: number): number {
    let from = this.offsets[Math.floor(e / GROUP)]!;
    for (let k = e - (e % GROUP); k < e; k++) from += this.lengthOf(k);
    return from;
  }

  private lengthOf(e: number): number {
    const length = this.lengths[e]!;
    return length === SMALL ? this.large.get(e)!.length : length;
  }

  /** Whether id e's bytes equal bytes[start, end). */
  private holds(e: number, bytes: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    if (this.lengthOf(e) !== length) return false;
    const from = this.startOf(e);
    const arena = this.arena;
    for (let i = 0; i < length; i++) if (arena[from + i] !== bytes[start + i]) return false;
    return true;
  }

  private insert(slot: number, tag: number, bytes: Uint8Array, start: number, end: number, line: number): void {
    const e = this.count;
    if (e + 1 >= ENTRY) throw new Error(`more than ${ENTRY - 1} respondent ids in one round`);
    if (e === this.lengths.length) {
      this.lengths = resized(this.lengths, Math.ceil(e * 1.5));
      this.distances = resized(this.distances, Math.ceil(e * 1.5));
    }
    const group = Math.floor(e / GROUP);
    if (e % GROUP === 0) {
      if (group >= this.offsets.length) {
        this.offsets = resized(this.offsets, this.offsets.length * 2);
        this.firstLines = resized(this.firstLines, this.firstLines.length * 2);
      }
      this.offsets[group] = this.used;
      this.firstLines[group] = line;
    }
    const length = end - start;
    // Beyond what was reserved, grow by half: an estimate a little short must not double the arena.
    if (this.used + length > this.arena.length) this.arena = resized(this.arena, Math.max(Math.ceil(this.arena.length * 1.5), this.used + length));
    const arena = this.arena;
    let at = this.used;
    for (let i = start; i < end; i++) arena[at++] = bytes[i]!;
    this.used = at;
    const distance = line - this.firstLines[group]!;
    if (length < SMALL && distance >= 0 && distance < SMALL) {
      this.lengths[e] = length;
      this.distances[e] = distance;
    } else {
      this.lengths[e] = Math.min(length, SMALL);
      this.distances[e] = SMALL;
      this.large.set(e, { length, line });
    }
    this.count = e + 1;
    this.table[slot] = (tag << TAG_SHIFT) | (e + 1);
    if (this.count > this.table.length * LOAD) this.rehash(this.table.length * 2);
  }

  private rehash(slots: number): void {
    const table = new Int32Array(slots);
    let from = 0;
    for (let e = 0; e < this.count; e++) {
      const to = from + this.lengthOf(e);
      const hash = hashOf(this.arena, from, to);
      from = to;
      let slot = slotOf(hash, slots);
      while (table[slot] !== 0) if (++slot === slots) slot = 0;
      table[slot] = ((hash >>> TAG_SHIFT) << TAG_SHIFT) | (e + 1);
    }
    this.table = table;
  }
}

/** The hash's slot in a table of `slots` (any size, not only a power of two): its high bits scaled. */
function slotOf(hash: number, slots: number): number {
  return (((hash & 0x7ffffff) * slots) / 0x8000000) | 0;
}

/** FNV-1a over the bytes, then mixed so that the low bits (the slot) and the top bits (the tag) both vary. */
function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  return hash ^ (hash >>> 12);
}

function resized<T extends Int32Array | Uint8Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(length);
  bigger.set(array.subarray(0, Math.min(array.length, length)) as never);
  return bigger;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
