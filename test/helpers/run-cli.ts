/** Call the CLI in-process and capture what it prints. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A fixture's golden copy of an output file: fixtures/<fixture>/expected/<file> (`npm run golden:update` rewrites it). */
export function goldenPath(fixture: string, file: string): string {
  return path.join(repoRoot, 'fixtures', fixture, 'expected', file);
}

export async function runCli(argv: string[], cwd = repoRoot): Promise<{ exit: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const exit = await main(argv, {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { exit, stdout, stderr };
}
