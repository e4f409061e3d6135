import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { escapeHtml } from '../../src/report/escape-html.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import type { RenderedChart } from '../../src/report/report-types.ts';
import { htmlTables } from './parse-tables.ts';
import { renderedCharts } from './report-fixture.ts';
import { sampleResults } from './sample-results.ts';

let charts: RenderedChart[] = [];
let html = '';

/** The level of every heading, in document order. */
function headingLevels(page: string): number[] {
  return [...page.matchAll(/<h([1-6])\b/g)].map((match) => Number(match[1]));
}

beforeAll(async () => {
  charts = await renderedCharts(sampleResults);
  html = renderHtml(sampleResults, charts);
});

describe('renderHtml: one self-contained, script-free page', () => {
  it('is a complete document', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('has no script of any kind', () => {
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html.toLowerCase()).not.toContain('javascript:');
  });

  it('makes no external request: the only URL is the SVG namespace', () => {
    const urls = [...html.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*/gi)].map((match) => match[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|audio|video|source)\b/i);
    expect(html).not.toMatch(/\ssrc\s*=/i);
    expect(html).not.toContain('@import');
    expect(html).not.toMatch(/url\((?!#)/);
  });

  it('escapes data text', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });

  it('shows the title block and the survey note prominently', () => {
    expect(html).toContain('<h1 id="top">Stakeholder interviews, round 1</h1>\n<dl class="facts">\n<dt>Round</dt><dd>2014</dd>');
    expect(html).toContain(
      '<dt>Who was asked</dt><dd>44 respondents: 20 <bdi>funders</bdi>, 20 <bdi>nonprofits</bdi>, 4 <bdi>public agencies</bdi> (low base)</dd>',
    );
    // Issue 17: the report id is reference material, in the methods appendix, not on the first screen.
    expect(html).not.toContain('<dt>Study</dt>');
    expect(html).toContain('<dt>Report id</dt><dd>sample-2014</dd>');
    expect(html).not.toContain('<dt>Compared with</dt>');
    expect(html).toMatch(/<p class="note"><strong>Note:<\/strong> Synthetic data: /);
  });

  it('keeps headings in order: one h1, no skipped level, methods and limitations last', () => {
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((match) => Number(match[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    const h2 = [...html.matchAll(/<h2 id="[^"]*">([^<]*)<\/h2>/g)].map((match) => match[1]);
    expect(h2).toEqual([
      'Summary',
      'Contents',
      'Themes by segment',
      'Themes',
      'Co-occurrence',
      'Closed questions',
      'Rejected rows',
      'Warnings',
      'Methods and limitations',
    ]);
    expect(headingLevels(html)).toEqual(expect.arrayContaining([1, 2, 3]));
  });

  it('links every section from the table of contents', () => {
    const links = [...html.matchAll(/<li><a href="#([^"]+)">/g)].map((match) => match[1]);
    expect(links).toEqual(['themes-by-segment', 'themes', 'co-occurrence', 'closed-questions', 'rejected-rows', 'warnings', 'methods']);
    for (const id of links) expect(html).toContain(`id="${id}"`);
  });

  it('uses scoped header cells in every table', () => {
    const th = [...html.matchAll(/<th\b[^>]*>/g)].map((match) => match[0]);
    expect(th.length).toBeGreaterThan(20);
    for (const cell of th) expect(cell).toMatch(/scope="(col|row)"/);
  });

  it('inlines each chart as a figure whose SVG is an image with the alt text as its label', () => {
    const figures = [
      ...html.matchAll(
        /<figure id="figure-([a-z0-9-]+)">\n<div class="chart chart-wide[^"]*"[^>]*>(<svg[^>]*>)[\s\S]*?<\/svg><\/div>\n[\s\S]*?<figcaption>([^<]*)<\/figcaption>\n<\/figure>/g,
      ),
    ];
    // Report order: segment comparisons first, then the themes in full, co-occurrence, the Likert chart with its question.
    expect(figures.map((figure) => figure[1])).toEqual(['themes-by-segment', 'theme-prevalence', 'cooccurrence', 'likert-continue']);
    for (const [index, figure] of figures.entries()) {
      const chart = charts.find((candidate) => candidate.name === figure[1])!;
      expect(figure[2]).toContain('role="img"');
      expect(figure[2]).toContain(`aria-label="${escapeHtml(chart.alt)}"`);
      expect(figure[2]).not.toContain('xmlns:xlink');
      expect(figure[3]).toBe(`Figure ${index + 1}. ${escapeHtml(chart.title)}`);
    }
  });

  it('follows each chart with its data as a table, for screen readers', () => {
    const details = [
      ...html.matchAll(
        /<\/figure>\n<details class="chart-data">\n<summary>Data table for figure (\d+)<\/summary>\n(?:<p class="scroll-hint"[^>]*>[^<]*<\/p>\n)?<div class="table-wrap"[^>]*>\n<table[ >]/g,
      ),
    ];
    expect(details.map((match) => match[1])).toEqual(['1', '2', '3', '4']);
    const prevalence = htmlTables(html, true).find((table) => table.caption === 'Respondents mentioning each theme, of 44')!;
    expect(prevalence.head).toEqual(['Theme', 'Respondents', 'Share', '95% CI']);
    expect(prevalence.rows[0]).toEqual(['Support continuing', '40 of 44', '91%', '79–96%']);
  });

  it('scrolls wide tables inside a focusable, named box instead of widening the page', () => {
    const wraps = [...html.matchAll(/<div class="table-wrap"([^>]*)>\n<table(?: class="long")?>\n<caption>([^<]*)<\/caption>/g)];
    expect(wraps.length).toBe([...html.matchAll(/<table[ >]/g)].length);
    for (const [, attributes, caption] of wraps) expect(attributes).toBe(` role="region" aria-label="${caption}" tabindex="0"`);
    expect(html).toMatch(/\.table-wrap \{ overflow-x: auto;/);
  });

  it('has unique element ids, SVG ones included', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('prints well: figures and tables do not break across pages, charts fit a page', () => {
    expect(html).toMatch(/@media print \{[\s\S]*figure, table[^{]*\{ break-inside: avoid; \}/);
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/@media print \{[\s\S]*details\.chart-data \{ display: none; \}/);
    expect(html).toContain('max-width: 60rem');
    // Each chart carries its screen width (--w) and a print width (--pw) that keeps it under a page tall.
    const svgs = [...html.matchAll(/<div class="chart chart-wide[^>]*><svg[^>]*\swidth="([\d.]+)" height="([\d.]+)"[^>]*style="--w: (\d+)px; --pw: (\d+)px"/g)];
    expect(svgs).toHaveLength(4);
    for (const [, width, height, w, pw] of svgs) {
      expect(Number(w)).toBe(Math.round(Number(width) * 1.25));
      // At most 560 px tall in print: a chart moved to the next page never leaves most of a page blank.
      expect((Number(pw) * Number(height)) / Number(width)).toBeLessThanOrEqual(561);
      expect(Number(pw)).toBeLessThanOrEqual(680);
    }
  });

  it('states the segment verdicts in words in the body, and the tests with their method in the methods appendix', () => {
    const table = htmlTables(html).find((candidate) => candidate.head.includes('Result') && candidate.head.some((cell) => cell.startsWith('Funders')))!;
    expect(table.head).not.toContain('Test, BH-adjusted p');
    const verdicts = new Map(table.rows.map((row) => [row[0], row[row.length - 1]]));
    expect(verdicts.get('Peer models from other regions')).toBe('differs between segments');
    expect(verdicts.get('Support continuing')).toBe('no detectable difference');
    expect(verdicts.get('Sustainable funding')).toBe('not testable: no respondent mentions the theme');
    const tests = htmlTables(html).find((candidate) => candidate.head.join('|') === 'Theme|Test|p|BH-adjusted p')!;
    for (const row of tests.rows) expect(row[1] === 'not tested' || /^(Fisher's exact|Chi-square.*)$/.test(row[1]!), row[1]).toBe(true);
    expect(html.indexOf('id="methods-segment-tests"')).toBeGreaterThan(html.indexOf('id="methods"'));
  });

  it('lists the rejected rows with file:line, code and message', () => {
    const table = htmlTables(html).find((candidate) => candidate.caption === 'Rejected rows')!;
    expect(table.rows).toEqual([['fixtures/sample/responses.csv:17', 'FND203', 'unknown segment "funderz" (did you mean "funder"?)']]);
  });

  it('shows the closed question in full', () => {
    const summary = htmlTables(html).find((candidate) => candidate.caption === 'Summary of "LA n Sync should continue"')!;
    expect(Object.fromEntries(summary.rows.map((row) => [row[0], row[1]]))).toEqual({
      'Answered (base)': '41',
      Missing: '3',
      Mean: '4.22',
      Median: '5',
      'Standard deviation': '1.01',
      'Top 2 answers (Agree, Strongly agree)': '33 of 41 (80%, 95% CI 66–90%)',
      'Weighted mean ± standard error': '4.23 ± 0.15',
    });
  });

  it('says in Methods what was counted and what it cannot say', () => {
    const methods = html.slice(html.indexOf('<h2 id="methods">'));
    expect(methods).toContain('prop.test(x, n, correct = FALSE)');
    expect(methods).toContain('Kish effective base');
    expect(methods).toContain('Benjamini–Hochberg');
    expect(methods).toContain('fewer than 5 respondents');
    expect(methods).toContain('45 rows read, 44 used, 1 rejected');
    expect(methods).toContain('themes count mentions in interviews, not prevalence in a population'.replace(/^t/, 'T'));
  });
});

describe('renderHtml on other studies', () => {
  it('leaves out Rejected rows, Warnings and weighted columns when there are none', () => {
    const results: Results = structuredClone(sampleResults);
    results.ledger = { rowsRead: 44, rowsUsed: 44, rowsRejected: 0, rejected: [] };
    results.warnings = [];
    results.settings.weighted = false;
    for (const theme of results.themes) theme.weighted = null;
    const page = renderHtml(results, []);
    expect(page).not.toContain('Rejected rows');
    expect(page).not.toContain('<h2 id="warnings">');
    expect(page).not.toContain('Weighted %');
    expect(page).toContain('None: the data have no weight column');
  });

  it('never lets arbitrary data text become markup', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (label, segment, message) => {
        const results: Results = structuredClone(sampleResults);
        results.themes[0]!.label = label;
        results.segments[0]!.label = segment;
        results.ledger.rejected[0]!.message = message;
        results.survey.title = `${label}${segment}`;
        const page = renderHtml(results, []);
        const body = page.slice(page.indexOf('<body>'));
        expect(body.toLowerCase()).not.toContain('<script');
        expect(body).toContain(escapeHtml(label));
        // Every "<" starts one of the report's own tags.
        for (const match of body.matchAll(/<\/?([a-zA-Z0-9]+)/g)) {
          expect([
            'body',
            'main',
            'h1',
            'h2',
            'h3',
            'p',
            'strong',
            'code',
            'nav',
            'ol',
            'ul',
            'li',
            'a',
            'div',
            'table',
            'caption',
            'thead',
            'tbody',
            'tr',
            'th',
            'td',
            'br',
            'span',
            'html',
            'dl',
            'dt',
            'dd',
            'bdi',
          ]).toContain(match[1]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
