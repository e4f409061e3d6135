/**
 * The fast reader for respondent data in a plain UTF-8 CSV: the file is read in blocks cut at row
 * boundaries, each block is scanned from its bytes (scan-block.ts) in worker threads or in this
 * thread, and this thread applies the rows in file order: a fast row's id is checked against every id
 * seen and the row is added to the tally; any other row goes through the rules
 * (validate-respondents.ts) as papaparse splits it (CsvRowReader), exactly as the ordinary reader
 * would. Rows are applied one by one in file order whatever the number of threads, so the tally,
 * the diagnostics and the ledger do not depend on it (test/property/fast-reader.test.ts).
 *
 *   file ──readSync── block (cut after the last newline outside quotes) ──▶ worker k: BlockScanner.scan
 *        ──▶ this thread, in order: fast rows → IdSet + TallyState.addRow; other rows → CsvRowReader → rules
 *
 * With one thread (--threads 1, or a file under 8 MiB) there are no cuts: this thread scans each
 * chunk joined to the row the last scan left over (ChunkScanner, scan-blocks.ts).
 *
 * A block is cut after a newline the rows after it confirm (likelyCut), or, where none does, by
 * counting quotes: a newline with an even number of quotes before it (from the block's start, itself
 * a row boundary) ends a row, as long as quotes are used as RFC 4180 says. While the next block's
 * scan is not back from its worker, this thread scans the block after the last one sent itself.
 * A scan that meets anything else (a quote inside an unquoted cell, say) stops at that row; papaparse
 * reads from there for 64 KiB or so (papaparseFrom), and the fast reader takes over again at
 * papaparse's next row boundary, where both agree a row starts.
 *
 * Issue 19: a platform export's header rows are read here by its layout (formats/export-layout.ts),
 * as readData reads them, and its data rows scanned with the resolved columns; one-hot theme columns
 * are read by the scanner; a Windows-1252 file is scanned as it is (ScanPlan.windows1252: one
 * character a byte, its delimiters, quotes and newlines ASCII, so lines, columns and offsets are
 * unchanged; the rows handed to the rules are decoded with Windows-1252). UTF-16 (LE or BE) is decoded to UTF-8
 * in the workers the same way (two source bytes a character, four a surrogate pair; damage the
 * ordinary decoder reports goes to papaparse with that decoder). Workbooks and SPSS files are read by
 * the ordinary reader.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../start-worker.ts';
import type { Diagnostic, DiagnosticSink, SurveyConfig } from '../../model.ts';
import { diagnostic, say } from '../../messages.ts';
import type { RespondentValidator, ScannedRow, SegmentRegistry } from '../../validate/validate-respondents.ts';
import type { Codebook, RespondentConsumer } from '../../model.ts';
import { CsvRowReader, type CsvBatch, type CsvHeader } from '../read-csv.ts';
import { checkFileSize } from '../check-header.ts';
import { TextDecoderWithOffsets } from '../decode-text.ts';
import { detectEncoding, readHead } from '../formats/detect-encoding.ts';
import type { FinishedWhen, HeaderRow } from '../formats/export-layout.ts';
import { layouts, type DataHeader } from '../formats/read-data.ts';
import { resolveColumns, type DataColumns, type ReadOutcome } from '../read-respondents.ts';
import { rowRules } from '../../validate/row-rules.ts';
import { BLANK, BlockScanner, FAST, SCANNED_RULES, rowArrays, type BlockScan, type ScanPlan } from './scan-block.ts';
import { ChunkScanner, type ScannedBlock } from './scan-blocks.ts';
import type { BlockAnswer, BlockRequest, RecycleMessage, ScanWorkerData } from './scan-worker.ts';
import { BufferPool } from './buffer-pool.ts';
import {
  decodeLegacy,
  encodeWindows1252,
  lastRowBoundary16,
  newlineUnit,
  sourceLengthIn,
  unitIndex,
  type LegacyEncoding,
  type Utf16,
} from './legacy-encoding.ts';

export interface FastReadOptions {
  /** Threads in all: 1 reads and scans in this thread; N > 1 scans in N - 1 worker threads while this one reads and applies the rows. Default: one per core. */
  threads?: number;
  /** Bytes per block (default 1 MiB). */
  blockSize?: number;
  /** After a row the scan cannot read, papaparse reads this many bytes before the fast reader goes on (default 64 KiB). */
  handOverBytes?: number;
  /** Files smaller than this are read in this thread whatever `threads` says (default 8 MiB). */
  minParallelBytes?: number;
  /** Called after each block with the bytes and rows read so far (the file as config.data.displayPath). */
  onProgress?: (progress: { file: string; bytes: number; totalBytes: number; rows: number }) => void;
}

