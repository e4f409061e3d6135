import { mkdirSync, writeFileSync } from 'node:fs';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCharts, type ChartSpec } from '../../src/charts/build-charts.ts';
import { cooccurrenceChart } from '../../src/charts/cooccurrence-chart.ts';
import { likertChart } from '../../src/charts/likert-chart.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { themePrevalenceChart } from '../../src/charts/theme-prevalence-chart.ts';
import { themesBySegmentChart } from '../../src/charts/themes-by-segment-chart.ts';
import type { Results } from '../../src/model.ts';
import { sampleResults } from '../report/sample-results.ts';
import { manyThemesResults } from './many-themes.ts';

const PREVIEW = '/tmp/charts-preview';

/** Compiles with vega-lite, collecting its warnings instead of printing them. */
function compileQuietly(spec: TopLevelSpec): { warnings: string[]; spec: ReturnType<typeof compile>['spec'] } {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      warnings.push(`error: ${args.join(' ')}`);
      return logger;
    },
    warn: (...args: unknown[]) => {
      warnings.push(args.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return { warnings, spec: compile(spec, { logger: logger as never }).spec };
}

function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { width: Number(match?.[1] ?? 0), height: Number(match?.[2] ?? 0) };
}

/** Every piece of text Vega drew, unescaped. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((match) =>
    (match[1] ?? '')
      .replace(/<[^>]+>/g, '\n')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

describe('buildCharts on the sample study', () => {
  const charts = buildCharts(sampleResults);
  const rendered = new Map<string, string>();

  beforeAll(async () => {
    mkdirSync(PREVIEW, { recursive: true });
    for (const chart of charts) {
      const svg = await renderSvg(chart.spec);
      rendered.set(chart.name, svg);
      writeFileSync(`${PREVIEW}/${chart.name}.svg`, svg);
    }
    const many = manyThemesResults();
    for (const chart of buildCharts(many)) writeFileSync(`${PREVIEW}/many-${chart.name}.svg`, await renderSvg(chart.spec));
  });

  it('names the charts as kebab-case file stems, in report order', () => {
    expect(charts.map((chart) => chart.name)).toEqual(['theme-prevalence', 'themes-by-segment', 'cooccurrence', 'likert-continue']);
    for (const chart of charts) expect(chart.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(charts.map((chart) => [chart.name, chart] as [string, ChartSpec]))('%s compiles without warnings', (_name, chart) => {
    const { warnings, spec } = compileQuietly(chart.spec);
    expect(warnings).toEqual([]);
    expect(spec.marks?.length ?? 0).toBeGreaterThan(0);
  });

  it.each(charts.map((chart) => [chart.name]))('%s renders to an SVG with a size and no cut label', (name) => {
    const svg = rendered.get(name) ?? '';
    const { width, height } = svgSize(svg);
    expect(width).toBeGreaterThan(100);
    expect(height).toBeGreaterThan(100);
    expect(svg).not.toContain('…');
    expect(svg).toContain('font-family="DejaVu Sans');
  });

  it('keeps every chart about slide width', () => {
    for (const [name, svg] of rendered) expect(svgSize(svg).width, name).toBeLessThanOrEqual(760);
    expect(svgSize(rendered.get('theme-prevalence') ?? '').width).toBeGreaterThanOrEqual(480);
    expect(svgSize(rendered.get('theme-prevalence') ?? '').width).toBeLessThanOrEqual(640);
  });

  it('draws every theme label whole, the HTML-like one as escaped text', () => {
    const svg = rendered.get('theme-prevalence') ?? '';
    const drawn = svgTexts(svg).join('\n');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const theme of sampleResults.themes) {
      // Wrapped labels are drawn line by line: every word is there.
      for (const word of theme.label.split(/\s+/)) expect(drawn).toContain(word);
    }
  });

  it('writes alt text from the data', () => {
    const alt = new Map(charts.map((chart) => [chart.name, chart.alt]));
    expect(alt.get('theme-prevalence')).toContain('Support continuing is the most mentioned theme (40 of 44, 91%)');
    expect(alt.get('themes-by-segment')).toContain('Public agencies n = 4, low base');
    expect(alt.get('themes-by-segment')).toContain('Peer models from other regions: 60% of funders against 5% of nonprofits');
    expect(alt.get('cooccurrence')).toContain('Support continuing and Project structure overlap most (Jaccard index 0.57, 23 respondents');
    expect(alt.get('likert-continue')).toContain('41 answers');
    expect(alt.get('likert-continue')).toContain('80% chose Agree or Strongly agree');
    for (const chart of charts) expect(chart.alt).toMatch(/\.$/);
  });
});

describe('renderSvg', () => {
  it('is deterministic: the same spec gives byte-identical SVG, whatever was rendered in between', async () => {
    const spec = cooccurrenceChart(sampleResults); // has a gradient legend, so an element id
    const first = await renderSvg(spec);
    await renderSvg(themePrevalenceChart(sampleResults));
    await renderSvg(likertChart(sampleResults, 'continue'));
    const second = await renderSvg(structuredClone(spec));
    expect(second).toBe(first);
    expect(first).toMatch(/id="chart-[a-z0-9]+-1"/);
  });

  it('gives different charts different element ids, so they can share one HTML page', async () => {
    const ids = async (spec: TopLevelSpec): Promise<string[]> => [...(await renderSvg(spec)).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? '');
    const a = await ids(cooccurrenceChart(sampleResults));
    const b = await ids(cooccurrenceChart(manyThemesResults()));
    expect(a.length).toBeGreaterThan(0);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
  });

  it('measures text close to DejaVu Sans instead of Vega’s wide guess, so labels are not squeezed', async () => {
    const spec: TopLevelSpec = {
      data: { values: [{ label: 'A fairly long label that Vega would otherwise cut', value: 1 }] },
      mark: 'bar',
      encoding: { y: { field: 'label', type: 'nominal', axis: { labelLimit: 300, labelFontSize: 11 } }, x: { field: 'value', type: 'quantitative' } },
    };
    const svg = await renderSvg(spec);
    expect(svg).not.toContain('…');
    // Vega's own estimate (0.8 em per character) would need 0.8 * 11 * 49 = 431 px and cut at 300.
    expect(svgTexts(svg)).toContain('A fairly long label that Vega would otherwise cut');
  });
});

describe('chart specs', () => {
  it('theme prevalence: top-level themes by proportion, sub-themes after their parent, codebook colours', () => {
    const spec = themePrevalenceChart(sampleResults) as { data: { values: { code: string; color: string; proportion: number }[] } };
    const values = spec.data.values;
    expect(values.map((value) => value.code)).toEqual(['support', 'structure', 'structure-governance', 'structure-roles', 'time', 'peer', 'odd', 'funding']);
    const topLevel = values.filter((value) => !value.code.startsWith('structure-'));
    for (let i = 1; i < topLevel.length; i++) expect(topLevel[i - 1]!.proportion).toBeGreaterThanOrEqual(topLevel[i]!.proportion);
    const color = new Map(values.map((value) => [value.code, value.color]));
    expect(color.get('support')).toBe('#1b9e77');
    expect(color.get('structure-roles')).toBe('#7570b3'); // inherits the parent's colour
    expect(color.get('peer')).toMatch(/^#[0-9a-f]{6}$/); // palette
    expect(color.get('peer')).not.toBe(color.get('odd'));
  });

  it('theme prevalence: subtitle gives the base and the confidence', () => {
    const spec = themePrevalenceChart(sampleResults) as { title: { subtitle: string[] } };
    expect(spec.title.subtitle[0]).toBe('Share of 44 respondents mentioning each theme (unweighted), with 95% intervals');
  });

  it('themes by segment: low-base segments keep their colour, faded, and are footnoted', () => {
    const spec = themesBySegmentChart(sampleResults) as unknown as {
      title: { subtitle: string[] };
      layer: { encoding: { color?: { scale?: { domain: string[]; range: string[] } }; opacity?: { condition: { test: string; value: number } } } }[];
    };
    expect(spec.title.subtitle).toContain('Public agencies: base below 5, shown for completeness');
    const scale = spec.layer[0]?.encoding.color?.scale;
    expect(scale?.domain).toEqual(['Funders (n = 20)', 'Nonprofits (n = 20)', 'Public agencies (n = 4, low base)']);
    // Issue 17: the colour of the id's slot, not a low-base grey: FNV-1a('public') is 3432027008, 2 modulo 6
    // (python3: h=0x811c9dc5; for c in b'public': h=((h^c)*0x01000193)&0xffffffff), the slot of 'nonprofit'
    // (4242798494, also 2), which comes first in code-unit order, so 'public' takes the next: SEGMENT_COLORS[3].
    expect(scale?.range[2]).toBe('#8d4a8d');
    expect(spec.layer[0]?.encoding.opacity?.condition).toEqual({ test: 'datum.lowBase', value: 0.45 });
    expect(spec.title.subtitle).toContain('Base: Funders n = 20, Nonprofits n = 20, Public agencies n = 4');
    expect(new Set(scale?.range).size).toBe(3);
  });

  it('co-occurrence: each unrelated pair once, no theme with its own sub-theme, no undefined index', () => {
    const spec = cooccurrenceChart(sampleResults) as { data: { values: { row: string; column: string; jaccard: number }[] } };
    const pairs = spec.data.values.map((value) => [value.row, value.column].sort().join('+'));
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs).not.toContain('structure+structure-roles');
    expect(pairs).not.toContain('structure+structure-governance');
    expect(pairs).toContain('structure-governance+structure-roles');
    expect(spec.data.values.every((value) => value.jaccard !== null)).toBe(true);
  });

  it('likert: disagreement left of zero, the neutral level split across it, levels in order', () => {
    const spec = likertChart(sampleResults, 'continue') as unknown as {
      data: { values: { row: string; level: string; start: number; end: number }[] };
      layer: { encoding: { color?: { scale?: { domain: string[]; range: string[] } } } }[];
    };
    const all = spec.data.values.filter((value) => value.row === '__all__');
    const share = (count: number): number => count / 41;
    expect(all.map((value) => value.level)).toEqual(['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree']);
    expect(all[0]!.start).toBeCloseTo(-(share(1) + share(2) + share(5) / 2), 12);
    expect(all[2]!.start).toBeCloseTo(-share(5) / 2, 12);
    expect(all[2]!.end).toBeCloseTo(share(5) / 2, 12);
    expect(all[4]!.end).toBeCloseTo(share(5) / 2 + share(12) + share(21), 12);
    const legend = spec.layer.find((layer) => layer.encoding.color?.scale !== undefined)?.encoding.color?.scale;
    expect(legend?.domain).toEqual(['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree']);
    // Greyscale: lightness rises towards the middle on both sides.
    const lightness = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const l = (legend?.range ?? []).map(lightness);
    expect(l[0]!).toBeLessThan(l[1]!);
    expect(l[4]!).toBeLessThan(l[3]!);
    expect(spec.data.values.some((value) => value.row === 'public')).toBe(true);
  });

  it('likert: an unknown question gives an empty chart that still compiles', async () => {
    const svg = await renderSvg(likertChart(sampleResults, 'nope'));
    expect(svg).toContain('No question');
  });
});

describe('buildCharts skips charts without data', () => {
  const variant = (change: (results: Results) => void): string[] => {
    const results = structuredClone(sampleResults);
    change(results);
    return buildCharts(results).map((chart) => chart.name);
  };

  it('no questions: no Likert chart', () => {
    expect(
      variant((r) => {
        r.questions = [];
      }),
    ).not.toContain('likert-continue');
  });

  it('fewer than two themes: no heatmap', () => {
    const names = variant((r) => {
      r.themes = r.themes.slice(0, 1);
      r.cooccurrence = [];
    });
    expect(names).toEqual(['theme-prevalence', 'themes-by-segment', 'likert-continue']);
  });

  it('one segment: no by-segment chart', () => {
    expect(
      variant((r) => {
        r.segments = r.segments.slice(0, 1);
      }),
    ).not.toContain('themes-by-segment');
  });

  it('a question nobody answered: no chart for it', () => {
    expect(
      variant((r) => {
        r.questions[0]!.base = 0;
      }),
    ).not.toContain('likert-continue');
  });
});

describe('fourteen themes in three segments', () => {
  it.each(['theme-prevalence', 'themes-by-segment', 'cooccurrence'])('%s renders whole, long labels wrapped', async (name) => {
    const chart = buildCharts(manyThemesResults()).find((candidate) => candidate.name === name);
    expect(chart).toBeDefined();
    const svg = await renderSvg(chart!.spec);
    expect(svg).not.toContain('…');
    const drawn = svgTexts(svg).join(' ').replace(/\s+/g, ' ');
    expect(drawn).toContain('Évaluation et mesure d’impact');
    expect(drawn).toContain('neighbouring');
    const { width } = svgSize(svg);
    expect(width).toBeLessThanOrEqual(800);
  });
});

describe('vega in this process', () => {
  it('is the module renderSvg configures', () => {
    expect(typeof (vega as unknown as { textMetrics: { width: unknown } }).textMetrics.width).toBe('function');
  });
});
