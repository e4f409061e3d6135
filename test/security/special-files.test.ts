/**
 * Issue #20, class 2: only regular files are inputs. A FIFO (nobody writing to it) or /dev/zero as
 * config, codebook or data, given to check, run, inspect or init, must end at once with FND016 and
 * exit 2, not hang or fill memory. Each runs as a child process killed after 20 s, so a hang fails the
 * test instead of blocking it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.ts';

function cli(args: string[], cwd: string): Promise<{ code: number | null; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/findings.js'), ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, 20_000);
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, killed });
    });
  });
}

function study(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-special-'));
  writeFileSync(path.join(dir, 'responses.csv'), 'id,segment,themes\nA,a,x\n');
  writeFileSync(path.join(dir, 'codebook.csv'), 'code,label\nx,X\n');
  execFileSync('mkfifo', [path.join(dir, 'pipe')]);
  symlinkSync('/dev/zero', path.join(dir, 'zero'));
  const config = (codebook: string, data: string) =>
    `id: s\nround: "1"\ncodebook: ${codebook}\ndata:\n  path: ${data}\n  columns: { id: id, segment: segment, themes: themes }\n`;
  writeFileSync(path.join(dir, 'survey.yaml'), config('codebook.csv', 'responses.csv'));
  for (const special of ['pipe', 'zero']) {
    writeFileSync(path.join(dir, `data-${special}.yaml`), config('codebook.csv', special));
    writeFileSync(path.join(dir, `codebook-${special}.yaml`), config(special, 'responses.csv'));
  }
  return dir;
}

describe('special files are refused, at once', () => {
  const cases: string[][] = [];
  for (const special of ['pipe', 'zero', '/dev/zero']) {
    cases.push(['check', special], ['run', special, '--out', 'out'], ['inspect', special], ['init', special, '--from', 'survey.yaml', '--out', 'next.yaml']);
  }
  for (const special of ['pipe', 'zero']) {
    for (const role of ['data', 'codebook']) cases.push(['check', `${role}-${special}.yaml`], ['run', `${role}-${special}.yaml`, '--out', 'out']);
    cases.push(['codebook', `codebook-${special}.yaml`, '--qdc', 'out.qdc']);
  }
  for (const args of cases) {
    it(`findings ${args.join(' ')}: FND016, no hang`, async () => {
      const { code, stderr, killed } = await cli([...args, ...(args[0] === 'run' ? ['--quiet'] : [])], study());
      expect(killed).toBe(false);
      expect(stderr).toContain('FND016');
      expect(stderr).not.toMatch(/\n\s+at /);
      // inspect's exit for a file it cannot read is 1 (its usage line); every other command's is 2.
      expect(code).toBe(args[0] === 'inspect' ? 1 : 2);
    }, 30_000);
  }
});
