/**
 * Validate coded excerpts (rows of an excerpt file, or coded selections of a REFI-QDA project) and
 * gather them per respondent, so that excerpt data tally exactly as respondent-per-row data do: a
 * respondent mentions a theme when the primary coder applied its code (or a descendant's) to at
 * least one of their excerpts, however many; three `role` excerpts are one mention.
 *
 * Who the respondents are: those of the respondent file (`data.respondents`, validated row by row
 * beforehand, so a respondent without any excerpt stays in every base), or else every id the
 * excerpts name, with the segment (and weight) from the excerpts' own columns, which must agree
 * across a respondent's excerpts. A respondent whose excerpts were coded only by other coders still
 * counts in the base, mentioning nothing.
 *
 * Errors: an error in an excerpt of the primary coder, or in what the excerpt says about its
 * respondent (id, segment, weight, coder), rejects the respondent, as an error in a respondent row
 * does: every excerpt of theirs is left out, and the ledger says why. An unknown code in another
 * coder's excerpt rejects only that coder's coding of the respondent (left out of coder agreement).
 *
 * In 'quotes' mode (an excerpt file beside respondent-per-row data) the excerpts only feed quotes:
 * they name respondents of the data, and an error drops the excerpt, nothing else.
 */
import type { Codebook, DiagnosticSink, Position, RejectedRow, ValidRespondent } from '../model.ts';
import { diagnostic, leftOutWith, say, type Message, type RespondentSource } from '../messages.ts';
import type { Ledger, SegmentRegistry } from './validate-respondents.ts';
import { invalidWeight } from './rules/invalid-weight.ts';
import { missingCoder } from './rules/missing-coder.ts';
import { missingId } from './rules/missing-id.ts';
import { missingSegment } from './rules/missing-segment.ts';
import { ALL_SEGMENT } from '../model.ts';
import { respondentConflict } from './rules/respondent-conflict.ts';
import { unknownRespondent } from './rules/unknown-respondent.ts';
import { unknownTheme } from './rules/unknown-theme.ts';
import { codeNames, type CodeNames } from './rules/ambiguous-code.ts';

export type ExcerptField = 'id' | 'code' | 'text' | 'coder' | 'segment' | 'weight';

/** One coded excerpt as read, before validation. */
export interface RawExcerpt {
  id: string;
  /** One code, or codes joined by the separator; empty: the respondent was read and nothing coded. */
  code: string;
  text: string;
  /** null when the data name no coders. */
  coder: string | null;
  /** null when the segment (weight) is not given with the excerpt. */
  segment: string | null;
  weight: string | null;
  /** Where a field is (and a character `offset` into it), for diagnostics. */
  locate(field: ExcerptField, offset?: number): Position;
}

/** Respondents read beforehand: from the respondent file (tally mode) or the data (quotes mode). */
export interface KnownRespondents {
  /** Valid respondents by id. In tally mode their themes are empty: the excerpts give them. */
  valid: Map<string, ValidRespondent>;
  /** Every id of the file, valid or rejected, with the line of its row. */
  lines: Map<string, number>;
  /** The respondent file, the data, or a project's cases or sources: for messages. */
  where: RespondentSource;
}

/** An excerpt that may be quoted: the primary coder's, with text, of a respondent in the tally. */
export interface QuoteCandidate {
  /** Internal only: never written to any output. */
  respondent: string;
  segment: number;
  /** Theme indexes the excerpt is coded with, rolled up to ancestors (and, for quotes mode, mentioned by the respondent). */
  themes: number[];
  text: string;
  /** Where the text is, for the quote-masked warning. */
  at: Position;
  /** Input order, the last tie-breaker. */
  order: number;
}

/** Each coder's coding of each respondent they coded (rolled-up theme indexes), for coder agreement. */
export interface Codings {
  /** The primary coder first, then the others in order of first appearance. */
  coders: string[];
  primary: string;
  primaryFrom: 'config' | 'first-met' | 'default';
  byCoder: Map<string, Map<string, Uint32Array>>;
}

