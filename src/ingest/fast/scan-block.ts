/**
 * The fast reader's inner loop: split a block of UTF-8 bytes into rows and fields (RFC 4180, as
 * papaparse splits them) and read each row's respondent straight from the bytes — id, segment,
 * weight, rolled-up themes and answer levels — into typed arrays, with no string per cell. It runs
 * in a worker thread or in the main thread; it has no side effects beyond its own lookups, so the
 * main thread can apply its rows in file order (read-fast.ts).
 *
 * A row is `fast` when every check of validate-respondents passes without a doubt; anything else
 * (a wrong field count, an unknown code, a blank id, a doubled quote in a used cell, a cell that
 * looks like the header…) is marked `slow`, and the main thread hands it to the rules in
 * validate-respondents unchanged, so what the user is told never depends on this file. A byte that
 * could change where rows end or how papaparse reads them (a quote inside an unquoted cell, text after
 * a closing quote, a quote never closed, a NUL byte, bytes that are not UTF-8, a byte order mark)
 * stops the scan: `anomaly` is set, and the main thread has papaparse read on from that row.
 */
import { isUtf8 } from 'node:buffer';
import type { Codebook, QuestionConfig } from '../../model.ts';
import { answerOutOfLevels } from '../../validate/rules/answer-out-of-levels.ts';
import { invalidWeight, MAX_WEIGHT, MIN_WEIGHT } from '../../validate/rules/invalid-weight.ts';
import { unknownTheme } from '../../validate/rules/unknown-theme.ts';
import { invalidTick } from '../../validate/rules/invalid-tick.ts';
import { rowRules } from '../../validate/row-rules.ts';
import type { Message } from '../../messages.ts';
import { ByteMap, MISSING } from './byte-map.ts';
import { BufferPool } from './buffer-pool.ts';
import { encodeWindows1252 } from './legacy-encoding.ts';

/** What the scan needs to know, as plain data (it is sent to worker threads). */
export interface ScanPlan {
  /** The delimiter's byte (an ASCII character). */
  delimiter: number;
  /** Fields in the header. */
  width: number;
  id: number;
  segment: number;
  /** -1 without a weight column. */
  weight: number;
  /** -1 without a themes column. */
  themes: number;
  /** Column of each question. */
  questions: number[];
  /** The header's first cell, trimmed (a row starting with it may repeat the header). */
  headerFirst: string;
  separator: string;
  /** Codebook code → index, and the roll-up of each index (the codebook the round is tallied in). */
  codes: [string, number][];
  rollup: number[][];
  /** Size of the theme space the roll-up maps into. */
  spaceSize: number;
  /** Segments known before the scan (the config's, in registry order): their local ids are their indexes. */
  segments: string[];
  levels: { id: string; levels: number[] }[];
  maxFieldChars: number;
  /** The `cell` rules this scanner does not check natively, by index in validate/row-rules.ts' rowRules, with the column they read. */
  cellChecks: { rule: number; column: number }[];
  /**
   * Issue 19: one-hot theme columns (data.themeColumns), each a tick for one code: its column, the
   * code's index in `codes` (-1: not in the codebook) and its choice text. Null: themes come from `themes`.
   */
  themeColumns: { column: number; code: number; choice: string | null }[] | null;
  /**
   * Issue 19: a platform export's test of a finished response (export-layout.ts FinishedWhen): a row
   * no alternative vouches for goes to the rules, which mark it unfinished or not. Null: no test.
   */
  finished: { column: number; values: string[] | null }[][] | null;
  /**
   * Issue 19: the block's bytes are Windows-1252, scanned as they are (no decoding): its delimiters,
   * quotes and newlines are the ASCII bytes UTF-8 has, and every byte is one character. The plan's
   * texts are looked for as Windows-1252 bytes, cells are decoded with Windows-1252 where a rule reads
   * them, any byte but NUL may appear, and a fast row's id is ASCII (the main thread reads its bytes
   * as UTF-8); a row with any other id goes to the rules. False: the bytes are UTF-8.
   */
  windows1252: boolean;
}