export interface FastTarget {
  validator: RespondentValidator;
  consumer: RespondentConsumer;
  segments: SegmentRegistry;
  /** The codebook rows are tallied in (with the size of its theme space). */
  codebook: Codebook;
  spaceSize: number;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;
/** Issue 19: blocks found cut inside a quoted cell before cuts count quotes (BlockStream.countQuotes). */
const MISSED_CUTS = 3;

/** Whether the config's data can go through the fast reader at all (the file decides the rest). */
export function fastReaderApplies(config: SurveyConfig): boolean {
  const format = config.data.format ?? 'csv';
  const encoding = config.data.encoding ?? null;
  const delimiter = config.data.delimiter;
  return (
    config.data.layout === 'respondents' &&
    config.data.segmentFrom !== 'none' && // issue 14: no segment column: the ordinary reader puts everyone in one group
    (format === 'csv' || layouts[format] !== undefined) && // issue 19: platform exports too
    // issue 19: one-hot theme columns replace the themes cell; with both named, the ordinary reader decides
    (config.data.themeColumns == null || config.data.columns.themes === '') &&
    // issue 19: Windows-1252 and UTF-16 decoded in the workers
    (encoding === null || encoding === 'utf-8' || encoding === 'windows-1252' || encoding === 'utf-16') &&
    (delimiter === null || (delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 && delimiter !== '"' && delimiter !== '\n'))
  );
}

/**
 * Read, validate and tally the data file through the fast reader. Returns null, having read and
 * reported nothing, when the file is not one it reads (no newline in its first block, a
 * header it does not split as papaparse does, header rows its platform's layout rejects): the caller
 * then uses the ordinary reader.
 */
export async function readRespondentsFast(
  config: SurveyConfig,
  sink: DiagnosticSink,
  target: FastTarget,
  options: FastReadOptions = {},
): Promise<ReadOutcome | null> {
  if (!fastReaderApplies(config)) return null;
  const path = config.data.path;
  if (checkFileSize(config, path, config.data.displayPath, sink) === null) return { status: 'unreadable', bytes: statSync(path).size, sha256: '' };
  let encoding: LegacyEncoding | null = config.data.encoding === 'windows-1252' ? 'windows-1252' : null;
  // Issue 19: a file guessed to be Windows-1252 is read as such, with readData's warning (FND313), once its header is read.
  let guessed: Diagnostic | null = null;
  // Issue 19: UTF-16's byte order mark (2 bytes), which the ordinary decoder takes off.
  let bom = 0;
  if (config.data.encoding === 'utf-16' || config.data.encoding == null) {
    const head = readHead(path, 4);
    // (As the ordinary decoder: a mark decides the byte order; data.encoding utf-16 without one is little-endian.)
    const le = head[0] === 0xff && head[1] === 0xfe;
    const be = head[0] === 0xfe && head[1] === 0xff;
    if (le || be || config.data.encoding === 'utf-16') {
      if (head.length < 4) return null; // (a file of a character or less: the ordinary reader)
      encoding = be ? 'utf-16be' : 'utf-16le';
      bom = le || be ? 2 : 0;
    }
  }
  if (config.data.encoding == null && encoding === null) {
    const head = readHead(path);
    const guess = detectEncoding(head, head.length < 1 << 20);
    if (guess.encoding === 'utf-16') return null;
    if (guess.encoding === 'windows-1252') {
      encoding = 'windows-1252';
      if (guess.by === 'not-utf-8' && guess.at !== undefined) {
        const at = { file: config.data.displayPath, line: guess.at.line, column: guess.at.column };
        guessed = diagnostic(at, say.FND313(guess.at.offset, head[guess.at.offset]!));
      }
    }
  }
  const blockSize = Math.max(16, options.blockSize ?? 1 << 19);
  const fd = openSync(path, 'r');
  try {
    return await readOpen(fd, config, sink, target, options, blockSize, encoding, guessed, bom);
  } finally {
    closeSync(fd);
  }
}

async function readOpen(
  fd: number,
  config: SurveyConfig,
  sink: DiagnosticSink,
  target: FastTarget,
  options: FastReadOptions,
  blockSize: number,
  encoding: LegacyEncoding | null,
  guessed: Diagnostic | null,
  bom: number,
): Promise<ReadOutcome | null> {
  const { validator, consumer, segments } = target;
  const file = new HashedFile(fd);
  // The header rows must end within the first MiB (or block, if larger), whatever the block size.
  const headSize = Math.max(blockSize, 1 << 20);
  let first: Buffer = Buffer.alloc(Math.min(headSize, Math.max(1, file.size)));
  let firstLength = file.readInto(first, 0, first.length, 0);
  if (encoding !== null) {
    // (UTF-16: after its byte order mark; a second mark is then taken off as readCsv takes it off.)
    const source = first.subarray(bom, firstLength);
    const decoded = decodeLegacy(encoding, source, source.length, firstLength === file.size, (bytes) => new ArrayBuffer(bytes));
    first = decoded.buffer;
    firstLength = decoded.length;
  }
  const head = readHeader(first, firstLength, config);
  if (head === null) return null;
  // (The header's end in the file's bytes: the same offset unless decoded from a legacy encoding.)
  const headEnd = encoding === null ? head.end : bom + sourceLengthIn(encoding)(first, 0, head.end);
  if (guessed !== null) sink.report(guessed);
  const resolved = resolveColumns(config, head.header, sink);
  if (resolved.columns === null) return { status: resolved.unreadable ? 'unreadable' : 'no-columns', ...file.finish() };
  const columns = resolved.columns;
  const { delimiter } = head;
  let line = head.line;

  // Issue 19: Windows-1252 is scanned as it is, not decoded (scan-block.ts' ScanPlan.windows1252), when
  // the themes separator is Windows-1252 text; the blocks then go to the scanners as UTF-8 blocks do.
  const raw = encoding === 'windows-1252' && encodeWindows1252(config.data.separator) !== null;
  const scanEncoding = raw ? null : encoding;
  const plan = makePlan(config, columns, target, delimiter, head.header.cells[0]!.trim(), head.unfinished === null ? null : head.finished, raw);
  // Issue 19: a platform export's unfinished responses are marked as readData marks them, for the rules.
  const validateInto = (batch: CsvBatch) => {
    if (head.unfinished !== null) markUnfinished(batch, head.unfinished);
    validator.validateInto(batch, columns, consumer);
  };
  const questions = plan.questions.length;
  const total = file.size;
  const progress = (bytes: number) => options.onProgress?.({ file: config.data.displayPath, bytes, totalBytes: total, rows: validator.ledger.rowsRead });
  const rowsOptions: RowsOptions = {
    delimiter,
    maxFieldChars: config.limits.maxFieldChars,
    onBatch: validateInto,
    handOverBytes: options.handOverBytes ?? 1 << 16,
    onProgress: progress,
  };
  /** The text of buf[start, end) (bytes of whole rows): UTF-8, or Windows-1252 scanned as it is. */
  const windows1252 = raw ? new TextDecoder('windows-1252') : null;
  const rowsText = (buf: Buffer, start: number, end: number) =>
    windows1252 === null ? buf.toString('utf8', start, end) : windows1252.decode(buf.subarray(start, end));
  /** Hand rows of text to the rules, as the ordinary reader would. */
  const slowRows = (text: string, startLine: number) => {
    const reader = new CsvRowReader({
      delimiter,
      newline: '\n',
      maxFieldChars: rowsOptions.maxFieldChars,
      decoded: UTF8,
      startLine,
      headerSeen: true,
      onHeader: () => {},
      onBatch: rowsOptions.onBatch,
    });
    reader.push(text);
    reader.finish();
  };

  const threads = Math.max(1, Math.min(8, Math.floor(options.threads ?? defaultThreads())));
  const workers = threads > 1 && total >= (options.minParallelBytes ?? 8 << 20) ? threads - 1 : 0;
  const blocks = new BlockStream(file, plan, workers, blockSize, scanEncoding);
  let reserved = false;
  let from = headEnd;
  // One row object, filled in for each fast row in turn (no object per row).
  const row: ScannedRow = {
    bytes: first,
    idStart: 0,
    idEnd: 0,
    line: 0,
    segment: -1,
    weight: 1,
    themes: [],
    themeStart: 0,
    themeEnd: 0,
    answers: [],
    answerStart: 0,
  };
  const seen = consumer.seen;
  const seenBytes = consumer.seenBytes;
  try {
    for (;;) {
      let stoppedAt: { offset: number; line: number } | null = null;
      for await (const block of blocks.from(from)) {
        const { buffer, scan } = block;
        if (!reserved) {
          // Room for the ids of the whole file, estimated from the first block, so the table is built once.
          reserved = true;
          if (scan.rows > 0) {
            let idBytes = 0;
            for (let r = 0; r < scan.rows; r++) idBytes += scan.idEnd[r]! - scan.idStart[r]!;
            const expected = ((total - headEnd) / Math.max(1, block.stopSource)) * scan.rows * 1.05;
            validator.expectIds(expected, (idBytes / scan.rows) * 1.05);
            consumer.expectIds?.(expected, (idBytes / scan.rows) * 1.05);
          }
        }
        // (Locals, not fields: an object that came through postMessage is slow to read fields from.)
        const { rows, kind, start, end, segment: segmentOf, idStart, idEnd, weight, themes, themeEnd, answers } = scan;
        const lineOf = scan.line;
        row.bytes = buffer;
        row.themes = themes;
        row.answers = answers;
        for (let r = 0; r < rows; r++) {
          const k = kind[r]!;
          if (k === BLANK) continue;
          const rowLine = line + lineOf[r]!;
          if (k === FAST) {
            const segment = blocks.segmentOf(block.worker, segmentOf[r]!, segments);
            row.idStart = idStart[r]!;
            row.idEnd = idEnd[r]!;
            row.line = rowLine;
            row.segment = segment;
            row.weight = weight[r]!;
            row.themeStart = r === 0 ? 0 : themeEnd[r - 1]!;
            row.themeEnd = themeEnd[r]!;
            row.answerStart = r * questions;
            const valid = validator.admitScanned(row);
            if (valid !== null) {
              if (seenBytes !== undefined) seenBytes(buffer, row.idStart, row.idEnd, rowLine);
              else if (seen !== undefined) seen(valid.id(), rowLine);
              consumer.row(valid);
              continue;
            }
          }
          // The rules read this row (a new segment, a duplicate id, a doubt), and the rows after it that are not fast either.
          let last = r;
          while (last + 1 < rows && kind[last + 1] !== FAST) last++;
          slowRows(rowsText(buffer, start[r]!, end[last]!), rowLine);
          r = last;
        }
        // A block cut at a row boundary is scanned whole; if its scan stopped short anyway, papaparse reads on from there.
        if (scan.anomaly || (block.cut && !block.final && scan.stop < block.length)) {
          // (A block cut inside a quoted cell: after a few, cuts count quotes from then on.)
          if (!scan.anomaly) blocks.missedCut();
          stoppedAt = { offset: block.offset + block.stopSource, line: line + scan.newlines };
          break;
        }
        line += scan.newlines;
        progress(block.offset + block.stopSource);
      }
      if (stoppedAt === null) break;
      // Papaparse reads the row the scan stopped at (and the rest of 64 KiB or so), then the fast reader goes on.
      const resumed = papaparseFrom(file, stoppedAt.offset, stoppedAt.line, rowsOptions, encoding ?? 'utf-8');
      if (resumed === null) break;
      from = resumed.offset;
      line = resumed.line;
    }
  } finally {
    await blocks.close();
  }
  return { status: 'read', ...file.finish() };
}

/** The data file, hashed in order as it is first read; bytes read again (after a hand-over to papaparse) are not hashed again. */
export class HashedFile {
  private readonly hash = createHash('sha256');
  /** Bytes read and hashed so far. */
  private position = 0;
  readonly size: number;

