/** Rounds: findings init as a new user runs it, and the trend across the three default rounds. */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/model.ts';
import { analyzeTrend } from '../src/rounds/analyze-trend.ts';
import { repoRoot, runCli } from './helpers/run-cli.ts';
import { resultsSchemaErrors } from './helpers/results-schema.ts';

/** A scratch copy of surveys/ and fixtures/rpa/, so init can write beside the configs. */
function scratchStudy(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'findings-rounds-'));
  mkdirSync(path.join(root, 'surveys'));
  mkdirSync(path.join(root, 'fixtures', 'rpa'), { recursive: true });
  for (const f of ['rpa-2014.yaml', 'rpa-2015.yaml', 'rpa-2016.yaml']) copyFileSync(path.join(repoRoot, 'surveys', f), path.join(root, 'surveys', f));
  for (const f of ['codebook.csv', 'codebook-2015.csv', '2014.csv', '2014-coder-b.csv', '2015.csv', '2016.csv', '2017-new.csv']) {
    copyFileSync(path.join(repoRoot, 'fixtures', 'rpa', f), path.join(root, 'fixtures', 'rpa', f));
  }
  mkdirSync(path.join(root, 'fixtures', 'rpa-excerpts'));
  copyFileSync(path.join(repoRoot, 'fixtures/rpa-excerpts/excerpts.csv'), path.join(root, 'fixtures/rpa-excerpts/excerpts.csv'));
  return root;
}

