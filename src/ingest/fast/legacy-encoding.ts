/**
 * Issue 19: Windows-1252 for the fast reader. Its blocks are scanned as they are (scan-block.ts'
 * ScanPlan.windows1252, with encodeWindows1252 for the texts looked for); decoding to UTF-8 remains
 * for the header rows, and for every block when the themes separator is not Windows-1252 text. A
 * block of Windows-1252 bytes is then decoded to UTF-8
 * bytes (in the worker thread that scans it), so the byte scanner reads it as it reads UTF-8. Every
 * source byte becomes exactly one character (WHATWG's windows-1252, the table TextDecoder uses, so the
 * text is the ordinary reader's to the character), and the newline, the quote and every ASCII
 * delimiter are the same byte in both: rows, lines and columns (counted in characters by the rules)
 * are unchanged, and a byte offset in the decoded block maps back to the file by counting characters
 * (sourceLength).
 */
/** The UTF-8 bytes of each Windows-1252 byte. */
const TABLE: Uint8Array[] = (() => {
  const decoder = new TextDecoder('windows-1252');
  const encoder = new TextEncoder();
  return Array.from({ length: 256 }, (_, byte) => encoder.encode(decoder.decode(Uint8Array.of(byte))));
})();

/**
 * Decode src[0, length) from Windows-1252 into UTF-8 bytes, in a buffer from `take` with one byte to
 * spare after them (the scanner's sentinel). The decoded length and the buffer.
 */
function decodeWindows1252(src: Uint8Array, length: number, take: (bytes: number) => ArrayBuffer): { buffer: Buffer; length: number } {
  let size = length;
  for (let i = 0; i < length; i++) if (src[i]! >= 0x80) size += TABLE[src[i]!]!.length - 1;
  const buffer = Buffer.from(take(size + 1), 0, size + 1);
  if (size === length) {
    buffer.set(src.subarray(0, length), 0);
    return { buffer, length };
  }
  let at = 0;
  for (let i = 0; i < length; i++) {
    const byte = src[i]!;
    if (byte < 0x80) buffer[at++] = byte;
    else {
      const bytes = TABLE[byte]!;
      for (let k = 0; k < bytes.length; k++) buffer[at++] = bytes[k]!;
    }
  }
  return { buffer, length: size };
}

/** Each character Windows-1252 decodes a byte to (WHATWG's table): the byte. */
const BYTE_OF: Map<string, number> = (() => {
  const decoder = new TextDecoder('windows-1252');
  return new Map(Array.from({ length: 256 }, (_, byte) => [decoder.decode(Uint8Array.of(byte)), byte]));
})();

/**
 * The Windows-1252 bytes that decode to `text`, or null when a character of it is not one Windows-1252
 * decodes any byte to (no bytes of a Windows-1252 file can then read as `text`). Every byte decodes
 * to one character and no two bytes to the same one, so bytes equal these exactly when they read as `text`.
 */
export function encodeWindows1252(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const byte = BYTE_OF.get(text[i]!);
    if (byte === undefined) return null;
    bytes[i] = byte;
  }
  return bytes;
}

/** The number of source bytes decoded into buf[from, to) (a stretch of whole characters): its characters. */
function sourceLength(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if ((buf[i]! & 0xc0) !== 0x80) n++;
  return n;
}

/**
 * Issue 19: UTF-16 for the fast reader. A block of UTF-16 (LE or BE) code units is decoded to UTF-8
 * bytes in the worker thread that scans it, so the byte scanner reads it as it reads UTF-8: the
 * newline, the quote and every ASCII delimiter are one code unit in UTF-16 and one byte in UTF-8,
 * so rows and lines are unchanged, and the cells decode to the same JavaScript strings (the same
 * code units), so the columns the rules count are the ordinary reader's too. A byte offset in the
 * decoded bytes maps back to the file by counting characters: two source bytes for each, four for a
 * surrogate pair (sourceLength16).
 *
 * What the ordinary reader decodes to U+FFFD and reports (FND213: a surrogate without its partner, a
 * last byte with no partner) is written as a byte that is not UTF-8 (LONE_SURROGATE, ODD_BYTE,
 * LEAD_AND_ODD_BYTE), one for each U+FFFD: the
 * scanner stops at the row that holds it (firstDamage), and papaparse reads that row from the file's
 * own bytes with the ordinary decoder, so the diagnostic and its byte offset are the ordinary reader's.
 */

/** The decoded byte for a surrogate with no partner (two source bytes). Never valid UTF-8. */
export const LONE_SURROGATE = 0xff;
/** The decoded byte for a last source byte with no partner (one source byte). Never valid UTF-8. */
export const ODD_BYTE = 0xfe;
/** The decoded byte for a lead surrogate followed by a last odd byte (three source bytes: one U+FFFD, as WHATWG decodes them). */
export const LEAD_AND_ODD_BYTE = 0xfd;

