/** findings inspect <file>: sniff a data file and print a starter config. */
import type { Argv } from 'yargs';
import type { ArgsOf, Command } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostic.ts';

const builder = (y: Argv) => y.positional('file', { type: 'string', demandOption: true, describe: 'a CSV, a platform export or an .xlsx workbook' });

export const inspectCommand: Command<ArgsOf<typeof builder>> = {
  command: 'inspect <file>',
  describe: 'sniff a data file (platform, encoding, delimiter, header rows, likely columns) and print a starter config',
  builder,
  async run(args, io) {
    // (Commands load what only they need, so run and check start quickly.)
    const { inspectFile } = await import('../../inspect/inspect-file.ts');
    const result = inspectFile(args.file, io.cwd);
    if (!('yaml' in result)) {
      io.stderr.write(formatDiagnostics([result]));
      return 1;
    }
    io.stdout.write(result.yaml);
    return 0;
  },
};
