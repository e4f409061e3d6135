/**
 * The fast reader for respondent data in a plain UTF-8 CSV: the file is read in blocks cut at row
 * boundaries, each block is scanned from its bytes (scan-block.ts) in worker threads or in this
 * thread, and this thread applies the rows in file order: a fast row's id is checked against every id
 * seen and the row is added to the tally; any other row goes through the rules
 * (validate-respondents.ts) as papaparse splits it (CsvRowReader), exactly as the ordinary reader
 * would. Rows are applied one by one in file order whatever the number of threads, so the tally,
 * the diagnostics and the ledger do not depend on it (test/property/fast-reader.test.ts).
 *
 *   file ──readSync── block (cut after the last newline outside quotes) ──▶ worker: BlockScanner.scan
 *        ──▶ this thread, in order: fast rows → IdSet + TallyState.addRow; other rows → CsvRowReader → rules
 *
 * A block's cut is found by counting quotes: a newline with an even number of quotes before it (from
 * the block's start, itself a row boundary) ends a row, as long as quotes are used as RFC 4180 says.
 * A scan that meets anything else (a quote inside an unquoted cell, say) stops at that row, and the
 * rest of the file is read by papaparse from there. Other formats, encodings, one-hot theme columns
 * and rounds that keep their respondents (quotes, coder agreement) are read by the ordinary reader.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { checkFileSize } from '../check-header.ts';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DiagnosticSink, SurveyConfig } from '../../model.ts';
import type { TallyState } from '../../tally/tally-state.ts';
import type { RespondentValidator, SegmentRegistry } from '../../validate/validate-respondents.ts';
import type { Codebook } from '../../model.ts';
import { CsvRowReader, type CsvBatch, type CsvHeader } from '../read-csv.ts';
import { TextDecoderWithOffsets } from '../decode-text.ts';
import { detectEncoding, readHead } from '../formats/detect-encoding.ts';
import { resolveColumns, type DataColumns, type ReadOutcome } from '../read-respondents.ts';
import { BLANK, BlockScanner, FAST, rowArrays, type ScanPlan } from './scan-block.ts';
import { ChunkScanner, type ScannedBlock } from './scan-blocks.ts';
import type { BlockMessage, ChunkMessage, RecycleMessage, ScanWorkerData } from './scan-worker.ts';
import { BufferPool } from './buffer-pool.ts';

/** Chunks sent to the worker and not yet answered: enough to keep it busy, few enough to keep memory flat. */
const AHEAD = 3;

export interface FastReadOptions {
  /** 1: read and scan in this thread; 2 (the default on a machine with two cores or more): a worker thread reads and scans while this one applies the rows. */
  threads?: number;
  /** Bytes per block (default 1 MiB). */
  blockSize?: number;
  /** Files smaller than this are read in this thread whatever `threads` says (default 8 MiB). */
  minParallelBytes?: number;
  /** Called after each block with the bytes and rows read so far (the file as config.data.displayPath). */
  onProgress?: (progress: { file: string; bytes: number; totalBytes: number; rows: number }) => void;
}

