/**
 * A small map from byte strings to integers, looked up straight from a slice of a buffer, so the
 * fast reader can recognise a theme code, a segment or an answer level without making a string.
 * Keys are stored as UTF-8 in one arena; the table is open addressing with linear probing.
 *
 * @example
 * const map = new ByteMap();
 * map.set(Buffer.from('funder'), 0, 6, 3);
 * map.get(Buffer.from('a funder'), 2, 8); // 3
 */
export const MISSING = -0x80000000;

export class ByteMap {
  // Keys of one byte and of two (answer levels, short codes) are looked up directly: value ^ MISSING
  // at the byte (or byte 0 + 256 × byte 1), so an empty entry reads as MISSING.
  private readonly one = new Int32Array(256);
  private two: Int32Array | null = null;
  // Longer keys of up to 31 bytes are found by their length and first byte when no other key shares
  // both (entry + 1; 0 none; -1 shared: look in the hash table), so most lookups hash nothing.
  private readonly direct = new Int32Array(32 << 8);
  private table = new Int32Array(64); // entry + 1; 0 = empty
  private starts: number[] = [];
  private ends: number[] = [];
  private values: number[] = [];
  private hashes: number[] = [];
  private arena = new Uint8Array(256);
  private used = 0;

  get size(): number {
    return this.values.length;
  }

  /** The value stored for bytes[start, end), or MISSING. */
  get(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length === 1) return this.one[bytes[start]!]! ^ MISSING;
    if (length === 2) return this.two === null ? MISSING : this.two[bytes[start]! | (bytes[start + 1]! << 8)]! ^ MISSING;
    if (length > 2 && length < 32) {
      const entry = this.direct[(length << 8) | bytes[start]!]!;
      if (entry === 0) return MISSING;
      if (entry > 0) return this.equals(entry - 1, bytes, start, end) ? this.values[entry - 1]! : MISSING;
    }
    const hash = hashBytes(bytes, start, end);
    const table = this.table;
    const mask = table.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = table[slot]!;
      if (entry === 0) return MISSING;
      const e = entry - 1;
      if (this.hashes[e] === hash && this.equals(e, bytes, start, end)) return this.values[e]!;
      slot = (slot + 1) & mask;
    }
  }

  /** Store `value` for bytes[start, end) (replacing an earlier value). */
  set(bytes: Uint8Array, start: number, end: number, value: number): void {
    if (end - start === 1) this.one[bytes[start]!] = value ^ MISSING;
    if (end - start === 2) (this.two ??= new Int32Array(1 << 16))[bytes[start]! | (bytes[start + 1]! << 8)] = value ^ MISSING;
    const hash = hashBytes(bytes, start, end);
    const mask = this.table.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.table[slot]!;
      if (entry === 0) break;
      const e = entry - 1;
      if (this.hashes[e] === hash && this.equals(e, bytes, start, end)) {
        this.values[e] = value;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const length = end - start;
    while (this.used + length > this.arena.length) {
      const bigger = new Uint8Array(this.arena.length * 2);
      bigger.set(this.arena);
      this.arena = bigger;
    }
    this.arena.set(bytes.subarray(start, end), this.used);
    this.starts.push(this.used);
    this.ends.push(this.used + length);
    this.used += length;
    this.values.push(value);
    this.hashes.push(hash);
    this.table[slot] = this.values.length;
    if (length > 2 && length < 32) {
      const key = (length << 8) | bytes[start]!;
      this.direct[key] = this.direct[key] === 0 ? this.values.length : -1;
    }
    if (this.values.length * 2 > this.table.length) this.rehash();
  }

  /** Store `value` for the UTF-8 bytes of `key`. */
  setText(key: string, value: number): void {
    const bytes = Buffer.from(key, 'utf8');
    this.set(bytes, 0, bytes.length, value);
  }

  private equals(e: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[e]!;
    if (this.ends[e]! - from !== end - start) return false;
    const arena = this.arena;
    for (let i = start, j = from; i < end; i++, j++) if (arena[j] !== bytes[i]) return false;
    return true;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let e = 0; e < this.values.length; e++) {
      let slot = this.hashes[e]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = e + 1;
    }
    this.table = table;
  }
}

/**
 * A cheap hash of a key's length and up to four of its bytes (first, second, middle and last): keys
 * here are few and short (codes, segments, levels), and a collision only costs a byte comparison.
 */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 0) return 0;
  let hash = Math.imul(length, 0x9e3779b1) ^ bytes[start]! ^ (bytes[end - 1]! << 8) ^ (bytes[start + (length >>> 1)]! << 16);
  if (length > 1) hash ^= bytes[start + 1]! << 24;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return hash ^ (hash >>> 13);
}
