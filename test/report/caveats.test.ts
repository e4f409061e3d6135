/**
 * Issue 17: caveats stand beside every figure they qualify, in the default study's reports (the
 * three rounds in surveys/ and their trend): a theme the coders agreed on too little (2014: "More
 * than "winning money"", Krippendorff's α 0.57) or only moderately (2014: "Over what period", α 0.78)
 * is marked in every table row that shows it; a round one coder coded (2015) says so under its theme
 * tables; a merged code's earlier figure (2014's "Emphasize community benefit", which from 2015 on
 * includes "More than "winning money"") says so beside that figure in the 2015 report and the trend;
 * and no code name reaches the prose.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Results, TrendResults } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { analyzeTrend } from '../../src/rounds/analyze-trend.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import { markdownPage } from '../../src/report/render-markdown.ts';
import { trendDocument } from '../../src/report/trend-document.ts';
import { earlierFigureCaveat, quotedWithCaveat } from '../../src/report/theme-caveats.ts';
import { repoRoot } from '../helpers/run-cli.ts';

const UNRELIABLE = 'coders often disagreed on this theme: read with caution';
const TENTATIVE = 'tentative: coders agreed only moderately on this theme';
const MERGED = 'the 2014 figure includes “More than "winning money"”, merged in 2015; the 2014 report counted it separately';
const ONE_CODER = 'One coder coded every response and no second coder checked the coding';

async function round(file: string): Promise<Results> {
  const sink: Diagnostic[] = [];
  const analysis = await analyzeRound(file, repoRoot, { report: (d) => void sink.push(d) });
  if ('stopped' in analysis) throw new Error(`${file} stopped: ${JSON.stringify(sink)}`);
  return analysis.results;
}

/** The cells of every Markdown table row whose first cell names `label` (after "↳ "), as text. */
function rowsOf(markdown: string, label: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) => line.slice(2, -2).split(' | '))
    .filter((cells) => cells[0]!.replace(/^↳ /, '').replace(/\\/g, '').startsWith(label));
}

