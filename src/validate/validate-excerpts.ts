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
import { diagnostic, leftOutWith, say, type Message } from '../messages.ts';
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
import { AgreementCounter, type AgreementCounts } from '../stats/agreement-counter.ts';
import type { KnownRespondents } from './known-respondents.ts';
import { grown } from './grown.ts';
import { IdSet } from './id-set.ts';

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
  /**
   * Issue 19: at least the text's length in code points (its UTF-8 bytes as read), or Infinity when
   * it holds an "@"; without it the text itself is measured. Lets a quote candidate that cannot be
   * kept be let go before its text is decoded and prepared (QuoteHeaps.refuses).
   */
  textBound?(): number;
}

/** Respondents read beforehand: from the respondent file (tally mode) or the data (quotes mode); see known-respondents.ts. */
export type { KnownRespondents } from './known-respondents.ts';

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
  /** The quote as shown and its length, when worked out already (select-quotes.ts' prepareQuote). */
  prepared?: PreparedQuote;
}

/** A quote as shown (white space collapsed, identifiers masked), its length and what was masked. */
interface PreparedQuote {
  shown: string;
  length: number;
  masks: { emails: number; phones: number; names: number };
}

/** Who coded, and (issue 19) coder agreement as counts gathered while the codings were read, not each coder's coding of each respondent. */
export interface Codings {
  /** The primary coder first, then the others in order of first appearance. */
  coders: string[];
  primary: string;
  primaryFrom: 'config' | 'first-met' | 'default';
  /** Per theme, the agreement counts over the respondents two coders or more coded (coder i of the counts is coders[i]). */
  agreement: AgreementCounts;
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
  /**
   * Issue 19: what quote selection needs (quotes.enabled, perTheme, and how a quote is shown); null or absent: no quote
   * candidates are kept. `limit` caps the candidates kept per theme × segment (default: as few as
   * select-quotes.ts' rule can need, see QuoteHeaps); Infinity keeps one per theme × respondent.
   */
  quotes?: {
    perTheme: number;
    limit?: number;
    /** The quote as shown and its length (select-quotes.ts' prepareQuote, with quotes.mask); null when too short or too long. */
    prepare: (text: string) => PreparedQuote | null;
    /** How far a length is from the length preferred (select-quotes.ts' quoteDistance). */
    distance: (length: number) => number;
    /**
     * Issue 19: the least distance from the target length a text can have as shown, when its length
     * in code points is at most `bound` (RawExcerpt.textBound): Infinity when such a text is too
     * short to quote, -1 when nothing can be told (an "@", or names to mask, which may lengthen
     * it): select-quotes.ts' leastDistance, with quotes.mask. Absent: every candidate is prepared.
     */
    leastDistance?: (bound: number) => number;
  } | null;
}

export interface ExcerptOutcome {
  /** Tally mode: the respondents to tally (with the respondent file's in its order, then any others); empty when finish() handed them to `emit`. */
  respondents: ValidRespondent[];
  /** Tally mode: the excerpt rows (the caller adds the respondent file's); quotes mode: only rowsRead. */
  ledger: Ledger;
  /** Respondent-file rows whose respondent an excerpt error rejected: to move from used to rejected. */
  rejectedKnown: RejectedRow[];
  /** null when the excerpts name fewer than two coders. */
  codings: Codings | null;
  quotes: QuoteCandidate[];
  /**
   * True when the candidates kept may not be the ones the rule needs: a respondent rejected after
   * their excerpt had pushed others out of a theme × segment's best (an error file). The caller
   * then reads the excerpts again with `quotes.limit: Infinity` (rescanQuotes in read-excerpt-data.ts).
   */
  quotesIncomplete: boolean;
}

/**
 * Issue 19: the collector keeps nothing per excerpt but a few numbers in typed arrays (its
 * respondent, where its id is, its error if any), and per respondent its fields and, per coder, its
 * codes as a bitset over the codebook's codes: memory grows with respondents × codes bits, and with
 * excerpts only by 16 bytes each, never by a JavaScript object per excerpt.
 */
const NONE = -1;

/** One coder's codings: per respondent whether they coded them, whether with an error, and the direct codes (a bitset of `words` words each). */
interface CoderCodes {
  coded: Uint8Array;
  bad: Uint8Array;
  bits: Uint32Array;
}

/** A quote candidate kept for selection, with its respondent's number. */
interface Kept extends QuoteCandidate {
  prepared: PreparedQuote;
  respondentIndex: number;
  distance: number;
}

