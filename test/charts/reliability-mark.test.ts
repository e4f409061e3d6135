/**
 * Issue 17: a theme whose coding is unreliable (Krippendorff's alpha below the config's tentative
 * threshold, 0.667 by default) carries a mark (†) in every chart that shows it, with a legend note.
 * In the 2014 round only "More than "winning money"" (beyond-money) is below it: its alpha is
 * 0.5671641791044777 by an independent implementation (test/golden/py/reliability.py,
 * test/golden/py/rpa-2014-reliability-expected.csv); every other theme's alpha there is at least 0.667.
 */
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/build-charts.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { svgLines } from './svg-lines.ts';

const NOTE = /^† Unreliable coding: the coders agreed too little on this theme to draw/;

describe('unreliable coding in the charts of the 2014 round', async () => {
  const analysis = await analyzeRound('surveys/rpa-2014.yaml', repoRoot, { report: () => {} });
  if ('stopped' in analysis) throw new Error('stopped');
  const charts = buildCharts(analysis.results);
  const svgs = new Map<string, string>();
  for (const chart of charts) svgs.set(chart.name, await renderSvg(chart.spec));

  it.each(['theme-prevalence', 'themes-by-segment', 'cooccurrence'])('%s marks "More than "winning money"" and only it, with the note', (name) => {
    const lines = svgLines(svgs.get(name)!);
    const marked = lines.filter((line) => line.endsWith(' †'));
    expect(marked.length).toBeGreaterThan(0);
    for (const line of marked) expect(line).toMatch(/More than "winning money" †$/);
    expect(lines.some((line) => NOTE.test(line))).toBe(true);
  });

  it('the co-occurrence heatmap marks its row label and its column head', () => {
    expect(svgLines(svgs.get('cooccurrence')!).filter((line) => line.endsWith('†'))).toHaveLength(2);
  });

  it('a round without a second coder marks nothing', async () => {
    const noCoder = structuredClone(analysis.results);
    noCoder.reliability = null;
    const svg = await renderSvg(buildCharts(noCoder).find((chart) => chart.name === 'theme-prevalence')!.spec);
    expect(svgLines(svg).some((line) => line.includes('†'))).toBe(false);
  });
});

describe('the change chart of the 2015 round', async () => {
  const analysis = await analyzeRound('surveys/rpa-2015.yaml', repoRoot, { report: () => {} });
  if ('stopped' in analysis) throw new Error('stopped');

  it('marks the themes its own reliability flags as unreliable, or none', async () => {
    const unreliable = (analysis.results.reliability?.themes ?? []).filter((theme) => theme.flag === 'unreliable').map((theme) => theme.code);
    const chart = buildCharts(analysis.results).find((candidate) => candidate.name === 'change')!;
    const lines = svgLines(await renderSvg(chart.spec));
    const labels = new Map(analysis.results.themes.map((theme) => [theme.code, theme.label]));
    for (const code of unreliable) expect(lines.some((line) => line.includes(`${labels.get(code)} †`))).toBe(true);
    expect(lines.some((line) => NOTE.test(line) || /^† Unreliable coding/.test(line))).toBe(unreliable.length > 0);
  });
});