  constructor(private readonly fd: number) {
    this.size = fstatSync(fd).size;
  }

  /** Read up to `size` bytes at file offset `at` into buffer[into...]: the bytes read. */
  readInto(buffer: Buffer, into: number, size: number, at: number): number {
    let n = 0;
    while (n < size) {
      const got = readSync(this.fd, buffer, into + n, size - n, at + n);
      if (got === 0) break;
      n += got;
    }
    if (at + n > this.position) {
      this.hash.update(buffer.subarray(into + Math.max(0, this.position - at), into + n));
      this.position = at + n;
    }
    return n;
  }

  /** Hash whatever was not read, then the file's length and digest. */
  finish(): { bytes: number; sha256: string } {
    const buffer = Buffer.alloc(1 << 20);
    while (this.readInto(buffer, 0, buffer.length, this.position) > 0);
    return { bytes: this.position, sha256: this.hash.digest('hex') };
  }
}

/**
 * The header row of a UTF-8 CSV that ends within the first block, split by papaparse, with a one-byte
 * ASCII delimiter: its end, the line after it, the delimiter and the header; or null (the file is for the ordinary reader).
 * Shared by the respondent and excerpt fast readers.
 */
export function readCsvHeader(
  first: Buffer,
  length: number,
  delimiter: string | null,
  maxFieldChars: number,
): { end: number; line: number; delimiter: string; header: CsvHeader } | null {
  const end = rowEnd(first, 0, length);
  if (end === -1) return null;
  const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
  let header: CsvHeader | null = null;
  let extra = false;
  const reader = new CsvRowReader({
    delimiter,
    maxFieldChars,
    decoded: UTF8,
    onHeader: (h) => (header = h),
    onBatch: () => (extra = true),
  });
  reader.push(first.toString('utf8', bom, end));
  reader.finish();
  const detected = reader.detectedDelimiter;
  if (header === null || extra || detected === null || detected.length !== 1 || detected.charCodeAt(0) >= 0x80 || detected === '"') return null;
  let line = 1;
  for (let k = first.indexOf(NEWLINE); k !== -1 && k < end; k = first.indexOf(NEWLINE, k + 1)) line++;
  return { end, line, delimiter: detected, header };
}

/**
 * The header: the first row, which must end within the first block and split as papaparse splits it,
 * with a one-byte ASCII delimiter; for a platform export (issue 19), the header rows after it too,
 * read by the layout (export-layout.ts) as readData reads them. Its end, the line after it, the
 * delimiter, the header, and the layout's test of unfinished responses; or null (the file is for the
 * ordinary reader, which reports whatever is wrong with the header rows).
 */
function readHeader(
  first: Buffer,
  length: number,
  config: SurveyConfig,
): { end: number; line: number; delimiter: string; header: DataHeader; unfinished: ((row: string[]) => number) | null; finished: FinishedWhen } | null {
  const csv = readCsvHeader(first, length, config.data.delimiter, config.limits.maxFieldChars);
  if (csv === null) return null;
  let end = csv.end;
  const { delimiter, header: csvHeader } = csv;
  const linesTo = (to: number) => {
    let line = 1;
    for (let k = first.indexOf(NEWLINE); k !== -1 && k < to; k = first.indexOf(NEWLINE, k + 1)) line++;
    return line;
  };
  const layout = layouts[config.data.format ?? 'csv'] ?? null;
  if (layout === null) return { end, line: linesTo(end), delimiter, header: { ...csvHeader, aliases: new Map(), choices: [] }, unfinished: null, finished: [] };

  // The layout's header rows after the first: each must end within the first block and split cleanly.
  const need = layout.extraRows(csvHeader.cells);
  const firstEnd = end;
  for (let k = 0; k < need; k++) {
    end = rowEnd(first, end, length);
    if (end === -1) return null;
  }
  const rows: HeaderRow[] = [{ cells: csvHeader.cells, line: csvHeader.line, locate: csvHeader.locate }];
  let clean = true;
  const more = new CsvRowReader({
    delimiter,
    newline: '\n',
    maxFieldChars: config.limits.maxFieldChars,
    decoded: UTF8,
    startLine: linesTo(firstEnd),
    headerSeen: true,
    onHeader: () => {},
    onBatch: (batch) => {
      if (batch.problems.length > 0) clean = false;
      batch.rows.forEach((cells, r) => rows.push({ cells, line: batch.lines[r]!, locate: (cell) => batch.locate(r, cell) }));
    },
  });
  more.push(first.toString('utf8', firstEnd, end));
  more.finish();
  if (!clean || rows.length !== need + 1) return null;
  const result = layout.header(rows);
  if ('message' in result) return null;
  const unfinished = config.data.includeUnfinished ? null : (layout.unfinished?.(result) ?? null);
  return {
    end,
    line: linesTo(end),
    delimiter,
    header: { ...csvHeader, cells: result.names, aliases: result.aliases, choices: result.choices },
    unfinished,
    finished: layout.finishedWhen?.(result) ?? [],
  };
}

/** Mark the rows the platform's records call unfinished as readData does (an `unfinished` problem of the row). */
function markUnfinished(batch: CsvBatch, test: (row: string[]) => number): void {
  batch.rows.forEach((row, r) => {
    const cell = test(row);
    if (cell !== -1) batch.problems.push({ kind: 'unfinished', row: r, cell });
  });
}

/**
 * The data file's blocks from a row boundary to the end, scanned, in order: by a scanner in this
 * thread, carrying a row cut off at the end of a chunk over to the next; or, for a large file, cut at
 * row boundaries and scanned by worker threads, one block each in turn. Each scanner numbers the
 * segments it meets; segmentOf says what they are in the run's registry.
 */
class BlockStream {
  private readonly pool: ScanPool | null;
  private readonly localScanner: BlockScanner | null;
  private readonly buffers = new BufferPool();
  // Each scanner's segment ids: their names, and what they are in the registry (-1: not yet known).
  private readonly names: string[][];
  private readonly translates: number[][];
  private seq = 0;
  /**
   * Issue 19: whether a block is cut where quotes say a row ends (every byte of the block read on this
   * thread), or after a newline the rows after it confirm (likelyCut: a bounded reading near the
   * block's end). A block cut inside a quoted cell anyway is found by its scan, which then stops short
   * of the cut (an open quote at its end): the rows from there go to papaparse as after any anomaly,
   * the blocks after it are not applied, and after MISSED_CUTS such blocks cuts count quotes from then on.
   */
  private countQuotes = false;
  private missedCuts = 0;