/** Whether `a` is quoted before `b` when both are of one segment and neither respondent is quoted yet: (distance from the target length, respondent, order). */
function before(a: Kept, b: Kept): boolean {
  return a.distance !== b.distance ? a.distance < b.distance : a.respondent !== b.respondent ? a.respondent < b.respondent : a.order < b.order;
}

/**
 * The quote candidates of each theme × segment: each respondent's best (select-quotes.ts' pool), and
 * of those only the first `limit` by (distance from the target length, respondent, order). That is
 * exact with limit = perTheme × (themes + 1): a pick under a theme goes to a respondent not yet quoted
 * elsewhere (of whom the best perTheme are kept) unless it goes to one quoted under an earlier theme
 * (at most perTheme × themes of them), so no candidate past the limit is ever picked
 * (test/property/select-quotes.test.ts checks the collector's selection against every candidate kept).
 */
class QuoteHeaps {
  private readonly heaps: Map<number, { items: Kept[]; full: boolean }>[];
  /** True once a respondent whose candidate was kept is rejected from a heap that had let others go. */
  incomplete = false;

  constructor(
    themes: number,
    private readonly limit: number,
  ) {
    this.heaps = Array.from({ length: themes }, () => new Map());
  }

  /** Whether a candidate could enter the theme × segment's heap (false: it comes after a full heap's last, and is let go). */
  wouldTake(theme: number, segment: number, distance: number, respondent: string): boolean {
    const heap = this.heaps[theme]!.get(segment);
    if (heap === undefined || heap.items.length < this.limit) return true;
    const last = heap.items[heap.items.length - 1]!;
    if (distance !== last.distance ? distance < last.distance : respondent !== last.respondent ? respondent < last.respondent : false) return true;
    heap.full = true;
    return false;
  }

  /**
   * Issue 19: whether the theme × segment's heap is full and would refuse any candidate of the
   * respondent whose distance from the target length is `least` or more (wouldTake is false for
   * every such candidate). Marks the heap as having let a candidate go, as wouldTake does; that may
   * say so of a candidate prepareQuote would have refused anyway, which only makes a rescan more likely.
   */
  refuses(theme: number, segment: number, least: number, respondent: string): boolean {
    const heap = this.heaps[theme]!.get(segment);
    if (heap === undefined || heap.items.length < this.limit) return false;
    const last = heap.items[heap.items.length - 1]!;
    return least > last.distance || (least === last.distance && respondent >= last.respondent);
  }

  /** Mark the theme × segment's heap as having let a candidate go (see refuses). */
  letGo(theme: number, segment: number): void {
    this.heaps[theme]!.get(segment)!.full = true;
  }

  offer(candidate: Kept, theme: number): void {
    let heap = this.heaps[theme]!.get(candidate.segment);
    if (heap === undefined) this.heaps[theme]!.set(candidate.segment, (heap = { items: [], full: false }));
    const items = heap.items;
    if (items.length >= this.limit && !before(candidate, items[items.length - 1]!)) {
      heap.full = true;
      return;
    }
    const own = items.findIndex((item) => item.respondentIndex === candidate.respondentIndex);
    if (own !== -1) {
      if (!before(candidate, items[own]!)) return;
      items.splice(own, 1);
    }
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(items[mid]!, candidate)) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, candidate);
    if (items.length > this.limit) {
      items.pop();
      heap.full = true;
    }
  }

  /** A respondent rejected: their candidates go. */
  drop(respondentIndex: number): void {
    for (const byTheme of this.heaps) {
      for (const heap of byTheme.values()) {
        const at = heap.items.findIndex((item) => item.respondentIndex === respondentIndex);
        if (at === -1) continue;
        heap.items.splice(at, 1);
        if (heap.full) this.incomplete = true;
      }
    }
  }

  /** Every candidate kept, once, with the themes it is kept under, in input order. */
  candidates(): QuoteCandidate[] {
    const themes = new Map<Kept, number[]>();
    this.heaps.forEach((byTheme, theme) => {
      for (const heap of byTheme.values()) for (const item of heap.items) themes.set(item, [...(themes.get(item) ?? []), theme]);
    });
    return [...themes]
      .sort((a, b) => a[0].order - b[0].order)
      .map(([item, list]) => ({
        respondent: item.respondent,
        segment: item.segment,
        themes: list,
        text: item.text,
        at: item.at,
        order: item.order,
        prepared: item.prepared,
      }));
  }
}

