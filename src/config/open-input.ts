/**
 * Only regular files are inputs (issue #20). A FIFO, a device such as /dev/zero or /dev/stdin, or a
 * socket named as a config, codebook or data file would hang a read or fill memory, so it is refused
 * before anything opens it (FND016); a path the file system cannot follow (a symbolic link loop, a
 * path through a file, no permission) is FND015 with what to do; a missing file or a folder is left
 * to the caller's own wording (FND001 for the config, FND007 for files it names).
 * `stat` follows symbolic links and never opens the file, so it does not block on a FIFO.
 */
import { statSync, type Stats } from 'node:fs';
import type { Code } from '../messages.ts';
import { errnoOf, fileSystemMessage } from './file-system-error.ts';

export type InputCheck =
  | { ok: true; stats: Stats }
  | { ok: false; kind: 'missing' | 'folder' }
  | { ok: false; kind: 'special' | 'file-system'; code: Code; message: string };

function special(stats: Stats): string | null {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return stats.isFile() || stats.isDirectory() ? null : 'not a regular file';
}

/** Whether `absolute` may be read as an input; `shown` names it in messages. */
export function checkInputFile(absolute: string, shown: string): InputCheck {
  let stats: Stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return { ok: false, kind: 'missing' };
    const message = fileSystemMessage(error, 'read', shown);
    if (message === null) throw error;
    return { ok: false, kind: 'file-system', code: 'FND015', message };
  }
  if (stats.isDirectory()) return { ok: false, kind: 'folder' };
  const what = special(stats);
  if (what !== null) {
    return {
      ok: false,
      kind: 'special',
      code: 'FND016',
      message: `${shown} is ${what}, not a regular file; findings reads only regular files (save the data to a file first)`,
    };
  }
  return { ok: true, stats };
}