/** The file's byte order within each UTF-16 code unit. */
export type Utf16 = 'utf-16le' | 'utf-16be';

/**
 * Decode src[0, length) from UTF-16 into UTF-8 bytes, in a buffer from `take` with one byte to spare
 * after them (the scanner's sentinel). Without `final`, an incomplete end (a lone byte, a lead
 * surrogate whose partner may follow) is left undecoded: `consumed` is the source bytes decoded.
 */
export function decodeUtf16(
  src: Uint8Array,
  length: number,
  order: Utf16,
  final: boolean,
  take: (bytes: number) => ArrayBuffer,
): { buffer: Buffer; length: number; consumed: number } {
  const even = length & ~1;
  const units = Buffer.from(src.buffer, src.byteOffset, even);
  // Big-endian is read as little-endian with each code unit's bytes swapped (and swapped back after).
  if (order === 'utf-16be') units.swap16();
  try {
    // Natively, 32 KiB at a time (a string that small is young garbage, collected at once; a buffer
    // from buffer.transcode is not, and held 90 MB more at 1M rows), never between a surrogate pair.
    const odd = even < length && final ? 1 : 0;
    const room = Math.ceil(even * 1.5) + odd + 1;
    const buffer = Buffer.from(take(room), 0, room);
    let at = 0;
    for (let from = 0; from < even; ) {
      let to = Math.min(even, from + NATIVE_SLICE);
      if (to < even && (units[to - 1]! & 0xfc) === 0xd8) to -= 2;
      at += buffer.write(units.toString('utf16le', from, to), at, 'utf8');
      from = to;
    }
    // Writing UTF-8 turns a surrogate without its partner into U+FFFD: such a block (or one with a
    // U+FFFD of its own) is decoded again unit by unit, which marks each for what it is.
    if (buffer.subarray(0, at).indexOf(REPLACEMENT) !== -1) return decodeUtf16Units(src, length, 'utf-16le', final, take);
    if (odd === 1) buffer[at++] = ODD_BYTE;
    return { buffer, length: at, consumed: even + odd };
  } finally {
    if (order === 'utf-16be') units.swap16();
  }
}

const NATIVE_SLICE = 1 << 15;
/** U+FFFD in UTF-8. */
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/** decodeUtf16 code unit by code unit (a surrogate without its partner becomes LONE_SURROGATE). */
function decodeUtf16Units(
  src: Uint8Array,
  length: number,
  order: Utf16,
  final: boolean,
  take: (bytes: number) => ArrayBuffer,
): { buffer: Buffer; length: number; consumed: number } {
  // At most three UTF-8 bytes for two source bytes (four for four), one for a last odd byte.
  const room = Math.ceil(length * 1.5) + 2;
  const buffer = Buffer.from(take(room), 0, room);
  const hi = order === 'utf-16le' ? 1 : 0;
  const lo = 1 - hi;
  const even = length & ~1;
  let at = 0;
  let i = 0;
  while (i < even) {
    const unit = (src[i + hi]! << 8) | src[i + lo]!;
    if (unit < 0x80) {
      buffer[at++] = unit;
      i += 2;
    } else if (unit < 0x800) {
      buffer[at++] = 0xc0 | (unit >> 6);
      buffer[at++] = 0x80 | (unit & 0x3f);
      i += 2;
    } else if (unit < 0xd800 || unit > 0xdfff) {
      buffer[at++] = 0xe0 | (unit >> 12);
      buffer[at++] = 0x80 | ((unit >> 6) & 0x3f);
      buffer[at++] = 0x80 | (unit & 0x3f);
      i += 2;
    } else if (unit <= 0xdbff) {
      if (i + 2 >= even) {
        // A lead surrogate at the end: its partner may be in the next chunk.
        if (!final) break;
        if (even < length) {
          buffer[at++] = LEAD_AND_ODD_BYTE;
          i = length;
          break;
        }
        buffer[at++] = LONE_SURROGATE;
        i += 2;
        continue;
      }
      const trail = (src[i + 2 + hi]! << 8) | src[i + 2 + lo]!;
      if (trail < 0xdc00 || trail > 0xdfff) {
        buffer[at++] = LONE_SURROGATE;
        i += 2;
        continue;
      }
      const point = 0x10000 + ((unit - 0xd800) << 10) + (trail - 0xdc00);
      buffer[at++] = 0xf0 | (point >> 18);
      buffer[at++] = 0x80 | ((point >> 12) & 0x3f);
      buffer[at++] = 0x80 | ((point >> 6) & 0x3f);
      buffer[at++] = 0x80 | (point & 0x3f);
      i += 4;
    } else {
      buffer[at++] = LONE_SURROGATE; // a trail surrogate with no lead
      i += 2;
    }
  }
  if (i === even && even < length && final) {
    buffer[at++] = ODD_BYTE;
    i = length;
  }
  return { buffer, length: at, consumed: i };
}

