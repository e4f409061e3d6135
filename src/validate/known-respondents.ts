/**
 * Issue 19: the respondents that excerpts, quotes and other coders' files are joined to by id, kept
 * compactly: every id read (valid or not) numbered in the order first met, in an IdSet (its UTF-8
 * bytes and line, about 16 bytes an id), and per number its segment (-1: not a valid respondent) and
 * its themes as a range of one shared Uint32Array. No string or object per respondent, except, where
 * asked (`records`: a respondent file or project whose respondents are tallied from the excerpts),
 * the valid respondents themselves, handed on as they were validated.
 *
 * @example
 * const known = new KnownRespondents({ kind: 'data' });
 * known.meet('R1', 2);
 * known.addValid('R1', 0, Uint32Array.of(3, 5));
 * known.mentions(known.numberOf('R1'), 5); // true
 */
import type { ValidRespondent } from '../model.ts';
import type { RespondentSource } from '../messages.ts';
import { grown } from './grown.ts';
import { IdSet } from './id-set.ts';

export class KnownRespondents {
  private readonly ids = new IdSet();
  /** Per number: the respondent's segment, or -1 when the id is not a valid respondent's. */
  private segments = new Int32Array(1024).fill(-1);
  private themeStart = new Int32Array(1024);
  private themeEnd = new Int32Array(1024);
  private themes = new Uint32Array(4096);
  private themesUsed = 0;
  /** Valid respondents' numbers in the order they were added. */
  private order = new Int32Array(1024);
  private validCount = 0;
  private readonly records: ValidRespondent[] | null;
  // The last id met and its number: the fast reader hands a row's id (meet) just before the row.
  private lastLine = Number.NaN;
  private lastNumber = -1;

  constructor(
    /** The respondent file, the data, or a project's cases or sources: for messages. */
    readonly where: RespondentSource,
    options: { records?: boolean } = {},
  ) {
    this.records = options.records === true ? [] : null;
  }

  /** Ids met. */
  get size(): number {
    return this.ids.size;
  }

  /** Remember `id` as read on `line` (the first line is kept); its number. */
  meet(id: string, line: number): number {
    const first = this.ids.firstLine(id, line);
    const n = first === -1 ? this.ids.size - 1 : this.ids.numberOf(id);
    if (first === -1) this.grow(n + 1);
    this.lastLine = line;
    this.lastNumber = n;
    return n;
  }

  /** Issue 19: as meet, for the id held in bytes[start, end) as UTF-8 (the fast reader's rows): no string is decoded. */
  meetBytes(bytes: Uint8Array, start: number, end: number, line: number): number {
    const before = this.ids.size;
    const n = this.ids.numberMet(bytes, start, end, line);
    if (n === before) this.grow(n + 1);
    this.lastLine = line;
    this.lastNumber = n;
    return n;
  }

  /** Issue 19: make room for about `n` ids of about `bytesEach` bytes, so that nothing is rebuilt while they arrive. */
  reserve(n: number, bytesEach: number): void {
    this.ids.reserve(n, bytesEach);
    this.grow(Math.ceil(n));
  }

  /** The number of `id`, or -1 when no row had it. */
  numberOf(id: string): number {
    return this.ids.numberOf(id);
  }

  /** Issue 19: as numberOf, trying number `guess` first (IdSet.numberNear). */
  numberNear(id: string, guess: number): number {
    return this.ids.numberNear(id, guess);
  }

  has(id: string): boolean {
    return this.ids.numberOf(id) !== -1;
  }

  /** The first line number `n` was read on. */
  lineOf(n: number): number {
    return this.ids.lineOf(n);
  }

  idOf(n: number): string {
    return this.ids.idOf(n);
  }

  isValid(n: number): boolean {
    return n >= 0 && this.segments[n]! !== -1;
  }

  segmentOf(n: number): number {
    return this.segments[n]!;
  }

  /** Whether valid respondent `n` mentions theme t. */
  mentions(n: number, theme: number): boolean {
    for (let i = this.themeStart[n]!; i < this.themeEnd[n]!; i++) if (this.themes[i] === theme) return true;
    return false;
  }

  /** Valid respondent `n`'s themes are themeArray()[themeStartOf(n), themeEndOf(n)). */
  themeStartOf(n: number): number {
    return this.themeStart[n]!;
  }

  themeEndOf(n: number): number {
    return this.themeEnd[n]!;
  }

  /** Issue 19: how many themes the valid respondents have in all (the used length of themeArray()). */
  get themeCount(): number {
    return this.themesUsed;
  }

  /** The array the themes are in (valid until the next addValid). */
  themeArray(): Uint32Array {
    return this.themes;
  }

  /** Valid respondents' numbers, in the order added. */
  validNumbers(): Int32Array {
    return this.order.subarray(0, this.validCount);
  }

  /** The valid respondent `n` as validated (only with `records`). */
  recordOf(n: number): ValidRespondent {
    if (this.records === null) throw new Error('KnownRespondents: records were not kept');
    return this.records[n]!;
  }

  /** The number of the row on `line` with id `id()`: the id met last when it was met on that line (no id decoded), else looked up. */
  numberAt(line: number, id: () => string): number {
    if (line === this.lastLine) return this.lastNumber;
    const text = id();
    const n = this.ids.numberOf(text);
    return n === -1 ? this.meet(text, line) : n;
  }

  /** A valid respondent (by id, or by number), with themes[start, end); an id never met is met now, at line 0. */
  addValid(id: string | number, segment: number, themes: ArrayLike<number>, start = 0, end = themes.length, record?: ValidRespondent): void {
    let n = typeof id === 'number' ? id : this.ids.numberOf(id);
    if (n === -1 && typeof id === 'string') n = this.meet(id, 0);
    if (n < 0 || n >= this.size) throw new RangeError(`KnownRespondents: no respondent number ${n}`);
    if (this.segments[n] === -1) {
      if (this.validCount === this.order.length) this.order = grown(this.order, this.validCount + 1);
      this.order[this.validCount++] = n;
    }
    this.segments[n] = segment;
    const count = end - start;
    if (this.themesUsed + count > this.themes.length) this.themes = grown(this.themes, this.themesUsed + count);
    const pool = this.themes;
    let at = this.themesUsed;
    this.themeStart[n] = at;
    for (let i = start; i < end; i++) pool[at++] = themes[i]!;
    this.themeEnd[n] = at;
    this.themesUsed = at;
    if (this.records !== null && record !== undefined) this.records[n] = record;
  }

  private grow(n: number): void {
    if (n <= this.segments.length) return;
    const size = this.segments.length;
    this.segments = grown(this.segments, n);
    this.segments.fill(-1, size);
    this.themeStart = grown(this.themeStart, n);
    this.themeEnd = grown(this.themeEnd, n);
  }
}
