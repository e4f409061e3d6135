/** Write a small study into a temporary folder and analyze it, collecting every diagnostic. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../../src/model.ts';
import type { Analysis } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';

export async function tempStudy(
  files: Record<string, string | Uint8Array>,
): Promise<{ dir: string; analysis: Analysis | { stopped: string }; diagnostics: Diagnostic[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-study-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound('survey.yaml', dir, { report: (d) => void diagnostics.push(d) });
  return { dir, analysis, diagnostics };
}

export const CODEBOOK =
  'code,label,parent\nquestions,Wanted to know more,\nstructure,Project structure,questions\nrole,Their role,questions\nbenefit,Community benefit,\ncontinue,Support continuing,\n';
