import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { keyFindings } from '../../src/report/key-findings.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import type { RenderedChart } from '../../src/report/report-types.ts';
import { htmlTables, markdownTables, type ParsedTable } from './parse-tables.ts';
import { renderedCharts } from './report-fixture.ts';
import { sampleResults } from './sample-results.ts';

const OVERALL = /^(\d+) of (\d+) respondents \((\d+)%, 95% CI (\d+)–(\d+)%\) mentioned "(.+)"\.$/;
const DIFFERENCE =
  /^(.+?) mentioned "(.+)" more often than (.+?): (\d+) of (\d+) \((\d+)%, 95% CI (\d+)–(\d+)%\) against (\d+) of (\d+) \((\d+)%, 95% CI (\d+)–(\d+)%\); (Fisher's exact test|chi-square test), BH-adjusted p (= [\d.]+|< 0\.001)\.$/;

/** Issue 17: segment nouns are marked as data text (format/isolate.ts); these tests read the words. */
const plain = (text: string): string => text.replace(/[\u2068\u2069]/g, '');

describe('keyFindings on the sample study', () => {
  const findings = keyFindings(sampleResults).map((finding) => ({ ...finding, text: plain(finding.text) }));

  it('opens with the most mentioned themes, in plain sentences with count, base, percentage and interval', () => {
    expect(findings.map((finding) => finding.text)).toEqual([
      '40 of 44 respondents (91%, 95% CI 79–96%) mentioned "Support continuing".',
      '23 of 44 respondents (52%, 95% CI 38–66%) mentioned "Project structure".',
      '17 of 44 respondents (39%, 95% CI 26–53%) mentioned "Time commitment of partners".',
      '14 of 44 respondents (32%, 95% CI 20–47%) mentioned "Peer models from other regions".',
      'Funders mentioned "Peer models from other regions" more often than nonprofits: 12 of 20 (60%, 95% CI 39–78%) against 1 of 20 (5%, 95% CI 1–24%); Fisher\'s exact test, BH-adjusted p = 0.0021.',
    ]);
  });

  it('carries the figures of each sentence as numbers', () => {
    const first = findings[0]!;
    expect(first).toMatchObject({ theme: 'support', respondents: 40, base: 44 });
    expect(first.proportion).toBe(40 / 44);
    expect(first.ci).toEqual(sampleResults.themes[0]!.ci);
    expect(findings[4]).toMatchObject({ theme: 'peer', respondents: 12, base: 20, proportion: 0.6 });
  });

  it('uses codebook statements as the verb phrase', () => {
    const texts = keyFindings(sampleResults, 5, { peer: 'cited peer models', support: 'want the collaborative to continue' }).map((f) => plain(f.text));
    expect(texts[0]).toBe('40 of 44 respondents (91%, 95% CI 79–96%) want the collaborative to continue.');
    expect(texts[4]).toMatch(/^Funders cited peer models more often than nonprofits: 12 of 20/);
  });

  it('takes as many findings as asked, keeping room for a significant difference', () => {
    expect(keyFindings(sampleResults, 0)).toEqual([]);
    expect(keyFindings(sampleResults, 1).map((f) => f.theme)).toEqual(['support']);
    const three = keyFindings(sampleResults, 3);
    expect(three).toHaveLength(3);
    expect(three[2]!.text).toMatch(/more often than/);
  });
});

describe('keyFindings never speaks from a low base or without significance', () => {
  it('compares only segments with an adequate base', () => {
    const results: Results = structuredClone(sampleResults);
    const time = results.themes.find((theme) => theme.code === 'time')!;
    const publicCell = time.bySegment.find((cell) => cell.segment === 'public')!;
    Object.assign(publicCell, { respondents: 4, proportion: 1, ci: [0.51, 1] });
    time.segmentTest = { method: 'fisher', statistic: null, df: null, p: 0.001, pAdjusted: 0.004 };
    const texts = keyFindings(results, 10).map((finding) => plain(finding.text));
    const timeDifference = texts.find((text) => text.includes('"Time commitment of partners" more often'));
    expect(timeDifference).toMatch(/^Nonprofits mentioned "Time commitment of partners" more often than funders: 9 of 20/);
    for (const text of texts) expect(text.toLowerCase()).not.toContain('public agencies');
  });

  it('says nothing about segments where the adjusted p is not below alpha', () => {
    const results: Results = structuredClone(sampleResults);
    results.themes.find((theme) => theme.code === 'peer')!.segmentTest!.pAdjusted = 0.05;
    expect(keyFindings(results, 10).some((finding) => finding.text.includes('more often'))).toBe(false);
  });

  it('names the chi-square test and prints a tiny p as "< 0.001"', () => {
    const results: Results = structuredClone(sampleResults);
    results.themes.find((theme) => theme.code === 'peer')!.segmentTest = { method: 'chi-square', statistic: 15.2, df: 2, p: 0.00005, pAdjusted: 0.0004 };
    const text = keyFindings(results).find((finding) => finding.text.includes('more often'))!.text;
    expect(text).toMatch(/; chi-square test, BH-adjusted p < 0\.001\.$/);
  });

  it('gives no finding at all when every base is below the minimum', () => {
    const results: Results = structuredClone(sampleResults);
    results.settings.minBase = 50;
    expect(keyFindings(results)).toEqual([]);
  });

  it('skips themes nobody mentioned', () => {
    expect(keyFindings(sampleResults, 20).some((finding) => finding.theme === 'funding')).toBe(false);
  });
});

describe('every number in a key finding equals its table cell', () => {
  let charts: RenderedChart[] = [];
  beforeAll(async () => {
    charts = await renderedCharts(sampleResults);
  });

  const check = (tables: ParsedTable[]): number => {
    const themes = tables.find((table) => table.head[0] === 'Theme' && table.head.includes('95% CI'));
    const bySegment = tables.find((table) => table.head.includes('Result') && table.head.some((head) => head.startsWith('Funders (n = ')));
    // Issue 17: the tests are in the methods appendix, one row per theme.
    const tests = tables.find((table) => table.head.join('|') === 'Theme|Test|p|BH-adjusted p');
    expect(themes).toBeDefined();
    expect(bySegment).toBeDefined();
    expect(tests).toBeDefined();
    const themeRow = (table: ParsedTable, label: string): string[] => {
      const row = table.rows.find((candidate) => candidate[0]!.replace(/^↳ /, '') === label);
      expect(row, label).toBeDefined();
      return row!;
    };
    let checked = 0;
    for (const finding of keyFindings(sampleResults)) {
      const overall = OVERALL.exec(plain(finding.text));
      const difference = DIFFERENCE.exec(plain(finding.text));
      if (overall !== null) {
        const [, n, base, percent, lower, upper, label] = overall;
        const row = themeRow(themes!, label!);
        const column = (name: string): string => row[themes!.head.indexOf(name)]!;
        expect(column('n')).toBe(n);
        expect(column('Base')).toBe(base);
        expect(column('%')).toBe(`${percent}%`);
        expect(column('95% CI')).toBe(`${lower}–${upper}%`);
        checked++;
      } else if (difference !== null) {
        const [, highSegment, label, lowSegment, x1, n1, p1, l1, u1, x2, n2, p2, l2, u2, method, p] = difference;
        const row = themeRow(bySegment!, label!);
        const cellOf = (segment: string): string => {
          const index = bySegment!.head.findIndex((head) => head.toLowerCase().startsWith(`${segment.toLowerCase()} (n = `));
          expect(index, segment).toBeGreaterThan(0);
          return row[index]!;
        };
        expect(cellOf(highSegment!)).toBe(`${p1}% (${x1}/${n1}), ${l1}–${u1}%`);
        expect(cellOf(lowSegment!)).toBe(`${p2}% (${x2}/${n2}), ${l2}–${u2}%`);
        const test = themeRow(tests!, label!);
        expect(test[1]).toBe(method === "Fisher's exact test" ? "Fisher's exact" : test[1]!.split(',')[0]);
        expect(test[3]!.startsWith('<') ? `p ${test[3]}` : `p = ${test[3]}`).toBe(`p ${p}`);
        expect(row[bySegment!.head.indexOf('Result')]).toBe('differs between segments');
        checked++;
      } else {
        throw new Error(`unparsed finding: ${finding.text}`);
      }
    }
    return checked;
  };

  it('in the Markdown report', () => {
    expect(check(markdownTables(renderMarkdown(sampleResults, charts)))).toBe(5);
  });

  it('in the HTML report', () => {
    expect(check(htmlTables(renderHtml(sampleResults, charts)))).toBe(5);
  });
});