export interface FastTarget {
  validator: RespondentValidator;
  state: TallyState;
  segments: SegmentRegistry;
  /** The codebook rows are tallied in (with the size of its theme space). */
  codebook: Codebook;
  spaceSize: number;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** Whether the config's data can go through the fast reader at all (the file decides the rest). */
export function fastReaderApplies(config: SurveyConfig): boolean {
  const format = config.data.format ?? 'csv';
  const encoding = config.data.encoding ?? null;
  const delimiter = config.data.delimiter;
  return (
    config.data.layout === 'respondents' &&
    format === 'csv' &&
    (encoding === null || encoding === 'utf-8') &&
    config.data.themeColumns == null &&
    (delimiter === null || (delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 && delimiter !== '"' && delimiter !== '\n'))
  );
}

/**
 * Read, validate and tally the data file through the fast reader. Returns null, having read and
 * reported nothing, when the file is not one it reads (not UTF-8, no newline in its first block, a
 * header it does not split as papaparse does): the caller then uses the ordinary reader.
 */
export async function readRespondentsFast(config: SurveyConfig, sink: DiagnosticSink, target: FastTarget, options: FastReadOptions = {}): Promise<ReadOutcome | null> {
  if (!fastReaderApplies(config)) return null;
  const path = config.data.path;
  if (checkFileSize(config, path, config.data.displayPath, sink) === null) return { status: 'unreadable', bytes: statSync(path).size, sha256: '' };
  if (config.data.encoding == null) {
    const head = readHead(path);
    const guess = detectEncoding(head, head.length < 1 << 20);
    if (guess.encoding !== 'utf-8') return null;
  }
  const blockSize = Math.max(16, options.blockSize ?? 1 << 19);
  const fd = openSync(path, 'r');
  try {
    return await readOpen(fd, config, sink, target, options, blockSize);
  } finally {
    closeSync(fd);
  }
}

async function readOpen(fd: number, config: SurveyConfig, sink: DiagnosticSink, target: FastTarget, options: FastReadOptions, blockSize: number): Promise<ReadOutcome | null> {
  const { validator, state, segments } = target;
  const hash = createHash('sha256');
  let position = 0; // bytes read (and hashed) so far

  // The header: the first row, which must end within the first block.
  const first = Buffer.alloc(blockSize);
  const firstLength = readSync(fd, first, 0, blockSize, 0);
  const headerEnd = firstRowEnd(first, firstLength);
  if (headerEnd === -1) return null;
  const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
  let header: CsvHeader | null = null;
  let extra = false;
  const headerReader = new CsvRowReader({
    delimiter: config.data.delimiter,
    maxFieldChars: config.limits.maxFieldChars,
    decoded: UTF8,
    onHeader: (h) => (header = h),
    onBatch: () => (extra = true),
  });
  const headerText = first.toString('utf8', bom, headerEnd);
  headerReader.push(headerText);
  headerReader.finish();
  const delimiter = headerReader.detectedDelimiter;
  if (header === null || extra || delimiter === null || delimiter.length !== 1 || delimiter.charCodeAt(0) >= 0x80 || delimiter === '"') return null;
  const resolved = resolveColumns(config, { ...(header as CsvHeader), aliases: new Map(), choices: [] }, sink);
  hash.update(first.subarray(0, headerEnd));
  position = headerEnd;
  const finishHash = () => {
    const buffer = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, buffer, 0, buffer.length, position); n > 0; n = readSync(fd, buffer, 0, buffer.length, position)) {
      hash.update(buffer.subarray(0, n));
      position += n;
    }
    return { bytes: position, sha256: hash.digest('hex') };
  };
  if (resolved.columns === null) return { status: resolved.unreadable ? 'unreadable' : 'no-columns', ...finishHash() };
  const columns = resolved.columns;
  let line = 1;
  for (let k = first.indexOf(NEWLINE); k !== -1 && k < headerEnd; k = first.indexOf(NEWLINE, k + 1)) line++;

  const plan = makePlan(config, columns, target, delimiter, (header as CsvHeader).cells[0]!.trim());
  const questions = plan.questions.length;
  const tallyBatch = (batch: CsvBatch) => {
    for (const respondent of validator.validate(batch, columns)) state.add(respondent);
  };
  /** Hand rows of text to the rules, as the ordinary reader would. */
  const slowRows = (text: string, startLine: number) => {
    const reader = new CsvRowReader({ delimiter, newline: '\n', maxFieldChars: config.limits.maxFieldChars, decoded: UTF8, startLine, headerSeen: true, onHeader: () => {}, onBatch: tallyBatch });
    reader.push(text);
    reader.finish();
  };

  // The file is read here, chunk by chunk, in order (and hashed as it is read); the chunks are
  // scanned by a worker thread for a large file, else in this thread.
  const total = fstatSync(fd).size;
  const threads = options.threads ?? (availableParallelism() > 1 ? 2 : 1);
  const useWorker = threads > 1 && total >= (options.minParallelBytes ?? 8 << 20);
  let readAt = headerEnd;
  const chunkBuffers = new BufferPool();
  const readChunk = (): ChunkMessage => {
    const size = Math.max(0, Math.min(blockSize, total - readAt));
    const chunk = Buffer.from(chunkBuffers.take(size), 0, size);
    let n = 0;
    while (n < size) {
      const got = readSync(fd, chunk, n, size - n, readAt + n);
      if (got === 0) break;
      n += got;
    }
    hash.update(chunk.subarray(0, n));
    readAt += n;
    position = readAt;
    return { chunk: chunk.subarray(0, n), final: n < size || readAt >= total };
  };
  const worker = useWorker ? new ScanWorker({ plan, start: headerEnd }) : null;
  async function* scannedBlocks(): AsyncGenerator<ScannedBlock> {
    if (worker === null) {
      const chunks = new ChunkScanner(new BlockScanner(plan), headerEnd);
      for (let final = false; !final; ) {
        const message = readChunk();
        final = message.final;
        const block = chunks.next(message.chunk, final);
        chunkBuffers.give(message.chunk.buffer as ArrayBuffer);
        if (block === null) continue;
        yield block;
        chunks.recycle(block);
      }
      return;
    }
    // Keep AHEAD chunks with the worker, so it scans while this thread applies rows.
    let sent = 0;
    let received = 0;
    let finalSent = false;
    const send = () => {
      const message = readChunk();
      worker.send(message);
      sent++;
      finalSent = message.final;
    };
    while (sent < AHEAD && !finalSent) send();
    while (received < sent) {
      const { block, chunk } = await worker.next();
      received++;
      chunkBuffers.give(chunk);
      if (!finalSent) send();
      if (block === null) continue;
      yield block;
      worker.recycle(block);
    }
  }
  // The scanner's segment ids: their names, and what they are in the registry (-1: not yet known).
  const names = [...plan.segments];
  const translate = plan.segments.map((_, i) => i);
  let stoppedAt: { offset: number; line: number } | null = null;
  let reserved = false;

  try {
    for await (const block of scannedBlocks()) {
      const { buffer, scan } = block;
      for (const name of scan.newSegments) {
        names.push(name);
        translate.push(-1);
      }
      if (!reserved) {
        // Room for the ids of the whole file, estimated from the first block, so the table is built once.
        reserved = true;
        if (scan.rows > 0) {
          let idBytes = 0;
          for (let r = 0; r < scan.rows; r++) idBytes += scan.idEnd[r]! - scan.idStart[r]!;
          validator.ids.reserve(((total - headerEnd) / Math.max(1, scan.stop)) * scan.rows * 1.05, (idBytes / scan.rows) * 1.05);
        }
      }
      // (Locals, not fields: an object that came through postMessage is slow to read fields from.)
      const { rows, kind, start, end, segment: segmentOf, idStart, idEnd, weight, themes, themeEnd, answers } = scan;
      const lineOf = scan.line;
      const { ids, ledger } = validator;
      let used = 0;
      for (let r = 0; r < rows; r++) {
        const k = kind[r]!;
        if (k === BLANK) continue;
        const rowLine = line + lineOf[r]!;
        if (k === FAST) {
          const local = segmentOf[r]!;
          let segment = translate[local]!;
          if (segment === -1) {
            segment = segments.find(names[local]!);
            translate[local] = segment;
          }
          if (segment !== -1 && ids.firstLineOf(buffer, idStart[r]!, idEnd[r]!, rowLine) === -1) {
            used++;
            state.addRow(segment, weight[r]!, themes, r === 0 ? 0 : themeEnd[r - 1]!, themeEnd[r]!, answers, r * questions);
            continue;
          }
        }
        // The rules read this row (a new segment, a duplicate id, a doubt), and the rows after it that are not fast either.
        ledger.rowsRead += used;
        ledger.rowsUsed += used;
        used = 0;
        let last = r;
        while (last + 1 < rows && kind[last + 1] !== FAST) last++;
        slowRows(buffer.toString('utf8', start[r]!, end[last]!), rowLine);
        r = last;
      }
      ledger.rowsRead += used;
      ledger.rowsUsed += used;
      if (scan.anomaly) {
        stoppedAt = { offset: block.offset + scan.stop, line: line + scan.newlines };
        break;
      }
      line += scan.newlines;
      options.onProgress?.({ file: config.data.displayPath, bytes: block.offset + scan.stop, totalBytes: total, rows: validator.ledger.rowsRead });
    }
  } finally {
    await worker?.close();
  }

  if (stoppedAt !== null) {
    // The rest of the file, from the row the scan stopped at, through papaparse.
    const decoder = new TextDecoderWithOffsets('utf-8', stoppedAt.offset);
    const reader = new CsvRowReader({
      delimiter,
      newline: '\n',
      maxFieldChars: config.limits.maxFieldChars,
      decoded: decoder,
      startLine: stoppedAt.line,
      headerSeen: true,
      onHeader: () => {},
      onBatch: tallyBatch,
    });
    const buffer = Buffer.alloc(1 << 20);
    let at = stoppedAt.offset;
    for (let n = readSync(fd, buffer, 0, buffer.length, at); n > 0; n = readSync(fd, buffer, 0, buffer.length, at)) {
      const piece = buffer.subarray(0, n);
      // Bytes past what the blocks read are hashed here.
      if (at + n > position) {
        hash.update(piece.subarray(Math.max(0, position - at)));
        position = at + n;
      }
      at += n;
      reader.push(decoder.write(piece));
      options.onProgress?.({ file: config.data.displayPath, bytes: at, totalBytes: total, rows: validator.ledger.rowsRead });
    }
    reader.push(decoder.end());
    reader.finish();
  }
  return { status: 'read', bytes: position, sha256: hash.digest('hex') };
}

