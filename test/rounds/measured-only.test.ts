/**
 * Measured-only comparison (CONTRACT.md, Additions): a code new in this round, including a new
 * parent over codes that were measured before, and a retired code are not compared. Hand-counted
 * from the files written below:
 *   2014 codebook: loans, grants, events.   2015: money (new parent of loans and grants), loans,
 *   grants, summit (new); events retired.
 *   2014 (8 respondents): loans 3, grants 2 (one both: r1), events 4.
 *   2015 (8 respondents): loans 1, grants 4, money by roll-up 4 (s1 gives both), summit 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { analyzeTrend } from '../../src/rounds/analyze-trend.ts';

function study(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'findings-measured-'));
  const write = (name: string, text: string) => writeFileSync(path.join(root, name), text);
  write('codebook-2014.csv', 'code,label\nloans,Loans\ngrants,Grants\nevents,Events\n');
  write('codebook-2015.csv', 'code,label,parent\nmoney,Money,\nloans,Loans,money\ngrants,Grants,money\nsummit,Annual summit,\n');
  write('2014.csv', 'id,segment,themes\nr1,a,loans;grants\nr2,a,loans;events\nr3,a,events\nr4,a,\nr5,b,loans\nr6,b,grants;events\nr7,b,events\nr8,b,\n');
  write('2015.csv', 'id,segment,themes\ns1,a,loans;grants\ns2,a,grants;summit\ns3,a,\ns4,a,grants\ns5,b,grants\ns6,b,summit\ns7,b,\ns8,b,\n');
  const config = (round: string, previous: string | null, extra = '') =>
    `id: m-${round}\nround: "${round}"\n${previous === null ? '' : `previous: m-${previous}.yaml\n`}codebook: codebook-${round}.csv\n` +
    `data:\n  path: ${round}.csv\n  columns: { id: id, segment: segment, themes: themes }\n  separator: ";"\n${extra}`;
  write('m-2014.yaml', config('2014', null));
  write('m-2015.yaml', config('2015', '2014', 'codebookChanges:\n  - { retired: events }\n'));
  return root;
}

describe('measured-only comparison', async () => {
  const root = study();
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound(path.join(root, 'm-2015.yaml'), root, { report: (d) => void diagnostics.push(d) });
  if ('stopped' in analysis) throw new Error(JSON.stringify(diagnostics));
  const change = analysis.results.change!;
  const theme = (code: string) => change.themes.find((t) => t.code === code)!;

  it('gives a new parent over measured children no previous figure, though roll-up would', () => {
    const money = theme('money');
    expect(money.status).toBe('new');
    expect(money.previous).toEqual({ respondents: null, base: 8, proportion: null });
    expect(money.current).toEqual({ respondents: 4, base: 8, proportion: 4 / 8 });
    expect([money.difference, money.ci, money.z, money.p, money.pAdjusted]).toEqual([null, null, null, null, null]);
    expect(money.bySegment.every((cell) => cell.previous.respondents === null && cell.p === null)).toBe(true);
  });

  it('compares the children, and leaves new and retired codes out of the BH family', () => {
    expect(theme('loans')).toMatchObject({ status: 'compared', previous: { respondents: 3 }, current: { respondents: 1 } });
    expect(theme('grants')).toMatchObject({ status: 'compared', previous: { respondents: 2 }, current: { respondents: 4 } });
    expect(theme('summit')).toMatchObject({ status: 'new', previous: { respondents: null }, current: { respondents: 2 } });
    expect(theme('events')).toMatchObject({
      status: 'retired',
      previous: { respondents: 4, base: 8 },
      current: { respondents: null, proportion: null },
      p: null,
    });
    // Two compared themes: p.adjust(c(p_loans, p_grants), "BH"), i.e. the larger p stays, the smaller doubles up to it.
    // prop.test(c(1, 3), c(8, 8), correct = FALSE)$p.value -> 0.24821307898992362
    // prop.test(c(4, 2), c(8, 8), correct = FALSE)$p.value -> 0.30169958247834794
    // p.adjust(c(0.24821307898992362, 0.30169958247834794), "BH") -> 0.30169958247834794 0.30169958247834794
    expect(theme('loans').p).toBeCloseTo(0.24821307898992362, 12);
    expect(theme('loans').pAdjusted).toBeCloseTo(0.30169958247834794, 12);
    expect(theme('grants').pAdjusted).toBeCloseTo(0.30169958247834794, 12);
  });

  it('draws no 2014 point for codes that did not exist then (null, never 0)', async () => {
    const trend = await analyzeTrend([path.join(root, 'm-2014.yaml'), path.join(root, 'm-2015.yaml')], root, { report: () => {} });
    if (typeof trend === 'string') throw new Error(trend);
    const points = (code: string) => trend.themes.find((t) => t.code === code)!.points.map((p) => [p.respondents, p.proportion]);
    expect(points('money')).toEqual([
      [null, null],
      [4, 4 / 8],
    ]);
    expect(points('summit')).toEqual([
      [null, null],
      [2, 2 / 8],
    ]);
    expect(points('loans')).toEqual([
      [3, 3 / 8],
      [1, 1 / 8],
    ]);
  });
});