/**
 * The row rules (validate/row-rules.ts) the fast path checks natively: this scanner from bytes (a
 * row a rule could reject or warn about is SLOW, or stops the scan), and FND204 and FND301 by the
 * validator's admitScanned on the main thread. Any other `cell` rule is applied here to the decoded
 * cell (cellChecks); a rule the scanner cannot tell says `papaparse`, and the fast reader is not used.
 */
export const SCANNED_RULES: ReadonlySet<string> = new Set([
  'FND203', // wrong field count: fields !== width
  'FND204', // duplicate id: admitScanned asks the IdSet with the id's bytes
  'FND205', // missing id: a blank id
  'FND206', // missing segment: a blank segment
  'FND207', // unknown theme: a code the codebook's ByteMap lacks
  'FND208', // invalid weight: readDecimal, else the rule's own parse
  'FND209', // answer out of levels: the level's ByteMap, else the rule's own parse
  'FND210', // unterminated quote: anomaly
  'FND211', // malformed quote: anomaly (or a doubled quote in a used cell: SLOW)
  'FND212', // NUL byte: firstDamage
  'FND213', // invalid UTF-8: firstDamage
  'FND214', // field too large: maxFieldChars
  'FND301', // unlisted segment: a segment the registry lacks goes to the rules
  'FND302', // a themes cell of separators only: unknownTheme's onlySeparators
  'FND305', // stray byte order mark: firstDamage
  'FND307', // trailing delimiter: fields !== width
  'FND308', // repeated header: a first cell equal to the header's
  'FND225', // issue 19: invalid tick: 0/1/blank/the choice read here, any other cell by the rule's own invalidTick
  'FND312', // issue 19: unfinished response: a row the layout's finishedWhen does not vouch for goes to the rules
]);

export const FAST = 0;
const SLOW = 1;
export const BLANK = 2;

/** A block's rows: one entry per row (themes and answers: several), in typed arrays that can be sent between threads. */
export interface BlockRows {
  /** FAST, SLOW or BLANK per row. */
  kind: Uint8Array;
  /** Byte offsets of each row in the block: its first byte, and just after its newline. */
  start: Int32Array;
  end: Int32Array;
  /** Newlines in the block before the row (its line, from the block's first). */
  line: Int32Array;
  /** Fast rows: the scanner's segment id (see newSegments), weight, id bytes, themes and answers. */
  segment: Int32Array;
  weight: Float64Array;
  idStart: Int32Array;
  idEnd: Int32Array;
  /** Row r's themes are themes[themeEnd[r - 1] (0 for the first), themeEnd[r]). */
  themeEnd: Int32Array;
  themes: Int32Array;
  /** rows × questions level indexes (-1 blank). */
  answers: Int32Array;
}

const ROW_ARRAYS = [
  'kind',
  'start',
  'end',
  'line',
  'segment',
  'weight',
  'idStart',
  'idEnd',
  'themeEnd',
  'themes',
  'answers',
] as const satisfies readonly (keyof BlockRows)[];

/** The typed arrays of a block's rows (to transfer them to another thread). */
export function rowArrays(rows: BlockRows): BlockRows[keyof BlockRows][] {
  return ROW_ARRAYS.map((key) => rows[key]);
}

