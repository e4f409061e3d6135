/**
 * Guess a text file's encoding from its first MiB when the config does not set one: a byte order
 * mark decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is UTF-8; else a file whose bytes above 127
 * never form a UTF-8 sequence is Windows-1252 (what Excel's "CSV" writes on Western Windows), and
 * the caller warns with the first such byte. A file that mixes valid UTF-8 sequences with invalid
 * bytes is damaged UTF-8: it is read as UTF-8, so each bad byte gets its own diagnostic.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';

export interface EncodingGuess {
  encoding: 'utf-8' | 'utf-16' | 'windows-1252';
  /** How it was decided. */
  by: 'bom' | 'valid-utf-8' | 'not-utf-8';
  /** not-utf-8: byte offset, line and column of the first byte that is not UTF-8. */
  at?: { offset: number; line: number; column: number };
}

const SAMPLE = 1 << 20;

export function readHead(file: string, bytes = SAMPLE): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function detectEncoding(head: Buffer, complete: boolean): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', by: 'bom' };
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return { encoding: 'utf-16', by: 'bom' };
  // A sample cut inside a multi-byte sequence is not invalid: drop the incomplete tail.
  let end = head.length;
  if (!complete) {
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1]! & 0xc0) === 0x80) back++;
    if (end - back - 1 >= 0 && head[end - back - 1]! >= 0xc0) end = end - back - 1;
  }
  const sample = head.subarray(0, end);
  if (isUtf8(sample)) return { encoding: 'utf-8', by: 'valid-utf-8' };
  let firstBad = -1;
  let validSequences = 0;
  for (let i = 0; i < sample.length; ) {
    const b = sample[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0;
    for (let j = 1; ok && j <= need; j++) ok = i + j < sample.length && (sample[i + j]! & 0xc0) === 0x80;
    if (ok) {
      validSequences++;
      i += need + 1;
    } else {
      if (firstBad === -1) firstBad = i;
      i++;
    }
  }
  if (validSequences > 0) return { encoding: 'utf-8', by: 'valid-utf-8' };
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < firstBad; i++) {
    if (sample[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { encoding: 'windows-1252', by: 'not-utf-8', at: { offset: firstBad, line, column: firstBad - lineStart + 1 } };
}
