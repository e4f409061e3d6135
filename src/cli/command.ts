/**
 * What a command of the CLI is: its yargs syntax and options, and what it does with the arguments
 * they parse to. Each command is a file in commands/; main.ts only wires them to yargs. The argument
 * type is inferred from the options the command declares, so a command reads no undeclared flag.
 */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { displayPath } from '../config/read-config.ts';
import type { Diagnostic, ReportFormat } from '../model.ts';
import { fileSystemDiagnostic } from '../output/claim-output-folder.ts';
import { writeFileAtomically } from '../output/write-file-atomically.ts';
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

/** Issue #20: write one file atomically; a file-system error (a missing folder, a read-only disk) is a diagnostic. */
export function writeOrDiagnose(target: string, text: string, cwd: string): Diagnostic | null {
  try {
    writeFileAtomically(target, text);
    return null;
  } catch (error) {
    return fileSystemDiagnostic(error, 'write', displayPath(cwd, target));
  }
}

// Issue 18: --docx, --pptx and --xlsx add report.docx, slides.pptx and tables.xlsx to the formats
// the config asks for (report.formats); --pdf prints report.html, so it keeps that.
export const OFFICE_OPTIONS = {
  docx: { type: 'boolean', default: false, describe: 'also write report.docx (Word)' },
  pptx: { type: 'boolean', default: false, describe: 'also write slides.pptx (PowerPoint)' },
  xlsx: { type: 'boolean', default: false, describe: 'also write tables.xlsx (Excel)' },
  // Issue 19: PNGs cost a fifth of a small run; they are written when asked for (or embedded in docx/pptx).
  png: { type: 'boolean', default: false, describe: 'also write charts/<name>.png (2x, for slides)' },
} as const;

/** Issue #20: how long a run waits for another run writing the same output folder. */
export const WAIT_OPTION = { type: 'number', default: 30, describe: 'seconds to wait for another run writing the same output folder (then FND014)' } as const;

/** The formats asked for: the config's (or the default) and the flags'. */
export function withFlags(
  formats: readonly ReportFormat[],
  args: { docx: boolean; pptx: boolean; xlsx: boolean; png?: boolean; pdf?: boolean },
): ReportFormat[] {
  const flagged: ReportFormat[] = [];
  if (args.pdf === true) flagged.push('html');
  if (args.docx) flagged.push('docx');
  if (args.pptx) flagged.push('pptx');
  if (args.xlsx) flagged.push('xlsx');
  if (args.png === true) flagged.push('png');
  return [...new Set([...formats, ...flagged])];
}
