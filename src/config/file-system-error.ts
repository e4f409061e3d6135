/**
 * What a file-system error means to the person running findings, and what to do about it: every
 * errno the commands can meet while reading or writing becomes one line naming the path, never a
 * stack trace (issue #20). `null` for an error that is not the file system's (a bug: thrown on).
 */
export type FileAction = 'read' | 'write';

const meaning: ReadonlyMap<string, { why: string; fix: (action: FileAction) => string }> = new Map(
  Object.entries({
    ENOSPC: { why: 'the disk is full', fix: () => 'free some space, or write somewhere else' },
    EDQUOT: { why: 'the disk quota is used up', fix: () => 'free some space, or write somewhere else' },
    EROFS: { why: 'the file system is read-only', fix: () => 'choose a folder on a writable disk' },
    EACCES: {
      why: 'permission denied',
      fix: (a) => (a === 'write' ? 'choose a folder you may write to, or change its permissions' : 'check the file permissions'),
    },
    EPERM: {
      why: 'the operation is not permitted',
      fix: (a) => (a === 'write' ? 'choose a folder you may write to, or change its permissions' : 'check the file permissions'),
    },
    ENOTDIR: { why: 'a part of the path is a file, not a folder', fix: () => 'check the path' },
    ELOOP: { why: 'the symbolic links in the path form a loop', fix: () => 'fix or remove the links' },
    ENOENT: { why: 'no such file or folder', fix: (a) => (a === 'write' ? 'create the folder first, or check the path' : 'check the path') },
    EISDIR: { why: 'it is a folder', fix: () => 'name a file' },
    EEXIST: { why: 'it already exists', fix: () => 'choose another name' },
    ENAMETOOLONG: { why: 'the path is too long', fix: () => 'choose a shorter path' },
    EMFILE: { why: 'too many open files', fix: () => 'close other programs and run again' },
    ENFILE: { why: 'too many open files', fix: () => 'close other programs and run again' },
    EIO: { why: 'an input/output error from the disk', fix: () => 'check the disk' },
    EBUSY: { why: 'the file or folder is busy', fix: () => 'close the programs using it and run again' },
    ENOTEMPTY: { why: 'the folder is not empty', fix: () => 'choose another folder' },
    EXDEV: { why: 'it is on another disk than its folder', fix: () => 'choose a folder on the same disk' },
    ETXTBSY: { why: 'the file is busy', fix: () => 'close the programs using it and run again' },
  }),
);

/** The errno code of a Node file-system error, or null. */
export function errnoOf(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : null;
}

/** "cannot write out/report.html: the disk is full (ENOSPC); free some space, or write somewhere else". */
export function fileSystemMessage(error: unknown, action: FileAction, displayFile: string): string | null {
  const code = errnoOf(error);
  if (code === null) return null;
  const known = meaning.get(code);
  const why = known === undefined ? `error ${code}` : `${known.why} (${code})`;
  const fix = known === undefined ? 'check the path and the disk' : known.fix(action);
  return `cannot ${action} ${displayFile}: ${why}; ${fix}`;
}