/** What a block's scan found. */
export interface BlockScan extends BlockRows {
  rows: number;
  /** Where the scan stopped: after the last whole row, or at the start of the anomalous row. */
  stop: number;
  /** Newlines in the block before `stop`. */
  newlines: number;
  /** True when the scan stopped at a row it cannot read as papaparse would (see above). */
  anomaly: boolean;
  /** Segment names the scanner met for the first time in this block, their ids numbered on from the scanner's earlier ones. */
  newSegments: string[];
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** The scanner of one thread: the plan's lookups, built once, and the segments it has met. */
export class BlockScanner {
  private readonly codes = new ByteMap();
  private readonly segments = new ByteMap();
  private segmentCount: number;
  private readonly levels: ByteMap[];
  private readonly questions: QuestionConfig[];
  private readonly codebook: Pick<Codebook, 'index'>;
  private readonly rollup: Int32Array[];
  private readonly mark: Int32Array;
  private stamp = 0;
  private readonly separator: Uint8Array;
  private readonly tickColumns: { column: number; code: number; choice: string | null; choiceBytes: Uint8Array | null }[];
  private readonly finished: { column: number; values: Uint8Array[] | null }[][];
  /** Null: no bytes read as the header's first cell (issue 19: a character Windows-1252 lacks). */
  private readonly headerFirst: Uint8Array | null;
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private readonly windows1252: boolean;
  // One row's fields: value start and end, and whether the cell was quoted with a doubled quote inside.
  private readonly fieldStart: Int32Array;
  private readonly fieldEnd: Int32Array;
  private readonly fieldEscaped: Uint8Array;
  /** 1 for the bytes that end an unquoted cell (the delimiter, a newline) or damage it (a quote). */
  private readonly stops = new Uint8Array(256);
  /** Buffers to reuse for blocks and their row arrays (give them back with recycle). */
  readonly pool = new BufferPool();
  /** Rows in the last block, to size the next block's arrays. */
  private lastRows = 64;

  private readonly plan: ScanPlan;
  private readonly cellChecks: { column: number; check(text: string): Message | null }[];

  constructor(given: ScanPlan) {
    // A fresh object of one shape: a plan that came through postMessage is slow to read fields from.
    const plan: ScanPlan = {
      delimiter: given.delimiter,
      width: given.width,
      id: given.id,
      segment: given.segment,
      weight: given.weight,
      themes: given.themes,
      questions: [...given.questions],
      headerFirst: given.headerFirst,
      separator: given.separator,
      codes: given.codes,
      rollup: given.rollup,
      spaceSize: given.spaceSize,
      segments: given.segments,
      levels: given.levels,
      maxFieldChars: given.maxFieldChars,
      cellChecks: given.cellChecks,
      themeColumns: given.themeColumns,
      finished: given.finished,
      windows1252: given.windows1252,
    };
    this.windows1252 = plan.windows1252;
    this.decoder = new TextDecoder(plan.windows1252 ? 'windows-1252' : 'utf-8');
    // The bytes a text is in the block (issue 19: Windows-1252's, or null when none read as it).
    const encode = plan.windows1252 ? encodeWindows1252 : (text: string): Uint8Array | null => Buffer.from(text, 'utf8');
    const setText = (map: ByteMap, text: string, value: number) => {
      const bytes = encode(text);
      if (bytes !== null) map.set(bytes, 0, bytes.length, value);
    };
    this.cellChecks = plan.cellChecks.map(({ rule, column }) => ({ column, check: rowRules[rule]!.cell!.check }));
    this.plan = plan;
    for (const [code, index] of plan.codes) setText(this.codes, code, index);
    plan.segments.forEach((s, i) => setText(this.segments, s, i));
    this.segmentCount = plan.segments.length;
    this.levels = plan.levels.map((q) => {
      const map = new ByteMap();
      q.levels.forEach((level, i) => setText(map, String(level), i));
      setText(map, '', -1);
      return map;
    });
    this.questions = plan.levels.map((q) => ({ id: q.id, levels: q.levels }) as unknown as QuestionConfig);
    this.codebook = { index: new Map(plan.codes) };
    this.rollup = plan.rollup.map((r) => Int32Array.from(r));
    this.mark = new Int32Array(Math.max(1, plan.spaceSize));
    const separator = encode(plan.separator);
    // (The reader scans Windows-1252 as it is only when the separator is a Windows-1252 text.)
    if (separator === null) throw new Error(`the separator ${JSON.stringify(plan.separator)} is not Windows-1252 text`);
    this.separator = separator;
    this.tickColumns = (plan.themeColumns ?? []).map(({ column, code, choice }) => ({
      column,
      code,
      choice,
      choiceBytes: choice === null ? null : encode(choice),
    }));
    // (A value no bytes read as vouches for no row.)
    this.finished = (plan.finished ?? []).map((alternative) =>
      alternative.map(({ column, values }) => ({
        column,
        values: values === null ? null : values.map(encode).filter((v): v is Uint8Array => v !== null),
      })),
    );
    this.headerFirst = encode(plan.headerFirst);
    const cells = plan.width + 1;
    this.fieldStart = new Int32Array(cells);
    this.fieldEnd = new Int32Array(cells);
    this.fieldEscaped = new Uint8Array(cells);
    this.stops[plan.delimiter] = 1;
    this.stops[NEWLINE] = 1;
    this.stops[QUOTE] = 1;
  }

