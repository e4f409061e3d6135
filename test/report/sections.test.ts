import { describe, expect, it } from 'vitest';
import type { ReliabilityResult, Results } from '../../src/model.ts';
import { hedgedCount } from '../../src/report/hedged-count.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import { segmentSummaries } from '../../src/report/segment-summaries.ts';
import { htmlTables, markdownTables } from './parse-tables.ts';
import { sampleResultsWithChange } from './sample-change.ts';
import { sampleResults } from './sample-results.ts';

/** Every heading level in order, from HTML or Markdown. */
function levels(page: string): number[] {
  if (page.startsWith('<!DOCTYPE')) return [...page.matchAll(/<h([1-6])\b/g)].map((match) => Number(match[1]));
  return [...page.matchAll(/^(#{1,6}) /gm)].map((match) => match[1]!.length);
}

function expectHeadingsInOrder(page: string): void {
  const found = levels(page);
  expect(found[0]).toBe(1);
  expect(found.filter((level) => level === 1)).toHaveLength(1);
  for (let i = 1; i < found.length; i++) expect(found[i]! - found[i - 1]!, `heading ${i}`).toBeLessThanOrEqual(1);
}

const RELIABILITY: ReliabilityResult = {
  coders: ['A', 'B'],
  units: 20,
  themes: [
    { code: 'support', percentAgreement: 0.9, cohenKappa: 0.78, krippendorffAlpha: 0.79, fleissKappa: null, flag: 'tentative' },
    { code: 'peer', percentAgreement: 0.95, cohenKappa: 0.88, krippendorffAlpha: 0.881, fleissKappa: null, flag: 'reliable' },
    { code: 'time', percentAgreement: 0.7, cohenKappa: 0.4, krippendorffAlpha: 0.41, fleissKappa: null, flag: 'unreliable' },
  ],
  pooled: { percentAgreement: 0.93, cohenKappa: 0.81, krippendorffAlpha: 0.812, fleissKappa: null, flag: 'reliable' },
  primaryCoder: 'A',
  primaryCoderFrom: 'config',
  thresholds: { tentative: 0.667, reliable: 0.8 },
};

describe('hedgedCount: words, not percentages, for a low base', () => {
  it('says how many in words', () => {
    expect([0, 1, 2, 3, 4].map((n) => hedgedCount(n, 4))).toEqual(['none', 'one', 'half', 'most', 'all']);
    expect(hedgedCount(2, 6)).toBe('a few');
    expect(hedgedCount(4, 6)).toBe('most');
    expect(hedgedCount(1, 1)).toBe('all');
  });
});

describe('segment comparisons', () => {
  const summaries = segmentSummaries(sampleResults, { funder: 'funders', nonprofit: 'nonprofits', public: 'public agencies' });

  it('describes each segment by the themes it mentioned most, with the table’s figures', () => {
    expect(summaries.map((summary) => summary.text)).toEqual([
      'The themes \u2068funders\u2069 mentioned most: "Support continuing" (19 of 20, 95%), "Peer models from other regions" (12 of 20, 60%) and "Project structure" (11 of 20, 55%).',
      'The themes \u2068nonprofits\u2069 mentioned most: "Support continuing" (18 of 20, 90%), "Project structure" (10 of 20, 50%) and "Time commitment of partners" (9 of 20, 45%).',
      'Among the 4 \u2068public agencies\u2069, too few for percentages, most mentioned "Support continuing", and half mentioned "Project structure", "Roles of partners" and "Time commitment of partners". They stood out most on "Roles of partners" (half of them mentioned it, against 11 of the 40 other respondents).',
    ]);
  });

  it('never gives a low-base segment a percentage', () => {
    const low = summaries.find((summary) => summary.segment === 'public')!;
    expect(low.lowBase).toBe(true);
    expect(low.text).not.toMatch(/\d+%|\d+ of \d+/);
    // Issue 17: the segment's noun is marked as data text (format/isolate.ts), so a right-to-left noun keeps its figures in place.
    expect(low.text).toMatch(/^Among the 4 \u2068public agencies\u2069, too few for percentages, (all|most|half|a few|one) mentioned "/);
  });

  it('uses the numbers of the segment table', () => {
    const table = markdownTables(renderMarkdown(sampleResults, [])).find((candidate) => candidate.head.includes('Public agencies (n = 4)† (C)'))!;
    let checked = 0;
    for (const summary of summaries.filter((candidate) => !candidate.lowBase)) {
      const column = table.head.findIndex((head) => head.startsWith(sampleResults.segments.find((segment) => segment.id === summary.segment)!.label));
      for (const [, label, n, base, percent] of summary.text.matchAll(/"([^"]+)" \((\d+) of (\d+), (\d+)%\)/g)) {
        const row = table.rows.find((candidate) => candidate[0]!.replace(/^↳ /, '') === label)!;
        expect(row[column]!.startsWith(`${percent}% (${n}/${base})`), `${summary.segment} ${label}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(6);
  });

  it('claims a difference only where the adjusted test supports it', () => {
    const page = renderMarkdown(sampleResults, []);
    const section = page.slice(page.indexOf('## Themes by segment'), page.indexOf('## Themes\n'));
    expect(section).toContain('One theme differs between segments: "Peer models from other regions".');
    expect(section).toContain('For the other 6 themes there is no clear difference, which is not evidence that the segments agree.');
    expect(section).toContain('1 theme could not be tested');
    const none: Results = structuredClone(sampleResults);
    for (const theme of none.themes) if (theme.segmentTest?.pAdjusted !== null && theme.segmentTest !== null) theme.segmentTest.pAdjusted = 0.5;
    const quiet = renderMarkdown(none, []);
    expect(quiet).toContain('No theme differs clearly between segments');
    expect(quiet).not.toContain('more often than');
  });
});

describe('coder agreement', () => {
  it('is left out while reliability is null', () => {
    expect(renderMarkdown(sampleResults, [])).not.toContain('Coder agreement');
  });

  it('shows the contract’s figures per theme and pooled when there are other coders', () => {
    const results: Results = structuredClone(sampleResults);
    results.reliability = RELIABILITY;
    const page = renderMarkdown(results, []);
    expect(page).toContain('## Coder agreement');
    const table = markdownTables(page).find((candidate) => candidate.caption === 'Agreement between coders, per theme')!;
    expect(table.rows).toEqual([
      ['Support continuing', '90%', '0.78', '0.79', 'n/a', 'tentative'],
      ['Peer models from other regions', '95%', '0.88', '0.88', 'n/a', 'reliable'],
      ['Time commitment of partners', '70%', '0.40', '0.41', 'n/a', 'unreliable'],
      ['All themes (pooled)', '93%', '0.81', '0.81', 'n/a', 'reliable'],
    ]);
    expect(page).toContain("the figures in this report use coder A's codes");
    expect(page).toContain('> Coders agreed too little on "Time commitment of partners" to draw conclusions from its figures.');
    expect(page.indexOf('## Coder agreement')).toBeLessThan(page.indexOf('## Methods and limitations'));
    expect(page).toContain("**Coder agreement.** Unweighted Cohen's kappa");
  });
});

describe('methods and limitations, written from the data', () => {
  it('names the bases, the low-base groups, and what the figures cannot say', () => {
    const page = renderMarkdown(sampleResults, []);
    const methods = page.slice(page.indexOf('## Methods and limitations'));
    // Issue 17: each segment's label isolated as data text (format/isolate.ts).
    expect(methods).toContain(
      '**Who was asked.** 44 respondents in 3 segments: \u2068Funders\u2069 20, \u2068Nonprofits\u2069 20, \u2068Public agencies\u2069 4.',
    );
    expect(methods).toContain('### Limitations');
    expect(methods).toContain('Themes count mentions in interviews, not prevalence in a population');
    expect(methods).toContain('\u2068Public agencies\u2069 (4) falls below the minimum base of 5');
    expect(methods).toContain('No figure is suppressed.');
    expect(methods).toContain('**Note on the data.** Synthetic data');
  });

  it('lists the input files with a shortened SHA-256 when results.json records them', () => {
    expect(renderMarkdown(sampleResults, [])).not.toContain('### Input files');
    const results: Results = structuredClone(sampleResults);
    results.inputs = [
      { role: 'config', file: 'surveys/sample.yaml', bytes: 2100, sha256: 'a'.repeat(64) },
      { role: 'data', file: 'fixtures/sample/responses.csv', bytes: 812, sha256: '0123456789abcdef'.repeat(4) },
    ];
    const table = htmlTables(renderHtml(results, [])).find((candidate) => candidate.head.includes('SHA-256 (first 12 digits)'))!;
    expect(table.rows).toEqual([
      ['Config', 'surveys/sample.yaml', '2.1 KB', 'aaaaaaaaaaaa'],
      ['Data', 'fixtures/sample/responses.csv', '812 bytes', '0123456789ab'],
    ]);
  });
});

describe('headings go h1 → h2 → h3 with no level skipped', () => {
  it('in every variant of the report, HTML and Markdown', () => {
    const withEverything: Results = sampleResultsWithChange();
    withEverything.reliability = RELIABILITY;
    withEverything.inputs = [{ role: 'data', file: 'x.csv', bytes: 1, sha256: 'f'.repeat(64) }];
    const single: Results = structuredClone(sampleResults);
    single.segments = single.segments.slice(0, 1);
    for (const results of [sampleResults, withEverything, single]) {
      expectHeadingsInOrder(renderHtml(results, []));
      expectHeadingsInOrder(renderMarkdown(results, []));
    }
  });
});

describe('key findings with quotes', () => {
  it('follow a finding with a de-identified quote on its theme, when the results carry quotes', () => {
    const results: Results = structuredClone(sampleResults);
    results.quotes = [
      { theme: 'support', text: 'Keep it going, we need a convener.', segment: 'funder', attribution: 'a funder', masked: false },
      { theme: 'funding', text: 'Nobody said this.', segment: null, attribution: 'a respondent', masked: false },
    ];
    const page = renderMarkdown(results, []);
    expect(page).toContain(
      // Issue 17: the quote and its speaker isolated by Unicode's marks (Markdown has no <bdi>).
      '- 91% of respondents mentioned "Support continuing" (40 of 44; likely range 79% to 96%). “\u2068Keep it going, we need a convener.\u2069” (\u2068a funder\u2069)',
    );
    expect(page).not.toContain('Nobody said this');
    expect(renderMarkdown(sampleResults, [])).not.toContain('“');
    results.quotes[0]!.text = '<b>bold</b> & more';
    expect(renderHtml(results, [])).toContain(
      'mentioned &quot;<bdi>Support continuing</bdi>&quot; (40 of 44; likely range 79% to 96%). <span class="quote">“<bdi>&lt;b&gt;bold&lt;/b&gt; &amp; more</bdi>” <span class="by">(<bdi>a funder</bdi>)</span></span></li>',
    );
  });
});
