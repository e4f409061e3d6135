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
    const masked = maskIdentifiers(candidate.text.replace(/\s+/g, ' ').trim(), options.mask);
    const length = [...masked.text].length;
    if (length < QUOTE_LENGTH.min || length > QUOTE_LENGTH.max) continue;
    prepared.push({ ...candidate, shown: masked.text, length, masks: { emails: masked.emails, phones: masked.phones, names: masked.names } });
  }

  const order = codebook.themes.map((_, t) => t).sort((a, b) => (options.mentions[b] ?? 0) - (options.mentions[a] ?? 0) || a - b);
  const quotedRespondent = new Map<string, number>();
  const picks = new Map<number, Prepared[]>();
  for (const theme of order) {
    const pool = prepared.filter((c) => c.themes.includes(theme));
    const taken: Prepared[] = [];
    const bySegment = new Map<number, number>();
    const here = new Set<string>();
    while (taken.length < perTheme) {
      let best: Prepared | null = null;
      let bestKey: (number | string)[] = [];
      for (const c of pool) {
        if (here.has(c.respondent)) continue;
        const withheld = (options.segmentSizes[c.segment] ?? 0) < options.minBase ? 1 : 0;
        const key = [
          withheld,
          bySegment.get(c.segment) ?? 0,
          quotedRespondent.get(c.respondent) ?? 0,
          Math.abs(c.length - QUOTE_LENGTH.target),
          c.respondent,
          c.order,
        ];
        if (best === null || compareKeys(key, bestKey) < 0) {
          best = c;
          bestKey = key;
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

function compareKeys(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}
