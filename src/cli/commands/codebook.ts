/** findings codebook <config> --qdc FILE: write the config's codebook as a REFI-QDA codebook. */
import path from 'node:path';
import type { Argv } from 'yargs';
import { collect } from '../../messages.ts';
import { displayPath } from '../../config/read-config.ts';
import { checkOutputFile, configInputs } from '../../output/claim-output-folder.ts';
import { writeOrDiagnose, type ArgsOf, type Command } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostic.ts';

const builder = (y: Argv) =>
  y
    .positional('config', { type: 'string', demandOption: true, describe: 'survey config (YAML or JSON)' })
    .option('qdc', { type: 'string', demandOption: true, describe: 'the .qdc file to write' });

export const codebookCommand: Command<ArgsOf<typeof builder>> = {
  command: 'codebook <config>',
  describe: "write the config's codebook as a REFI-QDA codebook (.qdc) for NVivo, ATLAS.ti, MAXQDA, QualCoder",
  builder,
  async run(args, io) {
    const sink = collect();
    // (Commands load what only they need, so run and check start quickly.)
    const { readStudyCodebook } = await import('../../ingest/read-study-codebook.ts');
    const { formatQdc } = await import('../../output/format-qdc.ts');
    const study = await readStudyCodebook(args.config, io.cwd, sink);
    io.stderr.write(formatDiagnostics(sink.diagnostics));
    if (study === null) return 2;
    const target = path.resolve(io.cwd, args.qdc);
    // Issue #20: never over an input (the config, its codebook), and a file-system error is a diagnostic.
    const problem =
      checkOutputFile(target, { cwd: io.cwd, inputs: configInputs(study.config), flag: '--qdc' }) ?? writeOrDiagnose(target, formatQdc(study.codebook), io.cwd);
    if (problem !== null) {
      io.stderr.write(formatDiagnostics([problem]));
      return 2;
    }
    io.stdout.write(`wrote ${displayPath(io.cwd, target)} (${study.codebook.themes.length} codes, REFI-QDA codebook 1.0)\n`);
    return 0;
  },
};
