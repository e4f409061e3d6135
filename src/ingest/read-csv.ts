/**
 * Stream a delimited text file as batches of rows, with the line and column of every cell on demand.
 *
 * Papaparse's core Parser does the parsing; this module feeds it the file 64 KiB at a time and
 * carries the unfinished last row over to the next chunk (as papaparse's own ChunkStreamer does),
 * so the whole file is never one string in memory and we keep the exact text each batch of rows
 * came from. Positions are computed lazily from that text, and only for batches that need one
 * (a diagnostic), so clean files pay nothing for them.
 *
 * Line endings: the parser always splits on "\n" and a trailing "\r" is stripped from the last
 * unquoted cell, so LF, CRLF and a mix of both read the same. A file with only "\r" line endings
 * (classic Mac) is split on "\r". A UTF-8 byte order mark is dropped. Blank lines are skipped: they
 * hold no respondent and are not counted as rows.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import type { CsvBatch, CsvProblem } from '../model.ts';
import { TextDecoderWithOffsets } from './decode-text.ts';

// The parsed rows' types are pipeline nouns (validate/ reads them too): see model.ts.
export type { CsvBatch };

export interface CsvOptions {
  /** Field delimiter; null detects one of , ; tab | from the first line. */
  delimiter: string | null;
  /** Longest field accepted, in characters (longer ones are reported as field-too-large). */
  maxFieldChars?: number;
  /** Stream chunk size in bytes (papaparse's default stream buffer is 64 KiB). */
  chunkSize?: number;
  /** The text encoding (data.encoding); null or absent: a UTF-16 byte order mark, else UTF-8. */
  encoding?: 'utf-8' | 'utf-16' | 'windows-1252' | null;
  /** Called after each chunk with the bytes read so far (for a progress bar). */
  onBytes?: (bytes: number) => void;
}

export interface CsvHeader {
  cells: string[];
  line: number;
  delimiter: string;
  locate(cell: number): { line: number; column: number };
}

const QUOTE = '"';