  /**
   * Scan buf[0, length): rows from offset 0 (a row boundary). Without `final`, a last row that does
   * not end in a newline is left for the next block (stop is its start).
   */
  scan(buf: Buffer, length: number, final: boolean): BlockScan {
    const plan = this.plan;
    const questions = plan.questions.length;
    // Room for about as many rows as the last block had (the arrays grow if need be).
    let capacity = Math.max(64, Math.ceil(this.lastRows * 1.25));
    let out = allocate(this.pool, capacity, questions, capacity * 4);
    const newSegments: string[] = [];
    const firstBad = firstDamage(buf, length, this.windows1252);
    const { fieldStart, fieldEnd, fieldEscaped } = this;
    const width = plan.width;
    const delimiter = plan.delimiter;
    const stops = this.stops;
    // A newline just past the end (ChunkScanner puts one there) stops the unquoted-cell loop without a bounds test.
    const guarded = buf.length > length && buf[length] === NEWLINE;
    let pos = 0;
    let rows = 0;
    let newlines = 0;
    // After the last whole row: where the scan stops when the next row is cut off or anomalous.
    let done = 0;
    let doneLines = 0;
    let themeCount = 0;
    let anomaly = false;

    rowLoop: while (pos < length) {
      const rowStart = pos;
      const rowLine = newlines;
      let fields = 0;
      let complete = false;
      // Split the row into fields.
      for (;;) {
        let valueStart = pos;
        let valueEnd = pos;
        let escaped = 0;
        let atEnd = false; // the field ended the row
        if (pos < length && buf[pos] === QUOTE) {
          valueStart = pos + 1;
          // To the closing quote (a doubled quote is a quote in the value), counting newlines on the way.
          let from = valueStart;
          let i: number;
          for (;;) {
            // Issue 19: a short cell is read byte by byte (platform exports quote every cell, and two
            // native searches per cell cost more than the cell); past 64 bytes, by indexOf.
            i = from;
            const near = Math.min(from + 64, length);
            while (i < near) {
              const byte = buf[i]!;
              if (byte === QUOTE) break;
              if (byte === NEWLINE) newlines++;
              i++;
            }
            if (i === near && near < length) {
              const q = buf.indexOf(QUOTE, near);
              for (let k = buf.indexOf(NEWLINE, near); k !== -1 && k < (q === -1 ? length : q) && k < length; k = buf.indexOf(NEWLINE, k + 1)) newlines++;
              i = q === -1 || q >= length ? length : q;
            }
            if (i >= length) {
              // The quote is not closed in this block: wait for more, or (at the end) a quote never closed.
              if (final) anomaly = true;
              break rowLoop;
            }
            if (i + 1 < length && buf[i + 1] === QUOTE) {
              escaped = 1;
              from = i + 2;
              continue;
            }
            break;
          }
          valueEnd = i;
          pos = i + 1;
          if (pos >= length) {
            if (!final) break rowLoop;
            atEnd = true;
          } else {
            const next = buf[pos]!;
            if (next === delimiter) pos++;
            else if (next === NEWLINE) {
              pos++;
              newlines++;
              atEnd = true;
            } else if (next === RETURN && pos + 1 < length && buf[pos + 1] === NEWLINE) {
              pos += 2;
              newlines++;
              atEnd = true;
            } else {
              anomaly = true;
              break rowLoop;
            }
          }
        } else {
          let i = pos;
          if (guarded) while (stops[buf[i]!] === 0) i++;
          else while (i < length && stops[buf[i]!] === 0) i++;
          if (i < length && buf[i] === QUOTE) {
            anomaly = true;
            break rowLoop;
          }
          valueEnd = i;
          if (i >= length) {
            if (!final) break rowLoop;
            pos = i;
            atEnd = true;
          } else if (buf[i] === NEWLINE) {
            if (valueEnd > valueStart && buf[valueEnd - 1] === RETURN) valueEnd--;
            pos = i + 1;
            newlines++;
            atEnd = true;
          } else pos = i + 1;
        }
        if (fields <= width) {
          fieldStart[fields] = valueStart;
          fieldEnd[fields] = valueEnd;
          fieldEscaped[fields] = escaped;
        }
        fields++;
        if (atEnd) {
          complete = true;
          break;
        }
        if (pos >= length) {
          // A delimiter was the last byte: the row's last field is empty and still to come.
          if (!final) break rowLoop;
          if (fields <= width) {
            fieldStart[fields] = pos;
            fieldEnd[fields] = pos;
            fieldEscaped[fields] = 0;
          }
          fields++;
          complete = true;
          break;
        }
      }
      if (!complete) break;
      if (pos > firstBad) {
        anomaly = true;
        break;
      }
      done = pos;
      doneLines = newlines;

      if (rows === capacity) {
        capacity *= 2;
        out = grow(this.pool, out, capacity, questions);
      }
      const r = rows++;
      out.start[r] = rowStart;
      out.end[r] = pos;
      out.line[r] = rowLine;
      out.themeEnd[r] = themeCount;
      if (themeCount + plan.spaceSize > out.themes.length) out.themes = growInt32(this.pool, out.themes, themeCount + plan.spaceSize);
      let kind = SLOW;
      if (fields === 1 && fieldEnd[0]! === fieldStart[0]!) kind = BLANK;
      else if (fields === width) {
        kind = this.readRow(buf, r, out, themeCount, newSegments);
        if (kind === FAST) themeCount = out.themeEnd[r]!;
      }
      out.kind[r] = kind;
      if (kind !== FAST) out.themeEnd[r] = themeCount;
    }
    if (final && done < length) anomaly = true;
    this.lastRows = rows;
    const trimmed = { ...out };
    for (const key of ROW_ARRAYS)
      (trimmed[key] as Int32Array) = (out[key] as Int32Array).subarray(0, key === 'themes' ? themeCount : key === 'answers' ? rows * questions : rows);
    return {
      ...trimmed,
      rows,
      stop: done,
      newlines: doneLines,
      anomaly,
      newSegments,
    };
  }

