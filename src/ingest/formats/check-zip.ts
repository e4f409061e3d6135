/**
 * Check a zip (an .xlsx) before SheetJS parses it: every entry must inflate and match the CRC-32 its
 * central directory records. SheetJS reads a damaged entry without complaint and can then loop
 * forever on what it inflated (found by fuzzing), so a workbook that fails this is reported as
 * damaged instead. Returns null when sound, else why not.
 */
import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';

export function checkZip(buffer: Buffer): string | null {
  // The end of central directory record: signature 50 4B 05 06, within the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end === -1) return 'a zip without its central directory (cut short?)';
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const expected = new Map<string, number>();
  for (let k = 0; k < count; k++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) return 'a zip whose central directory is damaged';
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
    return `a damaged zip (${(error as Error).message})`;
  }
  for (const [name, crc] of expected) {
    const data = files[name];
    if (data === undefined) return `a damaged zip (${name} cannot be read)`;
    if (crc32(data) >>> 0 !== crc) return `a damaged zip (${name} fails its checksum)`;
  }
  return null;
}
