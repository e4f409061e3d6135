/** findings inspect <file>: sniff a data file and print a starter config. */
import path from 'node:path';
import type { Argv } from 'yargs';
import type { ArgsOf, Command } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostic.ts';

const builder = (y: Argv) =>
  y.positional('file', { type: 'string', demandOption: true, describe: 'a CSV, a platform export, an .xlsx workbook or an SPSS .sav' });

export const inspectCommand: Command<ArgsOf<typeof builder>> = {
  command: 'inspect <file>',
  describe: 'sniff a data file (platform, encoding, delimiter, header rows, likely columns) and print a starter config',
  builder,
  async run(args, io) {
    // (Commands load what only they need, so run and check start quickly.)
    const { inspectFile } = await import('../../inspect/inspect-file.ts');
    // Issue 16: an SPSS .sav, recognised by its first bytes, is read for its variables and labels.
    const sav = await import('../../inspect/inspect-sav.ts');
    const result = sav.isSav(args.file, io.cwd) ? await sav.inspectSav(path.resolve(io.cwd, args.file), io.cwd) : inspectFile(args.file, io.cwd);
    if (!('yaml' in result)) {
      io.stderr.write(formatDiagnostics([result]));
      return 1;
    }
    io.stdout.write(result.yaml);
    return 0;
  },
};
