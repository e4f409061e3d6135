/**
 * `findings inspect` on every format fixture proposes a config that works: saved beside a copy of the
 * data with a codebook of the codes it says it saw, `findings run` writes a report from it. And it
 * sniffs what each file is: platform, encoding, delimiter, header rows, the likely columns.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { repoRoot, runCli } from '../helpers/run-cli.ts';

const FILES = [
  'clean.csv',
  'qualtrics.csv',
  'qualtrics-legacy.csv',
  'surveymonkey.csv',
  'kobo.csv',
  'kobo-details.csv',
  'limesurvey.csv',
  'workbook.xlsx',
  'windows-1252.csv',
  'unicode-text.txt',
];

describe('findings inspect proposes a config that runs', () => {
  it.each(FILES)('%s', async (file) => {
    const inspected = await runCli(['inspect', `fixtures/formats/${file}`]);
    expect(inspected.stderr).toBe('');
    expect(inspected.exit).toBe(0);
    expect(inspected.stdout).not.toContain('CHOOSE');
    const saveAs = /^# Save it as (\S+)/m.exec(inspected.stdout)![1]!;
    expect(saveAs).toBe(`fixtures/formats/${file.replace(/\.[^.]+$/, '')}.yaml`);
    const codes = /^# codes seen: (.+)$/m.exec(inspected.stdout)![1]!.split(', ');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-inspect-'));
    copyFileSync(path.join(repoRoot, 'fixtures', 'formats', file), path.join(dir, file));
    writeFileSync(path.join(dir, 'codebook.csv'), `code,label\n${codes.map((c) => `${c},${c}`).join('\n')}\n`);
    writeFileSync(path.join(dir, path.basename(saveAs)), inspected.stdout);
    const out = path.join(dir, 'report');
    const run = await runCli(['run', path.basename(saveAs), '--out', out, '--quiet'], dir);
    expect(run.stderr.split('\n').filter((l) => / error /.test(l))).toEqual([]);
    expect(run.exit).toBe(0);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Results;
    expect(results.base.respondents).toBe(12);
    expect(results.segments.map((s) => s.respondents)).toEqual([4, 4, 4]);
    expect(results.themes.map((t) => t.respondents).sort()).toEqual([3, 4, 4, 4, 5]);
    expect(results.questions.map((q) => q.base)).toEqual([11]);
  });
});

describe('what inspect sniffs', () => {
  const facts = async (file: string) => (await runCli(['inspect', `fixtures/formats/${file}`])).stdout.split('\n')[0]!;
  it('names platform, encoding, delimiter, header rows and unfinished responses', async () => {
    expect(await facts('qualtrics.csv')).toContain('Qualtrics export, utf-8 with byte order mark, "," delimited, 3 header rows, 13 data rows, 1 unfinished');
    expect(await facts('qualtrics-legacy.csv')).toContain('Qualtrics export, utf-8 with byte order mark, "," delimited, 2 header rows');
    expect(await facts('surveymonkey.csv')).toContain('SurveyMonkey export, utf-8, "," delimited, 2 header rows');
    expect(await facts('kobo.csv')).toContain('KoboToolbox export, utf-8, ";" delimited, 1 header row');
    expect(await facts('limesurvey.csv')).toContain('LimeSurvey export, utf-8, "," delimited, 1 header row, 13 data rows, 1 unfinished');
    expect(await facts('unicode-text.txt')).toContain('plain CSV, utf-16le, tab delimited');
    expect(await facts('windows-1252.csv')).toContain('plain CSV, windows-1252');
    expect(await facts('workbook.xlsx')).toContain('Excel workbook, xlsx, sheet "Responses"');
  });

  it('writes the default study a config whose tallies equal the committed one', async () => {
    const inspected = await runCli(['inspect', 'fixtures/rpa/2014.csv']);
    expect(inspected.stdout).toContain('id: "2014"');
    expect(inspected.stdout).toMatch(/id: respondent_id[\s\S]*segment: segment[\s\S]*weight: weight[\s\S]*themes: themes/);
    expect(inspected.stdout).toMatch(/column: q_continue[\s\S]*column: q_incubate/);
  });

  it('exits 1 with a diagnostic for a file it cannot read', async () => {
    expect(await runCli(['inspect', 'fixtures/formats/nothing.csv'])).toEqual({ exit: 1, stdout: '', stderr: expect.stringContaining('FND007') });
    expect(await runCli(['inspect', 'fixtures/bad-xlsx-invalid/responses.xlsx'])).toMatchObject({ exit: 1, stderr: expect.stringContaining('FND224') });
    expect(await runCli(['inspect', 'fixtures/bad-empty-file/responses.csv'])).toMatchObject({ exit: 1, stderr: expect.stringContaining('FND201') });
  });
});