  /** Take back the arrays of a scan whose rows have been applied. */
  recycle(rows: BlockRows): void {
    for (const array of rowArrays(rows)) this.pool.give(array.buffer as ArrayBuffer);
  }

  /** Read row r's cells (already split into fields) into `out`; FAST, or SLOW when a rule might object. */
  private readRow(buf: Buffer, r: number, out: Arrays, themeStart: number, newSegments: string[]): number {
    const plan = this.plan;
    const { fieldStart, fieldEnd, fieldEscaped } = this;
    const maxField = plan.maxFieldChars;
    if (out.end[r]! - out.start[r]! > maxField) {
      for (let f = 0; f < plan.width; f++) if (fieldEnd[f]! - fieldStart[f]! > maxField) return SLOW;
    }

    // A row whose first cell is the header's first cell may repeat the header: the rules decide.
    if (this.headerFirst !== null && equalsTrimmed(buf, fieldStart[0]!, fieldEnd[0]!, this.headerFirst)) return SLOW;

    // Issue 19: a platform export's response that may be unfinished: the rules decide (FND312).
    if (plan.finished !== null && !this.surelyFinished(buf)) return SLOW;

    // Cell rules not checked natively: the rule's own check of the decoded cell.
    for (const { column, check } of this.cellChecks) {
      if (fieldEscaped[column] || check(this.text(buf, fieldStart[column]!, fieldEnd[column]!).trim()) !== null) return SLOW;
    }

    // Id: trimmed, not blank (duplicates are the main thread's to find).
    const id = plan.id;
    if (fieldEscaped[id]) return SLOW;
    let s = fieldStart[id]!;
    let e = fieldEnd[id]!;
    while (s < e && isSpace(buf[s]!)) s++;
    while (e > s && isSpace(buf[e - 1]!)) e--;
    if (s === e || buf[s]! >= 0x80 || buf[e - 1]! >= 0x80) return SLOW;
    // Issue 19: Windows-1252 bytes outside ASCII are not the id's UTF-8 (the main thread's IdSet reads UTF-8).
    if (this.windows1252) for (let i = s; i < e; i++) if (buf[i]! >= 0x80) return SLOW;
    out.idStart[r] = s;
    out.idEnd[r] = e;

    // Segment: trimmed, not blank; a new one gets the next id and is reported in newSegments.
    const seg = plan.segment;
    if (fieldEscaped[seg]) return SLOW;
    s = fieldStart[seg]!;
    e = fieldEnd[seg]!;
    while (s < e && isSpace(buf[s]!)) s++;
    while (e > s && isSpace(buf[e - 1]!)) e--;
    if (s === e || buf[s]! >= 0x80 || buf[e - 1]! >= 0x80) return SLOW;
    let segment = this.segments.get(buf, s, e);
    if (segment === MISSING) {
      segment = this.segmentCount++;
      this.segments.set(buf, s, e, segment);
      newSegments.push(this.windows1252 ? this.text(buf, s, e) : buf.toString('utf8', s, e));
    }
    out.segment[r] = segment;

    // Weight: a plain decimal is read here (exactly as Number() reads it); anything else by the rule.
    let weight = 1;
    if (plan.weight !== -1) {
      const w = plan.weight;
      if (fieldEscaped[w]) return SLOW;
      weight = readDecimal(buf, fieldStart[w]!, fieldEnd[w]!);
      if (Number.isNaN(weight)) {
        const parsed = invalidWeight(this.text(buf, fieldStart[w]!, fieldEnd[w]!).trim());
        if (typeof parsed !== 'number') return SLOW;
        weight = parsed;
      } else if (!(weight >= MIN_WEIGHT && weight <= MAX_WEIGHT)) return SLOW; // zero or out of range (issue #20): the rule reports it
    }
    out.weight[r] = weight;

    // Answers: the level's text exactly, or the rule.
    const questions = plan.questions;
    const base = r * questions.length;
    for (let q = 0; q < questions.length; q++) {
      const column = questions[q]!;
      if (fieldEscaped[column]) return SLOW;
      let level = this.levels[q]!.get(buf, fieldStart[column]!, fieldEnd[column]!);
      if (level === MISSING) {
        const parsed = answerOutOfLevels(this.text(buf, fieldStart[column]!, fieldEnd[column]!).trim(), this.questions[q]!);
        if (typeof parsed !== 'number') return SLOW;
        level = parsed;
      }
      out.answers[base + q] = level;
    }

    // Themes: codes between separators, each known; otherwise the rule reads the cell.
    let themeEnd = themeStart;
    if (plan.themeColumns !== null) {
      // Issue 19: one-hot theme columns: each ticked column's code, known to the codebook; anything in doubt goes to the rules.
      const stamp = ++this.stamp;
      for (const tick of this.tickColumns) {
        if (fieldEscaped[tick.column]) return SLOW;
        const ticked = this.ticked(buf, fieldStart[tick.column]!, fieldEnd[tick.column]!, tick);
        if (ticked === null) return SLOW;
        if (!ticked) continue;
        if (tick.code === -1) return SLOW;
        themeEnd = this.roll(tick.code, stamp, out, themeEnd);
      }
      sortRange(out.themes, themeStart, themeEnd);
    } else if (plan.themes !== -1) {
      const t = plan.themes;
      if (fieldEscaped[t]) return SLOW;
      const cellStart = fieldStart[t]!;
      const cellEnd = fieldEnd[t]!;
      if (cellEnd > cellStart) {
        const stamp = ++this.stamp;
        const sep = this.separator;
        let from = cellStart;
        let plain = true;
        for (;;) {
          let to = from;
          if (sep.length === 1) {
            const byte = sep[0]!;
            while (to < cellEnd && buf[to] !== byte) to++;
          } else {
            to = buf.indexOf(sep, from);
            if (to === -1 || to > cellEnd) to = cellEnd;
          }
          const code = to > from ? this.codes.get(buf, from, to) : MISSING;
          if (code === MISSING) {
            plain = false;
            break;
          }
          themeEnd = this.roll(code, stamp, out, themeEnd);
          if (to >= cellEnd) break;
          from = to + sep.length;
          if (from >= cellEnd) {
            plain = false; // a trailing separator: the rule decides
            break;
          }
        }
        if (!plain) {
          const cell = unknownTheme(this.text(buf, cellStart, cellEnd), plan.separator, this.codebook as Codebook);
          if (cell.unknown.length > 0 || cell.onlySeparators) return SLOW;
          const again = ++this.stamp;
          themeEnd = themeStart;
          for (const code of cell.codes) themeEnd = this.roll(code, again, out, themeEnd);
        }
        sortRange(out.themes, themeStart, themeEnd);
      }
    }
    out.themeEnd[r] = themeEnd;
    return FAST;
  }

