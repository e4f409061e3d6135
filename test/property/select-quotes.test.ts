/**
 * Issue 19: selectQuotes gathers each theme's pool once, keeps one excerpt per respondent and picks
 * without allocating. It must choose exactly what the rule as first written chose (kept below as the
 * reference, word for word): the same quotes in the same order and the same FND310 warnings, on
 * generated candidates full of ties (respondents with several excerpts, equal lengths, repeated
 * themes, small segments, masked names). fast-check, fixed seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnostic, say } from '../../src/messages.ts';
import type { Codebook, Diagnostic, DiagnosticSink, QuoteResult, SegmentConfig } from '../../src/model.ts';
import { maskIdentifiers } from '../../src/quotes/mask-identifiers.ts';
import { selectQuotes, type QuoteOptions } from '../../src/quotes/select-quotes.ts';
import { singularNoun } from '../../src/quotes/singular-noun.ts';
import { withArticle } from '../../src/quotes/with-article.ts';
import type { QuoteCandidate } from '../../src/validate/validate-excerpts.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 150);

// ---- the reference: src/quotes/select-quotes.ts before issue 19 ----
const QUOTE_LENGTH = { min: 20, max: 600, target: 160 } as const;
interface Prepared extends QuoteCandidate {
  shown: string;
  length: number;
  masks: { emails: number; phones: number; names: number };
}
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
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
function referenceSelect(candidates: readonly QuoteCandidate[], options: QuoteOptions, sink: DiagnosticSink): { quotes: QuoteResult[] } {
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
// ---- end of the reference ----

const THEMES = ['a', 'b', 'c', 'd'];
const codebook: Codebook = {
  themes: THEMES.map((code) => ({ code, label: code.toUpperCase(), description: '', parent: null, color: null, statement: null })),
  index: new Map(THEMES.map((code, i) => [code, i])),
  rollup: THEMES.map((_, i) => [i]),
};
const segments: SegmentConfig[] = [
  { id: 'funder', label: 'Funders', plural: 'funders' },
  { id: 'nonprofit', label: 'Nonprofits', plural: 'nonprofits' },
  { id: 'agency', label: 'Agencies', plural: 'agencies' },
];

/** Lengths near the thresholds and the target, so ties and cut-offs are common. */
const length = fc.constantFrom(5, 19, 20, 21, 150, 159, 160, 161, 170, 600, 601);
const candidate = fc.record({
  respondent: fc.constantFrom('R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R10', 'r2'),
  segment: fc.integer({ min: 0, max: 3 }),
  themes: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }),
  length,
  named: fc.boolean(),
  order: fc.integer({ min: 0, max: 6 }),
});

describe('selectQuotes (issue 19): the same picks as the rule as first written', () => {
  it('chooses the same quotes and warns the same, ties and all', () => {
    fc.assert(
      fc.property(
        fc.array(candidate, { maxLength: 40 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        (raw, perTheme, mentions, segmentSizes, minBase) => {
          const candidates: QuoteCandidate[] = raw.map((r, i) => {
            const text = `${r.named ? 'Ada Lovelace said ' : ''}${'w '.repeat(r.length)}`.slice(0, r.length + (r.named ? 18 : 0));
            return { respondent: r.respondent, segment: r.segment, themes: r.themes, text, at: { file: 'x.csv', line: i + 2, column: 1 }, order: r.order };
          });
          const options: QuoteOptions = { codebook, mentions, segments, segmentSizes, minBase, perTheme, mask: ['Ada Lovelace'] };
          const expectedDiagnostics: Diagnostic[] = [];
          const actualDiagnostics: Diagnostic[] = [];
          const expected = referenceSelect(candidates, options, { report: (d) => void expectedDiagnostics.push(d) });
          const actual = selectQuotes(candidates, options, { report: (d) => void actualDiagnostics.push(d) });
          expect(actual).toEqual(expected);
          expect(actualDiagnostics).toEqual(expectedDiagnostics);
        },
      ),
      { seed: 19019, numRuns: runs },
    );
  });
});