  /** A block's scan found its cut inside a quoted cell. */
  missedCut(): void {
    if (++this.missedCuts >= MISSED_CUTS) this.countQuotes = true;
  }

  private readonly width: number;
  private readonly delimiter: number;

  constructor(
    private readonly file: HashedFile,
    plan: ScanPlan,
    private readonly workers: number,
    private readonly blockSize: number,
    /** Issue 19: a legacy encoding the blocks are decoded from (in the workers), or null for UTF-8. */
    private readonly encoding: LegacyEncoding | null = null,
  ) {
    this.pool = workers > 0 ? new ScanPool(plan, workers, encoding) : null;
    this.width = plan.width;
    this.delimiter = plan.delimiter;
    // (With workers, this thread's scanner takes blocks of UTF-8 when it would otherwise wait: scanner number `workers`.)
    this.localScanner = this.pool === null || encoding === null ? new BlockScanner(plan) : null;
    this.names = Array.from({ length: workers + 1 }, () => [...plan.segments]);
    this.translates = Array.from({ length: workers + 1 }, () => plan.segments.map((_, i) => i));
  }

  /** A scanner's segment id as the registry's index (-1 when the registry does not have it: the rules then read the row). */
  segmentOf(worker: number, local: number, segments: SegmentRegistry): number {
    const translate = this.translates[worker]!;
    let segment = translate[local]!;
    if (segment === -1) {
      segment = segments.find(this.names[worker]![local]!);
      translate[local] = segment;
    }
    return segment;
  }

