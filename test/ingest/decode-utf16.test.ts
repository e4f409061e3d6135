/**
 * Issue 19: the fast reader's UTF-16 decoder (fast/legacy-encoding.ts) against the WHATWG decoder
 * Node's TextDecoder implements, on any code units in either byte order: the same text, with each
 * byte it marks as damage (a surrogate without its partner, a last odd byte) where TextDecoder puts
 * U+FFFD; the same whether the bytes come whole or in chunks cut anywhere (the one-thread reader
 * carries an incomplete end to the next chunk); and the decoded bytes map back to the source's length.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf16, LEAD_AND_ODD_BYTE, LONE_SURROGATE, ODD_BYTE, sourceLength16, type Utf16 } from '../../src/ingest/fast/legacy-encoding.ts';

const take = (bytes: number) => new ArrayBuffer(bytes);

/** Code units as bytes, biased towards the awkward ones: surrogates, ASCII, U+FEFF, U+FFFD. */
const units = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.integer({ min: 0xd800, max: 0xdbff }),
    fc.integer({ min: 0xdc00, max: 0xdfff }),
    fc.constantFrom(0xfeff, 0xfffd, 0x00e9, 0x4e00, 0x2200, 0x0a05),
    fc.integer({ min: 0, max: 0xffff }),
  ),
  { maxLength: 40 },
);

function bytesOf(codeUnits: number[], order: Utf16, oddByte: number | null): Buffer {
  const bytes = Buffer.alloc(codeUnits.length * 2);
  codeUnits.forEach((unit, i) => (order === 'utf-16le' ? bytes.writeUInt16LE(unit, i * 2) : bytes.writeUInt16BE(unit, i * 2)));
  return oddByte === null ? bytes : Buffer.concat([bytes, Buffer.of(oddByte)]);
}

/** The decoder's output as text, its damage marks read as TextDecoder's U+FFFD. */
function asText(bytes: Buffer): string {
  const parts: number[] = [];
  for (const byte of bytes) {
    if (byte === LONE_SURROGATE || byte === ODD_BYTE || byte === LEAD_AND_ODD_BYTE) parts.push(0xef, 0xbf, 0xbd);
    else parts.push(byte);
  }
  return Buffer.from(parts).toString('utf8');
}

describe('decodeUtf16', () => {
  for (const order of ['utf-16le', 'utf-16be'] as const) {
    it(`${order}: the text TextDecoder gives, whole or in chunks, and the source length back`, () => {
      fc.assert(
        fc.property(units, fc.option(fc.nat(255)), fc.array(fc.nat(), { maxLength: 4 }), (codeUnits, oddByte, cuts) => {
          const source = bytesOf(codeUnits, order, oddByte);
          const expected = new TextDecoder(order, { ignoreBOM: true }).decode(source);
          const whole = decodeUtf16(Buffer.from(source), source.length, order, true, take);
          const decoded = whole.buffer.subarray(0, whole.length);
          expect(asText(decoded)).toBe(expected);
          expect(whole.consumed).toBe(source.length);
          expect(sourceLength16(decoded, 0, decoded.length)).toBe(source.length);

          // In chunks, each incomplete end carried over to the next, as the one-thread reader does.
          const ends = [...new Set(cuts.map((c) => c % (source.length + 1)))].sort((a, b) => a - b);
          const pieces: Buffer[] = [];
          let leftover = Buffer.alloc(0);
          let from = 0;
          for (const end of [...ends, source.length]) {
            const final = end === source.length;
            const chunk = Buffer.concat([leftover, source.subarray(from, end)]);
            const copy = Buffer.from(chunk);
            const part = decodeUtf16(chunk, chunk.length, order, final, take);
            // The source bytes are left as they were (big-endian is swapped and swapped back).
            expect(chunk).toEqual(copy);
            pieces.push(Buffer.from(part.buffer.subarray(0, part.length)));
            leftover = Buffer.from(chunk.subarray(part.consumed));
            from = end;
          }
          expect(leftover.length).toBe(0);
          expect(asText(Buffer.concat(pieces))).toBe(expected);
        }),
        { seed: 1919, numRuns: 500 },
      );
    });

    it(`${order}: a surrogate pair, or a lone surrogate, where the native decoding cuts its 32 KiB slices`, () => {
      for (const at of [16381, 16382, 16383, 16384]) {
        for (const odd of [[0xd83d, 0xde00], [0xd83d], [0xde00]]) {
          const codeUnits = [...Array.from({ length: at }, () => 0x61), ...odd, ...Array.from({ length: 20000 }, () => 0x4e00)];
          const source = bytesOf(codeUnits, order, null);
          const decoded = decodeUtf16(Buffer.from(source), source.length, order, true, take);
          const bytes = decoded.buffer.subarray(0, decoded.length);
          expect(asText(bytes), `${at} ${odd}`).toBe(new TextDecoder(order, { ignoreBOM: true }).decode(source));
          expect(sourceLength16(bytes, 0, bytes.length)).toBe(source.length);
        }
      }
    });
  }
});