  /** Whether a one-hot cell is ticked, as invalidTick reads it; null when the rule would object (FND225). */
  private ticked(buf: Buffer, start: number, end: number, tick: { choice: string | null; choiceBytes: Uint8Array | null }): boolean | null {
    let s = start;
    let e = end;
    while (s < e && isSpace(buf[s]!)) s++;
    while (e > s && isSpace(buf[e - 1]!)) e--;
    if (s === e) return false;
    if (e - s === 1 && buf[s] === 0x31) return true;
    if (e - s === 1 && buf[s] === 0x30) return false;
    if (tick.choiceBytes !== null && bytesEqual(buf, s, e, tick.choiceBytes)) return true;
    const verdict = invalidTick(this.text(buf, start, end), tick.choice);
    return typeof verdict === 'boolean' ? verdict : null;
  }

  /** Whether one of the layout's alternatives vouches for the row being a finished response. */
  private surelyFinished(buf: Buffer): boolean {
    const { fieldStart, fieldEnd, fieldEscaped } = this;
    alternatives: for (const alternative of this.finished) {
      for (const { column, values } of alternative) {
        if (fieldEscaped[column]) continue alternatives;
        let s = fieldStart[column]!;
        let e = fieldEnd[column]!;
        while (s < e && isSpace(buf[s]!)) s++;
        while (e > s && isSpace(buf[e - 1]!)) e--;
        if (values === null ? s === e : !values.some((value) => bytesEqual(buf, s, e, value))) continue alternatives;
      }
      return true;
    }
    return false;
  }

