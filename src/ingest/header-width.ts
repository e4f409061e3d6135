/**
 * A cheap look at a table's first row before any parser sees it (issue #20): a header of 50 MB of
 * commas took 92 s and 1.1 GB to parse into cells before FND215 said it was too wide. Here the bytes
 * of the first row are scanned once, counting delimiters outside quotes, and the scan stops as soon
 * as the count passes limits.maxColumns, so the work is linear in the header and bounded by the limit.
 * With no delimiter configured, the comma, semicolon, tab and bar are counted and the most frequent
 * decides, as detection would pick it.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const CANDIDATES = [0x2c, 0x3b, 0x09, 0x7c];

/** True when the first row of `file` holds more than `maxColumns` columns. */
export function headerWiderThan(file: string, delimiter: string | null, maxColumns: number): boolean {
  const wanted = delimiter !== null && delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 ? [delimiter.charCodeAt(0)] : delimiter === null ? CANDIDATES : null;
  if (wanted === null) return false;
  const counts = new Map<number, number>(wanted.map((d) => [d, 0]));
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 16);
    let quoted = false;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) return false;
      for (let i = 0; i < n; i++) {
        const byte = buffer[i]!;
        if (byte === 0x22) quoted = !quoted;
        else if (quoted) continue;
        else if (byte === 0x0a) return false;
        else {
          const count = counts.get(byte);
          if (count !== undefined) {
            // Columns are delimiters + 1.
            if (count + 1 >= maxColumns) return true;
            counts.set(byte, count + 1);
          }
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}