/** A respondent's weight text (ExcerptCollector.weightText): none yet; the weight's number as String() writes it; another text (oddWeights). */
const WEIGHT_NONE = 0;
const WEIGHT_AS_NUMBER = 1;
const WEIGHT_AS_TEXT = 2;

/** RawExcerpt.textBound for a text already decoded: its UTF-16 length (at least its code points), or Infinity when it holds an "@". */
function boundOf(text: string): number {
  return text.includes('@') ? Infinity : text.length;
}

export class ExcerptCollector {
  // Respondents, by number: their id, fields and failure. Issue 19: ids are kept as UTF-8 bytes in an
  // IdSet (without known respondents), or as the known respondents' number: no string per respondent.
  private readonly idSet: IdSet | null;
  private knownOf: Int32Array = new Int32Array(64);
  private respondentCount = 0;
  private segment: Int32Array = new Int32Array(64);
  private segmentLine: Int32Array = new Int32Array(64);
  private weight: Float64Array = new Float64Array(64);
  private weightLine: Int32Array = new Int32Array(64);
  private failedAt: Int32Array = new Int32Array(64);
  private hasQuote: Uint8Array = new Uint8Array(64);
  // Issue 19: the segment and weight texts each respondent's first excerpt gave, without a string per
  // respondent: the segment as a number among the distinct segment texts; the weight as its number
  // when the text is how JavaScript writes that number (WEIGHT_AS_NUMBER), else kept in `oddWeights`.
  private segmentText: Int32Array = new Int32Array(64);
  private readonly segmentTexts: string[] = [];
  private readonly segmentTextIndex = new Map<string, number>();
  private weightText: Uint8Array = new Uint8Array(64);
  private readonly oddWeights = new Map<number, string>();
  // The last respondent whose weight text was worked out, and that text.
  private heldWeightOf = NONE;
  private heldWeight = '';
  private readonly failures: RejectedRow[] = [];
  // Coders: '' without coders; each coder's codings.
  private readonly coderSlots = new Map<string, number>();
  private readonly coderCodes: CoderCodes[] = [];
  private readonly words: number;
  // Rows, by number: their respondent (-1: none), where the id is, and their error (-1: none).
  private rowRespondent: Int32Array = new Int32Array(256);
  private rowLine: Int32Array = new Int32Array(256);
  private rowColumn: Int32Array = new Int32Array(256);
  private rowFile: Int32Array = new Int32Array(256);
  private rowError: Int32Array = new Int32Array(256);
  private rowCount = 0;
  /** Issue 19: whether each row's respondent, position and error are kept, for the ledger: in tally mode only (quotes mode has no ledger, and keeps only the row being added, at 0). */
  private readonly rowsKept: boolean;
  private readonly errors: RejectedRow[] = [];
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();

  private readonly coderOrder: string[] = [];
  private primary: string | null;
  private extraRowsRead = 0;
  private readonly extraRejected: RejectedRow[] = [];
  /** Codes by label, name or path, built at the first code cell that is not a code. */
  private names: CodeNames | undefined;
  private readonly heaps: QuoteHeaps | null;
  /** With known respondents: per known number, the collector's number for them (-1: no excerpt yet). */
  private readonly byKnown: Int32Array | null;

  /** Rows seen so far (read, skipped or failed). */
  get rowsSeen(): number {
    return this.rowCount + this.extraRowsRead;
  }

  constructor(private readonly settings: ExcerptSettings) {
    this.primary = settings.hasCoders ? (settings.primaryCoder?.name ?? null) : '';
    this.words = Math.max(1, Math.ceil(settings.codebook.themes.length / 32));
    const quotes = settings.quotes ?? null;
    const themes = settings.codebook.themes.length;
    this.heaps = quotes === null || quotes.perTheme <= 0 ? null : new QuoteHeaps(themes, quotes.limit ?? quotes.perTheme * (themes + 1));
    this.byKnown = settings.known === null ? null : new Int32Array(settings.known.size).fill(NONE);
    this.idSet = settings.known === null ? new IdSet() : null;
    this.rowsKept = settings.mode === 'tally';
    if (settings.known !== null) {
      // Segment and weight come from the known respondents: not kept here.
      this.segment = new Int32Array(0);
      this.segmentLine = new Int32Array(0);
      this.weight = new Float64Array(0);
      this.weightLine = new Int32Array(0);
      this.segmentText = new Int32Array(0);
      this.weightText = new Uint8Array(0);
    }
  }

