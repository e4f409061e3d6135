/** The CLI's exact output and exit codes, called in-process as main(argv, io). */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { resultsSchemaErrors } from '../helpers/results-schema.ts';

describe('findings check', () => {
  it('passes a clean study with a one-line summary', async () => {
    const { exit, stderr, stdout } = await runCli(['check', 'fixtures/small/survey.yaml']);
    expect(stdout).toBe('');
    expect(stderr).toBe('fixtures/small/survey.yaml: 8 rows read, 8 used, 8 respondents; no problems\n');
    expect(exit).toBe(0);
  });

  it('prints diagnostics as JSON on stdout with --json', async () => {
    const { exit, stdout, stderr } = await runCli(['check', '--json', 'fixtures/bad-unknown-theme/survey.yaml']);
    expect(stderr).toBe('');
    expect(exit).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      {
        code: 'FND207',
        ruleId: 'unknown-theme',
        severity: 'error',
        message: 'unknown theme "strucure" (did you mean "structure"?)',
        file: 'fixtures/bad-unknown-theme/responses.csv',
        line: 4,
        column: 19,
      },
    ]);
  });

  it('exits 2 with a one-line message for a config that does not exist', async () => {
    const { exit, stderr } = await runCli(['check', 'surveys/nope.yaml']);
    expect(exit).toBe(2);
    expect(stderr).toBe('surveys/nope.yaml:1:1  error  cannot read config surveys/nope.yaml: no such file  FND001 config-unreadable\n1 error, 0 warnings\n');
  });

  it('exits 2 on usage errors and prints usage, not a stack trace', async () => {
    const none = await runCli([]);
    expect(none.exit).toBe(2);
    expect(none.stderr).toMatch(/name a command/);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.exit).toBe(2);
    const flag = await runCli(['check', 'fixtures/small/survey.yaml', '--jsno']);
    expect(flag.exit).toBe(2);
    expect(flag.stderr).toMatch(/Unknown argument: jsno/);
  });

  it('prints help with exit 0', async () => {
    const { exit, stdout } = await runCli(['--help']);
    expect(exit).toBe(0);
    expect(stdout).toMatch(/findings run <config>/);
  });
});

describe('findings run', () => {
  it('writes nothing when rows have errors, and says how to proceed', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-cli-')), 'report');
    const { exit, stderr } = await runCli(['run', 'fixtures/bad-unknown-theme/survey.yaml', '--out', out]);
    expect(exit).toBe(1);
    expect(stderr).toContain('nothing written: 1 of 3 rows have errors');
    expect(existsSync(out)).toBe(false);
  });

  it('with --allow-errors writes the report without the rejected rows and lists them', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-cli-')), 'report');
    const { exit } = await runCli(['run', 'fixtures/bad-unknown-theme/survey.yaml', '--out', out, '--allow-errors', '--quiet']);
    expect(exit).toBe(0);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(resultsSchemaErrors(results)).toEqual([]);
    expect(results.ledger).toEqual({
      rowsRead: 3,
      rowsUsed: 2,
      rowsRejected: 1,
      rejected: [
        {
          file: 'fixtures/bad-unknown-theme/responses.csv',
          line: 4,
          column: 19,
          code: 'FND207',
          message: 'unknown theme "strucure" (did you mean "structure"?)',
        },
      ],
    });
    expect(results.base.respondents).toBe(2);
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('strucure');
  });

  it('writes the same bytes on a second run', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'findings-cli-'));
    await runCli(['run', 'fixtures/small/survey.yaml', '--out', path.join(root, 'a'), '--quiet']);
    await runCli(['run', 'fixtures/small/survey.yaml', '--out', path.join(root, 'b'), '--quiet']);
    for (const file of ['results.json', 'report.md', 'report.html']) {
      expect(readFileSync(path.join(root, 'a', file), 'utf8')).toBe(readFileSync(path.join(root, 'b', file), 'utf8'));
    }
  });

  it('reports what it wrote on stdout unless --quiet', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-cli-')), 'report');
    const { exit, stdout } = await runCli(['run', 'fixtures/small/survey.yaml', '--out', out]);
    expect(exit).toBe(0);
    expect(stdout).toMatch(/^wrote .*report\/ \(\d+ files\) from 8 of 8 rows in \d+ ms\n$/);
  });
});
