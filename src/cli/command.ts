/**
 * What a command of the CLI is: its yargs syntax and options, and what it does with the arguments
 * they parse to. Each command is a file in commands/; main.ts only wires them to yargs. The argument
 * type is inferred from the options the command declares, so a command reads no undeclared flag.
 */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { Diagnostic } from '../model.ts';
import type { ProgressStream } from './progress.ts';

export interface Io {
  cwd: string;
  stdout: { write(text: string): unknown };
  /** Where diagnostics go, and the progress bar when it is a terminal. */
  stderr: ProgressStream;
}

export interface Command<A> {
  /** The yargs command: its name and positionals, e.g. 'run <config>'. */
  command: string;
  describe: string;
  /** The positionals and options; their declared types are the type of the arguments `run` gets. */
  builder(y: Argv): Argv<A>;
  /** Does the command; returns the exit code. */
  run(args: ArgumentsCamelCase<A>, io: Io): Promise<number>;
}

/** The arguments a builder declares: `Command<ArgsOf<typeof builder>>`. */
export type ArgsOf<B extends (y: Argv) => Argv<unknown>> = ReturnType<B> extends Argv<infer A> ? A : never;

/** A diagnostics sink that keeps what it is given, for printing once the command is done. */
export function collect(): { diagnostics: Diagnostic[]; report(d: Diagnostic): void } {
  const diagnostics: Diagnostic[] = [];
  return { diagnostics, report: (d) => void diagnostics.push(d) };
}
