import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { escapeMarkdown } from '../../src/report/escape-markdown.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import type { RenderedChart } from '../../src/report/report-types.ts';
import { markdownTables, unescapeMarkdown } from './parse-tables.ts';
import { renderedCharts } from './report-fixture.ts';
import { sampleResults } from './sample-results.ts';

let charts: RenderedChart[] = [];
let markdown = '';

beforeAll(async () => {
  charts = await renderedCharts(sampleResults);
  markdown = renderMarkdown(sampleResults, charts);
});

describe('renderMarkdown', () => {
  it('opens with the title block, the note as a quote, and the contents', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Stakeholder interviews, round 1');
    expect(markdown).toContain('> **Note:** Synthetic data: these respondents are invented');
    // Issue 17: the summary comes before the contents, so it is on the first screen.
    expect(markdown.indexOf('## Summary')).toBeLessThan(markdown.indexOf('**Contents**'));
    expect(markdown).toContain('- [Themes by segment](#themes-by-segment)');
    expect(markdown).toContain('- [Co-occurrence](#co-occurrence)');
  });

  it('has the sections in order, methods and limitations last', () => {
    const h2 = [...markdown.matchAll(/^## (.*)$/gm)].map((match) => unescapeMarkdown(match[1]!));
    expect(h2).toEqual(['Summary', 'Themes by segment', 'Themes', 'Co-occurrence', 'Closed questions', 'Rejected rows', 'Warnings', 'Methods and limitations']);
    expect(markdown).toMatch(/^### LA n Sync should continue$/m);
  });

  it('references each chart as charts/<name>.svg with its alt text', () => {
    for (const chart of charts) expect(markdown).toContain(`![${escapeMarkdown(chart.alt)}](charts/${chart.name}.svg)`);
  });

  it('escapes data text so it cannot inject HTML or links', () => {
    // Only ever as escaped text: "\<script\>" renders as the characters, not as a tag.
    expect(markdown).not.toMatch(/(?<!\\)<(script|\/script)/);
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\> \\& "quotes"');
    const results: Results = structuredClone(sampleResults);
    results.themes[0]!.label = '[click](https://example.org) ![x](y) **bold** | pipe';
    const page = renderMarkdown(results, []);
    expect(page).toContain('\\[click\\](https\\://example.org) !\\[x\\](y) \\*\\*bold\\*\\* \\| pipe');
    expect(page).not.toContain('[click](');
  });

  it('keeps table rows whole when a label holds a pipe or a line break', () => {
    const results: Results = structuredClone(sampleResults);
    results.themes[0]!.label = 'a | b\nc';
    const themes = markdownTables(renderMarkdown(results, [])).find((table) => table.head[0] === 'Theme')!;
    for (const row of themes.rows) expect(row).toHaveLength(themes.head.length);
    expect(themes.rows[0]![0]).toBe('a | b c');
  });

  it('marks low bases with a footnote, states the segment verdict in words and the test with its method in the appendix', () => {
    const table = markdownTables(markdown).find((candidate) => candidate.head.includes('Public agencies (n = 4)† (C)'))!;
    expect(table.head[table.head.length - 1]).toBe('Result');
    expect(markdown).toContain('*† Base below 5: shown for completeness, not interpreted, never a key finding.');
    const peer = table.rows.find((row) => row[0] === 'Peer models from other regions')!;
    expect(peer[peer.length - 1]).toBe('differs between segments');
    expect(table.rows.filter((row) => row[row.length - 1] === 'differs between segments')).toHaveLength(1);
    const tests = markdownTables(markdown).find((candidate) => candidate.head.join('|') === 'Theme|Test|p|BH-adjusted p')!;
    expect(tests.rows.find((row) => row[0] === 'Peer models from other regions')).toEqual([
      'Peer models from other regions',
      "Fisher's exact",
      '< 0.001',
      '0.0021',
    ]);
  });

  it('prints significance letters where a pairwise comparison survives BH within the theme', () => {
    const results: Results = structuredClone(sampleResults);
    const peer = results.themes.find((theme) => theme.code === 'peer')!;
    // Funders (A) above nonprofits (B), adjusted p 0.01; funders against public agencies not tested (low base).
    peer.pairwise = [
      { a: 'funder', b: 'nonprofit', difference: -0.4, p: 0.005, pAdjusted: 0.01, reason: null },
      { a: 'funder', b: 'public', difference: -0.3, p: null, pAdjusted: null, reason: 'base below 5 (public): not tested' },
      { a: 'nonprofit', b: 'public', difference: 0.1, p: 0.6, pAdjusted: 0.6, reason: null },
    ];
    const table = markdownTables(renderMarkdown(results, charts)).find((candidate) => candidate.head.includes('Public agencies (n = 4)† (C)'))!;
    expect(table.head.slice(1, 4)).toEqual(['Funders (n = 20) (A)', 'Nonprofits (n = 20) (B)', 'Public agencies (n = 4)† (C)']);
    const row = table.rows.find((candidate) => candidate[0] === 'Peer models from other regions')!;
    expect(row[1]).toMatch(/^\d+% \(\d+\/\d+\) B, /);
    expect(row[2]).not.toMatch(/\) [A-C]/);
    expect(row[3]).not.toMatch(/\) [A-C]/);
  });

  it('shows weighted figures beside the unweighted ones', () => {
    const themes = markdownTables(markdown).find((table) => table.head[0] === 'Theme' && table.head.includes('95% CI'))!;
    expect(themes.head).toEqual(['Theme', 'n', 'Base', '%', '95% CI', 'Weighted %', 'Weighted 95% CI']);
    expect(themes.rows[0]).toEqual(['Support continuing', '40', '44', '91%', '79–96%', '92%', '79–97%']);
    expect(themes.rows.find((row) => row[0] === 'Sustainable funding')).toEqual(['Sustainable funding', '0', '44', '0%', '0–8%', '0%', 'n/a']);
    expect(themes.rows.map((row) => row[0]).slice(1, 4)).toEqual(['Project structure', '↳ Governance and decision-making', '↳ Roles of partners']);
  });

  it('lists top co-occurring pairs, leaving out a theme with its own sub-theme', () => {
    const table = markdownTables(markdown).find((candidate) => candidate.head.includes('Overlap (0 to 1)'))!;
    expect(table.rows[0]).toEqual(['Support continuing', 'Project structure', '23', '0.57']);
    for (const row of table.rows) expect(row[0] === 'Project structure' && row[1]!.startsWith('Roles')).toBe(false);
    expect(table.rows.length).toBeLessThanOrEqual(10);
  });

  it('ends with one newline', () => {
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown.endsWith('\n\n')).toBe(false);
  });
});

