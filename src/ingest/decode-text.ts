/**
 * Decode a byte stream to text chunk by chunk, keeping the byte offset of every invalid sequence so
 * a diagnostic can name it ("invalid UTF-8 at byte 1234") instead of letting mojibake reach a report.
 *
 * UTF-8 is the default; a UTF-16 byte order mark (FF FE or FE FF) switches to UTF-16 LE or BE, as
 * Excel's "Unicode text" writes. Valid UTF-8 chunks (the common case) are checked natively
 * (buffer.isUtf8) and decoded natively; only a chunk with a bad sequence is decoded by hand, so that
 * each U+FFFD it produces is paired with its byte offset. A literal U+FFFD in the file is recorded
 * as valid (-1), so the k-th U+FFFD of the text always pairs with the k-th entry of `replacements`.
 */
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

export class TextDecoderWithOffsets {
  private encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | null = null;
  /**
   * `chosen` fixes the encoding (the config's data.encoding): utf-16 still reads a byte order mark
   * to tell LE from BE (LE without one, as Windows writes); windows-1252 maps every byte, so it never
   * fails. Without it, a UTF-16 byte order mark selects UTF-16 and anything else is read as UTF-8.
   * Issue 19: utf-16le and utf-16be fix the byte order, for a decoder started part way through a
   * file (the fast reader's hand-over to papaparse): a U+FEFF there is text, not a mark to take off.
   */
  constructor(
    private readonly chosen: 'utf-8' | 'utf-16' | 'utf-16le' | 'utf-16be' | 'windows-1252' | null = null,
    /** Byte offset in the file of the first byte written (a decoder started part way through a file). */
    startOffset = 0,
  ) {
    this.offset = startOffset;
  }
  private utf16: TextDecoder | null = null;
  private carry: Buffer = Buffer.alloc(0);
  private offset: number;
  /** Byte offset of each U+FFFD produced for an invalid sequence; -1 for a literal U+FFFD. */
  readonly replacements: number[] = [];

  get detected(): string {
    return this.encoding ?? 'utf-8';
  }

  write(chunk: Buffer): string {
    if (this.encoding === null) {
      const head = Buffer.concat([this.carry, chunk]);
      if (head.length < 2) {
        this.carry = head;
        return '';
      }
      this.carry = Buffer.alloc(0);
      if (this.chosen === 'windows-1252' || this.chosen === 'utf-8' || this.chosen === 'utf-16le' || this.chosen === 'utf-16be') this.encoding = this.chosen;
      else if (head[0] === 0xff && head[1] === 0xfe) this.encoding = 'utf-16le';
      else if (this.chosen === 'utf-16' && !(head[0] === 0xfe && head[1] === 0xff)) this.encoding = 'utf-16le';
      else if (head[0] === 0xfe && head[1] === 0xff) this.encoding = 'utf-16be';
      else this.encoding = 'utf-8';
      if (this.encoding !== 'utf-8') {
        // (windows-1252 shares this path: a native decoder with no invalid bytes to locate.)
        this.utf16 = new TextDecoder(this.encoding, { ignoreBOM: this.chosen === 'utf-16le' || this.chosen === 'utf-16be' });
        this.scan16(head);
        return this.utf16.decode(head, { stream: true });
      }
      chunk = head;
    }
    if (this.utf16 !== null) {
      this.scan16(chunk);
      return this.utf16.decode(chunk, { stream: true });
    }
    return this.utf8(chunk, false);
  }

  end(): string {
    if (this.utf16 !== null) {
      // The end of a UTF-16 stream inside a surrogate pair or a code unit is one U+FFFD (WHATWG).
      if (this.lead !== -1 || this.oddByte !== -1) this.replacements.push(this.lead !== -1 ? this.lead : this.oddByteAt);
      return this.utf16.decode();
    }
    if (this.encoding === null && this.carry.length > 0) {
      if ((this.chosen === 'utf-16le' || this.chosen === 'utf-16be') && this.carry.length === 1) {
        // One last byte with no partner: one U+FFFD at its offset, as the streaming path reports it.
        this.encoding = this.chosen;
        this.replacements.push(this.offset);
        this.carry = Buffer.alloc(0);
        return '\uFFFD';
      }
      if (this.chosen === 'windows-1252' || this.chosen === 'utf-16') {
        // A file of one byte: decode it in the chosen encoding.
        this.encoding = this.chosen === 'utf-16' ? 'utf-16le' : 'windows-1252';
        const rest = this.carry;
        this.carry = Buffer.alloc(0);
        return new TextDecoder(this.encoding).decode(rest);
      }
      this.encoding = 'utf-8';
    }
    return this.utf8(Buffer.alloc(0), true);
  }