  /** A row that could not be read at all (its CSV problems were reported): rejected, with its respondent when its id is legible. */
  rowFailed(error: RejectedRow, id: string | null): void {
    const respondent = id === null || id === '' ? NONE : this.respondentIfKnown(id);
    if (respondent !== NONE && this.settings.mode === 'tally') this.fail(respondent, error);
    const slot = this.newRow(error);
    this.rowRespondent[slot] = respondent;
    this.rowError[slot] = this.errors.push(error) - 1;
  }

  /** A row skipped without error (a repeated header): counted as read and rejected, as for respondent rows. */
  rowSkipped(skipped: RejectedRow): void {
    this.extraRowsRead++;
    this.extraRejected.push(skipped);
  }

  /** Report a problem of the excerpt being added, at its field; the row's first error is its error. (A method, not a closure per excerpt.) */
  private reject(excerpt: RawExcerpt, row: number, message: Message, field: ExcerptField, offset = 0): RejectedRow {
    const at = excerpt.locate(field, offset);
    this.settings.sink.report(diagnostic(at, message));
    const rejected = { ...at, code: message.code, message: message.text };
    const slot = this.rowsKept ? row : 0;
    if (this.rowError[slot] === NONE) this.rowError[slot] = this.errors.push(rejected) - 1;
    return rejected;
  }

  add(excerpt: RawExcerpt): void {
    const { codebook, separator, mode, known, showId } = this.settings;
    const row = this.rowCount;
    const rowSlot = this.newRow(this.rowsKept ? excerpt.locate('id') : null);

    const id = excerpt.id.trim();
    const idProblem = missingId(id);
    if (idProblem !== null) {
      this.reject(excerpt, row, idProblem, 'id');
      return;
    }
    // Issue 19: the next respondent of the data is tried first (an excerpt file in the data's order).
    const knownNumber = known === null ? NONE : id === this.lastKnownId ? this.lastKnown : known.numberNear(id, this.lastKnown + 1);
    if (knownNumber !== NONE) {
      this.lastKnownId = id;
      this.lastKnown = knownNumber;
    }
    if (known !== null) {
      const problem = unknownRespondent(knownNumber !== NONE, id, known.where, showId);
      if (problem !== null) {
        this.reject(excerpt, row, problem, 'id');
        return;
      }
    }
    const respondent = this.respondent(id, knownNumber);
    this.rowRespondent[rowSlot] = respondent;

    // Whose excerpt: the primary coder's makes the tallies and the quotes.
    let coder = '';
    if (this.settings.hasCoders) {
      coder = (excerpt.coder ?? '').trim();
      const problem = missingCoder(coder);
      if (problem !== null) {
        const rejected = this.reject(excerpt, row, problem, 'coder');
        if (mode === 'tally') this.fail(respondent, rejected);
        return;
      }
      if (!this.coderOrder.includes(coder)) this.coderOrder.push(coder);
      this.primary ??= coder;
    }
    const isPrimary = coder === this.primary;
    const slot = this.coderSlot(coder);

    if (mode === 'tally' && known === null) this.readRespondentFields(excerpt, respondent, row, this.rowLine[rowSlot]!);

    const cell = unknownTheme(excerpt.code, separator, codebook);
    for (const unknown of cell.unknown) {
      // issue 14: a code cell may hold a code's label, REFI-QDA name or path (rules/ambiguous-code.ts).
      this.names ??= codeNames(codebook);
      const named = this.names.lookup(unknown.code);
      if (named.length === 1) {
        if (!cell.codes.includes(named[0]!)) cell.codes.push(named[0]!);
        continue;
      }
      const rejected =
        named.length > 1
          ? this.reject(
              excerpt,
              row,
              say.FND227(
                unknown.code,
                named.map((i) => codebook.themes[i]!.code),
              ),
              'code',
              unknown.offset,
            )
          : this.reject(excerpt, row, say.FND207(unknown.code, unknown.suggestion), 'code', unknown.offset);
      if (mode === 'tally' && isPrimary) this.fail(respondent, rejected);
      else this.coderCodes[slot]!.bad[respondent] = 1;
    }
    if (this.rowError[rowSlot] !== NONE) return;
    const codes = this.coderCodes[slot]!;
    codes.coded[respondent] = 1;
    const base = respondent * this.words;
    for (const code of cell.codes) codes.bits[base + (code >>> 5)]! |= 1 << (code & 31);
    if (this.heaps !== null && isPrimary && cell.codes.length > 0) this.offerQuote(respondent, knownNumber, id, row, excerpt, cell.codes);
  }

