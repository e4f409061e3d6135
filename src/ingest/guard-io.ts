/**
 * Run an I/O step on a file the config names; an error reading it (missing, a folder, no
 * permission) becomes an input-not-found diagnostic, not a stack trace. Other errors are bugs and
 * are thrown on.
 */
import type { DiagnosticSink } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { fileSystemProblem } from '../config/file-system-error.ts';

export async function guardIo<T>(file: string, sink: DiagnosticSink, step: () => Promise<T>): Promise<T | null> {
  try {
    return await step();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    // Issue #20: any other file-system error (a loop of links, a path through a file, no permission) says what to do.
    if (code !== 'ENOENT' && code !== 'EISDIR') {
      const problem = fileSystemProblem(error, 'read', file);
      if (problem !== null) {
        sink.report(diagnostic({ file, line: 1, column: 1 }, problem));
        return null;
      }
    }
    sink.report(diagnostic({ file, line: 1, column: 1 }, say.FND007.unreadable(file, code)));
    return null;
  }
}
