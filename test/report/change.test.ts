import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeFigure, ChangeResult, Results } from '../../src/model.ts';
import { changeFindings } from '../../src/report/change-findings.ts';
import { codebookChangeText } from '../../src/report/change-section.ts';
import { changeVerdict } from '../../src/format/change-verdict.ts';
import { changePoints, formatPoints, formatPointsInterval } from '../../src/format/format-points.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import { renderTables } from '../../src/report/render-tables.ts';
import type { RenderedChart } from '../../src/report/report-types.ts';
import { segmentPlurals } from '../../src/report/segment-plural.ts';
import { htmlTables, markdownTables, type ParsedTable } from './parse-tables.ts';
import { renderedCharts } from './report-fixture.ts';
import { compare, sampleResultsWithChange } from './sample-change.ts';
import { sampleResults } from './sample-results.ts';

const SENTENCE =
  /^Mentions of "(.+)" (rose|fell) from (\d+)% to (\d+)% of (.+), a (rise|drop) of (\d+) points? \(95% CI (−?\d+) to (−?\d+), not adjusted for the number of themes compared\)\.(?: \((?:The \d+ report gave this figure under|The \d+ figure includes) [^)]*\.\))?$/;

function context(results: Results) {
  return {
    alpha: results.settings.alpha,
    minBase: results.settings.minBase,
    confidence: results.confidence,
    segments: segmentPlurals(results),
  };
}

