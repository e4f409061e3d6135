/**
 * Issue 16: `findings run <config> --by <column>`: one report per value in its own subfolder (safe
 * names for hostile values), the index, the overall report beside them, all in one folder.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { CODEBOOK } from '../helpers/temp-study.ts';
import { segmentSlugs } from '../../src/report/segment-slug.ts';

const RLO = '\u202e';
const LONG = `x${'y'.repeat(300)}`;
// Hand-counted: region "North" 3 rows (R1, R2, R8), "../etc" 1, "a/b" 1, "a.b" 1, bidi 1, long 1, blank 1 (R9); 9 rows.
const DATA = [
  'id,segment,region,themes',
  'R1,a,North,structure',
  'R2,b,North,role',
  'R3,a,../etc,benefit',
  'R4,b,a/b,structure;role',
  'R5,a,a.b,continue',
  `R6,b,${RLO}evil,structure`,
  `R7,a,${LONG},role`,
  'R8,b,North,structure',
  'R9,a,,benefit',
].join('\n');

function study(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-by-'));
  writeFileSync(path.join(dir, 'codebook.csv'), CODEBOOK);
  writeFileSync(path.join(dir, 'data.csv'), `${DATA}\n`);
  writeFileSync(
    path.join(dir, 'survey.yaml'),
    'id: s\ntitle: By region\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\nreport: { minBase: 2 }\n',
  );
  return dir;
}

describe('run --by', () => {
  it('writes a report per value, the index and the overall report in one folder', async () => {
    const dir = study();
    const { exit, stderr } = await runCli(['run', 'survey.yaml', '--out', 'out', '--by', 'region', '--quiet'], dir);
    expect(stderr).toBe('');
    expect(exit).toBe(0);
    const out = path.join(dir, 'out');
    expect(readdirSync(path.join(out, 'by-region')).sort()).toEqual(['a-b', 'a-b-2', 'blank', 'etc', 'evil', 'north', `x${'y'.repeat(59)}`]);
    for (const file of ['report.html', 'report.md', 'results.json', 'index.html', 'index.md']) expect(existsSync(path.join(out, file)), file).toBe(true);
    const overall = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(overall.base.respondents).toBe(9);
    // The banner --by tallied to learn the values is not in the overall report.
    expect(overall.banners).toBeUndefined();
    const north = JSON.parse(readFileSync(path.join(out, 'by-region/north/results.json'), 'utf8'));
    expect(north.base.respondents).toBe(3);
    expect(north.ledger).toMatchObject({ rowsRead: 9, rowsUsed: 3, rowsRejected: 0, rowsFiltered: 6 });
    expect(north.settings.subset).toEqual({ column: 'region', value: 'North' });
    const blank = JSON.parse(readFileSync(path.join(out, 'by-region/blank/results.json'), 'utf8'));
    expect(blank.base.respondents).toBe(1);
    const index = readFileSync(path.join(out, 'index.md'), 'utf8');
    expect(index).toContain('[Overall report](report.md): all 9 respondents.');
    expect(index).toContain('| North | 3 | [by-region/north/report.md](by-region/north/report.md) |');
    expect(index).toContain('| ../etc | 1† | [by-region/etc/report.md](by-region/etc/report.md) |');
    expect(index).toContain('| (blank region) | 1† |');
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html).not.toContain(RLO);
    expect(index).not.toContain(RLO);
    expect(html).toContain('<a href="by-region/a-b-2/report.html">');
    // The manifest lists every file, the subsets' included: one atomic folder.
    const manifest = JSON.parse(readFileSync(path.join(out, '.findings-manifest.json'), 'utf8'));
    expect(manifest.files).toContain('by-region/north/report.html');
    expect(manifest.files).toContain('index.html');
  }, 120_000);

  it('splits by the segment column with each subset its own low-base rule', async () => {
    const dir = study();
    const { exit } = await runCli(['run', 'survey.yaml', '--out', 'out', '--by', 'segment', '--quiet'], dir);
    expect(exit).toBe(0);
    const a = JSON.parse(readFileSync(path.join(dir, 'out/by-segment/a/results.json'), 'utf8'));
    expect(a.segments.map((s: { id: string; respondents: number }) => [s.id, s.respondents])).toEqual([['a', 5]]);
    expect(a.settings.filter).toBe('segment is a');
  }, 120_000);

  it('names an unknown column as a config error (exit 2), writing nothing', async () => {
    const dir = study();
    const { exit, stderr } = await runCli(['run', 'survey.yaml', '--out', 'out', '--by', 'regoin'], dir);
    expect(exit).toBe(2);
    expect(stderr).toContain('column "regoin" (--by) is not in the header of data.csv (did you mean "region"?)  FND008');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('slugs hostile values to distinct, safe folder names', () => {
    const slugs = segmentSlugs(['North', 'north', '..', '.', '/', 'a/b', 'a.b', `${RLO}x`, 'Ünïcödé', '東京', '', LONG], '');
    expect(slugs).toEqual(['north', 'north-2', 'value', 'value-2', 'value-3', 'a-b', 'a-b-2', 'x', 'unicode', 'value-4', 'blank', `x${'y'.repeat(59)}`]);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
