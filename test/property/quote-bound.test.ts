/**
 * Issue 19: the excerpt collector keeps, per theme × segment, only the quote candidates the quote
 * rule can need (perTheme × (themes + 1), validate-excerpts.ts' QuoteHeaps), and reads the excerpts
 * again when a respondent rejected late may have taken a needed one with them. The quotes chosen
 * from what it keeps are those chosen from every respondent's best candidate (limit: Infinity, the
 * pool as select-quotes.ts first wrote it), for excerpts of few respondents coded with sub-themes
 * (so that one excerpt is a candidate under two themes, and respondents quoted under one theme give
 * way under the next), with errors that reject respondents after their excerpts were kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Codebook, Diagnostic, Position } from '../../src/model.ts';
import { leastDistance, prepareQuote, quoteDistance, selectQuotes } from '../../src/quotes/select-quotes.ts';
import { SegmentRegistry } from '../../src/validate/validate-respondents.ts';
import { ExcerptCollector, type ExcerptField, type RawExcerpt } from '../../src/validate/validate-excerpts.ts';

const codebook: Codebook = {
  themes: [
    { code: 'a', label: 'A', description: '', parent: null, color: null, statement: null },
    { code: 'b', label: 'B', description: '', parent: 'a', color: null, statement: null },
    { code: 'c', label: 'C', description: '', parent: null, color: null, statement: null },
    { code: 'd', label: 'D', description: '', parent: 'c', color: null, statement: null },
  ],
  index: new Map([
    ['a', 0],
    ['b', 1],
    ['c', 2],
    ['d', 3],
  ]),
  rollup: [[0], [0, 1], [2], [2, 3]],
};

interface Row {
  id: number;
  code: string;
  length: number;
  segment: string;
  weight: string;
}

const row = fc.record({
  id: fc.integer({ min: 1, max: 40 }),
  code: fc.oneof({ weight: 30, arbitrary: fc.constantFrom('a', 'b', 'c', 'd', 'b;d') }, { weight: 1, arbitrary: fc.constantFrom('zz', '') }),
  length: fc.integer({ min: 10, max: 320 }),
  // The respondent's own segment (by id), now and then another (a conflict: the respondent is rejected) or none.
  segment: fc.oneof({ weight: 40, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('x', 'y', ' ') }),
  weight: fc.oneof({ weight: 40, arbitrary: fc.constant('1') }, { weight: 1, arbitrary: fc.constant('abc') }),
});
const segmentOf = (r: Row) => (r.segment === '' ? ['x', 'y', 'z'][r.id % 3]! : r.segment);

/** Whether candidates may be let go before they are prepared (leastDistance); how many texts were prepared. */
interface Early {
  early: boolean;
  prepared: number;
}

function collect(rows: readonly Row[], perTheme: number, limit: number | undefined, early: Early = { early: false, prepared: 0 }) {
  const diagnostics: Diagnostic[] = [];
  const sink = { report: (d: Diagnostic) => void diagnostics.push(d) };
  const segments = new SegmentRegistry([]);
  const collector = new ExcerptCollector({
    mode: 'tally',
    file: 'e.csv',
    codebook,
    separator: ';',
    segments,
    known: null,
    hasCoders: false,
    primaryCoder: null,
    showId: (id) => id,
    sink,
    quotes: {
      perTheme,
      prepare: (text) => {
        early.prepared++;
        return prepareQuote(text, []);
      },
      distance: quoteDistance,
      ...(early.early ? { leastDistance: (bound: number) => leastDistance(bound, []) } : {}),
      ...(limit === undefined ? {} : { limit }),
    },
  });
  rows.forEach((r, i) => {
    const at = (field: ExcerptField, offset = 0): Position => ({
      file: 'e.csv',
      line: i + 2,
      column: ['id', 'code', 'text', 'coder', 'segment', 'weight'].indexOf(field) + 1 + offset,
    });
    const excerpt: RawExcerpt = {
      id: `R${r.id}`,
      code: r.code,
      text: `${'w'.repeat(r.length % 7)} ${'x'.repeat(r.length)}`,
      coder: null,
      segment: segmentOf(r),
      weight: r.weight,
      locate: at,
    };
    collector.add(excerpt);
  });
  const settled = collector.finish();
  if (settled === 'config') throw new Error('no config problem expected');
  return { settled, segments, diagnostics };
}

