/**
 * The findings command line: the only place that touches argv, the terminal and exit codes.
 * `main(argv, io)` returns the exit code instead of exiting, so tests can call it directly.
 *
 *   findings run <config>    [--out DIR] [--allow-errors] [--quiet]   0 written, 1 data errors, 2 config
 *   findings run|trend ... --docx --pptx --xlsx                        also report.docx, slides.pptx, tables.xlsx
 *   findings check <config>  [--json] [--strict]                       0 clean, 1 errors, 2 config
 *   findings trend <config>...  [--out DIR] [--quiet]                0 written, 1 data errors, 2 config
 *   findings init <data> --from <config> [--id] [--round] [--out]    0 written, 1 columns, 2 config
 *   findings check <config> --min-alpha 0.8                           also 1 when a theme's coder agreement falls short
 *   findings codebook <config> --qdc FILE                              0 written, 2 config
 *   findings inspect <file>                                            0 starter config on stdout, 1 unreadable
 *
 * Each command is a file in commands/, with arguments typed by the options it declares (command.ts);
 * this file only wires them to yargs.
 */
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { displayPath } from '../config/read-config.ts';
import { fileSystemDiagnostic } from '../output/claim-output-folder.ts';
import { formatDiagnostics } from './format-diagnostic.ts';
import type { Command, Io } from './command.ts';
import { checkCommand } from './commands/check.ts';
import { codebookCommand } from './commands/codebook.ts';
import { initCommand } from './commands/init.ts';
import { inspectCommand } from './commands/inspect.ts';
import { runCommand } from './commands/run.ts';
import { trendCommand } from './commands/trend.ts';

/** yargs' usage object, which lays out the help text (yargs' build/lib/usage.js). */
interface YargsUsage {
  cacheHelpMessage?: () => void;
}

/**
 * Issue 19: once a command's handler has run, yargs lays out that command's whole help text and keeps
 * it (command.js calls `cacheHelpMessage`), in case a later failure of the handler prints it: about
 * 0.025 s of a 0.3 s `check`. Our handlers only keep their arguments (the command runs after yargs is
 * done) and cannot fail, so that text is never printed; the layout is skipped. Help and every error
 * message are laid out as before, when they are printed. Reached through yargs' internal methods (the
 * ones its own command.js calls); when a later yargs has no such method, nothing changes.
 */
function skipHelpCache(parser: Argv): void {
  const internal = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => YargsUsage } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let task: (() => Promise<number>) | null = null;
  /** Registers a command: when yargs picks it, its typed arguments are kept for `run`. */
  const add = <A>(y: Argv, command: Command<A>): Argv =>
    y.command(command.command, command.describe, command.builder, (args) => {
      task = () => command.run(args, io);
    });
  let parser = yargs([...argv])
    .scriptName('findings')
    .usage('$0 <command> [options]\n\nStakeholder survey research: coded responses in, a findings report out.');
  // One call each (not a loop over a list), so each command keeps its own argument type.
  parser = add(parser, runCommand);
  parser = add(parser, trendCommand);
  parser = add(parser, checkCommand);
  parser = add(parser, initCommand);
  parser = add(parser, codebookCommand);
  parser = add(parser, inspectCommand);
  parser = parser
    .demandCommand(1, 'name a command: run, check, inspect, init or codebook')
    .strict()
    .help()
    .version(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false);
  skipHelpCache(parser);

  let output = '';
  let failed = false;
  try {
    await parser.parseAsync([...argv], {}, (error, _args, text) => {
      if (error) failed = true;
      output = text;
    });
  } catch {
    failed = true;
  }
  if (failed) {
    io.stderr.write(output.endsWith('\n') ? output : `${output}\n`);
    return 2;
  }
  if (task === null) {
    // --help and the like: yargs produced the text.
    if (output) io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return 0;
  }
  try {
    return await (task as () => Promise<number>)();
  } catch (error) {
    // Issue #20: a file-system error no step caught (a path through a file, a disk that fills) is a diagnostic, not a stack trace.
    const file = (error as NodeJS.ErrnoException | null)?.path;
    if (typeof (error as NodeJS.ErrnoException | null)?.code !== 'string') throw error;
    const shown = typeof file === 'string' ? displayPath(io.cwd, path.resolve(io.cwd, file)) : 'a file';
    io.stderr.write(formatDiagnostics([fileSystemDiagnostic(error, 'write', shown)]));
    return 2;
  }
}
