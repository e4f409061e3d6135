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
import { ALL_SEGMENT } from '../model.ts';
import { unknownTheme } from './rules/unknown-theme.ts';
import { IdSet } from './id-set.ts';
import { checkRow } from './check-row.ts';

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

  /** The index of a segment already in the run, or -1 (nothing is added or reported). */
  find(id: string): number {
    return this.index.get(id) ?? -1;
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
  /** The ids seen so far (the fast reader checks its rows' ids here too, so duplicates are found across both). */
  readonly ids: IdSet;
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

      // Parse problems, trailing delimiter, field count, a repeated header: the checks every file's rows get.
      const verdict = checkRow(batch, r, columns, config.limits.maxFieldChars, { reject, warn });
      if (verdict === 'header') {
        ledger.rowsRejected++;
        ledger.rejected.push({ file, ...batch.locate(r, 0), code: 'FND308', message: 'row repeats the header; skipped' });
        continue;
      }
      const unfinished = problemRows.has(r) ? (batch.problems.find((p) => p.row === r && p.kind === 'unfinished')?.cell ?? -1) : -1;
      if (first === null && unfinished !== -1) {
        // Left out as the platform's own records say, and counted: rowsRead = rowsUsed + rowsRejected.
        const message = `unfinished response (${columns.header[unfinished] ?? 'Finished'} ${JSON.stringify(row[unfinished]?.trim() ?? '')}); left out (data.includeUnfinished: true keeps it)`;
        warn('FND312', unfinished, message);
        ledger.rowsRejected++;
        ledger.rejected.push({ file, ...batch.locate(r, unfinished), code: 'FND312', message });
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

      // issue 14: no segment column (segmentFrom 'none'): everyone is in the one group.
      const segmentText = columns.segment === -1 ? ALL_SEGMENT.id : row[columns.segment]!.trim();
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

  return { validate, ledger, warnings, ids: seenIds };
}
