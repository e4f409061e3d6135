/**
 * Every fixtures/bad-<rule-id>[--variant]/ folder must produce exactly its own diagnostic: `findings check`
 * reports that rule and no other, with the exit code of its catalogue entry. The exact text
 * (file:line:column, message) is kept beside the fixture in expected.txt. A fixture whose diagnostic
 * only another command gives (the output folder's, issue #20) holds `command.txt`: that command's
 * arguments, run in the fixture's folder, instead of `check survey.yaml`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/messages.ts';
import { repoRoot, runCli } from '../helpers/run-cli.ts';

const folders = readdirSync(path.join(repoRoot, 'fixtures')).filter((d) => d.startsWith('bad-')).sort();
const byRule = new Map<string, { code: string; severity: string; exit: number }>(
  Object.entries(catalogue).map(([code, entry]) => [entry.ruleId, { code, ...entry }]),
);

describe('bad fixtures', () => {
  it('cover every diagnostic in the catalogue', () => {
    const covered = new Set(folders.map((d) => d.slice('bad-'.length).split('--')[0]));
    const missing = [...byRule.keys()].filter((rule) => !covered.has(rule));
    expect(missing).toEqual([]);
  });

  for (const folder of folders) {
    // bad-<rule-id>, or bad-<rule-id>--<variant> for another way to break the same rule.
    const rule = folder.slice('bad-'.length).split('--')[0]!;
    it(`${folder} gives exactly ${rule}`, async () => {
      const entry = byRule.get(rule);
      expect(entry, `no catalogue entry for ${rule}`).toBeDefined();
      const command = path.join(repoRoot, 'fixtures', folder, 'command.txt');
      if (existsSync(command)) {
        const args = readFileSync(command, 'utf8').trim().split(/\s+/);
        const { exit, stderr } = await runCli(args, path.join(repoRoot, 'fixtures', folder));
        const rules = [...stderr.matchAll(/ FND\d{3} ([a-z-]+)$/gm)].map((m) => m[1]);
        expect(rules.length).toBeGreaterThan(0);
        expect(new Set(rules)).toEqual(new Set([rule]));
        expect(exit).toBe(entry!.severity === 'warning' ? 0 : entry!.exit);
        expect(stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
        await expect(`exit ${exit}\n${stderr}`).toMatchFileSnapshot(path.join(repoRoot, 'fixtures', folder, 'expected.txt'));
        return;
      }
      const { exit, stderr } = await runCli(['check', `fixtures/${folder}/survey.yaml`]);
      const json = await runCli(['check', '--json', `fixtures/${folder}/survey.yaml`]);
      const diagnostics = JSON.parse(json.stdout) as { code: string; ruleId: string; line: number; column: number }[];
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(new Set(diagnostics.map((d) => d.ruleId))).toEqual(new Set([rule]));
      for (const d of diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
      }
      const expectedExit = entry!.severity === 'warning' ? 0 : entry!.exit;
      expect(exit).toBe(expectedExit);
      expect(json.exit).toBe(expectedExit);
      expect(stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // never a stack trace
      await expect(`exit ${exit}\n${stderr}`).toMatchFileSnapshot(path.join(repoRoot, 'fixtures', folder, 'expected.txt'));
    });
  }

  it('warnings fail check --strict', async () => {
    const { exit } = await runCli(['check', '--strict', 'fixtures/bad-unlisted-segment/survey.yaml']);
    expect(exit).toBe(1);
  });
});