  /** The excerpt as a quote candidate under each theme it is coded with (rolled up), if its respondent can be in the tally. */
  private offerQuote(respondent: number, knownNumber: number, id: string, order: number, excerpt: RawExcerpt, codes: readonly number[]): void {
    const { mode, known, codebook } = this.settings;
    if (this.failedAt[respondent] !== NONE) return;
    let segment: number;
    // Quotes mode: only themes the respondent of the data mentions.
    let mentioned = false;
    if (known !== null) {
      if (!known.isValid(knownNumber)) return;
      mentioned = mode === 'quotes';
      segment = known.segmentOf(knownNumber);
    } else segment = this.segment[respondent]!;
    const themes: number[] = [];
    for (const code of codes)
      for (const target of codebook.rollup[code]!) if ((!mentioned || known!.mentions(knownNumber, target)) && !themes.includes(target)) themes.push(target);
    if (themes.length === 0) return;
    const quotes = this.settings.quotes!;
    // Issue 19: a text too short to quote, or one every heap it would enter is full of better candidates for, is let go undecoded and unprepared.
    if (quotes.leastDistance !== undefined) {
      const least = quotes.leastDistance(excerpt.textBound !== undefined ? excerpt.textBound() : boundOf(excerpt.text));
      if (least === Infinity) return;
      if (least >= 0 && this.refusedEverywhere(themes, segment, least, id)) return;
    }
    const text = excerpt.text.trim();
    if (text === '') return;
    const prepared = quotes.prepare(text);
    if (prepared === null) return;
    const distance = quotes.distance(prepared.length);
    let kept: Kept | null = null;
    for (const theme of themes) {
      if (theme >= codebook.themes.length || !this.heaps!.wouldTake(theme, segment, distance, id)) continue;
      // Made only for a candidate a heap takes (its position too): most excerpts of a large file are not.
      kept ??= { respondent: id, respondentIndex: respondent, segment, themes: [], text, at: excerpt.locate('text'), order, prepared, distance };
      this.hasQuote[respondent] = 1;
      this.heaps!.offer(kept, theme);
    }
  }

  /** Whether every theme's heap for the segment refuses candidates `least` or more from the target length (QuoteHeaps.refuses); if so, each is marked as having let one go. */
  private refusedEverywhere(themes: readonly number[], segment: number, least: number, id: string): boolean {
    const heaps = this.heaps!;
    const count = this.settings.codebook.themes.length;
    for (const theme of themes) if (theme < count && !heaps.refuses(theme, segment, least, id)) return false;
    for (const theme of themes) if (theme < count) heaps.letGo(theme, segment);
    return true;
  }

  /** Segment and weight given with each excerpt: read at the first, the same at every other. */
  private readRespondentFields(excerpt: RawExcerpt, respondent: number, row: number, line: number): void {
    // issue 14: excerpts that give no segment (and no respondent file): everyone is in the one group.
    const segmentText = excerpt.segment === null ? ALL_SEGMENT.id : excerpt.segment.trim();
    const segmentProblem = missingSegment(segmentText);
    const heldNumber = this.segmentText[respondent]!;
    const held = heldNumber === NONE ? null : this.segmentTexts[heldNumber]!;
    if (segmentProblem !== null) this.fail(respondent, this.reject(excerpt, row, segmentProblem, 'segment'));
    else if (held === null) {
      let number = this.segmentTextIndex.get(segmentText);
      if (number === undefined) {
        number = this.segmentTexts.push(segmentText) - 1;
        this.segmentTextIndex.set(segmentText, number);
      }
      this.segmentText[respondent] = number;
      this.segmentLine[respondent] = line;
      this.segment[respondent] = this.settings.segments.indexOf(segmentText, excerpt.locate('segment'), this.settings.sink);
    } else {
      const conflict = respondentConflict('segment', held, segmentText, this.segmentLine[respondent]!);
      if (conflict !== null) this.fail(respondent, this.reject(excerpt, row, conflict, 'segment'));
    }
    if (excerpt.weight === null) return;
    const weightText = excerpt.weight.trim();
    const heldWeight = this.heldWeightText(respondent);
    if (heldWeight === null) {
      this.weightLine[respondent] = line;
      const parsed = invalidWeight(weightText);
      if (typeof parsed !== 'number') this.fail(respondent, this.reject(excerpt, row, parsed, 'weight'));
      else this.weight[respondent] = parsed;
      if (typeof parsed === 'number' && String(parsed) === weightText) this.weightText[respondent] = WEIGHT_AS_NUMBER;
      else {
        this.weightText[respondent] = WEIGHT_AS_TEXT;
        this.oddWeights.set(respondent, weightText);
      }
      this.heldWeightOf = respondent;
      this.heldWeight = weightText;
    } else {
      const conflict = respondentConflict('weight', heldWeight, weightText, this.weightLine[respondent]!);
      if (conflict !== null) this.fail(respondent, this.reject(excerpt, row, conflict, 'weight'));
    }
  }