  private utf8(chunk: Buffer, final: boolean): string {
    let bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    // Hold back an incomplete sequence at the end for the next chunk.
    let cut = bytes.length;
    if (!final) {
      let back = 0;
      while (back < 3 && cut - back - 1 >= 0 && (bytes[cut - back - 1]! & 0xc0) === 0x80) back++;
      const lead = bytes[cut - back - 1];
      if (lead !== undefined && lead >= 0xc0) {
        const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
        if (back + 1 < need) cut = cut - back - 1;
      }
    }
    this.carry = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : Buffer.alloc(0);
    bytes = bytes.subarray(0, cut);
    const start = this.offset;
    this.offset += bytes.length;
    if (isUtf8(bytes)) {
      const text = bytes.toString('utf8');
      if (text.indexOf('\uFFFD') !== -1) for (const ch of text) if (ch === '\uFFFD') this.replacements.push(-1);
      return text;
    }
    return this.decodeByHand(bytes, start);
  }

  private lead = -1; // byte offset of a UTF-16 lead surrogate waiting for its trail
  private oddByte = -1; // a byte of a UTF-16 code unit cut by the chunk boundary
  private oddByteAt = 0;

  /**
   * Record where the native UTF-16 decoder will put a U+FFFD, in the same order: an unpaired
   * surrogate at its own offset, a literal U+FFFD as -1 (windows-1252 has no invalid bytes).
   */
  private scan16(bytes: Buffer): void {
    const base = this.offset;
    this.offset += bytes.length;
    if (this.encoding === 'windows-1252') return;
    const be = this.encoding === 'utf-16be';
    let i = 0;
    if (this.oddByte !== -1 && bytes.length > 0) {
      this.unit16(be ? (this.oddByte << 8) | bytes[0]! : (bytes[0]! << 8) | this.oddByte, this.oddByteAt);
      this.oddByte = -1;
      i = 1;
    }
    for (; i + 1 < bytes.length; i += 2) this.unit16(be ? (bytes[i]! << 8) | bytes[i + 1]! : (bytes[i + 1]! << 8) | bytes[i]!, base + i);
    if (i < bytes.length) {
      this.oddByte = bytes[i]!;
      this.oddByteAt = base + i;
    }
  }

  private unit16(unit: number, at: number): void {
    if (this.lead !== -1) {
      const pending = this.lead;
      this.lead = -1;
      if (unit >= 0xdc00 && unit <= 0xdfff) return;
      this.replacements.push(pending);
    }
    if (unit >= 0xd800 && unit <= 0xdbff) this.lead = at;
    else if (unit >= 0xdc00 && unit <= 0xdfff) this.replacements.push(at);
    else if (unit === 0xfffd) this.replacements.push(-1);
  }

  /** WHATWG-style UTF-8 decoding (one U+FFFD per maximal invalid subpart), recording offsets. */
  private decodeByHand(bytes: Buffer, base: number): string {
    const parts: string[] = [];
    let i = 0;
    let runStart = 0;
    const flush = (end: number) => {
      if (end > runStart) parts.push(bytes.toString('utf8', runStart, end));
    };
    while (i < bytes.length) {
      const b = bytes[i]!;
      let need = 0;
      let min = 0x80;
      let max = 0xbf;
      if (b < 0x80) {
        i++;
        continue;
      } else if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b === 0xe0) min = 0xa0;
        if (b === 0xed) max = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b === 0xf0) min = 0x90;
        if (b === 0xf4) max = 0x8f;
      } else {
        flush(i);
        parts.push('\uFFFD');
        this.replacements.push(base + i);
        i++;
        runStart = i;
        continue;
      }
      let j = 1;
      for (; j <= need; j++) {
        const c = bytes[i + j];
        const lo = j === 1 ? min : 0x80;
        const hi = j === 1 ? max : 0xbf;
        if (c === undefined || c < lo || c > hi) break;
      }
      if (j <= need) {
        flush(i);
        parts.push('\uFFFD');
        this.replacements.push(base + i);
        i += j;
        runStart = i;
        continue;
      }
      if (b === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) this.replacements.push(-1);
      i += need + 1;
    }
    flush(bytes.length);
    return parts.join('');
  }
}