  private learnSegments(worker: number, scan: BlockScan): void {
    for (const name of scan.newSegments) {
      this.names[worker]!.push(name);
      this.translates[worker]!.push(-1);
    }
  }

  /** The blocks from file offset `from` (a row boundary) to the end, scanned, in order. */
  async *from(from: number): AsyncGenerator<ScannedBlock & { worker: number; cut: boolean; length: number; final: boolean }> {
    const { pool, buffers, file, blockSize } = this;
    const total = file.size;
    const readInto = (buffer: Buffer, into: number, size: number, at: number) => file.readInto(buffer, into, size, at);
    const learnSegments = (worker: number, scan: BlockScan) => this.learnSegments(worker, scan);
    let readAt = from;
    const encoding = this.encoding;
    if (pool === null) {
      const chunks = new ChunkScanner(this.localScanner!, from, encoding === null ? null : sourceLengthIn(encoding));
      // Issue 19: the end of a UTF-16 chunk that is not a whole character (an odd byte, a lead surrogate), decoded with the next.
      let leftover: Buffer = Buffer.alloc(0);
      for (let final = false; !final; ) {
        const size = Math.max(0, Math.min(blockSize, total - readAt));
        const chunk = Buffer.from(buffers.take(size + leftover.length), 0, size + leftover.length);
        leftover.copy(chunk, 0);
        const n = readInto(chunk, leftover.length, size, readAt);
        readAt += n;
        final = n < size || readAt >= total;
        let block: ScannedBlock | null;
        if (encoding !== null) {
          // Issue 19: the chunk decoded to UTF-8.
          const length = leftover.length + n;
          const decoded = decodeLegacy(encoding, chunk, length, final, (bytes) => buffers.take(bytes));
          leftover = Buffer.from(chunk.subarray(decoded.consumed, length));
          block = chunks.next(decoded.buffer.subarray(0, decoded.length), final);
          buffers.give(decoded.buffer.buffer as ArrayBuffer);
        } else block = chunks.next(chunk.subarray(0, n), final);
        buffers.give(chunk.buffer as ArrayBuffer);
        if (block === null) continue;
        learnSegments(0, block.scan);
        yield { ...block, worker: 0, cut: false, length: block.scan.stop, final };
        chunks.recycle(block);
      }
      return;
    }
    // Blocks cut after a newline that likelyCut finds (or, counting quotes, the last with an even
    // number of quotes before it, a row boundary when quotes are used as RFC 4180 says; a scan that
    // meets any other use stops there), sent to the workers in turn, applied in order.
    let carry: Buffer = Buffer.alloc(0);
    let offset = from;
    let eof = false;
    const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be' ? encoding : null;
    const next = (): { buffer: Buffer; length: number; final: boolean; offset: number } | null => {
      if (eof && carry.length === 0) return null;
      let want = Math.max(blockSize, carry.length);
      let length = carry.length;
      let buffer = Buffer.from(buffers.take(length + want + 1), 0, length + want + 1);
      carry.copy(buffer, 0);
      for (;;) {
        const n = readInto(buffer, length, Math.min(want, total - readAt), readAt);
        readAt += n;
        length += n;
        if (n === 0 || readAt >= total) eof = true;
        // (Issue 19: without counting quotes, a newline the rows after it confirm; failing that, quotes are counted for this block.)
        let cut = eof ? length : this.countQuotes ? 0 : likelyCut(buffer, length, utf16, this.width, this.delimiter);
        if (cut === 0 && !eof) cut = utf16 !== null ? lastRowBoundary16(buffer, length, utf16) : lastRowBoundary(buffer, length);
        if (cut > 0 || eof) {
          carry = Buffer.from(buffer.subarray(cut, length));
          buffer[cut] = 0x0a; // the scanner's sentinel
          const block = { buffer, length: cut, final: eof, offset };
          offset += cut;
          return block;
        }
        // No row boundary yet (a row longer than what was read): read as much again.
        want = length;
        const bigger = Buffer.from(buffers.take(length + want + 1), 0, length + want + 1);
        buffer.copy(bigger, 0, 0, length);
        buffers.give(buffer.buffer as ArrayBuffer);
        buffer = bigger;
      }
    };
    const workers = this.workers;
    const ahead = 2 * workers;
    // Issue 19: when the next block's scan is not back yet, this thread scans the block after the
    // last one sent (one at a time) instead of waiting, so neither core idles while the other works.
    const stealer = this.localScanner;
    interface Pending {
      offset: number;
      length: number;
      final: boolean;
      /** The worker scanning it, or `workers` for this thread's scanner. */
      worker: number;
      answer: Promise<BlockAnswer>;
      ready: boolean;
    }
    const pending: Pending[] = [];
    let sent = 0; // blocks in `pending` that a worker scans
    let stolen = 0; // blocks in `pending` that this thread scanned
    const fill = () => {
      while (sent < ahead) {
        const block = next();
        if (block === null) return;
        const s = this.seq++;
        const item: Pending = {
          offset: block.offset,
          length: block.length,
          final: block.final,
          worker: s % workers,
          answer: pool!.scan(s, block.buffer.buffer as ArrayBuffer, block.length, block.final),
          ready: false,
        };
        item.answer.then(
          () => (item.ready = true),
          () => {},
        );
        pending.push(item);
        sent++;
      }
    };
    const steal = (): boolean => {
      const block = next();
      if (block === null) return false;
      // (The block's own bytes and sentinel, not the whole pooled buffer.)
      const scan = stealer!.scan(block.buffer.subarray(0, block.length + 1), block.length, block.final);
      const answer: BlockAnswer = { seq: -1, buffer: block.buffer.buffer as ArrayBuffer, scan };
      pending.push({ offset: block.offset, length: block.length, final: block.final, worker: workers, answer: Promise.resolve(answer), ready: true });
      stolen++;
      return true;
    };
    const giveBack = (worker: number, buffer: ArrayBuffer, scan: BlockScan, decoded: BlockAnswer['decoded']) => {
      if (worker === workers) {
        buffers.give(buffer);
        stealer!.recycle(scan);
        return;
      }
      // (A decoded block's buffer goes back to the worker that decoded into it, to decode into again.)
      if (decoded === undefined) buffers.give(buffer);
      else buffers.give(decoded.source);
      pool!.recycle(worker, scan, decoded === undefined ? [] : [buffer]);
    };
    try {
      fill();
      while (pending.length > 0) {
        const head = pending[0]!;
        if (!head.ready && stealer !== null && stolen === 0) {
          // (Let answers that have arrived be taken in first.)
          await new Promise((resolve) => setImmediate(resolve));
          if (!head.ready && steal()) continue;
        }
        const { offset: at, length, final, worker, answer } = head;
        const { buffer, scan, decoded } = await answer;
        pending.shift();
        if (worker === workers) stolen--;
        else sent--;
        fill();
        learnSegments(worker, scan);
        // (A block decoded from a legacy encoding: its decoded bytes, and the file bytes before its stop.)
        const size = decoded?.length ?? length;
        yield {
          buffer: Buffer.from(buffer, 0, size + 1),
          scan,
          offset: at,
          stopSource: decoded?.stopSource ?? scan.stop,
          worker,
          cut: true,
          length: size,
          final,
        };
        giveBack(worker, buffer, scan, decoded);
      }
    } finally {
      // Stopped early (a row for papaparse): the blocks already sent are not applied, but the
      // segments their scans met are learnt, as the workers numbered them.
      for (const { worker, answer } of pending) {
        const { buffer, scan, decoded } = await answer;
        learnSegments(worker, scan);
        giveBack(worker, buffer, scan, decoded);
      }
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/** How papaparse reads rows handed to it: the delimiter, the field limit, where the rows go, and progress. */
export interface RowsOptions {
  delimiter: string;
  maxFieldChars: number;
  onBatch: (batch: CsvBatch) => void;
  handOverBytes: number;
  onProgress: (bytes: number) => void;
}

/**
 * Rows from file offset `from` (a row boundary, on line `fromLine`) through papaparse and the rules,
 * until papaparse has read at least one row and reached a row boundary at the end of what it was
 * given: where the fast reader can take over again (null at the end of the file).
 */
export function papaparseFrom(
  file: HashedFile,
  from: number,
  fromLine: number,
  rows: RowsOptions,
  encoding: 'utf-8' | LegacyEncoding = 'utf-8',
): { offset: number; line: number } | null {
  const { delimiter, maxFieldChars, onBatch, handOverBytes, onProgress } = rows;
  // Issue 19: in UTF-16 a newline is a code unit: windows of whole code units from `from` (a code unit's start).
  const utf16: Utf16 | null = encoding === 'utf-16le' || encoding === 'utf-16be' ? encoding : null;
  const decoder = new TextDecoderWithOffsets(encoding, from);
  const reader = new CsvRowReader({
    delimiter,
    newline: '\n',
    maxFieldChars,
    decoded: decoder,
    startLine: fromLine,
    headerSeen: true,
    onHeader: () => {},
    onBatch,
  });
  const window = Buffer.alloc(utf16 === null ? Math.max(1, handOverBytes) : Math.max(2, handOverBytes + (handOverBytes & 1)));
  const newlines: number[] = []; // file offsets of the newlines read (a UTF-16 newline's last byte), to find where a line starts
  const unit = utf16 === null ? null : newlineUnit(utf16);
  for (let at = from; ; ) {
    const n = file.readInto(window, 0, window.length, at);
    if (n === 0) break;
    if (unit === null) for (let k = window.indexOf(NEWLINE); k !== -1 && k < n; k = window.indexOf(NEWLINE, k + 1)) newlines.push(at + k);
    else for (let k = unitIndex(window, unit, 0, n); k !== -1; k = unitIndex(window, unit, k + 2, n)) newlines.push(at + k + 1);
    at += n;
    reader.push(decoder.write(window.subarray(0, n)));
    onProgress(at);
    const lines = reader.line - fromLine;
    if (lines > 0 && lines <= newlines.length) return { offset: newlines[lines - 1]! + 1, line: reader.line };
  }
  reader.push(decoder.end());
  reader.finish();
  return null;
}

export const UTF8 = { replacements: [] as number[], detected: 'utf-8' };

/** The offset just after the first non-blank row's newline in buf[from, length), or -1 when it does not end there. */
function rowEnd(buf: Buffer, from: number, length: number): number {
  let pos = from;
  let quoted = false;
  let blank = true;
  for (; pos < length; pos++) {
    const byte = buf[pos]!;
    if (byte === QUOTE) quoted = !quoted;
    if (quoted) {
      blank = false;
      continue;
    }
    if (byte === NEWLINE) {
      if (!blank) return pos + 1;
      continue;
    }
    if (byte !== 0x0d && !(pos < 3 && (byte === 0xef || byte === 0xbb || byte === 0xbf))) blank = false;
  }
  return -1;
}

function makePlan(
  config: SurveyConfig,
  columns: DataColumns,
  target: FastTarget,
  delimiter: string,
  headerFirst: string,
  finished: FinishedWhen | null,
  windows1252: boolean,
): ScanPlan {
  const index = target.codebook.index;
  return {
    delimiter: delimiter.charCodeAt(0),
    width: columns.width,
    id: columns.id,
    segment: columns.segment,
    weight: columns.weight,
    themes: columns.themes,
    questions: columns.questions,
    headerFirst,
    separator: config.data.separator,
    codes: [...target.codebook.index],
    rollup: target.codebook.rollup.map((r) => [...r]),
    spaceSize: target.spaceSize,
    segments: target.segments.segments.map((s) => s.id),
    levels: config.questions.map((q) => ({ id: q.id, levels: [...q.levels] })),
    maxFieldChars: config.limits.maxFieldChars,
    cellChecks: rowRules
      .map((rule, index) => ({ rule, index }))
      .filter(({ rule }) => rule.scanner === 'cell' && !SCANNED_RULES.has(rule.code) && (rule.applies?.(config) ?? true))
      .map(({ rule, index }) => ({
        rule: index,
        column: { id: columns.id, segment: columns.segment, weight: columns.weight, themes: columns.themes }[rule.cell!.column],
      }))
      .filter((check) => check.column !== -1),
    themeColumns: columns.themeColumns?.map(({ index: column, code, choice }) => ({ column, code: index.get(code) ?? -1, choice })) ?? null,
    finished,
    windows1252,
  };
}

/** Worker threads that scan blocks (scan-worker.ts): block `seq` goes to worker seq % size, which answers in order. */
class ScanPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (answer: BlockAnswer) => void; reject: (error: Error) => void }>();
  private failure: Error | null = null;

  constructor(plan: ScanPlan, size: number, encoding: LegacyEncoding | null) {
    for (let w = 0; w < size; w++) {
      const worker = startScanWorker({ plan, encoding });
      worker.on('message', (answer: BlockAnswer) => {
        const waiter = this.waiting.get(answer.seq);
        this.waiting.delete(answer.seq);
        waiter?.resolve(answer);
      });
      worker.on('error', (error) => {
        this.failure = error;
        for (const waiter of this.waiting.values()) waiter.reject(error);
        this.waiting.clear();
      });
      this.workers.push(worker);
    }
  }

  /** Scan buffer[0, length) (buffer[length] is a newline); the buffer is transferred, and comes back with the answer. */
  scan(seq: number, buffer: ArrayBuffer, length: number, final: boolean): Promise<BlockAnswer> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      const request: BlockRequest = { seq, buffer, length, final };
      this.workers[seq % this.workers.length]!.postMessage(request, [buffer]);
    });
  }

  /** Send a scan's row arrays (and `more` buffers it made) back to the worker that made them, once its rows are applied. */
  recycle(worker: number, scan: BlockScan, more: ArrayBuffer[] = []): void {
    const recycle = [...new Set([...rowArrays(scan).map((array) => array.buffer as ArrayBuffer), ...more])];
    const message: RecycleMessage = { recycle };
    this.workers[worker]!.postMessage(message, recycle);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/**
 * Threads by default: one per core, this one included (on two cores: this thread and one worker).
 * More threads than cores was measured slower on two cores (bench: 6.2 s against 5.0 s at 5M rows).
 */
function defaultThreads(): number {
  return availableParallelism();
}

/** Just after the last newline (code unit, in UTF-16) in buf[0, before); 0 when none. */
function lastNewline(buf: Buffer, before: number, utf16: Utf16 | null): number {
  if (utf16 !== null) return lastRowBoundary16(buf, before, utf16, false);
  return before === 0 ? 0 : buf.lastIndexOf(NEWLINE, before - 1) + 1;
}

/**
 * Issue 19: a block's cut without reading the block: just after a newline near the end of
 * buf[0, length) from which the bytes to `length` read (RFC 4180) as at least two whole rows of
 * `width` fields, with no quote out of place. A newline inside a quoted cell almost never passes
 * (the rest of the cell then reads as an unquoted cell with a quote in it, or as a row of the wrong
 * width); where one does, the scan of the block before finds it (an open quote at its end) and the
 * reader recovers as after any anomaly. 0 when no newline passes within a bounded reading (64 KiB
 * in all): the caller counts quotes.
 */
function likelyCut(buf: Buffer, length: number, utf16: Utf16 | null, width: number, delimiter: number): number {
  const step = utf16 === null ? 1 : 2;
  const at: (i: number) => number =
    utf16 === null ? (i) => buf[i]! : utf16 === 'utf-16le' ? (i) => buf[i]! | (buf[i + 1]! << 8) : (i) => (buf[i]! << 8) | buf[i + 1]!;
  const end = length - (length % step);
  /** Whole rows read from `from` to `end`, or -1 when a row is not `width` fields or a quote is out of place. */
  const rowsFrom = (from: number): number => {
    let rows = 0;
    let fields = 0;
    let empty = true; // the row so far is one empty field (or a carriage return)
    let i = from;
    while (i < end) {
      let unit = at(i);
      if (unit === QUOTE) {
        // A quoted cell: to its closing quote (a doubled quote is a quote in it).
        empty = false;
        i += step;
        for (;;) {
          if (i >= end) return rows;
          if (at(i) === QUOTE) {
            if (i + step < end && at(i + step) === QUOTE) i += 2 * step;
            else break;
          } else i += step;
        }
        i += step;
        if (i >= end) return rows;
        unit = at(i);
        if (unit === 0x0d && i + step < end && at(i + step) === NEWLINE) {
          i += step;
          unit = NEWLINE;
        }
        if (unit !== delimiter && unit !== NEWLINE) return -1;
      } else {
        while (unit !== delimiter && unit !== NEWLINE) {
          if (unit === QUOTE) return -1;
          if (unit !== 0x0d) empty = false;
          i += step;
          if (i >= end) return rows;
          unit = at(i);
        }
      }
      // At the delimiter or newline after a cell.
      fields++;
      i += step;
      if (unit === delimiter) {
        empty = false;
        continue;
      }
      if (!(fields === 1 && empty)) {
        if (fields !== width) return -1;
        rows++;
      }
      fields = 0;
      empty = true;
    }
    return rows;
  };
  // (Each try reads from its newline to the end: at most 64 KiB read in all.)
  let budget = 1 << 16;
  for (let candidate = lastNewline(buf, end, utf16); candidate > 0 && end - candidate <= budget; candidate = lastNewline(buf, candidate - step, utf16)) {
    budget -= end - candidate;
    if (rowsFrom(candidate) >= 2) return candidate;
  }
  return 0;
}

/** Just after the last newline in buf[0, length) with an even number of quotes before it; 0 when none. */
function lastRowBoundary(buf: Buffer, length: number): number {
  // Issue 19: where quotes are dense (a platform export quotes every cell), one pass byte by byte
  // costs less than a native search per quote; the density is judged from the first 4 KiB.
  const sample = Math.min(length, 4096);
  let dense = 0;
  for (let i = 0; i < sample; i++) if (buf[i] === QUOTE) dense++;
  if (dense * 32 > sample) {
    let quoted = false;
    let boundary = 0;
    for (let i = 0; i < length; i++) {
      const byte = buf[i]!;
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === NEWLINE && !quoted) boundary = i + 1;
    }
    return boundary;
  }
  let quotes = 0;
  for (let q = buf.indexOf(QUOTE); q !== -1 && q < length; q = buf.indexOf(QUOTE, q + 1)) quotes++;
  let newline = length === 0 ? -1 : buf.lastIndexOf(NEWLINE, length - 1);
  // Walk back over newlines; each step takes off the quotes between this newline and the one after it.
  let after = length;
  while (newline !== -1) {
    for (let q = buf.indexOf(QUOTE, newline); q !== -1 && q < after; q = buf.indexOf(QUOTE, q + 1)) quotes--;
    if (quotes % 2 === 0) return newline + 1;
    after = newline;
    newline = newline === 0 ? -1 : buf.lastIndexOf(NEWLINE, newline - 1);
  }
  return 0;
}

/** A scan worker (dist/scan-worker.js, or its TypeScript source through tsx). */
function startScanWorker(data: ScanWorkerData): Worker {
  return startWorker(import.meta.url, 'scan-worker', { workerData: data });
}