  /** The weight text the respondent's first excerpt gave (null: none yet). */
  private heldWeightText(respondent: number): string | null {
    if (this.heldWeightOf === respondent) return this.heldWeight;
    const kind = this.weightText[respondent]!;
    if (kind === WEIGHT_NONE) return null;
    const text = kind === WEIGHT_AS_NUMBER ? String(this.weight[respondent]!) : this.oddWeights.get(respondent)!;
    this.heldWeightOf = respondent;
    this.heldWeight = text;
    return text;
  }

  /** The respondent's first failure is kept (as `failed ??=`); their quote candidates go. */
  private fail(respondent: number, why: RejectedRow): void {
    if (this.failedAt[respondent] !== NONE) return;
    this.failedAt[respondent] = this.failures.push(why) - 1;
    if (this.hasQuote[respondent] === 1) this.heaps?.drop(respondent);
  }

  /** A new row (number rowCount) at `at` (null in quotes mode); where its respondent and error are kept (its number, or 0 in quotes mode). */
  private newRow(at: Position | null): number {
    const row = this.rowCount++;
    if (!this.rowsKept || at === null) {
      this.rowRespondent[0] = NONE;
      this.rowError[0] = NONE;
      return 0;
    }
    if (row >= this.rowRespondent.length) {
      const n = row + 1;
      this.rowRespondent = grown(this.rowRespondent, n);
      this.rowLine = grown(this.rowLine, n);
      this.rowColumn = grown(this.rowColumn, n);
      this.rowFile = grown(this.rowFile, n);
      this.rowError = grown(this.rowError, n);
    }
    let file = this.fileIndex.get(at.file);
    if (file === undefined) {
      file = this.files.push(at.file) - 1;
      this.fileIndex.set(at.file, file);
    }
    this.rowRespondent[row] = NONE;
    this.rowLine[row] = at.line;
    this.rowColumn[row] = at.column;
    this.rowFile[row] = file;
    this.rowError[row] = NONE;
    return row;
  }

  private rowAt(row: number): Position {
    return { file: this.files[this.rowFile[row]!]!, line: this.rowLine[row]!, column: this.rowColumn[row]! };
  }

  private coderSlot(coder: string): number {
    let slot = this.coderSlots.get(coder);
    if (slot === undefined) {
      slot = this.coderCodes.length;
      this.coderSlots.set(coder, slot);
      const n = this.failedAt.length;
      this.coderCodes.push({ coded: new Uint8Array(n), bad: new Uint8Array(n), bits: new Uint32Array(n * this.words) });
    }
    return slot;
  }

  private lastId = '';
  private lastRespondent = NONE;
  /** The known respondent number last found for an excerpt, and its id. */
  private lastKnown = NONE;
  private lastKnownId = '';

  private respondent(id: string, knownNumber: number): number {
    // Excerpts of one respondent usually come one after another: no lookup for them.
    if (id === this.lastId && this.lastRespondent !== NONE) return this.lastRespondent;
    const found = this.respondentByLookup(id, knownNumber);
    this.lastId = id;
    this.lastRespondent = found;
    return found;
  }

