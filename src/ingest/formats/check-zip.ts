/**
 * Check a zip (an .xlsx) before SheetJS parses it: every entry must inflate and match the CRC-32 its
 * central directory records. SheetJS reads a damaged entry without complaint and can then loop
 * forever on what it inflated (found by fuzzing), so a workbook that fails this is reported as
 * damaged instead. Returns null when sound, else why not (worded by the catalogue, src/messages.ts).
 */
import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { ZipProblem } from '../../messages.ts';

export function checkZip(buffer: Buffer, limits: ZipLimits = { maxBytes: Number.MAX_SAFE_INTEGER }): ZipProblem | null {
  // Issue #20: sizes and ratios first, from the central directory, before anything inflates.
  const limited = checkZipLimits(buffer, limits);
  if (limited !== null) return limited;
  const end = endOfCentralDirectory(buffer);
  if (end === -1) return { kind: 'no-directory' };
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const expected = new Map<string, number>();
  for (let k = 0; k < count; k++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) return { kind: 'damaged-directory' };
    const crc = buffer.readUInt32LE(at + 16);
    const nameLength = buffer.readUInt16LE(at + 28);
    const skip = nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    expected.set(buffer.toString('utf8', at + 46, at + 46 + nameLength), crc);
    at += 46 + skip;
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length));
  } catch (error) {
    return { kind: 'damaged', detail: (error as Error).message };
  }
  for (const [name, crc] of expected) {
    const data = files[name];
    if (data === undefined) return { kind: 'entry-unreadable', entry: name };
    if (crc32(data) >>> 0 !== crc) return { kind: 'checksum', entry: name };
  }
  return null;
}

/** Limits on what a zip (.xlsx, .qdpx) may inflate to (issue #20), checked before anything inflates. */
export interface ZipLimits {
  /** The archive's own size, and each entry's and all entries' inflated size together (limits.maxFileBytes). */
  maxBytes: number;
  /** Inflated over compressed size, for entries over 1 MiB inflated: a zip bomb's is in the thousands. */
  maxRatio?: number;
}

/** Inflated size over compressed size that no real workbook or project reaches (XML compresses 5-50 times). */
const MAX_ZIP_RATIO = 200;

/**
 * Read the central directory's declared sizes and refuse an archive that would inflate past the
 * limits, before any byte is inflated. Entries that lie about their size are caught after: fflate
 * inflates into a buffer of the declared size, and the CRC check (checkZip) fails on a short one.
 * Returns null when within the limits, else why not (with the entry and the figures).
 */
export function checkZipLimits(buffer: Buffer, limits: ZipLimits): ZipProblem | null {
  const { maxBytes } = limits;
  const maxRatio = limits.maxRatio ?? MAX_ZIP_RATIO;
  if (buffer.length > maxBytes) return { kind: 'too-large', bytes: buffer.length, max: maxBytes };
  const end = endOfCentralDirectory(buffer);
  if (end === -1) return null; // not a zip: the caller's own checks say so
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) return null; // damaged: checkZip reports it
    const compressed = buffer.readUInt32LE(at + 20);
    const inflated = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const name = buffer.toString('utf8', at + 46, at + 46 + Math.min(nameLength, 200));
    total += inflated;
    const limited = zipEntryLimitProblem(name, compressed, inflated, total, { maxBytes, maxRatio });
    if (limited !== null) return limited;
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return null;
}

/**
 * One central directory entry against the limits (checkZipLimits' test of each entry, shared with
 * the streamed reader, zip-stream.ts): `total` is the inflated size of this entry and all before it.
 */
export function zipEntryLimitProblem(name: string, compressed: number, inflated: number, total: number, limits: ZipLimits): ZipProblem | null {
  const { maxBytes } = limits;
  const maxRatio = limits.maxRatio ?? MAX_ZIP_RATIO;
  if (compressed === 0xffffffff || inflated === 0xffffffff) return { kind: 'zip64', entry: name };
  if (inflated > maxBytes) return { kind: 'entry-too-large', entry: name, inflated, max: maxBytes };
  if (total > maxBytes) return { kind: 'total-too-large', max: maxBytes };
  if (inflated > 1 << 20 && inflated > maxRatio * Math.max(1, compressed)) return { kind: 'ratio', entry: name, compressed, inflated, max: maxRatio };
  return null;
}

/** How far from a zip's end its end of central directory record can start: 22 bytes and a comment of up to 64 KiB. */
export const ZIP_TAIL = 65_557;

/**
 * Where the end of central directory record starts in these bytes (a whole zip, or its last
 * ZIP_TAIL bytes): the last signature 50 4B 05 06 within ZIP_TAIL of the end, or -1.
 */
export function endOfCentralDirectory(bytes: Buffer): number {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - ZIP_TAIL); i--) if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
