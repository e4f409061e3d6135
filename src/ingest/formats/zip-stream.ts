/**
 * Read a zip (an .xlsx) from its file without holding the archive or any large entry in memory
 * (issue #19): the central directory is read from the end of the file, and each entry is inflated
 * as a stream of chunks from its own bytes on disk. The checks are checkZip's and checkZipLimits'
 * (check-zip.ts), in the same order and with the same problems: limits before anything inflates,
 * then every entry must inflate and match the CRC-32 its central directory records. An entry that
 * inflates past the size it declares is stopped there and fails its checksum, so a zip bomb that lies
 * about its sizes still inflates no more than the limits allow.
 */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import type { ZipProblem } from '../../messages.ts';
import { endOfCentralDirectory, ZIP_TAIL, zipEntryLimitProblem, type ZipLimits } from './check-zip.ts';

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  crc: number;
  method: number;
  compressed: number;
  inflated: number;
  /** Where the entry's local header starts. */
  local: number;
}

/**
 * The archive's entries from its central directory, or why the archive is refused: the limits
 * first (as checkZipLimits: the file's size, then each entry's in order), then a missing or damaged
 * directory (as checkZip).
 */
export async function readZipDirectory(handle: FileHandle, size: number, limits: ZipLimits): Promise<ZipEntry[] | ZipProblem> {
  if (size > limits.maxBytes) return { kind: 'too-large', bytes: size, max: limits.maxBytes };
  const tailStart = Math.max(0, size - ZIP_TAIL);
  const tail = Buffer.alloc(size - tailStart);
  await handle.read(tail, 0, tail.length, tailStart);
  const end = endOfCentralDirectory(tail);
  if (end === -1) return { kind: 'no-directory' };
  const count = tail.readUInt16LE(end + 10);
  const offset = tail.readUInt32LE(end + 16);
  // The directory as far as the file goes (a damaged one may point anywhere).
  const stop = tailStart + end;
  const directory = Buffer.alloc(Math.max(0, Math.min(size, Math.max(stop, offset)) - Math.min(offset, size)));
  if (directory.length > 0) await handle.read(directory, 0, directory.length, Math.min(offset, size));
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) return { kind: 'damaged-directory' };
    const nameLength = directory.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      crc: directory.readUInt32LE(at + 16),
      method: directory.readUInt16LE(at + 10),
      compressed: directory.readUInt32LE(at + 20),
      inflated: directory.readUInt32LE(at + 24),
      local: directory.readUInt32LE(at + 42),
    };
    total += entry.inflated;
    const limited = zipEntryLimitProblem(entry.name.slice(0, 200), entry.compressed, entry.inflated, total, limits);
    if (limited !== null) return limited;
    entries.push(entry);
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}

/** Thrown inside entryChunks for a damaged entry; carries the problem to report. */
export class ZipEntryError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.kind);
  }
}

/**
 * The inflated bytes of one entry, as chunks, with its CRC-32 checked at the end: a damaged entry
 * throws ZipEntryError (damaged, or checksum when it inflates to other bytes than it declares).
 */
export async function* entryChunks(file: string, handle: FileHandle, entry: ZipEntry): AsyncGenerator<Buffer> {
  const header = Buffer.alloc(30);
  const { bytesRead } = await handle.read(header, 0, 30, entry.local);
  if (bytesRead < 30 || header.readUInt32LE(0) !== 0x04034b50) throw new ZipEntryError({ kind: 'damaged', detail: 'invalid zip data' });
  const start = entry.local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipEntryError({ kind: 'damaged', detail: `unknown compression type ${entry.method}` });
  let crc = 0;
  let length = 0;
  const raw = entry.compressed === 0 ? [] : createReadStream(file, { start, end: start + entry.compressed - 1, highWaterMark: 256 * 1024 });
  const source = entry.method === 0 || entry.compressed === 0 ? raw : (raw as NodeJS.ReadableStream).pipe(createInflateRaw({ chunkSize: 256 * 1024 }));
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > entry.inflated) throw new ZipEntryError({ kind: 'checksum', entry: entry.name }); // more than it declares
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ZipEntryError) throw error;
    throw new ZipEntryError({ kind: 'damaged', detail: (error as Error).message });
  } finally {
    if (!Array.isArray(raw)) raw.destroy();
  }
  if (length !== entry.inflated || crc >>> 0 !== entry.crc) throw new ZipEntryError({ kind: 'checksum', entry: entry.name });
}

/**
 * Inflate every entry once to check it (checkZip's check, streamed), keeping the inflated bytes of
 * those `keep` asks for (the small parts a workbook's sheet needs). Returns the kept bytes, or the
 * first entry's problem.
 */
export async function checkEntries(
  file: string,
  handle: FileHandle,
  entries: readonly ZipEntry[],
  keep: (name: string) => boolean,
): Promise<Map<string, Buffer> | ZipProblem> {
  const kept = new Map<string, Buffer>();
  for (const entry of entries) {
    const chunks: Buffer[] = [];
    const keeping = keep(entry.name);
    try {
      for await (const chunk of entryChunks(file, handle, entry)) if (keeping) chunks.push(chunk);
    } catch (error) {
      if (error instanceof ZipEntryError) return error.problem;
      throw error;
    }
    if (keeping) kept.set(entry.name, Buffer.concat(chunks));
  }
  return kept;
}