/** The number of source bytes decoded by decodeUtf16 into buf[from, to) (a stretch of whole characters). */
export function sourceLength16(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const byte = buf[i]!;
    if (byte < 0x80) n += 2;
    else if (byte < 0xc0)
      continue; // a continuation byte
    else if (byte < 0xf0) n += 2;
    else if (byte === ODD_BYTE) n += 1;
    else if (byte === LEAD_AND_ODD_BYTE) n += 3;
    else if (byte === LONE_SURROGATE) n += 2;
    else n += 4; // a surrogate pair
  }
  return n;
}

/**
 * The offset just after the last newline code unit in buf[0, length) (code units from 0) with an even
 * number of quote units before it (any number, without `countQuotes`); 0 when there is none. The
 * UTF-16 twin of read-fast's lastRowBoundary.
 */
export function lastRowBoundary16(buf: Buffer, length: number, order: Utf16, countQuotes = true): number {
  const quote = order === 'utf-16le' ? QUOTE_LE : QUOTE_BE;
  const newline = order === 'utf-16le' ? NEWLINE_LE : NEWLINE_BE;
  const units = length & ~1;
  if (!countQuotes) {
    const n = unitLastIndex(buf, newline, units);
    return n === -1 ? 0 : n + 2;
  }
  let quotes = 0;
  for (let q = unitIndex(buf, quote, 0, units); q !== -1; q = unitIndex(buf, quote, q + 2, units)) quotes++;
  let after = units;
  let n = unitLastIndex(buf, newline, units);
  while (n !== -1) {
    for (let q = unitIndex(buf, quote, n, after); q !== -1; q = unitIndex(buf, quote, q + 2, after)) quotes--;
    if (quotes % 2 === 0) return n + 2;
    after = n;
    n = unitLastIndex(buf, newline, n);
  }
  return 0;
}

const QUOTE_LE = Buffer.from([0x22, 0x00]);
const QUOTE_BE = Buffer.from([0x00, 0x22]);
const NEWLINE_LE = Buffer.from([0x0a, 0x00]);
const NEWLINE_BE = Buffer.from([0x00, 0x0a]);

/** The first even offset in [from, to) where the code unit `unit` (its two bytes) starts; -1 if none. */
export function unitIndex(buf: Buffer, unit: Buffer, from: number, to: number): number {
  let i = buf.indexOf(unit, from);
  while (i !== -1 && (i & 1) === 1) i = buf.indexOf(unit, i + 1);
  return i !== -1 && i + 2 <= to ? i : -1;
}

/** The last even offset before `before` where the code unit `unit` starts; -1 if none. */
function unitLastIndex(buf: Buffer, unit: Buffer, before: number): number {
  if (before < 2) return -1;
  let i = buf.lastIndexOf(unit, before - 2);
  while (i !== -1 && (i & 1) === 1) i = i === 0 ? -1 : buf.lastIndexOf(unit, i - 1);
  return i;
}

/** The newline code unit's two bytes in this byte order. */
export function newlineUnit(order: Utf16): Buffer {
  return order === 'utf-16le' ? NEWLINE_LE : NEWLINE_BE;
}

/** An encoding the fast reader decodes to UTF-8 before it scans (issue 19). */
export type LegacyEncoding = 'windows-1252' | Utf16;

/**
 * Decode src[0, length) from `encoding` to UTF-8 bytes (one byte spare after them); `consumed`:
 * the source bytes decoded (all of them but an incomplete UTF-16 end without `final`).
 */
export function decodeLegacy(
  encoding: LegacyEncoding,
  src: Uint8Array,
  length: number,
  final: boolean,
  take: (bytes: number) => ArrayBuffer,
): { buffer: Buffer; length: number; consumed: number } {
  if (encoding === 'windows-1252') return { ...decodeWindows1252(src, length, take), consumed: length };
  return decodeUtf16(src, length, encoding, final, take);
}

/** How bytes decoded from `encoding` map back to source bytes (sourceLength or sourceLength16). */
export function sourceLengthIn(encoding: LegacyEncoding): (buf: Uint8Array, from: number, to: number) => number {
  return encoding === 'windows-1252' ? sourceLength : sourceLength16;
}