export interface ExcerptSettings {
  mode: 'tally' | 'quotes';
  /** Display path of the excerpt source, for ledger rows. */
  file: string;
  codebook: Codebook;
  separator: string;
  segments: SegmentRegistry;
  known: KnownRespondents | null;
  /** True when the excerpts name their coder. */
  hasCoders: boolean;
  /** data.primaryCoder, with where it is written; null: the first coder met. */
  primaryCoder: { name: string; at: Position } | null;
  showId: (id: string) => string;
  sink: DiagnosticSink;
}

export interface ExcerptOutcome {
  /** Tally mode: the respondents to tally (with the respondent file's in its order, then any others). */
  respondents: ValidRespondent[];
  /** Tally mode: the excerpt rows (the caller adds the respondent file's). */
  ledger: Ledger;
  /** Respondent-file rows whose respondent an excerpt error rejected: to move from used to rejected. */
  rejectedKnown: RejectedRow[];
  /** null when the excerpts name fewer than two coders. */
  codings: Codings | null;
  quotes: QuoteCandidate[];
}

interface RespondentState {
  id: string;
  segment: number;
  segmentText: string | null;
  segmentLine: number;
  weight: number;
  weightText: string | null;
  weightLine: number;
  /** coder ('' without coders) -> direct code indexes. */
  codes: Map<string, Set<number>>;
  /** Coders whose coding of this respondent had an error: left out of agreement. */
  badCoders: Set<string>;
  failed: RejectedRow | null;
}

interface RowRecord {
  at: Position;
  respondent: RespondentState | null;
  error: RejectedRow | null;
  quote: { text: string; at: Position; codes: number[] } | null;
}

export class ExcerptCollector {
  private readonly respondents = new Map<string, RespondentState>();
  private readonly rows: RowRecord[] = [];
  private readonly coderOrder: string[] = [];
  private primary: string | null;
  private extraRowsRead = 0;
  private readonly extraRejected: RejectedRow[] = [];
  /** Codes by label, name or path, built at the first code cell that is not a code. */
  private names: CodeNames | undefined;

  /** Rows seen so far (read, skipped or failed). */
  get rowsSeen(): number {
    return this.rows.length + this.extraRowsRead;
  }

  constructor(private readonly settings: ExcerptSettings) {
    this.primary = settings.hasCoders ? (settings.primaryCoder?.name ?? null) : '';
  }

  /** A row that could not be read at all (its CSV problems were reported): rejected, with its respondent when its id is legible. */
  rowFailed(error: RejectedRow, id: string | null): void {
    const respondent = id === null || id === '' ? null : this.respondentIfKnown(id);
    if (respondent !== null && this.settings.mode === 'tally') respondent.failed ??= error;
    this.rows.push({ at: error, respondent, error, quote: null });
  }

  /** A row skipped without error (a repeated header): counted as read and rejected, as for respondent rows. */
  rowSkipped(skipped: RejectedRow): void {
    this.extraRowsRead++;
    this.extraRejected.push(skipped);
  }

