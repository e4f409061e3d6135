/**
 * Choose the quotes of results.quotes: for each theme, up to `perTheme` excerpts in the
 * respondents' own words, de-identified, attributed by segment only.
 *
 * The rule, deterministic (the same data give the same quotes):
 * 1. Candidates are the primary coder's excerpts coded with the theme or one of its sub-themes, of
 *    respondents in the tally (for an excerpt file beside respondent rows, only where the respondent
 *    mentions the theme). White space is collapsed and identifiers masked first (maskIdentifiers);
 *    excerpts shorter than 20 or longer than 600 characters (code points) after that are not quoted.
 * 2. Themes are served in order of prevalence (most respondents first, then codebook order), so the
 *    themes the report leads with choose first.
 * 3. Each pick takes the candidate that comes first by: a segment that can be named (see 4) before
 *    one that cannot; fewest quotes already taken from its segment for this theme (spread across
 *    segments); fewest quotes already taken from its respondent for
 *    other themes (spread across respondents); length closest to 160 characters (medium length);
 *    then respondent id and file order. Never two quotes from one respondent under one theme. (An
 *    excerpt coded with a sub-theme may be quoted under its parent too.)
 * 4. Attribution names the segment in the singular ("a funder"); a segment with fewer respondents
 *    than report.minBase is not named ("a respondent"), since so small a group could identify them.
 *
 * A quote that needed masking is kept (masked) and warned about once (FND310), at the excerpt's text.
 */
import type { Codebook, DiagnosticSink, QuoteResult, SegmentConfig } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import type { QuoteCandidate } from '../validate/validate-excerpts.ts';
import { maskIdentifiers } from './mask-identifiers.ts';
import { singularNoun } from './singular-noun.ts';
import { withArticle } from './with-article.ts';

const QUOTE_LENGTH = { min: 20, max: 600, target: 160 } as const;
/** White space that collapsing would change: any but a single space. */
const LOOSE_SPACE = /[^\S ]| {2}/;
/** What an e-mail address (an "@") or a phone number (digits) needs. */
const MAYBE_MASKED = /[@\d]/;
/** Text without surrogates has as many code points as UTF-16 units. */
const SURROGATE = /[\uD800-\uDFFF]/;

export interface QuoteOptions {
  codebook: Codebook;
  /** Respondents mentioning each theme (codebook order): the order themes choose in. */
  mentions: readonly number[];
  segments: readonly SegmentConfig[];
  /** Respondents per segment, for the low-base rule. */
  segmentSizes: readonly number[];
  minBase: number;
  perTheme: number;
  mask: readonly string[];
}

