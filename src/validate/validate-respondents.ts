/**
 * Validate raw respondent rows into ValidRespondent values, applying every row rule and keeping the
 * ledger: each data row read is either used or rejected with the first error that rejected it (all
 * of a row's errors are reported as diagnostics). Any error rejects the whole row, so a tally never
 * mixes a respondent's good cells with bad ones.
 */
import { createHash } from 'node:crypto';
import type { Codebook, DiagnosticSink, Position, RejectedRow, SegmentConfig, SurveyConfig, ValidRespondent } from '../model.ts';
import type { CsvBatch } from '../ingest/read-csv.ts';
import type { DataColumns } from '../ingest/read-respondents.ts';
import { diagnostic, didYouMean, type Code } from '../messages.ts';
import { answerOutOfLevels } from './rules/answer-out-of-levels.ts';
import { duplicateId } from './rules/duplicate-id.ts';
import { invalidTick } from './rules/invalid-tick.ts';
import { invalidWeight } from './rules/invalid-weight.ts';
import { missingId } from './rules/missing-id.ts';
import { missingSegment } from './rules/missing-segment.ts';
import { unknownTheme } from './rules/unknown-theme.ts';
import { wrongFieldCount } from './rules/wrong-field-count.ts';
import { IdSet } from './id-set.ts';