  add(excerpt: RawExcerpt): void {
    const { sink, codebook, separator, mode, known, showId } = this.settings;
    const record: RowRecord = { at: excerpt.locate('id'), respondent: null, error: null, quote: null };
    this.rows.push(record);
    const reject = (message: Message, field: ExcerptField, offset = 0): RejectedRow => {
      const at = excerpt.locate(field, offset);
      sink.report(diagnostic(at, message));
      const row = { ...at, code: message.code, message: message.text };
      record.error ??= row;
      return row;
    };

    const id = excerpt.id.trim();
    const idProblem = missingId(id);
    if (idProblem !== null) {
      reject(idProblem, 'id');
      return;
    }
    if (known !== null) {
      const problem = unknownRespondent(known.lines.has(id), id, known.where, showId);
      if (problem !== null) {
        reject(problem, 'id');
        return;
      }
    }
    const respondent = this.respondent(id);
    record.respondent = respondent;

    // Whose excerpt: the primary coder's makes the tallies and the quotes.
    let coder = '';
    if (this.settings.hasCoders) {
      coder = (excerpt.coder ?? '').trim();
      const problem = missingCoder(coder);
      if (problem !== null) {
        const row = reject(problem, 'coder');
        if (mode === 'tally') respondent.failed ??= row;
        return;
      }
      if (!this.coderOrder.includes(coder)) this.coderOrder.push(coder);
      this.primary ??= coder;
    }
    const isPrimary = coder === this.primary;

    if (mode === 'tally' && known === null) this.readRespondentFields(excerpt, respondent, reject);

    const cell = unknownTheme(excerpt.code, separator, codebook);
    for (const unknown of cell.unknown) {
      // issue 14: a code cell may hold a code's label, REFI-QDA name or path (rules/ambiguous-code.ts).
      this.names ??= codeNames(codebook);
      const named = this.names.lookup(unknown.code);
      if (named.length === 1) {
        if (!cell.codes.includes(named[0]!)) cell.codes.push(named[0]!);
        continue;
      }
      const row =
        named.length > 1
          ? reject(
              say.FND227(
                unknown.code,
                named.map((i) => codebook.themes[i]!.code),
              ),
              'code',
              unknown.offset,
            )
          : reject(say.FND207(unknown.code, unknown.suggestion), 'code', unknown.offset);
      if (mode === 'tally' && isPrimary) respondent.failed ??= row;
      else respondent.badCoders.add(coder);
    }
    if (record.error !== null) return;
    let codes = respondent.codes.get(coder);
    if (codes === undefined) respondent.codes.set(coder, (codes = new Set()));
    for (const code of cell.codes) codes.add(code);
    const text = excerpt.text.trim();
    if (isPrimary && text !== '' && cell.codes.length > 0) record.quote = { text, at: excerpt.locate('text'), codes: cell.codes };
  }

  /** Segment and weight given with each excerpt: read at the first, the same at every other. */
  private readRespondentFields(excerpt: RawExcerpt, respondent: RespondentState, reject: (message: Message, field: ExcerptField) => RejectedRow): void {
    const line = excerpt.locate('id').line;
    // issue 14: excerpts that give no segment (and no respondent file): everyone is in the one group.
    const segmentText = excerpt.segment === null ? ALL_SEGMENT.id : excerpt.segment.trim();
    const segmentProblem = missingSegment(segmentText);
    if (segmentProblem !== null) respondent.failed ??= reject(segmentProblem, 'segment');
    else if (respondent.segmentText === null) {
      respondent.segmentText = segmentText;
      respondent.segmentLine = line;
      respondent.segment = this.settings.segments.indexOf(segmentText, excerpt.locate('segment'), this.settings.sink);
    } else {
      const conflict = respondentConflict('segment', respondent.segmentText, segmentText, respondent.segmentLine);
      if (conflict !== null) respondent.failed ??= reject(conflict, 'segment');
    }
    if (excerpt.weight === null) return;
    const weightText = excerpt.weight.trim();
    if (respondent.weightText === null) {
      respondent.weightText = weightText;
      respondent.weightLine = line;
      const parsed = invalidWeight(weightText);
      if (typeof parsed !== 'number') respondent.failed ??= reject(parsed, 'weight');
      else respondent.weight = parsed;
    } else {
      const conflict = respondentConflict('weight', respondent.weightText, weightText, respondent.weightLine);
      if (conflict !== null) respondent.failed ??= reject(conflict, 'weight');
    }
  }

  private respondent(id: string): RespondentState {
    let state = this.respondents.get(id);
    if (state === undefined) {
      state = {
        id,
        segment: -1,
        segmentText: null,
        segmentLine: 0,
        weight: 1,
        weightText: null,
        weightLine: 0,
        codes: new Map(),
        badCoders: new Set(),
        failed: null,
      };
      this.respondents.set(id, state);
    }
    return state;
  }

  private respondentIfKnown(id: string): RespondentState | null {
    const known = this.settings.known;
    if (known !== null && !known.lines.has(id)) return null;
    return this.respondent(id);
  }