  private respondentByLookup(id: string, knownNumber: number): number {
    // Issue 19: ids joined to known respondents are found by their number there (no second index of strings).
    const byKnown = this.byKnown;
    const state = byKnown === null ? this.idSet!.numberMetId(id) : byKnown[knownNumber] === NONE ? this.respondentCount : byKnown[knownNumber]!;
    if (state === this.respondentCount) {
      this.respondentCount++;
      if (state >= this.failedAt.length) {
        const n = state + 1;
        if (byKnown !== null) this.knownOf = grown(this.knownOf, n);
        else {
          this.segment = grown(this.segment, n);
          this.segmentLine = grown(this.segmentLine, n);
          this.weight = grown(this.weight, n);
          this.weightLine = grown(this.weightLine, n);
          this.segmentText = grown(this.segmentText, n);
          this.weightText = grown(this.weightText, n);
        }
        this.failedAt = grown(this.failedAt, n);
        this.hasQuote = grown(this.hasQuote, n);
        // Each coder's arrays are as long as these (coderSlot makes them so): they grow with them.
        const size = this.failedAt.length;
        for (const codes of this.coderCodes) {
          codes.coded = grown(codes.coded, size);
          codes.bad = grown(codes.bad, size);
          codes.bits = grown(codes.bits, size * this.words);
        }
      }
      if (byKnown !== null) {
        byKnown[knownNumber] = state;
        this.knownOf[state] = knownNumber;
      } else {
        // (Segment and weight are read from the excerpts only without known respondents.)
        this.segmentText[state] = NONE;
        this.weightText[state] = WEIGHT_NONE;
        this.segment[state] = -1;
        this.segmentLine[state] = 0;
        this.weight[state] = 1;
        this.weightLine[state] = 0;
      }
      this.failedAt[state] = NONE;
    }
    return state;
  }

  /** Respondent `state`'s id. */
  private idOf(state: number): string {
    return this.idSet !== null ? this.idSet.idOf(state) : this.settings.known!.idOf(this.knownOf[state]!);
  }

  private respondentIfKnown(id: string): number {
    const known = this.settings.known;
    const knownNumber = known === null ? NONE : known.numberOf(id);
    if (known !== null && knownNumber === NONE) return NONE;
    return this.respondent(id, knownNumber);
  }

  private failure(respondent: number): RejectedRow | null {
    const at = this.failedAt[respondent]!;
    return at === NONE ? null : this.failures[at]!;
  }

