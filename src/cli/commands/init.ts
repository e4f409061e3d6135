/** findings init <data> --from <config>: start the next round with a config for a new data file. */
import type { Argv } from 'yargs';
import path from 'node:path';
import { collect } from '../../messages.ts';
import { checkOutputFile } from '../../output/claim-output-folder.ts';
import { initRound } from '../../rounds/init-round.ts';
import { writeOrDiagnose, type ArgsOf, type Command } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostic.ts';

const builder = (y: Argv) =>
  y
    .positional('data', { type: 'string', demandOption: true, describe: "the new round's data file" })
    .option('from', { type: 'string', demandOption: true, describe: "the last round's config" })
    .option('id', { type: 'string', describe: 'id of the new round (default: the last id with the round moved on)' })
    .option('round', { type: 'string', describe: 'label of the new round (default: the last round + 1)' })
    .option('out', { type: 'string', describe: 'where to write the config (default: <id>.yaml beside the last config)' });

export const initCommand: Command<ArgsOf<typeof builder>> = {
  command: 'init <data>',
  describe: "start the next survey round: write a config for a new data file from the last round's config",
  builder,
  async run(args, io) {
    const sink = collect();
    const result = await initRound({ data: args.data, from: args.from, id: args.id, round: args.round, out: args.out, cwd: io.cwd }, sink);
    io.stderr.write(formatDiagnostics(sink.diagnostics));
    if (typeof result === 'string') return result === 'config' ? 2 : 1;
    // Issue #20: never over an input (the config it starts from, the data), and a file-system error is a diagnostic.
    const problem =
      checkOutputFile(result.file, { cwd: io.cwd, inputs: [path.resolve(io.cwd, args.from), path.resolve(io.cwd, args.data)], flag: '--out' }) ??
      writeOrDiagnose(result.file, result.text, io.cwd);
    if (problem !== null) {
      io.stderr.write(formatDiagnostics([problem]));
      return 2;
    }
    const lines = [`wrote ${result.displayFile}`];
    for (const r of result.renamed)
      lines.push(`  ${r.key}: "${r.from}" is not in the new file; using its column "${r.to}" (check that it holds the same thing)`);
    if (result.droppedNote) lines.push('  report.note was not carried over: it described the last round');
    for (const key of result.droppedFiles ?? []) lines.push(`  ${key} was not carried over: it names the last round's files`);
    lines.push(`next: findings check ${result.displayFile}   then   findings run ${result.displayFile}`);
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
