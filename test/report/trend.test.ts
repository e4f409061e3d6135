import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrendResults } from '../../src/model.ts';
import { renderTrendReport } from '../../src/report/render-trend-report.ts';
import { sampleTrend } from './sample-change.ts';

/** RFC 4180 rows of a CSV without embedded line breaks. */
function parseCsv(csv: string): string[][] {
  return csv
    .trimEnd()
    .split('\n')
    .map((line) => {
      const cells: string[] = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const char = line[i]!;
        if (quoted) {
          if (char === '"' && line[i + 1] === '"') {
            cell += '"';
            i++;
          } else if (char === '"') quoted = false;
          else cell += char;
        } else if (char === '"') quoted = true;
        else if (char === ',') {
          cells.push(cell);
          cell = '';
        } else cell += char;
      }
      cells.push(cell);
      return cells;
    });
}

describe('renderTrendReport', () => {
  const trend = sampleTrend();
  let files = new Map<string, string | Uint8Array>();
  beforeAll(async () => {
    files = await renderTrendReport(trend);
  });

  it('writes the trend folder; the PNG only when asked for (issue 19)', async () => {
    expect([...files.keys()].sort()).toEqual(['charts/trend.svg', 'charts/trend.vl.json', 'report.html', 'report.md', 'tables/trend.csv', 'trend.json']);
    expect(files.get('trend.json')).toBe(`${JSON.stringify(trend, null, 2)}\n`);
    const withPng = await renderTrendReport(trend, undefined, ['html', 'png']);
    expect([...withPng.keys()].sort()).toEqual(['charts/trend.png', 'charts/trend.svg', 'charts/trend.vl.json', 'report.html']);
    const png = withPng.get('charts/trend.png') as Uint8Array;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('writes trend.csv with one row per theme × round, equal to trend.json', () => {
    const [head, ...rows] = parseCsv(files.get('tables/trend.csv') as string);
    // Issue 17: the study note rides on every row, in a last column, when the trend has one.
    expect(head).toEqual(['code', 'label', 'parent', 'round_id', 'round', 'respondents', 'base', 'proportion', 'ci_lower', 'ci_upper', 'study_note']);
    const json = JSON.parse(files.get('trend.json') as string) as TrendResults;
    expect(json.note).toMatch(/\S/);
    expect(rows).toHaveLength(json.themes.length * json.rounds.length);
    for (const row of rows) expect(row[10]).toBe(json.note!.trim());
    for (const theme of json.themes) {
      for (const point of theme.points) {
        const row = rows.find((candidate) => candidate[0] === theme.code && candidate[4] === point.round);
        expect(row, `${theme.code} ${point.round}`).toBeDefined();
        expect(row![1]).toBe(theme.label);
        expect(row![2]).toBe(theme.parent ?? '');
        expect(row![3]).toBe(json.rounds.find((round) => round.round === point.round)!.id);
        expect(Number(row![5])).toBe(point.respondents);
        expect(Number(row![6])).toBe(point.base);
        expect(Number(row![7])).toBe(point.proportion);
        expect(Number(row![8])).toBe(point.ci![0]);
        expect(Number(row![9])).toBe(point.ci![1]);
      }
    }
  });

  it('states only the consecutive changes that survive the adjustment', () => {
    const markdown = files.get('report.md') as string;
    const sentences = markdown.split('\n').filter((line) => /^- From \d+ to \d+, /.test(line));
    expect(sentences).toEqual([
      '- From 2014 to 2015, mentions of "Project structure" fell from 59% to 29% of respondents, a drop of 30 points (95% CI 10 to 50, not adjusted for the number of themes compared).',
      '- From 2015 to 2016, mentions of "Communication is crucial" rose from 39% to 67% of respondents, a rise of 28 points (95% CI 7 to 48, not adjusted for the number of themes compared).',
    ]);
    for (const change of trend.changes) {
      for (const theme of change.themes) {
        const said = sentences.some((sentence) => sentence.includes(`"${theme.label}"`) && sentence.includes(`From ${change.previousRound} `));
        expect(said, `${change.previousRound} ${theme.code}`).toBe(theme.pAdjusted !== null && theme.pAdjusted < 0.05);
      }
    }
  });

  it('uses a stricter alpha when asked', async () => {
    const strict = await renderTrendReport(trend, { alpha: 0.01 });
    expect(strict.get('report.md')).toContain('No change between consecutive rounds survives');
  });

  it('renders a self-contained page with headings in order and the chart inline', () => {
    const html = files.get('report.html') as string;
    expect(html.toLowerCase()).not.toContain('<script');
    const urls = [...html.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*/gi)].map((match) => match[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((match) => Number(match[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    expect(html).toContain('<figure id="figure-trend">');
    expect(html).toContain('<summary>Data table for figure 1</summary>');
  });

  it('has a chart spec that compiles without warnings, one panel per theme, rounds in order', () => {
    // Issue 17: the file is the standalone variant, the chart first in a vconcat with its base, source and note under it.
    const file = JSON.parse(files.get('charts/trend.vl.json') as string) as TopLevelSpec & { vconcat: unknown[] };
    const spec = file.vconcat[0] as { facet: { sort: string[] }; data: { values: { round: string }[] } };
    const warnings: string[] = [];
    const logger = {
      level: () => logger,
      error: (...a: unknown[]) => {
        warnings.push(a.join(' '));
        return logger;
      },
      warn: (...a: unknown[]) => {
        warnings.push(a.join(' '));
        return logger;
      },
      info: () => logger,
      debug: () => logger,
    };
    compile(file, { logger: logger as never });
    expect(warnings).toEqual([]);
    expect(spec.facet.sort).toEqual(['continue', 'communication', 'want-to-know', 'structure']);
    expect([...new Set(spec.data.values.map((value) => value.round))]).toEqual(['2014', '2015', '2016']);
    expect(files.get('charts/trend.svg') as string).not.toContain('…');
  });

  it('is deterministic, PNG included', async () => {
    const formats = ['html', 'md', 'json', 'csv', 'png'] as const;
    const first = await renderTrendReport(trend, undefined, formats);
    const again = await renderTrendReport(structuredClone(trend), undefined, formats);
    expect(first.has('charts/trend.png')).toBe(true);
    for (const [name, content] of first) {
      const other = again.get(name)!;
      expect(Buffer.from(other).equals(Buffer.from(content)), name).toBe(true);
    }
  });
});
