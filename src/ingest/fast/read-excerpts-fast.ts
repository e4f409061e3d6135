/**
 * Issue 19: the fast reader for excerpt files (layout `excerpts`, and the quotes file `data.excerpts`
 * beside respondent rows). The file is read in blocks and split into rows from its bytes
 * (split-rows.ts); a row that splits cleanly and holds nothing the checks every row gets could object
 * to (check-row.ts: the field count, a field too large, a NUL byte, a byte order mark, a repeated
 * header) goes to the ExcerptCollector with its cells decoded from the bytes and its positions worked
 * out from them only when asked for (a diagnostic, the ledger); any other row goes through papaparse
 * and the ordinary rules (read-excerpts.ts) exactly as the ordinary reader would send it, and a row
 * the split cannot vouch for hands the file to papaparse from there for 64 KiB or so, as the
 * respondent fast reader does (read-fast.ts' papaparseFrom). Rows are applied one at a time in file
 * order, so the collector, the diagnostics and the ledger are the same as the ordinary reader's
 * (test/property/excerpts-fast.test.ts). The collector keeps the excerpts in bounded memory
 * (validate-excerpts.ts); nothing here keeps anything per row.
 *
 *   file ──readSync── block ──RowSplitter──▶ clean row: cells from bytes → ExcerptCollector.add
 *                                         ├─▶ other row: its text → CsvRowReader → excerptRows (the rules)
 *                                         └─▶ anomaly: papaparseFrom (64 KiB) → excerptRows, then on
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { DiagnosticSink, Position, SurveyConfig } from '../../model.ts';
import type { ExcerptCollector, ExcerptField, RawExcerpt } from '../../validate/validate-excerpts.ts';
import { checkFileSize, checkHeader } from '../check-header.ts';
import { CsvRowReader } from '../read-csv.ts';
import { EXCERPT_FIELDS, excerptColumns, excerptRows, type ExcerptFile } from '../read-excerpts.ts';
import type { ReadOutcome } from '../read-respondents.ts';
import type { TableColumns } from '../read-table.ts';
import { HashedFile, papaparseFrom, readCsvHeader, UTF8, type RowsOptions } from './read-fast.ts';
import { ANOMALY, INCOMPLETE, RowSplitter } from './split-rows.ts';

export interface ExcerptFastOptions {
  /** Bytes per block (default 1 MiB). */
  blockSize?: number;
  /** After a row the split cannot read, papaparse reads this many bytes before the fast reader goes on (default 64 KiB). */
  handOverBytes?: number;
}

const NEWLINE = 0x0a;
const AT = 0x40;
/** Cells this long or shorter are compared with the last row's before they are decoded (FastExcerpt.reused). */
const REUSED_BYTES = 64;

/**
 * Read an excerpt file into the collector through the fast reader. Returns null, having read and
 * reported nothing, when the file is not one it reads (a workbook, UTF-16, no newline in its first
 * block, a header it does not split as papaparse does): the caller then uses readExcerpts.
 */
export async function readExcerptsFast(
  config: SurveyConfig,
  source: ExcerptFile,
  collector: ExcerptCollector,
  sink: DiagnosticSink,
  options: ExcerptFastOptions = {},
): Promise<ReadOutcome | null> {
  if (/\.xlsx$/i.test(source.path)) return null;
  if (
    source.delimiter !== null &&
    (source.delimiter.length !== 1 || source.delimiter.charCodeAt(0) >= 0x80 || source.delimiter === '"' || source.delimiter === '\n')
  )
    return null;
  const fd = openSync(source.path, 'r');
  try {
    const probe = Buffer.alloc(2);
    const got = readSync(fd, probe, 0, 2, 0);
    if (got === 2 && ((probe[0] === 0xff && probe[1] === 0xfe) || (probe[0] === 0xfe && probe[1] === 0xff))) return null; // UTF-16: the ordinary reader decodes it
    const blockSize = Math.max(16, options.blockSize ?? 1 << 20);
    const file = new HashedFile(fd);
    const first = Buffer.alloc(blockSize);
    const head = readCsvHeader(first, file.readInto(first, 0, blockSize, 0), source.delimiter, config.limits.maxFieldChars);
    if (head === null) return null;
    // From here on the file is this reader's: what readTable reports, in its order.
    if (checkFileSize(config, source.path, source.displayPath, sink) === null) return { status: 'unreadable', bytes: statSync(source.path).size, sha256: '' };
    const checked = checkHeader(config, head.header, source.displayPath, sink);
    if (checked === null) return { status: 'unreadable', ...file.finish() };
    const indexes = excerptColumns(source).map((c) => (c.name === null ? -1 : checked.find(c.name, c.key)));
    if (checked.missing) return { status: 'no-columns', ...file.finish() };
    const table: TableColumns = { indexes, width: head.header.cells.length, header: head.header.cells };
    const reader = new ExcerptRows(config, source, collector, sink, table, head.delimiter);
    await reader.read(file, first, head.end, head.line, blockSize, options.handOverBytes ?? 1 << 16);
    return { status: 'read', ...file.finish() };
  } finally {
    closeSync(fd);
  }
}