  /** Add code's roll-up targets not yet marked with `stamp` to out.themes from `end`; the new end. */
  private roll(code: number, stamp: number, out: Arrays, end: number): number {
    const targets = this.rollup[code]!;
    const mark = this.mark;
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i]!;
      if (mark[target] !== stamp) {
        mark[target] = stamp;
        out.themes[end++] = target;
      }
    }
    return end;
  }

  private text(buf: Buffer, start: number, end: number): string {
    return this.decoder.decode(buf.subarray(start, end));
  }
}

type Arrays = BlockRows;

function allocate(pool: BufferPool, rows: number, questions: number, themes: number): Arrays {
  const int32 = (n: number) => new Int32Array(pool.take(n * 4), 0, n);
  return {
    kind: new Uint8Array(pool.take(rows), 0, rows),
    start: int32(rows),
    end: int32(rows),
    line: int32(rows),
    segment: int32(rows),
    weight: new Float64Array(pool.take(rows * 8), 0, rows),
    idStart: int32(rows),
    idEnd: int32(rows),
    themeEnd: int32(rows),
    themes: int32(themes),
    answers: int32(rows * questions),
  };
}

function grow(pool: BufferPool, out: Arrays, rows: number, questions: number): Arrays {
  const bigger = allocate(pool, rows, questions, 0);
  for (const key of ROW_ARRAYS) {
    if (key === 'themes') continue;
    (bigger[key] as Int32Array).set(out[key] as Int32Array);
    pool.give(out[key].buffer as ArrayBuffer);
  }
  bigger.themes = out.themes;
  return bigger;
}

