/**
 * Write a report folder so that the output path is present at every instant and every file in it is
 * whole (issue #20). POSIX has no call that swaps two non-empty folders (rename(2) replaces only an
 * empty one), so the folder itself stays and its files are replaced one by one, each by a rename,
 * which replaces a file atomically:
 *
 * 1. `written`: every file, and the new manifest, go into a staging folder inside the output folder
 *    (`<out>/.findings-staging-*`, same file system, so renames are atomic). Until here the old
 *    report is untouched.
 * 2. `manifest-joined`: a manifest listing the old and the new files, marked `"state": "replacing"`,
 *    is renamed over the old one. From here until step 5 a reader of the manifest can tell the
 *    folder is being replaced, and a run killed in between leaves no file the manifest does not list
 *    (the next run never mistakes the mix for someone else's files: FND013).
 * 3. `file-moved` (after the first) / `files-moved` (after the last): each new file is renamed over
 *    its old version, in sorted order. A reader opening a file gets its whole old or whole new
 *    version, never a part; between the first and the last rename the folder holds some files of
 *    each report.
 * 4. Files of the old report that the new one does not have are deleted (only those the old manifest
 *    lists), and folders they leave empty.
 * 5. `new-in-place`: the new manifest is renamed over the joined one.
 * 6. `cleaned`: the staging folder is removed.
 *
 * A failed or killed run leaves the output folder present, every file in it whole and listed by its
 * manifest; the next run removes staging leftovers first. Callers that write a user's --out go
 * through `writeOutputFolder` (claim-output-folder.ts), which checks the folder is findings' own and
 * holds the lock first.
 */
