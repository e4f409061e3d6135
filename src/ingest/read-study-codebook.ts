/**
 * A config's codebook on its own (for `findings codebook`): read the config, then its codebook (CSV,
 * .qdc, or a .qdpx project's), validated as for a run. null when either has errors (reported).
 */
import path from 'node:path';
import type { Codebook, DiagnosticSink, SurveyConfig } from '../model.ts';
import { validateCodebook } from '../validate/validate-codebook.ts';
import { guardIo } from './guard-io.ts';
import { displayPath, readConfig } from '../config/read-config.ts';
import { readCodebook } from './read-codebook.ts';

export async function readStudyCodebook(configFile: string, cwd: string, sink: DiagnosticSink): Promise<{ config: SurveyConfig; codebook: Codebook } | null> {
  const absolute = path.resolve(cwd, configFile);
  const config = readConfig({ file: absolute, displayFile: displayPath(cwd, absolute), cwd }, sink);
  if (config === null) return null;
  const file = await guardIo(config.codebook.displayPath, sink, () => readCodebook(config.codebook.path, config.codebook.displayPath, sink));
  if (file === null) return null;
  const codebook = validateCodebook(file.entries, config.data.separator, config.codebook.displayPath, sink, file.groups);
  return codebook === null ? null : { config, codebook };
}