describe('findings init', () => {
  it('writes the next round from the last one, taking a renamed column, and the result checks clean', async () => {
    const root = scratchStudy();
    const init = await runCli(['init', 'fixtures/rpa/2017-new.csv', '--from', 'surveys/rpa-2016.yaml'], root);
    expect(init.stderr).toBe('');
    expect(init.exit).toBe(0);
    expect(init.stdout).toBe(
      [
        'wrote surveys/rpa-2017.yaml',
        '  data.columns.weight: "weight" is not in the new file; using its column "wt" (check that it holds the same thing)',
        '  report.note was not carried over: it described the last round',
        'next: findings check surveys/rpa-2017.yaml   then   findings run surveys/rpa-2017.yaml',
        '',
      ].join('\n'),
    );
    const text = readFileSync(path.join(root, 'surveys', 'rpa-2017.yaml'), 'utf8');
    expect(text).toMatch(/^id: rpa-2017$/m);
    expect(text).toMatch(/^round: "2017"$/m);
    expect(text).toMatch(/^previous: rpa-2016\.yaml$/m);
    expect(text).toMatch(/^ {2}path: \.\.\/fixtures\/rpa\/2017-new\.csv$/m);
    expect(text).toMatch(/weight: wt/);
    expect(text).toMatch(/^# /m); // comments of the last config are kept
    const check = await runCli(['check', 'surveys/rpa-2017.yaml'], root);
    expect(check.exit).toBe(0);
    const run = await runCli(['run', 'surveys/rpa-2017.yaml', '--quiet'], root);
    expect(run.exit).toBe(0);
    const results = JSON.parse(readFileSync(path.join(root, 'reports', 'rpa-2017', 'results.json'), 'utf8'));
    expect(resultsSchemaErrors(results)).toEqual([]);
    expect(results.change.previous).toBe('rpa-2016');
  });

  it('refuses to overwrite a config', async () => {
    const root = scratchStudy();
    const { exit, stderr } = await runCli(['init', 'fixtures/rpa/2017-new.csv', '--from', 'surveys/rpa-2015.yaml'], root);
    expect(exit).toBe(2);
    expect(stderr).toContain('surveys/rpa-2016.yaml already exists; findings init never overwrites a config');
  });

  it('writes nothing when a column has no plausible match in the new file', async () => {
    const root = scratchStudy();
    const csv = readFileSync(path.join(root, 'fixtures/rpa/2017-new.csv'), 'utf8').replace(/^respondent_id,segment/, 'respondent_id,stakeholder_group');
    writeFileSync(path.join(root, 'fixtures/rpa/2017-renamed.csv'), csv);
    const { exit, stderr } = await runCli(['init', 'fixtures/rpa/2017-renamed.csv', '--from', 'surveys/rpa-2016.yaml'], root);
    expect(exit).toBe(1);
    expect(stderr).toContain('fixtures/rpa/2017-renamed.csv:1:1  error  column "segment" (data.columns.segment in surveys/rpa-2016.yaml) is not in the header');
    expect(existsSync(path.join(root, 'surveys', 'rpa-2017.yaml'))).toBe(false);
  });

  it('asks for --id and --round when the round label is not a number', async () => {
    const root = scratchStudy();
    const config = readFileSync(path.join(root, 'surveys/rpa-2016.yaml'), 'utf8').replace('round: "2016"', 'round: "spring"');
    writeFileSync(path.join(root, 'surveys/spring.yaml'), config);
    const { exit, stderr } = await runCli(['init', 'fixtures/rpa/2017-new.csv', '--from', 'surveys/spring.yaml'], root);
    expect(exit).toBe(2);
    expect(stderr).toContain('give --id and --round');
    const ok = await runCli(['init', 'fixtures/rpa/2017-new.csv', '--from', 'surveys/spring.yaml', '--id', 'rpa-fall', '--round', 'fall'], root);
    expect(ok.exit).toBe(0);
  });
});

describe('trend over the three default rounds', async () => {
  const diagnostics: Diagnostic[] = [];
  const trend = await analyzeTrend(['surveys/rpa-2016.yaml'], repoRoot, { report: (d) => void diagnostics.push(d) });
  if (typeof trend === 'string') throw new Error(JSON.stringify(diagnostics));

  it('follows previous links back to 2014, oldest first', () => {
    expect(diagnostics).toEqual([]);
    expect(trend.rounds.map((r) => r.id)).toEqual(['rpa-2014', 'rpa-2015', 'rpa-2016']);
    expect(trend.rounds.map((r) => r.respondents)).toEqual([44, 46, 48]);
  });

  it('counts a merge once per respondent and a rename under its new code', () => {
    const points = (code: string) => trend.themes.find((t) => t.code === code)!.points.map((p) => p.respondents);
    // 2014: community-benefit or beyond-money (16 and 11 mentions, 21 respondents with either).
    expect(points('community-benefit')).toEqual([21, 21, 22]);
    expect(points('federal-dollars')).toEqual([5, 5, 6]);
    expect(points('structure')).toEqual([26, 12, 9]);
    // summit is new in 2015: no 2014 point (null, never 0).
    expect(points('summit')).toEqual([null, 4, 8]);
  });

  it('gives the same consecutive changes as findings run', () => {
    expect(trend.changes.map((c) => c.previous)).toEqual(['rpa-2014', 'rpa-2015']);
    const structure = trend.changes[0]!.themes.find((t) => t.code === 'structure')!;
    expect(structure.pAdjusted).toBeLessThan(0.05);
  });

  it('is the same whether the rounds are listed or followed', async () => {
    const listed = await analyzeTrend(['surveys/rpa-2014.yaml', 'surveys/rpa-2015.yaml', 'surveys/rpa-2016.yaml'], repoRoot, { report: () => {} });
    expect(listed).toEqual(trend);
  });
});

describe('re-runs are safe', () => {
  it('a changed input changes the output, and results.inputs names which data produced a report', async () => {
    const root = scratchStudy();
    const run = async () => {
      expect((await runCli(['run', 'surveys/rpa-2015.yaml', '--quiet'], root)).exit).toBe(0);
      const results = JSON.parse(readFileSync(path.join(root, 'reports', 'rpa-2015', 'results.json'), 'utf8'));
      expect(resultsSchemaErrors(results)).toEqual([]);
      return results;
    };
    const first = await run();
    expect(first.inputs.map((i: { role: string; file: string }) => `${i.role} ${i.file}`)).toEqual([
      'config surveys/rpa-2015.yaml',
      'codebook fixtures/rpa/codebook-2015.csv',
      'data fixtures/rpa/2015.csv',
      'previous-config surveys/rpa-2014.yaml',
      'previous-codebook fixtures/rpa/codebook.csv',
      'previous-data fixtures/rpa/2014.csv',
    ]);
    expect(first.inputs.length).toBe(6);
    // sha256sum fixtures/rpa/2015.csv
    expect(first.inputs[2].sha256).toBe(
      createHash('sha256')
        .update(readFileSync(path.join(root, 'fixtures/rpa/2015.csv')))
        .digest('hex'),
    );
    expect(await run()).toEqual(first);
    // One respondent's weight changes: the hash and the weighted figures change.
    const data = path.join(root, 'fixtures/rpa/2015.csv');
    writeFileSync(data, readFileSync(data, 'utf8').replace(/^(R101,[^,]*,[^,]*,)[\d.]+/m, '$11.5'));
    const second = await run();
    expect(second.inputs[2].sha256).not.toBe(first.inputs[2].sha256);
    expect(second.themes[0].weighted.proportion).not.toBe(first.themes[0].weighted.proportion);
  });
});

describe('trend honours the latest round report.formats, as run does (issue 18)', () => {
  /** Every file under `dir`, relative, sorted. */
  const listed = (dir: string, prefix = ''): string[] =>
    readdirSync(path.join(dir, prefix), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? listed(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
      .sort();

  it('writes the formats the latest config lists, plus those of --docx --pptx --xlsx; an earlier round config does not count', async () => {
    const root = scratchStudy();
    const config = path.join(root, 'surveys', 'rpa-2016.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('report:\n', 'report:\n  formats: [md, xlsx]\n'));
    // The 2015 round asks for docx: a trend follows the latest round only.
    const earlier = path.join(root, 'surveys', 'rpa-2015.yaml');
    writeFileSync(earlier, readFileSync(earlier, 'utf8').replace('report:\n', 'report:\n  formats: [html, docx]\n'));
    const plain = await runCli(['trend', 'surveys/rpa-2016.yaml', '--out', 'plain', '--quiet'], root);
    expect(plain.stderr).toBe('');
    expect(plain.exit).toBe(0);
    expect(listed(path.join(root, 'plain'))).toEqual(['.findings-manifest.json', 'charts/trend.svg', 'charts/trend.vl.json', 'report.md', 'tables.xlsx']);
    const flagged = await runCli(['trend', 'surveys/rpa-2016.yaml', '--out', 'flagged', '--pptx', '--docx', '--quiet'], root);
    expect(flagged.exit).toBe(0);
    expect(listed(path.join(root, 'flagged')).filter((f) => !f.startsWith('charts/') && !f.startsWith('.'))).toEqual([
      'report.docx',
      'report.md',
      'slides.pptx',
      'tables.xlsx',
    ]);
  }, 120_000);

  it('without report.formats writes the default files (html, md, json, csv)', async () => {
    const root = scratchStudy();
    const run = await runCli(['trend', 'surveys/rpa-2016.yaml', '--out', 'out', '--quiet'], root);
    expect(run.exit).toBe(0);
    expect(listed(path.join(root, 'out')).filter((f) => !f.startsWith('charts/') && !f.startsWith('.'))).toEqual([
      'report.html',
      'report.md',
      'tables/trend.csv',
      'trend.json',
    ]);
  }, 120_000);
});