function quotes(rows: readonly Row[], perTheme: number, limit: number | undefined, early: Early = { early: false, prepared: 0 }) {
  const { settled, segments } = collect(rows, perTheme, limit, early);
  // A rejected respondent's candidates may be missing: the caller reads again with no limit (rescanQuotes).
  const candidates = settled.quotesIncomplete ? collect(rows, perTheme, Infinity).settled.quotes : settled.quotes;
  const mentions = codebook.themes.map((_, t) => settled.respondents.filter((r) => r.themes.includes(t)).length);
  const sizes = segments.segments.map((_, s) => settled.respondents.filter((r) => r.segment === s).length);
  const diagnostics: Diagnostic[] = [];
  const chosen = selectQuotes(
    candidates,
    { codebook, mentions, segments: segments.segments, segmentSizes: sizes, minBase: 3, perTheme, mask: [] },
    { report: (d) => void diagnostics.push(d) },
  );
  return { quotes: chosen.quotes, incomplete: settled.quotesIncomplete, kept: settled.quotes.length };
}

describe('quote candidates kept in bounded memory', () => {
  it('choose the quotes that every respondent’s best candidate would', () => {
    let bounded = 0;
    let rescanned = 0;
    let unprepared = 0;
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 0, maxLength: 160, size: 'max' }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 2 }),
        (some, late, perTheme) => {
          // Respondents rejected at the end (a weight that differs from their first), after their excerpts were kept.
          const rows = [...some, ...late.map((id) => ({ id, code: 'a', length: 5, segment: '', weight: '2' }))];
          const all = quotes(rows, perTheme, Infinity);
          const kept = quotes(rows, perTheme, undefined);
          expect(kept.quotes).toEqual(all.quotes);
          if (kept.kept < all.kept) bounded++;
          if (kept.incomplete) rescanned++;
          // Issue 19: candidates let go before they are prepared (leastDistance) change nothing either.
          const prepareAll: Early = { early: false, prepared: 0 };
          const early: Early = { early: true, prepared: 0 };
          quotes(rows, perTheme, undefined, prepareAll);
          expect(quotes(rows, perTheme, undefined, early).quotes).toEqual(all.quotes);
          if (early.prepared < prepareAll.prepared) unprepared++;
          // The same candidates are kept, whatever the limit (a small one makes ties at a full heap's last common).
          for (const limit of [1, 2, 3]) {
            expect(collect(rows, perTheme, limit, { early: true, prepared: 0 }).settled.quotes).toEqual(collect(rows, perTheme, limit).settled.quotes);
          }
        },
      ),
      { seed: 1921, numRuns: 200 },
    );
    // The bound was reached, the reading again was needed, and candidates were let go unprepared, in many cases.
    expect(bounded).toBeGreaterThan(50);
    expect(rescanned).toBeGreaterThan(10);
    expect(unprepared).toBeGreaterThan(50);
  });

  it('are read again when the respondents kept are rejected after others were let go', () => {
    // Six respondents of one segment quoted under theme c (perTheme 1: five kept, limit 1 × (4 + 1)); R6's is the longest from 160 characters, so it is let go.
    const rows: Row[] = [1, 2, 3, 4, 5, 6].map((id) => ({ id: id * 3, code: 'c', length: 150 - id * 10, segment: '', weight: '1' }));
    // Then the five kept are rejected (a weight that differs from their first): R18's is the one to quote.
    for (const id of [3, 6, 9, 12, 15]) rows.push({ id, code: 'c', length: 5, segment: '', weight: '2' });
    const kept = quotes(rows, 1, undefined);
    expect(kept.incomplete).toBe(true);
    expect(kept.quotes).toEqual(quotes(rows, 1, Infinity).quotes);
    // R18: 150 - 60 = 90 x's after 90 % 7 = 6 w's, under theme c only.
    expect(kept.quotes.map((q) => [q.theme, q.text])).toEqual([['c', `${'w'.repeat(6)} ${'x'.repeat(90)}`]]);
  });

  it('let go unprepared only texts whose quote could not be nearer the target length', () => {
    // leastDistance(bound) against prepareQuote itself, bound by UTF-8 bytes (the fast reader's) and by UTF-16 units, no names masked.
    const word = fc.constantFrom(
      'money',
      'the',
      'é',
      '😀',
      'ellah@example.org',
      'a@b.cd',
      '(213) 555-0123',
      '555-0123',
      '+44 20 7946 0018',
      '\n',
      '\t',
      '  ',
      'x'.repeat(40),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), (words) => {
        const text = words.join(' ');
        const prepared = prepareQuote(text.trim(), []);
        for (const bound of [Buffer.byteLength(text), text.length]) {
          const least = leastDistance(text.includes('@') ? Infinity : bound, []);
          if (least === Infinity) expect(prepared).toBeNull();
          else if (least >= 0 && prepared !== null) expect(quoteDistance(prepared.length)).toBeGreaterThanOrEqual(least);
        }
      }),
      { seed: 1922, numRuns: 2000 },
    );
    // Names to mask may lengthen a text ("Al" as "[name]"): nothing is told.
    expect(leastDistance(10, ['Al'])).toBe(-1);
    expect(leastDistance(19, [])).toBe(Infinity);
    expect(leastDistance(20, [])).toBe(140);
    expect(leastDistance(400, [])).toBe(0);
  });
});