/** Detect the delimiter from a header line: the candidate that splits it into the most fields outside quotes. */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === QUOTE) quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [candidate, count] of counts) {
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Scan `text` (which starts at a row boundary) the way papaparse splits it, and return for each row
 * its start offset, line and the offsets of its cells. Used only to place diagnostics.
 */
function scanPositions(text: string, delimiter: string, newline: string, startLine: number) {
  const rows: { line: number; lineStart: number; cells: number[]; cellLines: number[]; cellLineStarts: number[] }[] = [];
  let i = 0;
  let line = startLine;
  let lineStart = 0;
  const n = text.length;
  while (i < n) {
    const row = { line, lineStart, cells: [] as number[], cellLines: [] as number[], cellLineStarts: [] as number[] };
    rows.push(row);
    for (;;) {
      row.cells.push(i);
      row.cellLines.push(line);
      row.cellLineStarts.push(lineStart);
      if (text[i] === QUOTE) {
        // The closing quote as papaparse finds it: a quote not doubled and followed, after white
        // space at most, by the delimiter, a newline or the end of the text. Any other quote is part
        // of the value (papaparse reports it as malformed and reads on, over lines if need be).
        let search = i;
        let close = -1;
        for (;;) {
          const q = text.indexOf(QUOTE, search + 1);
          if (q === -1) break;
          if (q === n - 1) {
            close = q;
            break;
          }
          if (text[q + 1] === QUOTE) {
            search = q + 1;
            continue;
          }
          const nextDelim = text.indexOf(delimiter, q + 1);
          const nextNewline = text.indexOf(newline, q + 1);
          const upTo = nextNewline === -1 ? nextDelim : nextDelim === -1 ? nextNewline : Math.min(nextDelim, nextNewline);
          if (upTo !== -1 && text.slice(q + 1, upTo).trim() === '') {
            close = q;
            break;
          }
          search = q;
        }
        const end = close === -1 ? n : close;
        for (let k = text.indexOf('\n', i); k !== -1 && k < end; k = text.indexOf('\n', k + 1)) {
          line++;
          lineStart = k + 1;
        }
        i = close === -1 ? n : close + 1;
      }
      // Unquoted text (or what follows a closing quote) up to the next delimiter or newline.
      let nextDelim = text.indexOf(delimiter, i);
      let nextNewline = text.indexOf(newline, i);
      if (nextDelim === -1) nextDelim = n;
      if (nextNewline === -1) nextNewline = n;
      if (nextDelim < nextNewline) {
        i = nextDelim + delimiter.length;
        continue;
      }
      i = nextNewline + newline.length;
      if (nextNewline < n) {
        line++;
        lineStart = i;
      }
      break;
    }
  }
  return rows;
}

function isBlankRow(row: string[]): boolean {
  return row.length === 1 && (row[0] === '' || row[0] === '\r');
}

export interface CsvSummary {
  /** False when the file has no header (it is empty or blank). */
  hasHeader: boolean;
  /** The encoding read: utf-8, or utf-16le / utf-16be when the file starts with that byte order mark. */
  encoding: string;
  /** Size and SHA-256 of the file's bytes, computed while streaming. */
  bytes: number;
  sha256: string;
}

/** Where the U+FFFD characters of decoded text came from (see TextDecoderWithOffsets). */
interface DecodedOffsets {
  /** Byte offset of each U+FFFD produced for an invalid sequence; -1 for a literal U+FFFD. */
  readonly replacements: readonly number[];
  /** The encoding the text was decoded from. */
  readonly detected: string;
}

export interface RowReaderOptions {
  /** Field delimiter; null detects one from the first line. */
  delimiter: string | null;
  /** Line ending; by default "\n", or "\r" when the first text pushed has only "\r" (classic Mac). */
  newline?: '\n' | '\r';
  maxFieldChars?: number;
  /** The decoder the text comes from (for the byte offsets of invalid sequences). */
  decoded: DecodedOffsets;
  /** Line on which the first text pushed starts (default 1). */
  startLine?: number;
  /** True when the text starts after the header: every row is a data row (default false). */
  headerSeen?: boolean;
  onHeader(header: CsvHeader): void;
  onBatch(batch: CsvBatch): void;
}

/**
 * Split decoded text into rows with papaparse, as it arrives: `push` text in any pieces, then
 * `finish`. The first non-blank row goes to `onHeader` (unless `headerSeen`), the rest to `onBatch`
 * in batches with their positions. readCsv streams a whole file through one; the fast reader
 * (fast/read-fast.ts) passes the rows it leaves to the rules through one, so both give the same rows.
 */
export class CsvRowReader {
  private delimiter: string | null;
  private newline: '\n' | '\r' = '\n';
  private parser: Papa.Parser | null = null;
  private partial = '';
  private nextLine: number; // line on which `partial` starts
  private replacement = 0; // next entry of decoded.replacements to pair with a U+FFFD
  private readonly maxField: number;
  headerSeen: boolean;

  constructor(private readonly options: RowReaderOptions) {
    this.delimiter = options.delimiter;
    this.maxField = options.maxFieldChars ?? Infinity;
    this.nextLine = options.startLine ?? 1;
    this.headerSeen = options.headerSeen ?? false;
  }

  get detectedDelimiter(): string | null {
    return this.delimiter;
  }

  /** The line the text not yet split into rows starts on: all before it has gone to onBatch, so it is a row boundary. */
  get line(): number {
    return this.nextLine;
  }

  push(text: string): void {
    this.partial += text;
    // Parse once a chunk's worth is buffered; a row longer than that simply waits for more text.
    this.parseAggregate(false);
  }

  finish(): void {
    this.parseAggregate(true);
  }

  private parseAggregate(final: boolean): void {
    if (this.parser === null) {
      if (this.partial === '' && final) return;
      if (this.delimiter === null) {
        const end = this.partial.indexOf('\n');
        this.delimiter = detectDelimiter(end === -1 ? this.partial : this.partial.slice(0, end));
      }
      if (this.options.newline !== undefined) this.newline = this.options.newline;
      else if (this.partial.indexOf('\n') === -1 && this.partial.indexOf('\r') !== -1) this.newline = '\r';
      this.parser = new Papa.Parser({ delimiter: this.delimiter, newline: this.newline, quoteChar: QUOTE, skipEmptyLines: false });
    }
    const results = this.parser.parse(this.partial, 0, !final);
    const consumed = final ? this.partial.length : results.meta.cursor;
    const text = this.partial.slice(0, consumed);
    this.partial = this.partial.slice(consumed);
    this.emit(text, results.data as string[][], results.errors, final);
  }

  private emit(text: string, rows: string[][], errors: Papa.ParseError[], final: boolean): void {
    const { newline, maxField } = this;
    const delimiter = this.delimiter!;
    const decoded = this.options.decoded;
    const startLine = this.nextLine;
    // Advance the line counter by the newlines in the consumed text.
    let count = 0;
    for (let k = text.indexOf(newline); k !== -1; k = text.indexOf(newline, k + 1)) count++;
    this.nextLine += count;
    if (!final && rows.length === 0) return;
    const hasQuotes = text.indexOf(QUOTE) !== -1;
    // Quoted cells hold newlines only if the text has more newlines than rows; otherwise skip looking.
    const newlinesInCells = hasQuotes && count > rows.length;
    let scanned: ReturnType<typeof scanPositions> | null = null;
    const scan = () => (scanned ??= scanPositions(text, delimiter, newline, startLine));

    // Strip the "\r" of CRLF from the last unquoted cell, and compute each row's line.
    const lines: number[] = new Array(rows.length);
    let line = startLine;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      lines[r] = line;
      let extra = 0;
      if (newlinesInCells) {
        for (const cell of row) {
          if (cell.length > 0) for (let k = cell.indexOf('\n'); k !== -1; k = cell.indexOf('\n', k + 1)) extra++;
        }
      }
      const last = row.length - 1;
      const lastCell = row[last]!;
      if (newline === '\n' && lastCell.endsWith('\r')) row[last] = lastCell.slice(0, -1);
      line += 1 + extra;
    }
    const problems: CsvProblem[] = [];
    // Characters that mean damage: NUL (binary or UTF-16 without a mark), U+FFFD (bytes that are not
    // UTF-8), a byte order mark inside the file (concatenated exports; stripped), an oversized field.
    const nul = text.indexOf('\0') !== -1;
    const bad = text.indexOf('\uFFFD') !== -1;
    const bom = text.indexOf('\uFEFF') !== -1;
    const big = text.length > maxField;
    if (nul || bad || bom || big) {
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        for (let c = 0; c < row.length; c++) {
          const cell = row[c]!;
          if (big && cell.length > maxField) problems.push({ kind: 'field-too-large', row: r, cell: c, value: cell.length });
          if (nul) {
            const at = cell.indexOf('\0');
            if (at !== -1) problems.push({ kind: 'nul-byte', row: r, cell: c, offset: at });
          }
          if (bad) {
            let first = -1;
            let firstAt = -1;
            for (let k = cell.indexOf('\uFFFD'); k !== -1; k = cell.indexOf('\uFFFD', k + 1)) {
              const byte = decoded.replacements[this.replacement++] ?? -1;
              if (byte !== -1 && first === -1) {
                first = byte;
                firstAt = k;
              }
            }
            if (first !== -1) problems.push({ kind: 'invalid-encoding', row: r, cell: c, offset: firstAt, value: first, encoding: decoded.detected });
          }
          if (bom && cell.indexOf('\uFEFF') !== -1) {
            problems.push({ kind: 'stray-bom', row: r, cell: c, offset: cell.indexOf('\uFEFF') });
            row[c] = cell.replaceAll('\uFEFF', '');
          }
        }
      }
    }
    // Papaparse reports a malformed quote once for every quote it passes looking for the closing one:
    // one diagnostic per row is enough.
    const malformed = new Set<number>();
    for (const error of errors) {
      if (error.code === 'MissingQuotes') problems.push({ kind: 'unterminated-quote', row: error.row ?? rows.length - 1 });
      else if (error.code === 'InvalidQuotes' && !malformed.has(error.row ?? 0)) {
        malformed.add(error.row ?? 0);
        problems.push({ kind: 'malformed-quote', row: error.row ?? 0 });
      }
    }

    // Drop blank lines, keeping rows, lines and problems aligned.
    const keptRows: string[][] = [];
    const keptLines: number[] = [];
    const rowIndex: number[] = []; // kept index -> original index, for positions
    const remap = new Map<number, number>();
    for (let r = 0; r < rows.length; r++) {
      if (isBlankRow(rows[r]!)) continue;
      remap.set(r, keptRows.length);
      rowIndex.push(r);
      keptRows.push(rows[r]!);
      keptLines.push(lines[r]!);
    }
    const keptProblems = problems.map((p) => ({ ...p, row: remap.get(p.row) ?? -1 })).filter((p) => p.row >= 0);

    const locate = (row: number, cell: number, offset = 0) => {
      const original = rowIndex[row] ?? 0;
      const cells = rows[original] ?? [];
      // (A stray byte order mark was stripped from its cell: only the text says where the cells after it are.)
      if (!hasQuotes && !bom && cells.length > 0) {
        const c = Math.min(cell, cells.length - 1);
        let column = 1 + offset;
        for (let k = 0; k < c; k++) column += cells[k]!.length + delimiter.length;
        return { line: lines[original] ?? startLine, column };
      }
      const positions = scan()[original];
      if (!positions) return { line: lines[original] ?? startLine, column: 1 };
      const c = Math.min(cell, positions.cells.length - 1);
      const start = positions.cells[c] ?? 0;
      let line = positions.cellLines[c] ?? positions.line;
      let column = start - (positions.cellLineStarts[c] ?? 0) + 1;
      if (offset > 0) {
        const value = cells[c] ?? '';
        const before = value.slice(0, offset);
        const lastNewline = before.lastIndexOf('\n');
        if (lastNewline === -1) column += offset + (text[start] === QUOTE ? 1 : 0);
        else {
          for (let k = before.indexOf('\n'); k !== -1; k = before.indexOf('\n', k + 1)) line++;
          column = offset - lastNewline;
        }
      }
      return { line, column };
    };

    let start = 0;
    if (!this.headerSeen && keptRows.length > 0) {
      this.headerSeen = true;
      const headerCells = keptRows[0]!;
      this.options.onHeader({ cells: headerCells, line: keptLines[0]!, delimiter, locate: (cell) => locate(0, cell) });
      start = 1;
    }
    if (keptRows.length > start) {
      const offsetProblems = keptProblems.filter((p) => p.row >= start).map((p) => ({ ...p, row: p.row - start }));
      this.options.onBatch({
        rows: start === 0 ? keptRows : keptRows.slice(start),
        lines: start === 0 ? keptLines : keptLines.slice(start),
        problems: offsetProblems,
        locate: (row, cell, offset) => locate(row + start, cell, offset),
      });
    }
  }
}