  /**
   * Settle every respondent and row. Returns 'config' when data.primaryCoder names a coder who
   * coded none of the excerpts (reported at that key).
   */
  finish(emit?: (respondent: ValidRespondent) => void): ExcerptOutcome | 'config' {
    const { sink, mode, known, codebook, showId } = this.settings;
    const configured = this.settings.primaryCoder;
    if (this.settings.hasCoders && configured !== null && !this.coderOrder.includes(configured.name)) {
      sink.report(diagnostic(configured.at, say.FND006.primaryCoderUnused(configured.name, this.coderOrder)));
      return 'config';
    }
    const primary = this.primary ?? '';
    const words = this.words;
    // Issue 19: the themes rolled up into a bitset over the themes, read out in order: no Set or sort per respondent.
    let space = codebook.themes.length;
    for (const targets of codebook.rollup) for (const target of targets) space = Math.max(space, target + 1);
    const themeWords = Math.max(1, Math.ceil(space / 32));
    const targets = new Uint32Array(themeWords);
    const rolled = (codes: CoderCodes | undefined, respondent: number): Uint32Array => {
      if (codes === undefined || codes.coded[respondent] !== 1) return new Uint32Array(0);
      targets.fill(0);
      let count = 0;
      const base = respondent * words;
      for (let w = 0; w < words; w++) {
        let word = codes.bits[base + w]!;
        while (word !== 0) {
          const bit = 31 - Math.clz32(word & -word);
          word &= word - 1;
          for (const target of codebook.rollup[w * 32 + bit]!) {
            const mask = 1 << (target & 31);
            if ((targets[target >>> 5]! & mask) === 0) {
              targets[target >>> 5]! |= mask;
              count++;
            }
          }
        }
      }
      const out = new Uint32Array(count);
      let at = 0;
      for (let w = 0; w < themeWords; w++) {
        let word = targets[w]!;
        while (word !== 0) {
          out[at++] = w * 32 + (31 - Math.clz32(word & -word));
          word &= word - 1;
        }
      }
      return out;
    };
    const primaryCodes = this.coderCodes[this.coderSlots.get(primary) ?? -1];

    // Who is tallied: the respondent file's valid respondents, or every respondent met without error.
    const accepted = new Uint8Array(this.respondentCount);
    const respondents: ValidRespondent[] = [];
    // Issue 19: handed on one at a time when the caller takes them so, rather than kept in an array.
    const take = emit ?? ((respondent: ValidRespondent) => void respondents.push(respondent));
    const rejectedKnown: RejectedRow[] = [];
    let knownAccepted: Set<string> | null = null;
    if (mode === 'tally') {
      if (known !== null) {
        knownAccepted = new Set();
        for (const n of known.validNumbers()) {
          const respondent = known.recordOf(n);
          const id = respondent.id;
          const state = this.byKnown![n] === NONE ? undefined : this.byKnown![n];
          const failed = state === undefined ? null : this.failure(state);
          if (failed !== null) {
            const line = known.lineOf(n);
            rejectedKnown.push({ ...failed, message: leftOutWith.failed(showId(id), failed.message, failed.line, line) });
            continue;
          }
          if (state !== undefined) accepted[state] = 1;
          knownAccepted.add(id);
          const themes = state === undefined ? new Uint32Array(0) : rolled(primaryCodes, state);
          take({ ...respondent, themes } as ValidRespondent);
        }
      } else {
        for (let state = 0; state < this.respondentCount; state++) {
          if (this.failedAt[state] !== NONE) continue;
          accepted[state] = 1;
          take({
            id: this.idOf(state),
            segment: this.segment[state]!,
            weight: this.weight[state]!,
            themes: rolled(primaryCodes, state),
            answers: new Int32Array(0),
          } as unknown as ValidRespondent);
        }
      }
    } else if (known !== null) {
      const byKnown = this.byKnown!;
      for (let n = 0; n < byKnown.length; n++) if (byKnown[n] !== NONE && known.isValid(n)) accepted[byKnown[n]!] = 1;
    }

    // The ledger of excerpt rows.
    const ledger: Ledger = {
      rowsRead: this.rowCount + this.extraRowsRead,
      rowsUsed: 0,
      rowsRejected: this.extraRejected.length,
      rejected: [...this.extraRejected],
    };
    for (let row = 0; row < (this.rowsKept ? this.rowCount : 0); row++) {
      const respondent = this.rowRespondent[row]!;
      const error = this.rowError[row]!;
      const tallied = respondent !== NONE && accepted[respondent] === 1;
      if (error === NONE && tallied) {
        ledger.rowsUsed++;
        continue;
      }
      ledger.rowsRejected++;
      if (error !== NONE) ledger.rejected.push(this.errors[error]!);
      else if (respondent !== NONE) {
        const id = this.idOf(respondent);
        const at = this.rowAt(row);
        const failed = this.failure(respondent);
        const why = failed ?? { ...at, code: 'FND218', message: say.FND218.short(known?.where ?? { kind: 'data' }).text };
        const message =
          known?.has(id) && failed === null ? leftOutWith.rowHasErrors(showId(id), known.where) : leftOutWith.because(showId(id), why.message, why.line);
        ledger.rejected.push({ ...at, code: why.code, message });
      }
    }

    // Every coder's coding of every tallied respondent they coded, for agreement.
    let codings: Codings | null = null;
    const coders = [primary, ...this.coderOrder.filter((c) => c !== primary)];
    if (this.settings.hasCoders && coders.length >= 2) {
      // Issue 19: counted respondent by respondent from the coders' bitsets, never a matrix of them.
      const counter = new AgreementCounter(codebook.themes.length, coders.length);
      const slots = coders.map((c) => this.coderCodes[this.coderSlots.get(c) ?? -1]);
      for (let state = 0; state < this.respondentCount; state++) {
        if (accepted[state] !== 1) continue;
        const base = state * words;
        slots.forEach((codes, i) => {
          if (codes === undefined || codes.coded[state] !== 1 || codes.bad[state] === 1) return;
          counter.coder(i);
          for (let w = 0; w < words; w++) {
            let word = codes.bits[base + w]!;
            while (word !== 0) {
              const bit = 31 - Math.clz32(word & -word);
              word &= word - 1;
              for (const target of codebook.rollup[w * 32 + bit]!) counter.mention(target);
            }
          }
        });
        counter.endUnit();
      }
      codings = { coders, primary, primaryFrom: configured === null ? 'first-met' : 'config', agreement: counter.finish() };
    }
    const quotes = this.heaps === null ? [] : this.heaps.candidates().filter((c) => knownAccepted === null || knownAccepted.has(c.respondent));
    return { respondents: mode === 'tally' ? respondents : [], ledger, rejectedKnown, codings, quotes, quotesIncomplete: this.heaps?.incomplete ?? false };
  }
}
