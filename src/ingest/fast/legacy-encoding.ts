/**
 * Issue 19: Windows-1252 for the fast reader. A block of Windows-1252 bytes is decoded to UTF-8
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
export function decodeWindows1252(src: Uint8Array, length: number, take: (bytes: number) => ArrayBuffer): { buffer: Buffer; length: number } {
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

/** The number of source bytes decoded into buf[from, to) (a stretch of whole characters): its characters. */
export function sourceLength(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if ((buf[i]! & 0xc0) !== 0x80) n++;
  return n;
}
