/**
 * The library API as the README shows it: the script under "Use it as a library" is taken from the
 * README as written, run with Node against this package (the `findings-source` export condition points
 * `import 'findings'` at src/index.ts, so the test runs the sources, not a possibly stale build), and
 * what it prints is checked against the committed default study's results.json (whose figures
 * test/golden/r-reference.test.ts checks against R).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Results } from '../src/model.ts';
import { repoRoot } from './helpers/run-cli.ts';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const script = /<!-- library-example[^>]*-->\n```js\n([\s\S]*?)```/.exec(readme)?.[1];

describe('the README library example', () => {
  it('is in the README, five lines of code and an import', () => {
    expect(script).toBeDefined();
    const lines = script!.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('import '));
    expect(lines.length).toBeLessThanOrEqual(5);
    expect(script).toMatch(/from 'findings'/);
  });

  it('runs as written and prints the most mentioned theme of the default study', async () => {
    // Inside the package folder, so that `import 'findings'` resolves to this package (self-reference).
    const dir = path.join(repoRoot, 'test-artifacts');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'readme-library-example.mjs');
    writeFileSync(file, script!);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--conditions=findings-source', '--import', 'tsx', file], { cwd: repoRoot });
    const results = JSON.parse(readFileSync(path.join(repoRoot, 'reports', 'rpa-2014', 'results.json'), 'utf8')) as Results;
    const top = [...results.themes].sort((a, b) => (b.proportion ?? 0) - (a.proportion ?? 0))[0]!;
    expect(stderr).toBe('');
    expect(stdout).toBe(`${top.label}: ${top.respondents} of ${top.base} respondents (${Math.round(top.proportion! * 100)}%)\n`);
    // What the README says it prints.
    expect(readme).toContain(`It prints \`${stdout.trim()}\``);
  });
});