class ExcerptRows {
  private readonly splitter: RowSplitter;
  private readonly rows: RowsOptions;
  private readonly excerpt: FastExcerpt;
  private readonly headerFirst: Buffer;
  private readonly headerFirstText: string;

  constructor(
    config: SurveyConfig,
    source: ExcerptFile,
    private readonly collector: ExcerptCollector,
    sink: DiagnosticSink,
    private readonly table: TableColumns,
    private readonly delimiter: string,
  ) {
    this.splitter = new RowSplitter(delimiter.charCodeAt(0), Math.max(8, table.width + 2));
    this.rows = {
      delimiter,
      maxFieldChars: config.limits.maxFieldChars,
      onBatch: (batch) => onBatch(batch, table),
      handOverBytes: 1 << 16,
      onProgress: () => {},
    };
    const onBatch = excerptRows(config, source, collector, sink);
    this.excerpt = new FastExcerpt(source.displayPath, table.indexes, this.splitter);
    this.headerFirstText = table.header[0]!.trim();
    this.headerFirst = Buffer.from(this.headerFirstText, 'utf8');
  }

  /** Rows from `from` (a row boundary on line `line`) to the end; `first` holds the file's first bytes. */
  async read(file: HashedFile, first: Buffer, from: number, line: number, blockSize: number, handOverBytes: number): Promise<void> {
    const rows = { ...this.rows, handOverBytes };
    const total = file.size;
    let buffer = Buffer.alloc(Math.max(first.length, blockSize) * 2);
    // The bytes of buffer[0, length) are the file's from `base`.
    let base = from;
    let length = 0;
    let readAt = from;
    const alreadyRead = Math.min(first.length, total);
    if (from < alreadyRead) {
      first.copy(buffer, 0, from, alreadyRead);
      length = alreadyRead - from;
      readAt = alreadyRead;
    }
    for (;;) {
      // Fill the buffer.
      if (readAt < total && length < blockSize) {
        if (buffer.length < length + blockSize) {
          const bigger = Buffer.alloc((length + blockSize) * 2);
          buffer.copy(bigger, 0, 0, length);
          buffer = bigger;
        }
        const n = file.readInto(buffer, length, Math.min(blockSize, total - readAt), readAt);
        readAt += n;
        length += n;
      }
      const final = readAt >= total;
      let pos = 0;
      let stopped = false;
      for (;;) {
        if (pos >= length) break;
        const got = this.splitter.split(buffer, pos, length, final);
        if (got === INCOMPLETE) break;
        const end = this.splitter.rowEnd;
        if (got === ANOMALY || (this.splitter.high && !utf8Text(buffer, pos, end))) {
          stopped = true;
          break;
        }
        if (!this.splitter.blank) this.row(buffer, pos, end, line);
        line += this.splitter.newlines + (end > pos && buffer[end - 1] === NEWLINE ? 1 : 0);
        pos = end;
      }
      if (stopped) {
        // Papaparse reads the row the split stopped at (and the rest of 64 KiB or so), then the fast reader goes on.
        const resumed = papaparseFrom(file, base + pos, line, rows);
        if (resumed === null) return;
        base = resumed.offset;
        line = resumed.line;
        readAt = resumed.offset;
        length = 0;
        continue;
      }
      if (final && pos >= length) return;
      if (final && pos < length) {
        // Only an incomplete row can be left at the end of the file if the split asked for more: cannot happen with `final`.
        throw new Error('excerpt fast reader: bytes left at the end of the file');
      }
      // Keep the row cut off at the end of the buffer, and read on.
      buffer.copy(buffer, 0, pos, length);
      base += pos;
      length -= pos;
      if (length >= blockSize && buffer.length < length * 2 + blockSize) {
        const bigger = Buffer.alloc(length * 2 + blockSize);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      if (length >= blockSize) {
        // A row longer than a block: read as much again before splitting again.
        const n = file.readInto(buffer, length, Math.min(length, total - readAt), readAt);
        readAt += n;
        length += n;
      }
    }
  }

  /** One row split cleanly: to the collector from its bytes when every row check passes without a doubt, else to the rules. */
  private row(buffer: Buffer, start: number, end: number, line: number): void {
    if (!this.clean(buffer, start, end)) {
      this.slow(buffer, start, end, line);
      return;
    }
    this.excerpt.set(buffer, start, line);
    this.collector.add(this.excerpt);
  }

  private clean(buffer: Buffer, start: number, end: number): boolean {
    const s = this.splitter;
    if (s.fields !== this.table.width || s.nul) return false;
    const maxField = this.rows.maxFieldChars;
    for (let f = 0; f < s.fields; f++) if (s.end[f]! - s.start[f]! > maxField) return false;
    if (s.high) {
      // A byte order mark: the rules warn and strip it.
      const bom = buffer.indexOf(BOM, start);
      if (bom !== -1 && bom < end) return false;
    }
    // A first cell that may repeat the header's: the rules decide.
    const firstLength = s.end[0]! - s.start[0]!;
    if (firstLength >= this.headerFirst.length) {
      const cell = decode(buffer, s.start[0]!, s.end[0]!, s.quoted[0]!).trim();
      if (cell === this.headerFirstText) return false;
    }
    return true;
  }

  private slow(buffer: Buffer, start: number, end: number, line: number): void {
    const reader = new CsvRowReader({
      delimiter: this.delimiter,
      newline: '\n',
      maxFieldChars: this.rows.maxFieldChars,
      decoded: UTF8,
      startLine: line,
      headerSeen: true,
      onHeader: () => {},
      onBatch: this.rows.onBatch,
    });
    reader.push(buffer.toString('utf8', start, end));
    reader.finish();
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/**
 * Whether a row's bytes are UTF-8 holding no U+FFFD: otherwise papaparse reads it with the decoder
 * that knows where each replaced byte was (FND213), as the ordinary reader does.
 */
function utf8Text(buffer: Buffer, start: number, end: number): boolean {
  if (!isUtf8(buffer.subarray(start, end))) return false;
  const replacement = buffer.indexOf(REPLACEMENT, start);
  return replacement === -1 || replacement >= end;
}
const QUOTE_TEXT = '"';

/** A cell's value: its bytes, with a quoted cell's doubled quotes made single. */
function decode(buffer: Buffer, start: number, end: number, quoted: number, ascii = false): string {
  // (ASCII reads the same as Latin-1, which decodes faster.)
  const text = buffer.toString(ascii ? 'latin1' : 'utf8', start, end);
  return quoted === 2 ? text.replaceAll('""', QUOTE_TEXT) : text;
}

/**
 * The excerpt of a row split from bytes, as RawExcerpt: one object, filled in for each row in turn
 * (the collector keeps nothing of it but the strings and positions it asks for). Positions are
 * worked out as the ordinary reader works them out (read-csv.ts' locate): a cell's line and column
 * are those of its first character (the quote of a quoted cell), counted in UTF-16 code units from
 * the start of its line; an offset into the value adds to the column (one more inside quotes), or,
 * past a newline in the value, counts from that newline.
 */
class FastExcerpt implements RawExcerpt {
  id = '';
  code = '';
  coder: string | null = null;
  segment: string | null = null;
  weight: string | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private rowStart = 0;
  private line = 0;
  private readonly column: Int32Array;
  // Per field: the last value decoded and its bytes (see reused).
  private readonly lastBytes = EXCERPT_FIELDS.map(() => Buffer.alloc(REUSED_BYTES));
  private readonly lastLength = new Int32Array(EXCERPT_FIELDS.length).fill(-1);
  private readonly lastValue = EXCERPT_FIELDS.map(() => '');

  constructor(
    private readonly file: string,
    indexes: readonly number[],
    private readonly splitter: RowSplitter,
  ) {
    this.column = Int32Array.from(EXCERPT_FIELDS.map((field) => indexes[EXCERPT_FIELDS.indexOf(field)]!));
  }

  private cellOf(field: ExcerptField): number {
    return this.column[EXCERPT_FIELDS.indexOf(field)]!;
  }

  private value(c: number): string {
    const s = this.splitter;
    return decode(this.buffer, s.start[c]!, s.end[c]!, s.quoted[c]!, !s.high);
  }

  set(buffer: Buffer, rowStart: number, line: number): void {
    this.buffer = buffer;
    this.rowStart = rowStart;
    this.line = line;
    const column = this.column;
    this.id = this.reused(0, column[0]!);
    this.code = this.reused(1, column[1]!);
    this.coder = column[3] === -1 ? null : this.reused(3, column[3]!);
    this.segment = column[4] === -1 ? null : this.reused(4, column[4]!);
    this.weight = column[5] === -1 ? null : this.reused(5, column[5]!);
  }

  /**
   * Issue 19: field `f`'s value in cell `c`, the last row's string again when the cell's bytes are the
   * last row's (a respondent's id, segment and weight on each of their excerpts): equal bytes decode
   * to equal text, so nothing is decoded or made for them. Cells of up to 64 bytes without doubled quotes.
   */
  private reused(f: number, c: number): string {
    const s = this.splitter;
    const start = s.start[c]!;
    const end = s.end[c]!;
    const length = end - start;
    if (length > REUSED_BYTES || s.quoted[c] === 2) return this.value(c);
    const held = this.lastBytes[f]!;
    const buffer = this.buffer;
    if (this.lastLength[f] === length) {
      let k = 0;
      while (k < length && held[k] === buffer[start + k]) k++;
      if (k === length) return this.lastValue[f]!;
    }
    const text = this.value(c);
    // (A loop: Buffer.copy costs more than it saves for a few bytes.)
    for (let k = 0; k < length; k++) held[k] = buffer[start + k]!;
    this.lastLength[f] = length;
    this.lastValue[f] = text;
    return text;
  }

  get text(): string {
    return this.value(this.column[2]!);
  }

  /** Issue 19: the text's UTF-8 bytes (at least its code points), or Infinity when it holds an "@" (RawExcerpt.textBound), without decoding it. */
  textBound(): number {
    const s = this.splitter;
    const c = this.column[2]!;
    const start = s.start[c]!;
    const end = s.end[c]!;
    const buffer = this.buffer;
    for (let k = start; k < end; k++) if (buffer[k] === AT) return Infinity;
    return end - start;
  }

  locate(field: ExcerptField, offset = 0): Position {
    const c = Math.max(0, this.cellOf(field));
    const s = this.splitter;
    const buffer = this.buffer;
    const cell = s.cellStart[c]!;
    // The cell's line, and where that line starts.
    let line = this.line;
    let lineStart = this.rowStart;
    if (s.newlines > 0) {
      for (let k = buffer.indexOf(NEWLINE, this.rowStart); k !== -1 && k < cell; k = buffer.indexOf(NEWLINE, k + 1)) {
        line++;
        lineStart = k + 1;
      }
    }
    let column = 1;
    let ascii = true;
    for (let k = lineStart; k < cell; k++) {
      if (buffer[k]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    column += ascii ? cell - lineStart : buffer.toString('utf8', lineStart, cell).length;
    if (offset > 0) {
      const before = this.value(c).slice(0, offset);
      const lastNewline = before.lastIndexOf('\n');
      if (lastNewline === -1) column += offset + (s.quoted[c]! > 0 ? 1 : 0);
      else {
        for (let k = before.indexOf('\n'); k !== -1; k = before.indexOf('\n', k + 1)) line++;
        column = offset - lastNewline;
      }
    }
    return { file: this.file, line, column };
  }
}
