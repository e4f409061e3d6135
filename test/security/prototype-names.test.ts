/**
 * Issue #20, class 3: names JavaScript gives meaning to are data like any other. Every own property
 * name of Object.prototype (constructor, __proto__, toString, valueOf, hasOwnProperty, ...) is tried
 * as a config key (FND003, exit 2), and, in a run that must succeed with the hand-counted tallies, as
 * a code, a code's label, a segment, a respondent id, a data column name and a themeColumns.columns key.
 * The run renders every chart (vega parses each spec), so a data name Vega took for an operator fails.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const names = Object.getOwnPropertyNames(Object.prototype).sort();

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-proto-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

interface ThemeResult {
  code: string;
  label: string;
  respondents: number;
}

describe.each(names)('%s', (name) => {
  const q = JSON.stringify(name);

  it('as a config key, at the top, in data and in data.columns: FND003, exit 2', async () => {
    for (const [where, config] of [
      ['top', `id: p\n${q}: 1\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n`],
      ['data', `id: p\ncodebook: codebook.csv\ndata:\n  ${q}: 1\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n`],
      ['columns', `id: p\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes, ${q}: x }\n`],
      ['report', `id: p\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\nreport: { ${q}: 1 }\n`],
    ]) {
      const dir = folder({ 'survey.yaml': config!, 'codebook.csv': 'code,label\nx,X\n', 'data.csv': 'id,segment,themes\nA,a,x\n' });
      const { exit, stderr } = await runCli(['check', 'survey.yaml'], dir);
      expect(stderr, where).toContain(`unknown key`);
      expect(stderr, where).toContain('FND003');
      expect(stderr, where).not.toMatch(/\n\s+at /);
      expect(exit, where).toBe(2);
    }
  });

  it('as a code, label, segment, id and themes column name: counted as written, every chart rendered', async () => {
    // Hand count: 6 respondents, 3 in segment <name> (rows 1, 2, 6) and 3 in s2; theme <name> is given by
    // rows 1, 2 and 5 (3 of 6, a base of at least 5, so a key finding with its statement), x by rows 2 and 3.
    const dir = folder({
      'survey.yaml': `id: p\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: ${q} }\n`,
      'codebook.csv': `code,label,statement\n${name},${name},raised the ${name} point\nx,X ${name},\n`,
      'data.csv': `id,segment,${name}\n${name},${name},${name}\nb,${name},${name};x\nc,s2,x\nd,s2,\ne,s2,${name}\nf,${name},\n`,
    });
    const { exit, stderr } = await runCli(['run', 'survey.yaml', '--out', 'out', '--quiet'], dir);
    expect(stderr).toBe('');
    expect(exit).toBe(0);
    const results = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8'));
    expect(results.base.respondents).toBe(6);
    expect(results.segments.map((s: { id: string; respondents: number }) => [s.id, s.respondents])).toEqual([
      [name, 3],
      ['s2', 3],
    ]);
    const themes = new Map((results.themes as ThemeResult[]).map((t) => [t.code, t]));
    expect(themes.get(name)?.respondents).toBe(3);
    expect(themes.get(name)?.label).toBe(name);
    expect(themes.get('x')?.respondents).toBe(2);
    // The code's statement (kept in a lookup keyed by code) reaches the summary.
    expect(readFileSync(path.join(dir, 'out', 'report.html'), 'utf8')).toContain(`50% of respondents raised the ${name} point (3 of 6;`);
    const svg = readFileSync(path.join(dir, 'out', 'charts', 'theme-prevalence.svg'), 'utf8');
    expect(svg).toContain(name);
  });

  it('as a themeColumns.columns key (a code) and the column it names: counted as written', async () => {
    // Hand count: <name> ticked in rows 1 and 2, x in rows 2 and 3.
    const dir = folder({
      'survey.yaml': `id: p\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment }\n  themeColumns:\n    columns: { ${q}: ${q}, x: colx }\n`,
      'codebook.csv': `code,label\n${name},Label\nx,X\n`,
      'data.csv': `id,segment,${name},colx\nr1,a,1,0\nr2,a,1,1\nr3,b,0,1\nr4,b,0,0\n`,
    });
    const { exit, stderr } = await runCli(['run', 'survey.yaml', '--out', 'out', '--quiet'], dir);
    expect(stderr).toBe('');
    expect(exit).toBe(0);
    const results = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8'));
    const themes = new Map((results.themes as ThemeResult[]).map((t) => [t.code, t.respondents]));
    expect(themes.get(name)).toBe(2);
    expect(themes.get('x')).toBe(2);
  });
});