/**
 * Read a CSV file: `onHeader` receives the first non-blank row, then `onBatch` receives the data
 * rows in order. Throws only for I/O errors, which the caller turns into diagnostics.
 */
export async function readCsv(
  file: string,
  options: CsvOptions,
  onHeader: (header: CsvHeader) => void,
  onBatch: (batch: CsvBatch) => void,
): Promise<CsvSummary> {
  const stream = createReadStream(file, { highWaterMark: options.chunkSize ?? 64 * 1024 });
  const decoder = new TextDecoderWithOffsets(options.encoding ?? null);
  const hash = createHash('sha256');
  const reader = new CsvRowReader({ delimiter: options.delimiter, maxFieldChars: options.maxFieldChars, decoded: decoder, onHeader, onBatch });
  let bytes = 0;
  let first = true;
  for await (const buffer of stream as AsyncIterable<Buffer>) {
    hash.update(buffer);
    bytes += buffer.length;
    let piece = decoder.write(buffer);
    if (piece === '') continue;
    if (first) {
      first = false;
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    }
    reader.push(piece);
    options.onBytes?.(bytes);
  }
  reader.push(decoder.end());
  reader.finish();
  return { hasHeader: reader.headerSeen, encoding: decoder.detected, bytes, sha256: hash.digest('hex') };
}