export interface Ledger {
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  rejected: RejectedRow[];
}

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

  /** `at` may be a function, so a row's position is only worked out when a warning needs it. */
  indexOf(id: string, at: Position | (() => Position), sink: DiagnosticSink): number {
    const known = this.index.get(id);
    if (known !== undefined) return known;
    if (this.listed) {
      sink.report(diagnostic('FND301', typeof at === 'function' ? at() : at, `segment "${id}" is not listed under segments: in the config; it is reported after the listed ones`));
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
  validate(batch: CsvBatch, columns: DataColumns): ValidRespondent[];
  readonly ledger: Ledger;
  /** Warnings raised while validating, as ledger-style rows for results.json. */
  readonly warnings: RejectedRow[];
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
): RespondentValidator {
  const ledger: Ledger = { rowsRead: 0, rowsUsed: 0, rowsRejected: 0, rejected: [] };
  const warnings: RejectedRow[] = [];
  const seenIds = new IdSet();
  const mark = new Int32Array(spaceSize).fill(-1);
  let stamp = 0;
  const { separator } = config.data;
  const showId = respondentIdText(config.privacy.respondentIds);
  const levelIndex = config.questions.map((question) => new Map(question.levels.map((level, i) => [String(level), i])));

  const validate = (batch: CsvBatch, columns: DataColumns): ValidRespondent[] => {
    const out: ValidRespondent[] = [];
    // The row being validated and its first error; the helpers are made once per batch, not per row.
    let r = 0;
    let first: RejectedRow | null = null;
    const reject = (code: Code, cell: number, message: string, offset = 0, note?: string) => {
      const at = { file, ...batch.locate(r, cell, offset) };
      sink.report(diagnostic(code, at, message, note === undefined ? {} : { note }));
      first ??= { file, line: at.line, column: at.column, code, message };
    };
    const warn = (code: Code, cell: number, message: string, offset = 0) => {
      const at = { file, ...batch.locate(r, cell, offset) };
      sink.report(diagnostic(code, at, message));
      warnings.push({ file, line: at.line, column: at.column, code, message });
    };
    const problemRows = new Set(batch.problems.map((p) => p.row));
    const questionCount = config.questions.length;
    for (r = 0; r < batch.rows.length; r++) {
      const row = batch.rows[r]!;
      ledger.rowsRead++;
      first = null;

      let unfinished = -1;
      if (problemRows.has(r)) for (const problem of batch.problems) {
        if (problem.row !== r) continue;
        const cell = problem.cell ?? 0;
        const offset = problem.offset ?? 0;
        switch (problem.kind) {
          case 'unfinished':
            unfinished = cell;
            break;
          case 'unterminated-quote':
            // After a malformed quote papaparse reads on to the end: one problem, reported once.
            if (!batch.problems.some((p) => p.row === r && p.kind === 'malformed-quote')) {
              reject('FND210', row.length - 1, 'quoted field is never closed; the rest of the file was read into it');
            }
            break;
          case 'malformed-quote':
            reject('FND211', cell, 'a quote inside a quoted field must be doubled ("")');
            break;
          case 'nul-byte':
            reject('FND212', cell, 'NUL byte in a field (a binary file, or UTF-16 without a byte order mark?)', offset);
            break;
          case 'invalid-encoding':
            reject('FND213', cell, `bytes that are not ${problem.encoding?.startsWith('utf-16') ? 'valid UTF-16 (an unpaired surrogate or half a code unit)' : 'UTF-8'} at byte offset ${problem.value} (save the file as UTF-8)`, offset);
            break;
          case 'field-too-large':
            reject('FND214', cell, `a field of ${problem.value} characters is longer than limits.maxFieldChars (${config.limits.maxFieldChars})`);
            break;
          case 'stray-bom':
            warn('FND305', cell, 'a byte order mark inside the file (files joined together?); it was removed', offset);
            break;
        }
      }
      if (first === null && unfinished !== -1) {
        // Left out as the platform's own records say, and counted: rowsRead = rowsUsed + rowsRejected.
        const message = `unfinished response (${columns.header[unfinished] ?? 'Finished'} ${JSON.stringify(row[unfinished]?.trim() ?? '')}); left out (data.includeUnfinished: true keeps it)`;
        warn('FND312', unfinished, message);
        ledger.rowsRejected++;
        ledger.rejected.push({ file, ...batch.locate(r, unfinished), code: 'FND312', message });
        continue;
      }
      if (first === null && row.length > columns.width && row.slice(columns.width).every((cell) => cell.trim() === '')) {
        warn('FND307', columns.width, `row ends with ${row.length - columns.width} empty field${row.length - columns.width === 1 ? '' : 's'} beyond the header (a trailing delimiter); ignored`);
        row.length = columns.width;
      }
      if (first === null) {
        const fields = wrongFieldCount(row.length, columns.width);
        if (fields !== null) reject('FND203', Math.min(row.length, columns.width), fields);
      }
      if (first === null && row[0]!.trim() === columns.header[0]!.trim() && row.every((cell, c) => cell.trim() === columns.header[c]!.trim())) {
        warn('FND308', 0, 'this row repeats the header (files joined together?); it is skipped');
        ledger.rowsRejected++;
        ledger.rejected.push({ file, ...batch.locate(r, 0), code: 'FND308', message: 'row repeats the header; skipped' });
        continue;
      }
      if (first !== null) {
        ledger.rowsRejected++;
        ledger.rejected.push(first);
        continue;
      }

      const id = row[columns.id]!.trim();
      const line = batch.lines[r]!;
      const idProblem = missingId(id) ?? duplicateId(seenIds, id, line, showId);
      if (idProblem !== null) reject(id === '' ? 'FND205' : 'FND204', columns.id, idProblem);

      const segmentText = row[columns.segment]!.trim();
      const segmentProblem = missingSegment(segmentText);
      let segment = -1;
      if (segmentProblem !== null) reject('FND206', columns.segment, segmentProblem);
      else segment = segments.indexOf(segmentText, () => ({ file, ...batch.locate(r, columns.segment) }), sink);

      let weight = 1;
      if (columns.weight !== -1) {
        const parsed = invalidWeight(row[columns.weight]!.trim());
        if (typeof parsed === 'string') reject('FND208', columns.weight, parsed);
        else weight = parsed;
      }

      let themeCell = columns.themes === -1 ? '' : row[columns.themes]!;
      // One-hot theme columns: the ticked columns' codes, joined as if they were one themes cell.
      const tickedAt: number[] = [];
      if (columns.themeColumns !== undefined) {
        const ticked: string[] = [];
        for (const one of columns.themeColumns) {
          const tick = invalidTick(row[one.index]!, one.choice);
          if (typeof tick === 'string') reject('FND225', one.index, tick);
          else if (tick) {
            ticked.push(one.code);
            tickedAt.push(one.index);
          }
        }
        themeCell = ticked.join(separator);
      }
      const themes = unknownTheme(themeCell, separator, codebook);
      for (const unknown of themes.unknown) {
        const message = `unknown theme "${unknown.code}"${didYouMean(unknown.suggestion)}`;
        if (columns.themeColumns === undefined) reject('FND207', columns.themes, message, unknown.offset);
        else reject('FND207', tickedAt[themeCell.slice(0, unknown.offset).split(separator).length - 1] ?? 0, `${message} (the code of this column under data.themeColumns)`);
      }
      if (themes.onlySeparators) warn('FND302', columns.themes, `themes cell ${JSON.stringify(themeCell)} holds only separators; read as no themes`);

      const answers = new Int32Array(questionCount);
      for (let q = 0; q < questionCount; q++) {
        const column = columns.questions[q]!;
        const text = row[column]!;
        // The common case, a level written plainly ("4"), is one lookup; anything else takes the rule.
        const known = levelIndex[q]!.get(text);
        if (known !== undefined) {
          answers[q] = known;
          continue;
        }
        const parsed = answerOutOfLevels(text.trim(), config.questions[q]!);
        if (typeof parsed === 'string') reject('FND209', column, parsed);
        else answers[q] = parsed;
      }

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
      out.push({ id, segment, weight, themes: Uint32Array.from(rolled), answers } as unknown as ValidRespondent);
    }
    return out;
  };

  return { validate, ledger, warnings };
}