describe('escapeMarkdown', () => {
  it('backslash-escapes every character that could start markup', () => {
    expect(escapeMarkdown('\\ ` * _ { } [ ] < > ( ) # + - ! | & ~')).toBe('\\\\ \\` \\* \\_ \\{ \\} \\[ \\] \\< \\> ( ) # + - ! \\| \\& \\~');
    // Block markers only matter at the start of the text.
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('12. not a list')).toBe('12\\. not a list');
    expect(escapeMarkdown('region-wide (2014)')).toBe('region-wide (2014)');
    expect(escapeMarkdown('line\nbreak\r\nhere')).toBe('line break here');
    expect(escapeMarkdown('Plain words, 91%.')).toBe('Plain words, 91%.');
  });

  it('leaves no special character unescaped, and unescaping gives the text back', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeMarkdown(text);
        // Walk the escaped text: a special character is only ever the second of a backslash pair.
        for (let i = 0; i < escaped.length; i++) {
          if (escaped[i] === '\\') {
            i++;
            continue;
          }
          expect('`*_{}[]<>|&~\n\r').not.toContain(escaped[i]);
        }
        expect(escaped).not.toMatch(/^\s*([#+\-=]|\d+[.)])/);
        // Issue #20: the WORD JOINER after "@" (it breaks GitHub's e-mail autolinks) is invisible: not counted.
        expect(unescapeMarkdown(escaped).replace(/@\u2060/g, '@')).toBe(text.replace(/\r\n|\r|\n/g, ' '));
      }),
      { numRuns: 300 },
    );
  });
});
