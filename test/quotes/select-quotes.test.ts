/** The documented quote rule of src/quotes/select-quotes.ts, one clause at a time. */
import { describe, expect, it } from 'vitest';
import type { Codebook, Diagnostic, SegmentConfig } from '../../src/model.ts';
import { selectQuotes, type QuoteOptions } from '../../src/quotes/select-quotes.ts';
import type { QuoteCandidate } from '../../src/validate/validate-excerpts.ts';

const codebook: Codebook = {
  themes: [
    { code: 'parent', label: 'Parent', description: '', parent: null, color: null, statement: null },
    { code: 'child', label: 'Child', description: '', parent: 'parent', color: null, statement: null },
    { code: 'other', label: 'Other', description: '', parent: null, color: null, statement: null },
  ],
  index: new Map([
    ['parent', 0],
    ['child', 1],
    ['other', 2],
  ]),
  rollup: [[0], [0, 1], [2]],
};
const segments: SegmentConfig[] = [
  { id: 'funder', label: 'Funders', plural: 'funders' },
  { id: 'nonprofit', label: 'Nonprofits', plural: 'nonprofits' },
  { id: 'agency', label: 'Public agencies', plural: 'public agencies' },
];
const options: QuoteOptions = { codebook, mentions: [3, 2, 5], segments, segmentSizes: [10, 10, 2], minBase: 5, perTheme: 2, mask: [] };
const at = { file: 'x.csv', line: 1, column: 1 };
let order = 0;
const c = (respondent: string, segment: number, themes: number[], length: number, text = ''): QuoteCandidate => ({
  respondent,
  segment,
  themes,
  text: (text + 'x'.repeat(Math.max(0, length - text.length))).slice(0, Math.max(length, text.length)),
  at: { ...at, line: ++order },
  order,
});

function run(candidates: QuoteCandidate[], extra: Partial<QuoteOptions> = {}) {
  const diagnostics: Diagnostic[] = [];
  const out = selectQuotes(candidates, { ...options, ...extra }, { report: (d) => void diagnostics.push(d) });
  return { ...out, diagnostics };
}

describe('selectQuotes', () => {
  it('prefers medium length (closest to 160 characters), and skips excerpts under 20 or over 600', () => {
    const { quotes } = run([c('r1', 0, [2], 15), c('r2', 0, [2], 700), c('r3', 0, [2], 60), c('r4', 0, [2], 150)], { perTheme: 1 });
    expect(quotes.map((q) => q.text.length)).toEqual([150]);
  });

  it('spreads quotes across segments before taking a better length from the same segment', () => {
    const { quotes } = run([c('r1', 0, [2], 160), c('r2', 0, [2], 161), c('r3', 1, [2], 40)]);
    expect(quotes.map((q) => q.attribution)).toEqual(['a funder', 'a nonprofit']);
  });

  it('never quotes one respondent twice under a theme, and prefers respondents not yet quoted', () => {
    const { quotes } = run([c('r1', 0, [2], 160), c('r1', 1, [2], 160), c('r1', 0, [0], 160), c('r2', 0, [0], 100)]);
    const other = quotes.filter((q) => q.theme === 'other');
    expect(other).toHaveLength(1); // r1 twice is not allowed, even from another segment
    expect(quotes.filter((q) => q.theme === 'parent').map((q) => q.text.length)).toEqual([100, 160]); // r2 first: r1 was quoted under "other"
  });

  it('quotes an excerpt coded with a sub-theme under its parent too', () => {
    const { quotes } = run([c('r1', 0, [0, 1], 160)]);
    expect(quotes.map((q) => q.theme)).toEqual(['parent', 'child']);
  });

  it('does not name a segment smaller than minBase, and quotes it last', () => {
    const { quotes } = run([c('r1', 2, [2], 160), c('r2', 0, [2], 30)], { perTheme: 1 });
    expect(quotes).toEqual([{ theme: 'other', text: 'x'.repeat(30), segment: 'funder', attribution: 'a funder', masked: false }]);
    const alone = run([c('r1', 2, [2], 160)]);
    expect(alone.quotes[0]).toMatchObject({ segment: null, attribution: 'a respondent' });
  });

  it('masks, collapses white space and warns once per masked excerpt, at its text', () => {
    const text = 'Write to  jo@example.org\nor call Jo Park on 213-555-0100 about the structure question.';
    const { quotes, diagnostics } = run([c('r1', 0, [0, 1], 0, text)], { mask: ['Jo Park'] });
    expect(quotes.map((q) => q.text)).toEqual([
      'Write to [email] or call [name] on [phone] about the structure question.',
      'Write to [email] or call [name] on [phone] about the structure question.',
    ]);
    expect(quotes.every((q) => q.masked)).toBe(true);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'FND310',
        'quote under "parent", "child" had 1 name, 1 e-mail address, 1 phone number masked before reporting; check that nothing else identifies the speaker',
      ],
    ]);
  });

  it('gives nothing when perTheme is 0, and is deterministic', () => {
    const candidates = [c('r1', 0, [2], 100), c('r2', 1, [2], 120), c('r3', 0, [0, 1], 90)];
    expect(run(candidates, { perTheme: 0 }).quotes).toEqual([]);
    expect(run(candidates).quotes).toEqual(run([...candidates].reverse()).quotes);
  });
});
