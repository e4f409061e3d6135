/**
 * Issue 17: the standalone chart files (charts/<name>.svg, .png, .vl.json), for slides, carry their
 * title, base, source line and the study note; the charts inlined in report.html do not (the report's
 * headings and note say it there). Expected bases: surveys/rpa-2014.yaml reads fixtures/rpa/2014.csv,
 * 44 rows whose weights sum to 44.0457 (test/charts/r/chart-files.R:
 * `d <- read.csv("fixtures/rpa/2014.csv"); nrow(d); sum(d$weight)`), shown to one decimal as 44.
 */
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/charts/text-width.ts';
import type { Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { analyzeTrend } from '../../src/rounds/analyze-trend.ts';
import { renderReport } from '../../src/report/render-report.ts';
import { renderTrendReport } from '../../src/report/render-trend-report.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { svgLines } from './svg-lines.ts';

const NOTE_2014 = 'Illustrative synthetic data modeled on the 2014 LA n Sync interviews described in its March 2014 newsletter; not the real responses.';

function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg\b[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { width: Number(match?.[1]), height: Number(match?.[2]) };
}

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The charts report.html inlines, by figure id. */
function inlined(html: string): Map<string, string> {
  return new Map(
    [...html.matchAll(/<figure id="figure-([^"]+)">\s*<div class="chart chart-wide[^"]*"[^>]*>(<svg[\s\S]*?<\/svg>)/g)].map((match) => [match[1]!, match[2]!]),
  );
}

describe('standalone chart files of the 2014 round', async () => {
  const analysis = await analyzeRound('surveys/rpa-2014.yaml', repoRoot, { report: () => {} });
  if ('stopped' in analysis) throw new Error('stopped');
  const results: Results = analysis.results;
  const files = await renderReport(analysis, ['html', 'png', 'json']);
  const html = files.get('report.html') as string;
  const embedded = inlined(html);
  const names = [...files.keys()].filter((name) => name.endsWith('.svg')).map((name) => name.slice('charts/'.length, -'.svg'.length));

  it('writes every chart the report shows', () => {
    expect(names.sort()).toEqual([...embedded.keys()].sort());
    expect(names).toContain('themes-by-segment');
  });

  it.each(['theme-prevalence', 'themes-by-segment', 'cooccurrence'])('%s: title, base with the weighted base, source and note', (name) => {
    const lines = svgLines(files.get(`charts/${name}.svg`) as string);
    const text = lines.join(' ');
    const title = {
      'theme-prevalence': 'How often each theme came up',
      'themes-by-segment': 'Themes by stakeholder segment',
      cooccurrence: 'Which themes come up together',
    }[name]!;
    expect(lines).toContain(title);
    expect(lines).toContain('Base: 44 respondents; weighted base 44');
    expect(lines).toContain(`Source: ${results.survey.title}, 2014; findings`);
    expect(text).toContain(NOTE_2014);
  });

  it('question charts: the base of those who answered, once', () => {
    const lines = svgLines(files.get('charts/likert-continue.svg') as string);
    expect(lines).toContain('LA n Sync should continue');
    expect(lines.filter((line) => line.startsWith('Base: '))).toEqual([
      `Base: ${results.questions.find((question) => question.id === 'continue')!.base} respondents who answered (2 left it blank)`,
    ]);
    expect(lines.join(' ')).toContain(NOTE_2014);
  });

  it.each([...embedded.keys()])('%s: the report’s own drawing has no source line or note, and the file is no wider', (name) => {
    const inline = embedded.get(name)!;
    const file = files.get(`charts/${name}.svg`) as string;
    expect(svgLines(inline).join(' ')).not.toContain('Source: ');
    expect(svgLines(inline).join(' ')).not.toContain('synthetic');
    expect(svgSize(file).width).toBe(svgSize(inline).width);
    expect(svgSize(file).height).toBeGreaterThan(svgSize(inline).height);
  });

  it.each([...embedded.keys()])('%s: every added line fits the chart width', (name) => {
    const file = files.get(`charts/${name}.svg`) as string;
    const room = svgSize(file).width - 24;
    const inlineLines = new Set(svgLines(embedded.get(name)!));
    const added = svgLines(file).filter((line) => !inlineLines.has(line));
    expect(added.length).toBeGreaterThan(2);
    for (const line of added) expect(textWidth(line, 11)).toBeLessThanOrEqual(room);
  });

  it('the PNG is drawn from the file variant (taller than the report’s drawing at 2x)', () => {
    const png = files.get('charts/themes-by-segment.png') as Uint8Array;
    const inline = svgSize(embedded.get('themes-by-segment')!);
    expect(pngSize(png).width).toBe(inline.width * 2);
    expect(pngSize(png).height).toBeGreaterThan(inline.height * 2);
  });

  it.each([...embedded.keys()])('%s: the .vl.json is the file variant’s spec and compiles without warnings', (name) => {
    const spec = JSON.parse(files.get(`charts/${name}.vl.json`) as string) as TopLevelSpec & { vconcat?: unknown[] };
    expect(spec.vconcat).toHaveLength(2);
    expect(JSON.stringify(spec)).toContain('Source: ');
    const warnings: string[] = [];
    const logger = {
      level: () => logger,
      error: (...args: unknown[]) => {
        warnings.push(args.join(' '));
        return logger;
      },
      warn: (...args: unknown[]) => {
        warnings.push(args.join(' '));
        return logger;
      },
      info: () => logger,
      debug: () => logger,
    };
    compile(spec, { logger: logger as never });
    expect(warnings).toEqual([]);
  });
});

describe('the trend chart file', async () => {
  const trend = await analyzeTrend(['surveys/rpa-2016.yaml'], repoRoot, { report: () => {} });
  if (typeof trend === 'string') throw new Error(trend);
  const files = await renderTrendReport(trend, undefined, ['html', 'png']);

  it('carries the title, every round’s base, the source and the study note', () => {
    const svg = files.get('charts/trend.svg') as string;
    const lines = svgLines(svg);
    const text = lines.join(' ');
    expect(lines).toContain('Themes across rounds');
    expect(text).toContain('Base: 2014 44 respondents, 2015 46 respondents, 2016 48 respondents');
    expect(text).toContain('Source: What local funders and nonprofits want from LA n Sync, rounds 2014, 2015 and 2016; findings');
    expect(text).toContain('synthetic');
    expect(files.get('charts/trend.png')).toBeInstanceOf(Uint8Array);
  });

  it('the report’s own drawing of it has neither', () => {
    const html = files.get('report.html') as string;
    const inline = inlined(html).get('trend')!;
    expect(svgLines(inline).join(' ')).not.toContain('Source: ');
    expect(svgLines(inline).join(' ')).not.toContain('synthetic');
  });
});
