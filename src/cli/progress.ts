/**
 * A progress line for long reads, drawn on stderr:
 * `responses.csv  ███████████████░░░░░░░░░░░░░░░  50%  70.0 MB / 140.0 MB  500,000 rows  35.0 MB/s  250k rows/s  ETA 2.0 s`
 *
 * It stays silent unless the stream is a terminal and the run is not quiet, so piped output, CI logs
 * and `--quiet` never see it. Nothing shows for the first second (short reads should not flicker), and
 * redraws are throttled, so the reader can call `update` once per row.
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  stream: ProgressStream;
  quiet: boolean;
  /** What is being read, e.g. the data file's display path. */
  label: string;
  /** Total bytes of the input (for percent and ETA). */
  totalBytes: number;
  /** Clock in ms (for tests); default performance.now. */
  now?: () => number;
  /** Show nothing before this many ms have passed (default 1000). */
  delayMs?: number;
  /** Minimum ms between redraws (default 100). */
  intervalMs?: number;
}

export interface Progress {
  update(bytes: number, rows: number): void;
  done(): void;
}

export interface ProgressState {
  label: string;
  bytes: number;
  totalBytes: number;
  rows: number;
  elapsedMs: number;
  /** Terminal columns; the line is at most `width - 1` characters, so it never wraps. */
  width: number;
}

const CLEAR_TO_END = '\x1b[K';
const DEFAULT_COLUMNS = 80;
const SEPARATOR = '  ';
const MAX_BAR = 30;
const MIN_BAR = 10;
/** The label is cut to this many characters (with its "…") before any number is dropped. */
const MIN_LABEL = 12;
/** Fields of this rank and above (the rates) are dropped to make room for the bar. */
const RATE_RANK = 4;

const silent: Progress = { update() {}, done() {} };

export function createProgress(options: ProgressOptions): Progress {
  const { stream, label, totalBytes } = options;
  if (options.quiet || stream.isTTY !== true) return silent;
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 100;
  const start = now();
  let nextDrawAt = start + (options.delayMs ?? 1000);
  let drawn = false;
  let finished = false;
  return {
    // Called once per row or chunk: everything before the draw only compares numbers.
    update(bytes, rows) {
      if (finished) return;
      const t = now();
      if (t < nextDrawAt) return;
      nextDrawAt = t + intervalMs;
      drawn = true;
      // Columns are read at each draw, so a resized terminal gets a line that fits.
      const width = stream.columns !== undefined && stream.columns > 0 ? stream.columns : DEFAULT_COLUMNS;
      stream.write(`\r${progressLine({ label, bytes, totalBytes, rows, elapsedMs: t - start, width })}${CLEAR_TO_END}`);
    },
    done() {
      if (finished) return;
      finished = true;
      if (drawn) stream.write(`\r${CLEAR_TO_END}`);
    },
  };
}

interface Field {
  text: string;
  /** Fields are dropped from the highest rank down when the line is too long. */
  rank: number;
}

/**
 * The one line drawn (no control characters), for a given state; exported for tests.
 * When it is too long for `width - 1`: the bar goes first, then the label is cut from the front
 * (`…s/responses.csv`, down to MIN_LABEL characters), then the numbers go, least telling first
 * (rows/s, MB/s, bytes, rows, ETA), and last the label shrinks to whatever room is left.
 */
