/**
 * Validate raw respondent rows into ValidRespondent values, applying every row rule and keeping the
 * ledger: each data row read is either used or rejected with the first error that rejected it (all
 * of a row's errors are reported as diagnostics). Any error rejects the whole row, so a tally never
 * mixes a respondent's good cells with bad ones.
 */
import { createHash } from 'node:crypto';
import type {
  Codebook,
  CsvBatch,
  DataColumns,
  DiagnosticSink,
  Position,
  RejectedRow,
  SegmentConfig,
  SurveyConfig,
  RespondentConsumer,
  ValidRespondent,
  ValidRow,
} from '../model.ts';
import { diagnostic, say, type Message } from '../messages.ts';
import { answerReader } from './read-answers.ts';
import { duplicateId } from './rules/duplicate-id.ts';
import { invalidTick } from './rules/invalid-tick.ts';
import { invalidWeight } from './rules/invalid-weight.ts';
import { ALL_SEGMENT } from '../model.ts';
import { unknownTheme } from './rules/unknown-theme.ts';
import { IdSet } from './id-set.ts';
import { checkRow } from './check-row.ts';
import { cellRules, rulesFor, type RowRule, type RuleCell } from './row-rules.ts';

export interface Ledger {
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  /** Issue 16: rows data.filter (or run --by) left out; present only when a filter applies. */
  rowsFiltered?: number;
  rejected: RejectedRow[];
}

/** Issue 16: the group of a respondent with a blank cell in a banner column (kept, never dropped). */
export const BLANK_GROUP = '(blank)';

/**
 * The run's segments: those listed in the config first, in their order, then those met in the data,
 * in order of first appearance (each reported once as unlisted-segment when the config lists any).
 */
export class SegmentRegistry {
  readonly segments: SegmentConfig[];
  private readonly index = new Map<string, number>();
  private readonly listed: boolean;

  constructor(configured: SegmentConfig[]) {
    this.segments = configured.map((s) => ({ ...s }));
    this.segments.forEach((s, i) => this.index.set(s.id, i));
    this.listed = configured.length > 0;
  }

  /** The index of a segment already in the run, or -1 (nothing is added or reported). */
  find(id: string): number {
    return this.index.get(id) ?? -1;
  }

  /** `at` may be a function, so a row's position is only worked out when a warning needs it. */
  indexOf(id: string, at: Position | (() => Position), sink: DiagnosticSink): number {
    const known = this.index.get(id);
    if (known !== undefined) return known;
    if (this.listed) {
      sink.report(diagnostic(typeof at === 'function' ? at() : at, say.FND301(id)));
    }
    const i = this.segments.length;
    this.segments.push({ id, label: id, plural: id });
    this.index.set(id, i);
    return i;
  }
}

