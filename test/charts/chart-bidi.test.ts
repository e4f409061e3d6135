/**
 * Issue 17: right-to-left data text in chart SVGs. Arabic and Hebrew labels are isolated (U+2068 …
 * U+2069) so a count after a label stays with it; every other bidi control character in the data
 * (U+202E RIGHT-TO-LEFT OVERRIDE, an embedding, a stray isolate) is gone from the rendered SVG, the
 * standalone file included. resvg draws the isolates as nothing (they are default-ignorable).
 */
import { describe, expect, it } from 'vitest';
import { FSI, PDI, isolate, neutraliseBidi } from '../../src/charts/bidi.ts';
import { buildCharts } from '../../src/charts/build-charts.ts';
import { fileSpec, fileSvg } from '../../src/charts/file-spec.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import { textWidth } from '../../src/charts/text-width.ts';
import { wrapLabel } from '../../src/charts/wrap-label.ts';
import { sampleResults } from '../report/sample-results.ts';
import { svgLines } from './svg-lines.ts';

const ARABIC = 'المجيبون بنعم';
const HEBREW = 'לא בטוחים';
const OTHER_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066\u2067]/;
const RTL = /[\u0590-\u08ff]/;

const results = structuredClone(sampleResults);
results.segments[0]!.label = ARABIC;
results.segments[1]!.label = HEBREW;
results.segments[2]!.label = 'Agencies \u202Egnitset';
results.themes[0]!.label = `دعم الاستمرار \u202B2014\u202C`;
results.themes[1]!.label = `Structure ${FSI}unclosed`;
results.survey.title = `${HEBREW} 2014`;

/** Each FSI closed by a PDI in the same line, with right-to-left letters inside and no other control. */
function checkIsolates(line: string): void {
  expect(OTHER_CONTROLS.test(line), JSON.stringify(line)).toBe(false);
  for (const match of line.matchAll(/\u2068([^\u2068\u2069]*)\u2069/g)) expect(RTL.test(match[1] ?? ''), JSON.stringify(line)).toBe(true);
  const rest = line.replace(/\u2068[^\u2068\u2069]*\u2069/g, '');
  expect(rest.includes(FSI) || rest.includes(PDI), JSON.stringify(line)).toBe(false);
}

describe('chart SVGs with right-to-left and control characters in the data', async () => {
  const charts = buildCharts(results);
  const svgs = new Map<string, string>();
  const declined: string[] = [];
  for (const chart of charts) {
    const svg = await renderSvg(chart.spec);
    svgs.set(chart.name, svg);
    if (chart.frame === undefined) continue;
    // Issue 19: the file as the report writes it (drawn around the report's drawing), and Vega's layout of its spec.
    const composed = fileSvg(chart.spec, chart.frame, svg);
    if (composed === null) declined.push(chart.name);
    else svgs.set(`${chart.name} (file)`, composed);
    svgs.set(`${chart.name} (file spec)`, await renderSvg(fileSpec(chart.spec, chart.frame, svg)));
  }

  it('draws every file around the report’s drawing, right-to-left titles too', () => {
    expect(declined).toEqual([]);
    expect(svgs.has('theme-prevalence (file)')).toBe(true);
  });

  it.each([...svgs.keys()])('%s: no bidi control survives but whole isolates around right-to-left text', (name) => {
    const svg = svgs.get(name)!;
    expect(svg).not.toContain('\u202E');
    for (const line of svgLines(svg)) checkIsolates(line);
  });

  it('keeps each count with its group in the legend and the base line', () => {
    const lines = svgLines(svgs.get('themes-by-segment')!);
    expect(lines).toContain(`${FSI}${ARABIC}${PDI} (n = 20)`);
    expect(lines).toContain(`${FSI}${HEBREW}${PDI} (n = 20)`);
    expect(lines).toContain('Agencies gnitset (n = 4, low base)');
    expect(lines).toContain(`Base: ${FSI}${ARABIC}${PDI} n = 20, ${FSI}${HEBREW}${PDI} n = 20, Agencies gnitset n = 4`);
  });

  it('isolates a right-to-left theme label with its own digits, the embedding removed', () => {
    expect(svgLines(svgs.get('theme-prevalence')!)).toContain(`${FSI}دعم الاستمرار 2014${PDI}`);
  });

  it.each(['theme-prevalence (file)', 'theme-prevalence (file spec)'])('%s: isolates the study title in the source line', (name) => {
    expect(svgLines(svgs.get(name)!).join(' ')).toContain(`Source: ${FSI}${HEBREW} 2014${PDI}`);
  });
});

describe('bidi helpers', () => {
  it('isolate: only text with right-to-left letters, its controls removed', () => {
    expect(isolate(HEBREW)).toBe(`${FSI}${HEBREW}${PDI}`);
    expect(isolate('Funders\u202E')).toBe('Funders');
    expect(isolate(`${FSI}${HEBREW}${PDI}`)).toBe(`${FSI}${HEBREW}${PDI}`);
  });

  it('neutraliseBidi keeps only whole isolates around right-to-left text', () => {
    expect(neutraliseBidi(`a ${FSI}${HEBREW}${PDI} 5`)).toBe(`a ${FSI}${HEBREW}${PDI} 5`);
    expect(neutraliseBidi(`${FSI}latin${PDI}`)).toBe('latin');
    expect(neutraliseBidi(`${FSI}${HEBREW}`)).toBe(HEBREW);
    expect(neutraliseBidi(`${FSI}${HEBREW}\u202E${PDI}`)).toBe(HEBREW);
    expect(neutraliseBidi('\u202Dx\u200F')).toBe('x');
  });

  it('wrapLabel closes an isolate at each line break and reopens it', () => {
    const lines = wrapLabel(isolate(`${HEBREW} ${HEBREW} ${HEBREW} ${HEBREW}`), 60, 11);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.startsWith(FSI) && line.endsWith(PDI)).toBe(true);
  });

  it('textWidth gives the controls no width', () => {
    expect(textWidth(isolate(HEBREW), 11)).toBe(textWidth(HEBREW, 11));
  });
});