export function progressLine(state: ProgressState): string {
  const room = Math.max(0, Math.floor(state.width) - 1);
  const label = Array.from(printable(state.label));
  const known = state.totalBytes > 0;
  const fraction = known ? Math.min(1, Math.max(0, state.bytes / state.totalBytes)) : 0;
  let fields = statFields(state, fraction);

  const full = lineOf(label.join(''), '', fields);
  if (known) {
    // The bar comes first: on a narrow terminal the rates (MB/s, rows/s) give way to it, and the
    // label is cut from the front down to MIN_LABEL characters.
    let withBar = fields;
    for (;;) {
      const stats = withBar.map((f) => f.text).join(SEPARATOR);
      const spare = room - length(stats) - 2 * SEPARATOR.length;
      const labelRoom = Math.min(label.length, Math.max(MIN_LABEL, spare - MIN_BAR));
      if (spare - labelRoom >= MIN_BAR) return lineOf(shorten(label, labelRoom), bar(fraction, Math.min(MAX_BAR, spare - labelRoom)), withBar);
      const rate = withBar.filter((f) => f.rank >= RATE_RANK).sort((a, b) => b.rank - a.rank)[0];
      if (rate === undefined) break;
      withBar = withBar.filter((f) => f !== rate);
    }
  }
  if (length(full) <= room) return full;

  for (;;) {
    const stats = fields.map((f) => f.text).join(SEPARATOR);
    const labelRoom = room - length(stats) - (label.length > 0 ? SEPARATOR.length : 0);
    const lastField = fields.length <= 1;
    if (labelRoom >= Math.min(MIN_LABEL, label.length) || (lastField && labelRoom >= 1)) {
      return lineOf(shorten(label, labelRoom), '', fields);
    }
    if (lastField) return length(stats) <= room ? stats : '';
    const drop = fields.reduce((worst, f) => (f.rank > worst.rank ? f : worst));
    fields = fields.filter((f) => f !== drop);
  }
}

function statFields(state: ProgressState, fraction: number): Field[] {
  const { bytes, totalBytes, rows, elapsedMs } = state;
  const fields: Field[] = [];
  if (totalBytes > 0) {
    fields.push({ text: `${Math.floor(fraction * 100)}%`, rank: 0 });
    fields.push({ text: `${megabytes(bytes)} / ${megabytes(totalBytes)}`, rank: 3 });
  } else {
    fields.push({ text: megabytes(bytes), rank: 0 });
  }
  fields.push({ text: `${thousands(rows)} ${Math.round(rows) === 1 ? 'row' : 'rows'}`, rank: 2 });
  if (elapsedMs > 0) {
    const seconds = elapsedMs / 1000;
    fields.push({ text: `${megabytes(bytes / seconds)}/s`, rank: 4 });
    fields.push({ text: `${compact(rows / seconds)} rows/s`, rank: 5 });
    // Remaining bytes at the average rate so far.
    if (totalBytes > 0 && bytes > 0) {
      fields.push({ text: `ETA ${duration((seconds * Math.max(0, totalBytes - bytes)) / bytes)}`, rank: 1 });
    }
  }
  return fields;
}

function lineOf(label: string, barText: string, fields: readonly Field[]): string {
  return [label, barText, ...fields.map((f) => f.text)].filter((part) => part !== '').join(SEPARATOR);
}

function bar(fraction: number, cells: number): string {
  const filled = Math.floor(fraction * cells);
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

/** Keep the end of the label (a path's file name is the telling part). */
function shorten(label: readonly string[], room: number): string {
  if (label.length <= room) return label.join('');
  if (room <= 0) return '';
  return `…${label.slice(label.length - (room - 1)).join('')}`;
}

/** Characters as the terminal counts them, near enough: code points, not UTF-16 units. */
function length(text: string): number {
  return Array.from(text).length;
}

/** A label is data (a path): no control characters may reach the terminal. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are replaced before reaching the terminal.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

// The formatters below use toFixed and plain string work, never toLocaleString:
// the output must not depend on the machine's locale.

/** MB = 1e6 bytes, one decimal: `71.3 MB`. */
function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** `512340` -> `512,340`. */
function thousands(n: number): string {
  return String(Math.round(Math.max(0, n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Up to 3 significant digits with a k or M suffix: `950`, `1.23k`, `312k`, `1.5M`. */
function compact(n: number): string {
  const suffixes = ['', 'k', 'M'];
  let value = Math.max(0, n);
  let i = 0;
  let text = threeDigits(value);
  // 999.7 rounds to "1000": that is 1k, not 1000 of the smaller unit.
  while (Number(text) >= 1000 && i < suffixes.length - 1) {
    value /= 1000;
    i++;
    text = threeDigits(value);
  }
  if (text.includes('.')) text = text.replace(/\.?0+$/, '');
  return `${text}${suffixes[i] ?? ''}`;
}

function threeDigits(value: number): string {
  return value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0);
}

/** `1.2 s` under a minute, `1 min 5 s` from there. */
function duration(seconds: number): string {
  const tenths = Math.round(seconds * 10);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
