/**
 * What a file-system error means to the person running findings, and what to do about it: every
 * errno the commands can meet while reading or writing becomes one line naming the path, never a
 * stack trace (issue #20). `null` for an error that is not the file system's (a bug: thrown on).
 * The words, by errno, are the catalogue's (say.FND015 in src/messages.ts).
 */
import { say, type FileAction, type Message } from '../messages.ts';

/** The errno code of a Node file-system error, or null. */
export function errnoOf(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : null;
}

/** FND015: "cannot write out/report.html: the disk is full (ENOSPC); free some space, or write somewhere else". */
export function fileSystemProblem(error: unknown, action: FileAction, displayFile: string): Message | null {
  const code = errnoOf(error);
  return code === null ? null : say.FND015(action, displayFile, code);
}
