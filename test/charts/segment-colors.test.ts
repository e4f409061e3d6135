/**
 * Issue 17: a segment keeps its colour across rounds and reports (segment-colors.ts): the colour
 * comes from the segment's id, not from its position among the round's segments, and a low base
 * fades it instead of turning it grey.
 */
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/build-charts.ts';
import { SEGMENT_COLORS, segmentColors } from '../../src/charts/segment-colors.ts';
import type { Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot } from '../helpers/run-cli.ts';

/** Segment id -> the colour the themes-by-segment chart draws it in. */
function chartColors(results: Results): Map<string, string> {
  const chart = buildCharts(results).find((candidate) => candidate.name === 'themes-by-segment');
  if (chart === undefined) throw new Error('no themes-by-segment chart');
  const layer = (chart.spec as unknown as { layer: { encoding: { color?: { scale?: { domain: string[]; range: string[] } } } }[] }).layer[0];
  const scale = layer?.encoding.color?.scale;
  if (scale === undefined) throw new Error('no colour scale');
  // The legend entries are in results.segments order ("Funders (n = 20)").
  return new Map(results.segments.map((segment, index) => [segment.id, scale.range[index] ?? '']));
}

describe('segmentColors', () => {
  it('does not depend on the order the segments come in', () => {
    const ids = ['funder', 'nonprofit', 'public-agency', 'academic'];
    expect([...segmentColors(ids)].sort()).toEqual([...segmentColors([...ids].reverse())].sort());
  });

  it('gives two ids whose hashes share a slot two colours, the later id in code-unit order moving on', () => {
    // FNV-1a('nonprofit') and FNV-1a('north') are both 2 modulo 6 (4242798494 and 3673133828, from Python in the next test).
    const colors = segmentColors(['north', 'nonprofit']);
    expect(colors.get('nonprofit')).toBe(SEGMENT_COLORS[2]);
    expect(colors.get('north')).toBe(SEGMENT_COLORS[3]);
  });

  it('hashes with FNV-1a as documented (values from an independent implementation, Python)', () => {
    // python3 -c "h=0x811c9dc5
    // for c in b'nonprofit': h=((h^c)*0x01000193)&0xffffffff
    // print(h, h%6)"  -> 4242798494 2 ; the same for b'north' -> 3673133828 2; b'funder' -> 5; b'public-agency' -> 4
    const colors = segmentColors(['funder', 'nonprofit', 'public-agency']);
    expect(colors.get('funder')).toBe(SEGMENT_COLORS[5]);
    expect(colors.get('nonprofit')).toBe(SEGMENT_COLORS[2]);
    expect(colors.get('public-agency')).toBe(SEGMENT_COLORS[4]);
  });
});

describe('the three default rounds', async () => {
  const rounds: Results[] = [];
  for (const file of ['surveys/rpa-2014.yaml', 'surveys/rpa-2015.yaml', 'surveys/rpa-2016.yaml']) {
    const analysis = await analyzeRound(file, repoRoot, { report: () => {} });
    if ('stopped' in analysis) throw new Error(`${file} stopped`);
    rounds.push(analysis.results);
  }

  it('draw each segment in the same colour, the low-base public agencies of 2014 included', () => {
    const [first, second, third] = rounds.map(chartColors);
    expect(rounds[0]!.segments.find((segment) => segment.id === 'public-agency')?.lowBase).toBe(true);
    expect(rounds[1]!.segments.find((segment) => segment.id === 'public-agency')?.lowBase).toBe(false);
    expect(first).toEqual(second);
    expect(second).toEqual(third);
    expect(new Set(first!.values()).size).toBe(3);
  });

  it('keep the colours when a round lacks a segment or lists them in another order', () => {
    const full = chartColors(rounds[1]!);
    const fewer = structuredClone(rounds[1]!);
    fewer.segments = fewer.segments.filter((segment) => segment.id !== 'nonprofit').reverse();
    const colors = chartColors(fewer);
    expect(colors.get('funder')).toBe(full.get('funder'));
    expect(colors.get('public-agency')).toBe(full.get('public-agency'));
  });
});