/** How a respondent id appears in messages: as written, as a short hash, or not at all (config privacy.respondentIds). */
export function respondentIdText(mode: 'show' | 'hash' | 'omit'): (id: string) => string {
  if (mode === 'show') return (id) => ` "${id}"`;
  if (mode === 'omit') return () => '';
  return (id) => ` #${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
}

export interface RespondentValidator {
  /** Validate a batch of rows as split by papaparse: the valid respondents (the others are in the ledger). */
  validate(batch: CsvBatch, columns: DataColumns): ValidRespondent[];
  /** Validate a batch and hand the consumer each row's id (when it asks) and each valid respondent. */
  validateInto(batch: CsvBatch, columns: DataColumns, consumer: RespondentConsumer): void;
  /**
   * Admit a row the fast reader's scanner found valid by every rule it checks from bytes (row-rules.ts):
   * the rules left to this validator are the id's uniqueness and the segment's registration. The
   * row, counted as read and used; or null, counting nothing, when the row must go to `validate`.
   */
  admitScanned(row: ScannedRow): ValidRow | null;
  /** Size the id set for about n ids of about `bytesEach` bytes (the fast reader's estimate from its first block). */
  expectIds(n: number, bytesEach: number): void;
  readonly ledger: Readonly<Ledger>;
}

/**
 * A row as the fast reader's scanner read it: the id's bytes and the parts of a ValidRow (its
 * segment is the registry's index, or -1 when the registry does not have it yet).
 */
export interface ScannedRow extends Pick<ValidRow, 'segment' | 'weight' | 'themes' | 'themeStart' | 'themeEnd' | 'answers' | 'answerStart' | 'line'> {
  bytes: Uint8Array;
  idStart: number;
  idEnd: number;
}

export function createRespondentValidator(
  config: SurveyConfig,
  codebook: Codebook,
  segments: SegmentRegistry,
  sink: DiagnosticSink,
  /** Size of the theme space the roll-up maps into (the codebook's size unless translated). */
  spaceSize = codebook.themes.length,
  /** The file read, for messages: the data, or the respondent file joined to excerpt data (which has no themes column: columns.themes is -1). */
  file = config.data.displayPath,
  /** The rules (row-rules.ts); a test may add one. */
  rules: readonly RowRule[] = rulesFor(config),
  /** Issue 16: the groups of each banner after the segment (config banners), filled as rows are read. */
  bannerGroups: readonly SegmentRegistry[] = [],
): RespondentValidator {
  const ledger: Ledger = { rowsRead: 0, rowsUsed: 0, rowsRejected: 0, rejected: [] };
  if ((config.data.filter ?? null) !== null) ledger.rowsFiltered = 0;
  const seenIds = new IdSet();
  const mark = new Int32Array(spaceSize).fill(-1);
  let stamp = 0;
  const { separator } = config.data;
  const showId = respondentIdText(config.privacy.respondentIds);
  const answersOf = answerReader(config.questions);
  const checksOf = (column: RuleCell) => cellRules(rules, column);
  const checks = { id: checksOf('id'), segment: checksOf('segment'), weight: checksOf('weight'), themes: checksOf('themes') };

  const validate = (batch: CsvBatch, columns: DataColumns): ValidRespondent[] => {
    const out: ValidRespondent[] = [];
    // The row being validated and its first error; the helpers are made once per batch, not per row.
    let r = 0;
    let first: RejectedRow | null = null;
    const reject = (message: Message, cell: number, offset = 0) => {
      const at = { file, ...batch.locate(r, cell, offset) };
      sink.report(diagnostic(at, message));
      first ??= { file, line: at.line, column: at.column, code: message.code, message: message.text };
    };
    const warn = (message: Message, cell: number, offset = 0) => {
      sink.report(diagnostic({ file, ...batch.locate(r, cell, offset) }, message));
    };
    /** A cell's `cell` rules: true when none objects. */
    const passes = (column: RuleCell, cell: number, text: string): boolean => {
      let ok = true;
      for (const check of checks[column]) {
        const message = check(text);
        if (message !== null) {
          reject(message, cell);
          ok = false;
        }
      }
      return ok;
    };
    const problemRows = new Set(batch.problems.map((p) => p.row));
    const questionCount = answersOf.slots.count;
    for (r = 0; r < batch.rows.length; r++) {
      const row = batch.rows[r]!;
      ledger.rowsRead++;
      first = null;

      // Parse problems, trailing delimiter, field count, a repeated header: the checks every file's rows get.
      const verdict = checkRow(batch, r, columns, config.limits.maxFieldChars, { reject, warn });
      if (verdict === 'header') {
        ledger.rowsRejected++;
        ledger.rejected.push({ file, ...batch.locate(r, 0), code: 'FND308', message: say.FND308.ledger().text });
        continue;
      }
      // Issue 16: a row the filter leaves out is counted as filtered and checked no further (its
      // cells may be anything: the run is the run on the file without it). A row too broken to
      // read its cells (first !== null) is rejected as it would be in any file.
      if (first === null && columns.keep !== undefined && !columns.keep(row)) {
        ledger.rowsFiltered = (ledger.rowsFiltered ?? 0) + 1;
        continue;
      }
      const unfinished = problemRows.has(r) ? (batch.problems.find((p) => p.row === r && p.kind === 'unfinished')?.cell ?? -1) : -1;
      if (first === null && unfinished !== -1) {
        // Left out as the platform's own records say, and counted: rowsRead = rowsUsed + rowsRejected.
        const message = say.FND312(columns.header[unfinished] ?? 'Finished', row[unfinished]?.trim() ?? '');
        warn(message, unfinished);
        ledger.rowsRejected++;
        ledger.rejected.push({ file, ...batch.locate(r, unfinished), code: 'FND312', message: message.text });
        continue;
      }
      if (first !== null) {
        ledger.rowsRejected++;
        ledger.rejected.push(first);
        continue;
      }

      const id = row[columns.id]!.trim();
      const line = batch.lines[r]!;
      if (passes('id', columns.id, id)) {
        const duplicate = duplicateId(seenIds, id, line, showId);
        if (duplicate !== null) reject(duplicate, columns.id);
      }

      // issue 14: no segment column (segmentFrom 'none'): everyone is in the one group.
      const segmentText = columns.segment === -1 ? ALL_SEGMENT.id : row[columns.segment]!.trim();
      let segment = -1;
      if (passes('segment', columns.segment, segmentText)) segment = segments.indexOf(segmentText, () => ({ file, ...batch.locate(r, columns.segment) }), sink);

      let weight = 1;
      if (columns.weight !== -1 && passes('weight', columns.weight, row[columns.weight]!.trim())) {
        const parsed = invalidWeight(row[columns.weight]!.trim());
        if (typeof parsed !== 'number') reject(parsed, columns.weight);
        else weight = parsed;
      }

      let themeCell = columns.themes === -1 ? '' : row[columns.themes]!;
      // One-hot theme columns: the ticked columns' codes, joined as if they were one themes cell.
      const tickedAt: number[] = [];
      if (columns.themeColumns !== undefined) {
        const ticked: string[] = [];
        for (const one of columns.themeColumns) {
          const tick = invalidTick(row[one.index]!, one.choice);
          if (typeof tick !== 'boolean') reject(tick, one.index);
          else if (tick) {
            ticked.push(one.code);
            tickedAt.push(one.index);
          }
        }
        themeCell = ticked.join(separator);
      }
      if (columns.themes !== -1) passes('themes', columns.themes, themeCell.trim());
      const themes = unknownTheme(themeCell, separator, codebook);
      for (const unknown of themes.unknown) {
        if (columns.themeColumns === undefined) reject(say.FND207(unknown.code, unknown.suggestion), columns.themes, unknown.offset);
        else reject(say.FND207(unknown.code, unknown.suggestion, true), tickedAt[themeCell.slice(0, unknown.offset).split(separator).length - 1] ?? 0);
      }
      if (themes.onlySeparators) warn(say.FND302(themeCell), columns.themes);

      const answers = new Int32Array(questionCount);
      // issue 16: every question type's answers, into its slots (validate/read-answers.ts).
      const numbers = answersOf.numbers ? new Float64Array(questionCount).fill(Number.NaN) : null;
      answersOf.read(row, columns, answers, numbers, reject);

      if (first !== null) {
        ledger.rowsRejected++;
        ledger.rejected.push(first);
        continue;
      }

      // Roll codes up to their ancestors; a set of indexes, sorted.
      stamp++;
      const rolled: number[] = [];
      for (const code of themes.codes) {
        for (const target of codebook.rollup[code]!) {
          if (mark[target] !== stamp) {
            mark[target] = stamp;
            rolled.push(target);
          }
        }
      }
      rolled.sort((a, b) => a - b);
      ledger.rowsUsed++;
      const respondent = {
        id,
        segment,
        weight,
        themes: Uint32Array.from(rolled),
        answers,
        ...(numbers === null ? {} : { numbers }),
      } as unknown as ValidRespondent;
      // Issue 15: each non-segment rake column's category (a blank cell is its own category, reported if it has no target).
      if (columns.rake !== undefined) respondent.rake = columns.rake.map((c) => row[c]?.trim() ?? '');
      if (columns.banners !== undefined) {
        // Issue 16: each banner's group, a blank cell its own group (nobody is dropped from a banner).
        respondent.banners = Int32Array.from(columns.banners, (column, b) => {
          const value = row[column]!.trim();
          return bannerGroups[b]!.indexOf(value === '' ? BLANK_GROUP : value, { file, line, column: column + 1 }, sink);
        });
      }
      out.push(respondent);
    }
    return out;
  };

  // The fast reader's rows: one object, filled in for each row in turn.
  let scanned: ScannedRow | null = null;
  const materialize = (): ValidRespondent =>
    ({
      id: view.id(),
      segment: view.segment,
      weight: view.weight,
      themes: Uint32Array.from(Array.prototype.slice.call(view.themes, view.themeStart, view.themeEnd) as number[]),
      answers: Int32Array.from(Array.prototype.slice.call(view.answers, view.answerStart, view.answerStart + answersOf.slots.count) as number[]),
    }) as unknown as ValidRespondent;
  const view = {
    segment: 0,
    weight: 1,
    themes: [] as ArrayLike<number>,
    themeStart: 0,
    themeEnd: 0,
    answers: [] as ArrayLike<number>,
    answerStart: 0,
    line: 0,
    id: () => Buffer.from(scanned!.bytes.buffer, scanned!.bytes.byteOffset + scanned!.idStart, scanned!.idEnd - scanned!.idStart).toString('utf8'),
    respondent: materialize,
  } as unknown as ValidRow & { -readonly [K in keyof ValidRow]: ValidRow[K] };

  const admitScanned = (row: ScannedRow): ValidRow | null => {
    if (row.segment === -1 || seenIds.firstLineOf(row.bytes, row.idStart, row.idEnd, row.line) !== -1) return null;
    ledger.rowsRead++;
    ledger.rowsUsed++;
    scanned = row;
    view.segment = row.segment;
    view.weight = row.weight;
    view.themes = row.themes;
    view.themeStart = row.themeStart;
    view.themeEnd = row.themeEnd;
    view.answers = row.answers;
    view.answerStart = row.answerStart;
    view.line = row.line;
    return view;
  };

  const validateInto = (batch: CsvBatch, columns: DataColumns, consumer: RespondentConsumer): void => {
    if (consumer.seen !== undefined) {
      batch.rows.forEach((row, r) => {
        const id = row[columns.id]?.trim() ?? '';
        if (id !== '') consumer.seen!(id, batch.lines[r]!);
      });
    }
    for (const respondent of validate(batch, columns)) consumer.respondent(respondent);
  };

  return { validate, validateInto, admitScanned, expectIds: (n, bytesEach) => seenIds.reserve(n, bytesEach), ledger };
}