/** A section of a Markdown report: from the heading with this text to the next heading of its level or above. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '') === heading);
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex((line, index) => index > start && /^#+ /.test(line) && /^#+/.exec(line)![0].length <= level);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

let r2014: Results;
let r2015: Results;
let trend: TrendResults;
let md2014 = '';
let md2015 = '';
let mdTrend = '';

beforeAll(async () => {
  r2014 = await round('surveys/rpa-2014.yaml');
  r2015 = await round('surveys/rpa-2015.yaml');
  const sink: Diagnostic[] = [];
  const analyzed = await analyzeTrend(['surveys/rpa-2014.yaml', 'surveys/rpa-2015.yaml', 'surveys/rpa-2016.yaml'], repoRoot, {
    report: (d) => void sink.push(d),
  });
  if (typeof analyzed === 'string') throw new Error(`trend stopped: ${JSON.stringify(sink)}`);
  trend = analyzed;
  md2014 = renderMarkdown(r2014, []);
  md2015 = renderMarkdown(r2015, []);
  mdTrend = markdownPage(trendDocument(trend, [], { alpha: 0.05, minBase: 5 }));
}, 120_000);

describe('coder agreement beside the figures it qualifies', () => {
  it('marks every table row of the unreliable theme, and of the tentative one, in the 2014 report', () => {
    // Themes, Themes by segment and the segment tests mark the label; the coder agreement table and
    // the theme definitions state the reading in a column of their own.
    const unreliable = rowsOf(md2014, 'More than "winning money"');
    expect(unreliable.length).toBe(5);
    expect(unreliable.filter((row) => row[0]!.includes(UNRELIABLE)).length).toBe(3);
    for (const row of unreliable) expect(row[0]!.includes(UNRELIABLE) || row.slice(1).some((cell) => cell.startsWith('unreliable'))).toBe(true);
    const tentative = rowsOf(md2014, 'Over what period');
    expect(tentative.length).toBe(5);
    expect(tentative.filter((row) => row[0]!.includes(TENTATIVE)).length).toBe(3);
    for (const row of tentative) expect(row[0]!.includes(TENTATIVE) || row.slice(1).some((cell) => cell.startsWith('tentative'))).toBe(true);
    // A reliable theme carries neither.
    for (const row of rowsOf(md2014, 'Support continuing')) expect(row[0]).toBe('Support continuing');
  });

  it('states the caveat after the label where a sentence names the theme', () => {
    expect(quotedWithCaveat(r2014, 'beyond-money', 'More than "winning money"')).toBe(`"More than "winning money"" (${UNRELIABLE})`);
    expect(quotedWithCaveat(r2014, 'continue', 'Support continuing')).toBe('"Support continuing"');
  });
});

describe('one coder', () => {
  it('says so under the theme tables of a round one coder coded, and not of one two coders checked', () => {
    expect(r2015.reliability).toBeNull();
    for (const heading of ['Summary', 'Themes', 'Themes by segment']) {
      expect(section(md2015, heading)).toContain(ONE_CODER);
      expect(section(md2014, heading)).not.toContain(ONE_CODER);
    }
  });
});

describe('codebook changes beside the earlier figure', () => {
  it('explains why the 2015 report gives another 2014 figure for the merged theme than the 2014 report', () => {
    // The 2014 report's own figure for the theme, in its Themes table (n column) ...
    const own = rowsOf(section(md2014, 'Themes'), 'Emphasize community benefit')[0]!;
    // ... and the 2014 figure the 2015 report compares with: "48% (21/44)" style, n/base.
    const changeRows = rowsOf(section(md2015, 'What changed since 2014'), 'Emphasize community benefit');
    expect(changeRows.length).toBe(1);
    const earlier = changeRows[0]![1]!;
    const earlierN = Number(/\((\d+)\/\d+\)/.exec(earlier)![1]);
    expect(earlierN).not.toBe(Number(own[1]));
    // So the figure says why, beside it, in labels (no code names).
    expect(earlier).toContain(MERGED);
    expect(changeRows[0]![0]).not.toContain('merged');
    // Every table of the 2015 report that prints a 2014 figure of the theme carries it, in the 2014
    // column: overall, the tests, and each of the 3 segments.
    const tables = [section(md2015, 'Changes since 2014: tests'), section(md2015, 'Changes since 2014 by segment')];
    const withEarlier = tables.flatMap((text) => rowsOf(text, 'Emphasize community benefit'));
    expect(withEarlier.length).toBe(4);
    for (const row of withEarlier) {
      const earlierCell = row.find((cell) => /^\d+% \(\d+\/\d+\)/.test(cell))!;
      expect(earlierCell).toContain(MERGED);
      expect(row.join(' | ').split(MERGED).length - 1).toBe(1);
    }
    // Themes whose codes did not change carry no such note.
    for (const row of rowsOf(md2015, 'Support continuing')) expect(row.join(' | ')).not.toContain('merged in');
  });

  it('says the same beside the 2014 figure in every table of the trend report, and beside no later one', () => {
    const rows = rowsOf(mdTrend, 'Emphasize community benefit');
    // Themes across rounds, three segments, consecutive changes (2014 → 2015 and 2015 → 2016), first to last.
    expect(rows.length).toBe(7);
    for (const row of rows) {
      const text = row.join(' | ');
      if (text.includes('2015 → 2016')) expect(text).not.toContain(MERGED);
      else {
        expect(text.split(MERGED).length - 1).toBe(1);
        // Beside the 2014 figure: in the first figure cell after the label (and the rounds column).
        const figures = row.slice(1).filter((cell) => /^\d+% \(/.test(cell));
        expect(figures[0]).toContain(MERGED);
        for (const later of figures.slice(1)) expect(later).not.toContain(MERGED);
      }
    }
  });

  it('words a rename and a merge with labels, never codes', () => {
    expect(earlierFigureCaveat({ label: 'Federal dollars', mapping: 'renamed from “Federal funding”' }, '2014', '2015')).toBe(
      'the 2014 report gave this figure under “Federal funding”, renamed in 2015',
    );
    expect(earlierFigureCaveat({ label: 'C', mapping: 'merged from “A”, “B” and “C”; its figure for 2014 counts …' }, '2014', '2015')).toBe(
      'the 2014 figure includes “A” and “B”, merged in 2015; the 2014 report counted them separately',
    );
    expect(earlierFigureCaveat({ label: 'C', mapping: 'same theme under a new code in 2015' }, '2014', '2015')).toBeNull();
    expect(earlierFigureCaveat({ label: 'C', mapping: null }, '2014', '2015')).toBeNull();
  });
});

describe('labels, never code names, in prose', () => {
  it('no report of the default study names a code with a hyphen outside a table', () => {
    const codes = ['beyond-money', 'community-benefit', 'federal-dollars', 'federal-funding', 'want-to-know'];
    for (const markdown of [md2014, md2015, mdTrend]) {
      const prose = markdown
        .split('\n')
        .filter((line) => !line.startsWith('|'))
        .join('\n');
      for (const code of codes) expect(prose).not.toContain(code);
    }
  });
});