const UTF8 = { replacements: [] as number[], detected: 'utf-8' };

/** The offset just after the first non-blank row's newline in buf[0, length), or -1 when it does not end there. */
function firstRowEnd(buf: Buffer, length: number): number {
  let pos = 0;
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

function makePlan(config: SurveyConfig, columns: DataColumns, target: FastTarget, delimiter: string, headerFirst: string): ScanPlan {
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
  };
}

/** Blocks to apply, in order, from a worker thread that scans the chunks this thread sends it (scan-worker.ts). */
class ScanWorker {
  private readonly worker: Worker;
  private readonly queue: BlockMessage[] = [];
  private waiting: { resolve: (message: BlockMessage) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(data: ScanWorkerData) {
    this.worker = startWorker(data);
    this.worker.on('message', (message: BlockMessage) => {
      const { block } = message;
      if (block !== null) block.buffer = Buffer.from(block.buffer.buffer, block.buffer.byteOffset, block.buffer.length);
      if (this.waiting !== null) {
        const waiting = this.waiting;
        this.waiting = null;
        waiting.resolve(message);
      } else this.queue.push(message);
    });
    this.worker.on('error', (error) => {
      this.failure = error;
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.reject(error);
    });
  }

  send(message: ChunkMessage): void {
    this.worker.postMessage(message, [message.chunk.buffer as ArrayBuffer]);
  }

  /** Send a block's buffers back to the worker once its rows are applied. */
  recycle(block: ScannedBlock): void {
    const buffers = new Set<ArrayBuffer>([block.buffer.buffer as ArrayBuffer]);
    for (const array of rowArrays(block.scan)) buffers.add(array.buffer as ArrayBuffer);
    const recycle = [...buffers];
    const message: RecycleMessage = { recycle };
    this.worker.postMessage(message, recycle);
  }

  /** The answer to the oldest chunk not yet answered. */
  next(): Promise<BlockMessage> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift()!);
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The worker script: the bundle's dist/scan-worker.js, or the TypeScript source through tsx. */
function startWorker(data: ScanWorkerData): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const source = new URL('./scan-worker.ts', here).href;
    const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
    return new Worker(code, { eval: true, workerData: data });
  }
  return new Worker(new URL('./scan-worker.js', here), { workerData: data });
}