interface Prepared extends QuoteCandidate {
  shown: string;
  length: number;
  masks: { emails: number; phones: number; names: number };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function selectQuotes(candidates: readonly QuoteCandidate[], options: QuoteOptions, sink: DiagnosticSink): { quotes: QuoteResult[] } {
  const { codebook, perTheme } = options;
  if (perTheme <= 0 || candidates.length === 0) return { quotes: [] };
  const prepared: Prepared[] = [];
  for (const candidate of candidates) {
    const ready = candidate.prepared !== undefined ? candidate.prepared : prepareQuote(candidate.text, options.mask);
    if (ready === null) continue;
    prepared.push({ ...candidate, ...ready });
  }

  const order = codebook.themes.map((_, t) => t).sort((a, b) => (options.mentions[b] ?? 0) - (options.mentions[a] ?? 0) || a - b);
  // Issue 19: each theme's pool is gathered once, and holds one candidate per respondent (and
  // segment): the one closest to the target length, then first in the file. That is exact, since a
  // respondent is quoted at most once under a theme and the rule tells their excerpts apart only by
  // length and order; it keeps a pick linear in the respondents rather than in the excerpts, and a
  // pick allocates nothing. test/property/select-quotes.test.ts checks it against the rule as first written.
  const pools: Map<string, Prepared>[] = codebook.themes.map(() => new Map());
  for (const c of prepared) {
    const key = `${c.segment}\u0000${c.respondent}`;
    for (const theme of c.themes) {
      const pool = pools[theme];
      if (pool === undefined) continue;
      const held = pool.get(key);
      if (held === undefined || closer(c, held)) pool.set(key, c);
    }
  }
  const withheld = (segment: number) => ((options.segmentSizes[segment] ?? 0) < options.minBase ? 1 : 0);
  const quotedRespondent = new Map<string, number>();
  const picks = new Map<number, Prepared[]>();
  for (const theme of order) {
    const pool = [...pools[theme]!.values()];
    const taken: Prepared[] = [];
    const bySegment = new Map<number, number>();
    const here = new Set<string>();
    while (taken.length < perTheme) {
      // The first by (withheld, quotes from its segment here, quotes of its respondent elsewhere, distance from the target length, respondent, order).
      let best: Prepared | null = null;
      let bw = 0;
      let bs = 0;
      let bq = 0;
      let bd = 0;
      for (const c of pool) {
        if (here.has(c.respondent)) continue;
        const w = withheld(c.segment);
        const sq = bySegment.get(c.segment) ?? 0;
        const q = quotedRespondent.get(c.respondent) ?? 0;
        const d = Math.abs(c.length - QUOTE_LENGTH.target);
        const better =
          best === null ||
          (w !== bw
            ? w < bw
            : sq !== bs
              ? sq < bs
              : q !== bq
                ? q < bq
                : d !== bd
                  ? d < bd
                  : c.respondent !== best.respondent
                    ? c.respondent < best.respondent
                    : c.order < best.order);
        if (better) {
          best = c;
          bw = w;
          bs = sq;
          bq = q;
          bd = d;
        }
      }
      if (best === null) break;
      taken.push(best);
      here.add(best.respondent);
      bySegment.set(best.segment, (bySegment.get(best.segment) ?? 0) + 1);
      quotedRespondent.set(best.respondent, (quotedRespondent.get(best.respondent) ?? 0) + 1);
    }
    picks.set(theme, taken);
  }

  const quotes: QuoteResult[] = [];
  const masked = new Map<Prepared, string[]>();
  codebook.themes.forEach((theme, t) => {
    for (const pick of picks.get(t) ?? []) {
      const segment = options.segments[pick.segment];
      const named = segment !== undefined && (options.segmentSizes[pick.segment] ?? 0) >= options.minBase;
      const wasMasked = pick.masks.emails + pick.masks.phones + pick.masks.names > 0;
      quotes.push({
        theme: theme.code,
        text: pick.shown,
        segment: named ? segment.id : null,
        attribution: named ? withArticle(segment.singular ?? singularNoun(segment.plural)) : 'a respondent',
        masked: wasMasked,
      });
      if (wasMasked) masked.set(pick, [...(masked.get(pick) ?? []), theme.code]);
    }
  });
  // One warning per masked excerpt, in file order, naming the themes it is quoted under.
  for (const [pick, themes] of [...masked].sort((a, b) => a[0].order - b[0].order)) {
    const what = [
      pick.masks.names > 0 ? count(pick.masks.names, 'name', 'names') : null,
      pick.masks.emails > 0 ? count(pick.masks.emails, 'e-mail address', 'e-mail addresses') : null,
      pick.masks.phones > 0 ? count(pick.masks.phones, 'phone number', 'phone numbers') : null,
    ].filter((x) => x !== null);
    sink.report(diagnostic(pick.at, say.FND310(themes, what)));
  }
  return { quotes };
}

/** A quote as it would be shown (white space collapsed, identifiers masked) and its length; null when too short or too long to quote (rule 1). */
export function prepareQuote(text: string, mask: readonly string[]): Pick<Prepared, 'shown' | 'length' | 'masks'> | null {
  const collapsed = LOOSE_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
  // Issue 19: without names to mask, text with no "@" and no digit holds no e-mail address or phone number to mask.
  const masked = mask.length === 0 && !MAYBE_MASKED.test(collapsed) ? { text: collapsed, emails: 0, phones: 0, names: 0 } : maskIdentifiers(collapsed, mask);
  const length = SURROGATE.test(masked.text) ? [...masked.text].length : masked.text.length;
  if (length < QUOTE_LENGTH.min || length > QUOTE_LENGTH.max) return null;
  return { shown: masked.text, length, masks: { emails: masked.emails, phones: masked.phones, names: masked.names } };
}

/** How far a prepared quote's length is from the length preferred (rule 3). */
export function quoteDistance(length: number): number {
  return Math.abs(length - QUOTE_LENGTH.target);
}

/**
 * Issue 19: the least distance from the target length (quoteDistance) of a quote whose text has at
 * most `bound` code points (white space collapsed or not): Infinity when it is too short to quote at
 * all (prepareQuote gives null), -1 when nothing can be told: a bound of Infinity (the text holds an
 * "@": "a@b.cd" masked as "[email]" grows) or names to mask ("Al" masked as "[name]" grows). Masking
 * a phone number (at least 8 characters, as "[phone]" 7) and collapsing white space only shorten.
 */
export function leastDistance(bound: number, mask: readonly string[]): number {
  if (bound === Infinity || mask.length > 0) return -1;
  if (bound < QUOTE_LENGTH.min) return Infinity;
  return bound >= QUOTE_LENGTH.target ? 0 : QUOTE_LENGTH.target - bound;
}

/** Of two excerpts of one respondent, whether `a` would be quoted before `b`: closer to the target length, then first in the file. */
function closer(a: Prepared, b: Prepared): boolean {
  const da = Math.abs(a.length - QUOTE_LENGTH.target);
  const db = Math.abs(b.length - QUOTE_LENGTH.target);
  return da !== db ? da < db : a.order < b.order;
}
