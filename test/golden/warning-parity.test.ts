/**
 * One diagnostics channel: every warning `findings check` prints is in results.warnings, in the
 * order printed, and results.warnings holds nothing else, for every config in the repository
 * (the default rounds, every fixture, the bad-* ones included) whose analysis gets as far as results.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot, runCli } from '../helpers/run-cli.ts';

function configs(): string[] {
  const found = readdirSync(path.join(repoRoot, 'surveys')).filter((f) => f.endsWith('.yaml')).map((f) => `surveys/${f}`);
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ya?ml|json)$/.test(entry.name) && !entry.name.startsWith('expected')) found.push(rel);
    }
  };
  walk('fixtures');
  return found.sort();
}

const all = configs();

describe('warning parity: check and results.warnings', () => {
  it('finds the configs', () => {
    expect(all.length).toBeGreaterThan(80);
    expect(all).toContain('fixtures/bad-unlisted-segment/survey.yaml');
    expect(all).toContain('fixtures/bad-empty-header/survey.yaml');
  });

  let compared = 0;
  for (const config of all) {
    it(config, async () => {
      const json = await runCli(['check', '--json', config]);
      if (!json.stdout.trimStart().startsWith('[')) return; // not a survey config (a side file in YAML)
      const printed = (JSON.parse(json.stdout) as Diagnostic[]).filter((d) => d.severity === 'warning');
      const analysis = await analyzeRound(config, repoRoot, { report: () => {} });
      if ('stopped' in analysis) return; // no results.json is written: nothing to compare
      compared++;
      expect(analysis.results.warnings).toEqual(printed.map((d) => ({ file: d.file, line: d.line, column: d.column, code: d.code, message: d.message })));
    });
  }

  it('compared the warnings of configs that warn, including FND301 and FND306', async () => {
    expect(compared).toBeGreaterThan(40);
    for (const [config, code] of [
      ['fixtures/bad-unlisted-segment/survey.yaml', 'FND301'],
      ['fixtures/bad-empty-header/survey.yaml', 'FND306'],
    ] as const) {
      const analysis = await analyzeRound(config, repoRoot, { report: () => {} });
      expect('stopped' in analysis).toBe(false);
      if (!('stopped' in analysis)) expect(analysis.results.warnings.map((w) => w.code)).toContain(code);
    }
  });
});
