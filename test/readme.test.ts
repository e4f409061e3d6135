/** The README's diagnostic table is the catalogue, row for row, so the README stays true. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { catalogue } from '../src/messages.ts';
import { repoRoot } from './helpers/run-cli.ts';

it('lists every diagnostic code with its rule, exit code and summary', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((line) => /^\| FND\d{3} \|/.test(line));
  const expected = Object.entries(catalogue).map(([code, e]) => `| ${code} | ${e.ruleId} | ${e.severity === 'warning' ? 'warning' : e.exit} | ${e.summary} |`);
  expect(rows).toEqual(expected);
});

it('shows the two quick-start commands', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  expect(readme).toContain('npm install && npm start');
  expect(readme).toContain('npm test');
});