  /**
   * Settle every respondent and row. Returns 'config' when data.primaryCoder names a coder who
   * coded none of the excerpts (reported at that key).
   */
  finish(): ExcerptOutcome | 'config' {
    const { sink, mode, known, codebook, showId } = this.settings;
    const configured = this.settings.primaryCoder;
    if (this.settings.hasCoders && configured !== null && !this.coderOrder.includes(configured.name)) {
      sink.report(diagnostic(configured.at, say.FND006.primaryCoderUnused(configured.name, this.coderOrder)));
      return 'config';
    }
    const primary = this.primary ?? '';
    const rolled = (codes: Iterable<number>): Uint32Array => {
      const set = new Set<number>();
      for (const code of codes) for (const target of codebook.rollup[code]!) set.add(target);
      return Uint32Array.from([...set].sort((a, b) => a - b));
    };

    // Who is tallied: the respondent file's valid respondents, or every respondent met without error.
    const accepted = new Map<string, ValidRespondent>();
    const rejectedKnown: RejectedRow[] = [];
    if (mode === 'tally') {
      if (known !== null) {
        for (const [id, respondent] of known.valid) {
          const state = this.respondents.get(id);
          if (state?.failed != null) {
            const line = known.lines.get(id)!;
            rejectedKnown.push({
              ...state.failed,
              message: leftOutWith.failed(showId(id), state.failed.message, state.failed.line, line),
            });
            continue;
          }
          const themes = rolled(state?.codes.get(primary) ?? []);
          accepted.set(id, { ...respondent, themes } as ValidRespondent);
        }
      } else {
        for (const state of this.respondents.values()) {
          if (state.failed !== null) continue;
          accepted.set(state.id, {
            id: state.id,
            segment: state.segment,
            weight: state.weight,
            themes: rolled(state.codes.get(primary) ?? []),
            answers: new Int32Array(0),
          } as unknown as ValidRespondent);
        }
      }
    } else if (known !== null) {
      for (const [id, respondent] of known.valid) accepted.set(id, respondent);
    }

    // The ledger of excerpt rows, and the quote candidates.
    const ledger: Ledger = {
      rowsRead: this.rows.length + this.extraRowsRead,
      rowsUsed: 0,
      rowsRejected: this.extraRejected.length,
      rejected: [...this.extraRejected],
    };
    const quotes: QuoteCandidate[] = [];
    this.rows.forEach((row, order) => {
      const respondent = row.respondent;
      const tallied = respondent !== null && accepted.has(respondent.id);
      if (row.error !== null || !tallied) {
        ledger.rowsRejected++;
        if (row.error !== null) ledger.rejected.push(row.error);
        else if (respondent !== null) {
          const why = respondent.failed ?? { ...row.at, code: 'FND218', message: say.FND218.short(known?.where ?? { kind: 'data' }).text };
          const message =
            known?.lines.has(respondent.id) && respondent.failed === null
              ? leftOutWith.rowHasErrors(showId(respondent.id), known.where)
              : leftOutWith.because(showId(respondent.id), why.message, why.line);
          ledger.rejected.push({ ...row.at, code: why.code, message });
        }
        return;
      }
      ledger.rowsUsed++;
      if (row.quote === null) return;
      const taken = accepted.get(respondent.id)!;
      let themes = [...rolled(row.quote.codes)];
      if (mode === 'quotes') {
        const mentioned = new Set(taken.themes);
        themes = themes.filter((t) => mentioned.has(t));
      }
      if (themes.length > 0) quotes.push({ respondent: respondent.id, segment: taken.segment, themes, text: row.quote.text, at: row.quote.at, order });
    });

    // Every coder's coding of every tallied respondent they coded, for agreement.
    let codings: Codings | null = null;
    const coders = [primary, ...this.coderOrder.filter((c) => c !== primary)];
    if (this.settings.hasCoders && coders.length >= 2) {
      const byCoder = new Map(coders.map((c) => [c, new Map<string, Uint32Array>()]));
      for (const state of this.respondents.values()) {
        if (!accepted.has(state.id)) continue;
        for (const [coder, codes] of state.codes) if (!state.badCoders.has(coder)) byCoder.get(coder)!.set(state.id, rolled(codes));
      }
      codings = { coders, primary, primaryFrom: configured === null ? 'first-met' : 'config', byCoder };
    }
    const respondents = mode === 'tally' ? [...accepted.values()] : [];
    return { respondents, ledger, rejectedKnown, codings, quotes };
  }
}