describe('changeFindings: sentences only for changes that survive the adjustment', () => {
  const results = sampleResultsWithChange();

  it('states the significant changes, all respondents first, then each segment, largest first', () => {
    // Issue 17: segment nouns are marked as data text (format/isolate.ts); compared here as words.
    expect(changeFindings(results.change!, context(results)).map((finding) => finding.text.replace(/[\u2068\u2069]/g, ''))).toEqual([
      'Mentions of "Project structure" fell from 90% to 52% of respondents, a drop of 38 points (95% CI 20 to 55, not adjusted for the number of themes compared).',
      'Mentions of "Peer models from other regions" rose from 8% to 32% of respondents, a rise of 24 points (95% CI 8 to 40, not adjusted for the number of themes compared).',
      'Mentions of "Peer models from other regions" rose from 10% to 60% of funders, a rise of 50 points (95% CI 25 to 75, not adjusted for the number of themes compared).',
      'Mentions of "Project structure" fell from 90% to 55% of funders, a drop of 35 points (95% CI 10 to 60, not adjusted for the number of themes compared).',
    ]);
  });

  it('says nothing where the adjusted p is not below alpha, even when the raw p is', () => {
    const nonprofits = results.change!.themes.find((theme) => theme.code === 'structure')!.bySegment.find((cell) => cell.segment === 'nonprofit')!;
    expect(nonprofits.p!).toBeLessThan(0.05);
    expect(nonprofits.pAdjusted!).toBeGreaterThanOrEqual(0.05);
    const findings = changeFindings(results.change!, context(results));
    expect(findings.some((finding) => finding.segment === 'nonprofit')).toBe(false);
    const atAlpha: Results = structuredClone(results);
    atAlpha.change!.themes.find((theme) => theme.code === 'peer')!.pAdjusted = 0.05;
    expect(changeFindings(atAlpha.change!, context(atAlpha)).some((finding) => finding.theme === 'peer' && finding.segment === null)).toBe(false);
  });

  it('never speaks from a low base, whatever the p', () => {
    const low: Results = structuredClone(results);
    for (const theme of low.change!.themes) {
      const cell = theme.bySegment.find((candidate) => candidate.segment === 'public')!;
      cell.p = 0.0001;
      cell.pAdjusted = 0.0001;
      cell.difference = 0.5;
    }
    expect(changeFindings(low.change!, context(low)).some((finding) => finding.segment === 'public')).toBe(false);
    const smallRound: Results = structuredClone(results);
    smallRound.change!.themes[1]!.previous.base = 4;
    expect(changeFindings(smallRound.change!, context(smallRound)).some((finding) => finding.theme === 'structure' && finding.segment === null)).toBe(false);
  });

  it('holds for any p-values: a sentence exactly where adjusted p < alpha and both bases are adequate', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), { minLength: 8, maxLength: 8 }), (ps) => {
        const change: ChangeResult = structuredClone(results.change!);
        change.themes.forEach((theme, index) => {
          theme.pAdjusted = ps[index] ?? null;
        });
        const said = new Set(
          changeFindings(change, context(results))
            .filter((finding) => finding.segment === null)
            .map((finding) => finding.theme),
        );
        for (const theme of change.themes) {
          const expected = theme.pAdjusted !== null && theme.pAdjusted < 0.05 && theme.difference !== null && theme.difference !== 0;
          expect(said.has(theme.code), theme.code).toBe(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('changeVerdict and the points format', () => {
  const figure = (x1: number, n1: number, x2: number, n2: number, pAdjusted: number | null): ChangeFigure => ({ ...compare(x1, n1, x2, n2), pAdjusted });

  it('calls a change only below alpha, with both bases adequate', () => {
    expect(changeVerdict(figure(9, 20, 4, 20, 0.01), 0.05, 5)).toBe('fell');
    expect(changeVerdict(figure(4, 20, 9, 20, 0.049), 0.05, 5)).toBe('rose');
    expect(changeVerdict(figure(4, 20, 9, 20, 0.05), 0.05, 5)).toBe('no detectable change');
    expect(changeVerdict(figure(0, 4, 3, 20, 0.001), 0.05, 5)).toBe('low base, not interpreted');
    expect(changeVerdict(figure(4, 20, 9, 20, 0.001), 0.05, 5, true)).toBe('low base, not interpreted');
    expect(changeVerdict(figure(0, 20, 0, 20, null), 0.05, 5)).toBe('not testable');
  });

  it('prints points as the difference of the shown percentages, with a true minus', () => {
    expect(formatPoints(0.4545, 0.2049)).toBe('−25');
    expect(formatPoints(0.2, 0.45)).toBe('+25');
    expect(formatPoints(0.5, 0.504)).toBe('0');
    expect(formatPoints(null, 0.5)).toBe('n/a');
    // 44.6% shows as 45% and 20.4% as 20%: the sentence says 25 points, not 24.
    expect(changePoints(0.446, 0.204)).toBe(-24 - 1);
    expect(formatPointsInterval([-0.4236, -0.0812])).toBe('−42 to −8');
    expect(formatPointsInterval([-0.4236, -0.0812], true)).toBe('8 to 42');
    expect(formatPointsInterval([-0.0412, 0.2])).toBe('−4 to 20');
    expect(formatPointsInterval(null)).toBe('n/a');
  });

  it('names codebook changes one per line', () => {
    expect(codebookChangeText({ kind: 'renamed', from: ['federal-funding'], to: ['federal-dollars'], note: '' })).toBe(
      'federal-funding renamed to federal-dollars',
    );
    expect(codebookChangeText({ kind: 'merged', from: ['beyond-money', 'community-benefit'], to: ['community-benefit'], note: '' })).toBe(
      'beyond-money, community-benefit merged into community-benefit',
    );
    expect(codebookChangeText({ kind: 'split', from: ['structure'], to: ['governance', 'roles'], note: '' })).toBe('structure split into governance, roles');
    // The comparison's note names the themes by their labels (issue 17), so it stands for the line.
    expect(codebookChangeText({ kind: 'retired', from: ['odd'], to: [], note: '"Odd one" retired in 2015' })).toBe('"Odd one" retired in 2015');
    expect(codebookChangeText({ kind: 'vanished', from: ['x'], to: [], note: '' })).toBe('x vanished without a mapping');
    expect(codebookChangeText({ kind: 'added', from: [], to: ['new'], note: '' })).toBe('new added');
  });
});

describe('"What changed since 2013" in the report', () => {
  const results = sampleResultsWithChange();
  let charts: RenderedChart[] = [];
  let markdown = '';
  let html = '';
  beforeAll(async () => {
    charts = await renderedCharts(results);
    markdown = renderMarkdown(results, charts, { plurals: { funder: 'funders', nonprofit: 'nonprofits', public: 'public agencies' } });
    html = renderHtml(results, charts);
  });

  it('comes after the closed questions, with its chart, tables and codebook changes', () => {
    const h2 = [...markdown.matchAll(/^## (.*)$/gm)].map((match) => match[1]);
    expect(h2).toEqual([
      'Summary',
      'Themes by segment',
      'Themes',
      'Co-occurrence',
      'Closed questions',
      'What changed since 2013',
      'Rejected rows',
      'Warnings',
      'Methods and limitations',
    ]);
    const section = markdown.slice(markdown.indexOf('## What changed since 2013'), markdown.indexOf('## Rejected rows'));
    expect(section).toContain('](charts/change.svg)');
    // Each segment's changes, with the tests, are in the methods appendix (issue 17).
    expect(section).not.toContain('by segment');
    expect(markdown.slice(markdown.indexOf('## Methods and limitations'))).toContain('### Changes since 2013 by segment');
    expect(section).toContain('### Codebook changes\n\n- peer-models renamed to peer\n- odd added');
    expect(markdown).toContain('- **Compared with:** round 2013 (39 respondents)');
    expect(html).toContain('<li><a href="#what-changed">What changed since 2013</a></li>');
    expect(markdown).toContain('`prop.test(c(x2, x1), c(n2, n1), correct = FALSE)`');
  });

  it('says plainly when no change survives', () => {
    const none: Results = structuredClone(results);
    for (const theme of none.change!.themes) {
      theme.pAdjusted = theme.pAdjusted === null ? null : Math.max(0.2, theme.pAdjusted);
      for (const cell of theme.bySegment) cell.pAdjusted = cell.pAdjusted === null ? null : Math.max(0.2, cell.pAdjusted);
    }
    const page = renderMarkdown(none, []);
    expect(page).toContain("No theme's share changed clearly since 2013");
    const section = page.slice(page.indexOf('## What changed'), page.indexOf('## Rejected rows'));
    expect(section).not.toMatch(/\b(rose|fell) from\b/);
    expect(section).not.toMatch(/\| (rose|fell) \|/);
  });

  it('is left out without a previous round', () => {
    expect(renderMarkdown(sampleResults, [])).not.toContain('What changed');
  });

  const check = (tables: ParsedTable[], text: string): number => {
    // The appendix's table of the tests has every column the sentences use (the body's has the verdict in words).
    const overall = tables.find((table) => table.caption.startsWith('Two-proportion tests of each theme'))!;
    const bySegment = tables.find((table) => table.caption.startsWith("Share of each segment's respondents mentioning each theme, 2013"))!;
    expect(overall).toBeDefined();
    expect(bySegment).toBeDefined();
    const sentences = text
      .split('\n')
      .map((line) =>
        line
          .replace(/^(- |<li>)/, '')
          .replace(/<\/li>$/, '')
          .replace(/<\/?bdi>/g, '')
          .replace(/[\u2068\u2069]/g, '')
          .replace(/&quot;/g, '"'),
      )
      .filter((line) => SENTENCE.test(line));
    let checked = 0;
    for (const sentence of sentences) {
      const [, label, verb, from, to, noun, , points, lower, upper] = SENTENCE.exec(sentence)!;
      const row =
        noun === 'respondents'
          ? overall.rows.find((candidate) => candidate[0]!.replace(/^↳ /, '').split(', renamed')[0] === label)
          : bySegment.rows.find((candidate) => candidate[0]!.replace(/^↳ /, '') === label && candidate[1]!.replace('†', '').toLowerCase() === noun);
      expect(row, sentence).toBeDefined();
      const offset = noun === 'respondents' ? 0 : 1;
      expect(row![1 + offset]!.startsWith(`${from}% (`)).toBe(true);
      expect(row![2 + offset]!.startsWith(`${to}% (`)).toBe(true);
      const [difference, interval] = row![3 + offset]!.split(', ');
      expect(difference).toBe(`${verb === 'fell' ? '−' : '+'}${points}`);
      const number = (text: string): number => Number(text.replace('−', '-'));
      const [low, high] = interval!.split(' to ').map(number) as [number, number];
      // The sentence gives the size of a fall, so its interval is the table's, negated and swapped.
      if (verb === 'fell') expect([number(lower!), number(upper!)]).toEqual([-high + 0, -low + 0]);
      else expect([number(lower!), number(upper!)]).toEqual([low, high]);
      expect(row![6 + offset]).toBe(verb);
      checked++;
    }
    // And every "rose"/"fell" in the tables has its sentence.
    const called =
      overall.rows.filter((row) => row[6] === 'rose' || row[6] === 'fell').length +
      bySegment.rows.filter((row) => row[7] === 'rose' || row[7] === 'fell').length;
    expect(called).toBe(checked);
    return checked;
  };

  it('uses the numbers of its tables in its sentences (Markdown)', () => {
    expect(check(markdownTables(markdown), markdown.replace(/\\(.)/g, '$1'))).toBe(4);
  });

  it('uses the numbers of its tables in its sentences (HTML)', () => {
    expect(check(htmlTables(html), html)).toBe(4);
  });

  it('writes tables/change.csv: all respondents and each segment, per theme', () => {
    // (Without the study note, whose last column table-note.test.ts checks.)
    const csv = renderTables({ ...results, survey: { ...results.survey, note: null } }).find((table) => table.name === 'change.csv')!.csv;
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'code,label,segment,segment_label,previous_respondents,previous_base,previous_proportion,current_respondents,current_base,current_proportion,difference,ci_lower,ci_upper,z,p,p_adjusted,low_base,mapping,status',
    );
    expect(lines).toHaveLength(1 + results.change!.themes.length * 4);
    const structure = lines.find((line) => line.startsWith('structure,Project structure,,'))!.split(',');
    expect(Number(structure[6])).toBe(35 / 39);
    expect(Number(structure[15])).toBe(results.change!.themes[1]!.pAdjusted);
    // The new code has an empty previous figure and status new (never 0).
    const odd = lines.find((line) => line.startsWith('odd,'))!.split(',');
    expect(odd.at(-1)).toBe('new');
    expect(odd[4]).toBe('');
    expect(renderTables(sampleResults).some((table) => table.name === 'change.csv')).toBe(false);
  });
});