import {
  closeSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/**
 * Issue 19: a file written piece by piece, in UTF-8, so that a large one (results.json of 1,000
 * themes × 500 segments) is never one string in memory. `pieces` is called once, when the file is
 * written.
 */
export interface StreamedFile {
  readonly pieces: () => Iterable<string>;
}

export type FolderContents = ReadonlyMap<string, string | Uint8Array | StreamedFile>;

/**
 * Pieces are gathered to about this many characters before each write: small enough that the text
 * dies young (issue 19: with 1 MB chunks, a 245 MB results.json left old garbage that raised the peak).
 */
const WRITE_CHUNK = 1 << 16;

/** Write one file of the folder: its text, bytes, or pieces, gathered into chunks of about WRITE_CHUNK characters. */
function writeContent(destination: string, content: string | Uint8Array | StreamedFile): void {
  if (typeof content === 'string' || content instanceof Uint8Array) {
    writeFileSync(destination, content);
    return;
  }
  // One buffer for every chunk's UTF-8 bytes, grown when a chunk needs more: a new buffer per chunk
  // is memory outside the JavaScript heap that the collector frees late (issue 19: 245 MB of them).
  let bytes = Buffer.allocUnsafe(0);
  // The first chunk is written as a whole file would be (writeFileSync, so the file is created as
  // every other one is); the file is then opened once for the rest (issue 19: reopening it to append
  // each chunk cost as much as the writing).
  let fd: number | null = null;
  let started = false;
  const write = (text: string) => {
    const length = Buffer.byteLength(text, 'utf8');
    if (bytes.length < length) bytes = Buffer.allocUnsafe(Math.max(length, 2 * bytes.length));
    bytes.write(text, 0, length, 'utf8');
    if (!started) {
      writeFileSync(destination, bytes.subarray(0, length));
      started = true;
      return;
    }
    fd ??= openSync(destination, 'a');
    // write(2) may write fewer bytes than it is given.
    for (let at = 0; at < length; ) at += writeSync(fd, bytes, at, length - at);
  };
  try {
    let pending = '';
    for (const piece of content.pieces()) {
      // A piece of a chunk's size or more is written as it is: joined to the text before it, it would
      // be copied into a new string first (issue 19: for a 245 MB results.json that copy cost more than the writing).
      if (piece.length >= WRITE_CHUNK) {
        if (pending !== '') write(pending);
        pending = '';
        write(piece);
        continue;
      }
      pending += piece;
      if (pending.length >= WRITE_CHUNK) {
        write(pending);
        pending = '';
      }
    }
    if (pending !== '' || !started) write(pending);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The manifest's name inside a report folder: its presence marks a folder findings wrote. */
export const MANIFEST = '.findings-manifest.json';

/** The prefix of the staging folder inside a report folder (findings' own, removed by the next run). */
export const STAGING_PREFIX = '.findings-staging-';

/** The steps of the swap, in order, for tests that stop a run at each one. */
type SwapStep = 'written' | 'manifest-joined' | 'file-moved' | 'files-moved' | 'new-in-place' | 'cleaned';

export interface FolderWriteOptions {
  /** Called after each step of the swap (tests kill a child process here); never set by the CLI. */
  onStep?: (step: SwapStep) => void;
}

function manifestText(files: readonly string[], replacing: boolean): string {
  const manifest = replacing ? { writtenBy: 'findings', state: 'replacing', files } : { writtenBy: 'findings', files };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The files a previous report's manifest lists ([] when there is none: a new or empty folder). */
function listedFiles(target: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(target, MANIFEST), 'utf8')) as { writtenBy?: unknown; files?: unknown };
    if (manifest.writtenBy !== 'findings' || !Array.isArray(manifest.files)) return [];
    return manifest.files.filter((file): file is string => typeof file === 'string' && safeRelative(file));
  } catch {
    return [];
  }
}

/** A relative path that stays inside the folder (a manifest is data: never follow `..` or an absolute path). */
function safeRelative(relative: string): boolean {
  const normal = path.posix.normalize(relative);
  return relative !== '' && !path.isAbsolute(relative) && normal === relative && !normal.startsWith('../') && normal !== '..';
}

/** The joined manifest's name while it waits in the staging folder. */
const JOINED = '.findings-manifest-joined.json';

export function writeFolderAtomically(target: string, files: FolderContents, options: FolderWriteOptions = {}): void {
  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true });
  removeLegacyLeftovers(parent, path.basename(target));
  const created = mkdirSync(target, { recursive: true }) !== undefined;
  removeStaging(target);
  const names = [...files.keys()].sort();
  for (const relative of names) {
    // `.findings-*` names are the folder's own bookkeeping (manifest, staging).
    if (!safeRelative(relative) || relative.startsWith('.findings-')) {
      throw new Error(`refusing to write outside the report folder: ${relative}`);
    }
  }
  const old = listedFiles(target);
  const staging = mkdtempSync(path.join(target, STAGING_PREFIX));
  let touched = false;
  try {
    // Sorted, so the order of writes (and of any error) does not depend on map order.
    for (const relative of names) {
      const destination = path.join(staging, relative);
      mkdirSync(path.dirname(destination), { recursive: true });
      writeContent(destination, files.get(relative)!);
    }
    writeFileSync(path.join(staging, MANIFEST), manifestText(names, false));
    writeFileSync(path.join(staging, JOINED), manifestText([...new Set([...old, ...names])].sort(), true));
    options.onStep?.('written');
    renameSync(path.join(staging, JOINED), path.join(target, MANIFEST));
    touched = true;
    options.onStep?.('manifest-joined');
    for (const [index, relative] of names.entries()) {
      const destination = path.join(target, relative);
      mkdirSync(path.dirname(destination), { recursive: true });
      renameSync(path.join(staging, relative), destination);
      if (index === 0) options.onStep?.('file-moved');
    }
    options.onStep?.('files-moved');
    const kept = new Set(names);
    for (const relative of old.filter((file) => !kept.has(file))) removeFile(target, relative);
    renameSync(path.join(staging, MANIFEST), path.join(target, MANIFEST));
    options.onStep?.('new-in-place');
    rmSync(staging, { recursive: true, force: true });
    options.onStep?.('cleaned');
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // A folder this run created and left untouched goes again (rmdir removes only an empty one).
    if (created && !touched) {
      try {
        rmdirSync(target);
      } catch {}
    }
    throw error;
  }
}

/** Delete one file of the old report, then the folders inside the report it leaves empty. */
function removeFile(target: string, relative: string): void {
  try {
    // A manifest lists files; a folder at a listed path (a tampered manifest) is left alone.
    if (lstatSync(path.join(target, relative)).isDirectory()) return;
    unlinkSync(path.join(target, relative));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (let dir = path.posix.dirname(relative); dir !== '.'; dir = path.posix.dirname(dir)) {
    try {
      rmdirSync(path.join(target, dir));
    } catch {
      return; // not empty (or gone): stop there
    }
  }
}

/** Staging folders of earlier runs that were killed or failed, inside the report folder. */
function removeStaging(target: string): void {
  for (const entry of readdirSync(target)) {
    if (entry.startsWith(STAGING_PREFIX)) rmSync(path.join(target, entry), { recursive: true, force: true });
  }
}

/**
 * Leftovers beside the folder of a run of an earlier version of findings, which swapped whole
 * folders: a temporary new folder is removed; an old report moved aside is put back when the folder
 * is absent, else removed.
 */
function removeLegacyLeftovers(parent: string, name: string): void {
  for (const entry of readdirSync(parent).sort()) {
    if (entry.startsWith(`.findings-${name}-new-`)) rmSync(path.join(parent, entry), { recursive: true, force: true });
    if (entry.startsWith(`.findings-${name}-old-`)) {
      const old = path.join(parent, entry);
      try {
        renameSync(old, path.join(parent, name));
      } catch {
        rmSync(old, { recursive: true, force: true });
      }
    }
  }
}