function growInt32(pool: BufferPool, array: Int32Array, least: number): Int32Array {
  let length = array.length * 2;
  while (length < least) length *= 2;
  const bigger = new Int32Array(pool.take(length * 4), 0, length);
  bigger.set(array);
  pool.give(array.buffer as ArrayBuffer);
  return bigger;
}

/**
 * The first byte offset in buf[0, length) that the fast path must not read past: a NUL byte, a byte
 * order mark, or the start of a sequence that is not UTF-8 (length when there is none). Issue 19: in
 * Windows-1252 every byte is a character and EF BB BF is three of them: only a NUL byte.
 */
function firstDamage(buf: Buffer, length: number, windows1252: boolean): number {
  let first = length;
  const nul = buf.indexOf(0);
  if (nul !== -1 && nul < first) first = nul;
  if (windows1252) return first;
  const bom = buf.indexOf(BOM);
  if (bom !== -1 && bom < first) first = bom;
  if (!isUtf8(buf.subarray(0, first))) {
    // Rare: find the first bad sequence by decoding ever-longer prefixes in halves.
    let lo = 0;
    let hi = first;
    while (hi - lo > 4) {
      const mid = (lo + hi) >>> 1;
      if (isUtf8(buf.subarray(0, mid)) || isUtf8(buf.subarray(0, mid + 1)) || isUtf8(buf.subarray(0, mid + 2)) || isUtf8(buf.subarray(0, mid + 3))) lo = mid;
      else hi = mid;
    }
    first = lo;
  }
  return first;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Sort array[from, to) (a row's themes, a handful): insertion sort. */
function sortRange(array: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = array[i]!;
    let j = i - 1;
    while (j >= from && array[j]! > v) {
      array[j + 1] = array[j]!;
      j--;
    }
    array[j + 1] = v;
  }
}

function bytesEqual(buf: Uint8Array, start: number, end: number, text: Uint8Array): boolean {
  if (end - start !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (buf[start + i] !== text[i]) return false;
  return true;
}

function equalsTrimmed(buf: Buffer, start: number, end: number, text: Uint8Array): boolean {
  while (start < end && isSpace(buf[start]!)) start++;
  while (end > start && isSpace(buf[end - 1]!)) end--;
  if (end - start !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (buf[start + i] !== text[i]) return false;
  return true;
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A decimal written as digits with an optional fraction ("1", "0.75"), of at most 15 digits, read
 * exactly as Number() reads it: the digits are an exact integer below 2^53 and the power of ten is
 * exact, so one division rounds once (Clinger's fast path). NaN for anything else.
 */
function readDecimal(buf: Uint8Array, start: number, end: number): number {
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  if (start === end) return NaN;
  for (let i = start; i < end; i++) {
    const byte = buf[i]!;
    if (byte >= 0x30 && byte <= 0x39) {
      mantissa = mantissa * 10 + (byte - 0x30);
      if (mantissa > 0 || fraction !== -1) digits++;
      if (fraction !== -1) fraction++;
    } else if (byte === 0x2e && fraction === -1 && i > start && i < end - 1) fraction = 0;
    else return NaN;
  }
  if (digits > 15) return NaN;
  return fraction > 0 ? mantissa / POWERS[fraction]! : mantissa;
}
