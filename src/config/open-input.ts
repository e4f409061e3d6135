/**
 * Only regular files are inputs (issue #20). A FIFO, a device such as /dev/zero or /dev/stdin, or a
 * socket named as a config, codebook or data file would hang a read or fill memory, so it is refused
 * before anything opens it (FND016); a path the file system cannot follow (a symbolic link loop, a
 * path through a file, no permission) is FND015 with what to do; a missing file or a folder is left
 * to the caller's own wording (FND001 for the config, FND007 for files it names).
 * `stat` follows symbolic links and never opens the file, so it does not block on a FIFO.
 */
import { statSync, type Stats } from 'node:fs';
import { say, type Code, type Message, type SpecialFile } from '../messages.ts';
import { errnoOf, fileSystemProblem } from './file-system-error.ts';

/**
 * A refused input carries its message (`problem`, FND015 or FND016); `code` and `message` repeat its
 * code and text for read-config.ts, which still composes its diagnostics (to go when it uses `problem`).
 */
export type InputCheck =
  | { ok: true; stats: Stats }
  | { ok: false; kind: 'missing' | 'folder' }
  | { ok: false; kind: 'special' | 'file-system'; problem: Message; code: Code; message: string };

function special(stats: Stats): SpecialFile | null {
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice()) return 'character-device';
  if (stats.isBlockDevice()) return 'block-device';
  if (stats.isSocket()) return 'socket';
  return stats.isFile() || stats.isDirectory() ? null : 'other';
}

function refused(kind: 'special' | 'file-system', problem: Message): InputCheck {
  return { ok: false, kind, problem, code: problem.code, message: problem.text };
}

/** Whether `absolute` may be read as an input; `shown` names it in messages. */
export function checkInputFile(absolute: string, shown: string): InputCheck {
  let stats: Stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return { ok: false, kind: 'missing' };
    const problem = fileSystemProblem(error, 'read', shown);
    if (problem === null) throw error;
    return refused('file-system', problem);
  }
  if (stats.isDirectory()) return { ok: false, kind: 'folder' };
  const what = special(stats);
  if (what !== null) return refused('special', say.FND016(shown, what));
  return { ok: true, stats };
}
