/**
 * The output folder is findings' own (issue #20). Before `run` or `trend` writes a report folder:
 *
 * - an --out that is an existing file or a symbolic link is refused (FND010);
 * - an --out that is an input of the run, or a folder holding one, is refused (FND011);
 * - an --out that is the working folder or a folder above it is refused (FND012);
 * - an existing folder is replaced only when it is empty, or holds a previous report of findings
 *   (its `.findings-manifest.json`) and nothing but the files that manifest lists; any other file in
 *   it is named and nothing is written or deleted (FND013);
 * - a lock file beside the folder (`.findings-<name>.lock`, holding the process id) makes a second
 *   run into the same folder wait for the first, then fail cleanly (FND014) if it is still held;
 *   a lock left by a killed run (its process is gone) is taken over;
 * - a file-system error while writing is a diagnostic naming the path and what to do (FND015).
 *
 * The same checks guard single files (`codebook --qdc`, `init --out`): `checkOutputFile`.
 */
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, realpathSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { errnoOf, fileSystemProblem } from '../config/file-system-error.ts';
import { MANIFEST, STAGING_PREFIX, writeFolderAtomically, type FolderContents, type FolderWriteOptions } from './write-folder-atomically.ts';

export interface OutputFolderOptions extends FolderWriteOptions {
  cwd: string;
  /** Absolute paths of every file the command read (config, codebook, data, ...). */
  inputs: readonly string[];
  /** How the user named the output, for messages: "--out". */
  flag?: string;
  /** How long to wait for another run's lock before giving up (default 30 s). */
  lockWaitMs?: number;
}

const at = (file: string) => ({ file, line: 1, column: 1 });

/** A path with its symbolic links resolved as far as it exists (the rest appended), so aliases compare equal. */
function realPath(absolute: string): string {
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);

/** The paths a config names (the config itself, codebook, data, respondents, excerpts, coders' files, the previous round's config). */
export function configInputs(config: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, key: string, depth: number) => {
    if (depth > 6 || value === null) return;
    if (typeof value === 'string') {
      if ((key === 'path' || key === 'file' || key === 'previous') && path.isAbsolute(value)) found.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key, depth + 1);
    } else if (typeof value === 'object' && !(value instanceof Map) && !(value instanceof Set)) {
      for (const [k, v] of Object.entries(value)) visit(v, k, depth + 1);
    }
  };
  visit(config, '', 0);
  return [...found];
}

/** Whether writing `target` (a file) would overwrite an input: FND011, or null. */
export function checkOutputFile(target: string, options: { cwd: string; inputs: readonly string[]; flag: string }): Diagnostic | null {
  const shown = displayOf(options.cwd, target);
  const real = realPath(target);
  for (const input of options.inputs) {
    if (realPath(input) === real) {
      return diagnostic(at(options.flag), say.FND011.isInputOfCommand(options.flag, shown, displayOf(options.cwd, input)));
    }
  }
  return null;
}

/** Whether `target` may hold findings' report: the first reason it may not, or null. */
function checkOutputFolder(target: string, options: OutputFolderOptions): Diagnostic | null {
  const flag = options.flag ?? '--out';
  const shown = displayOf(options.cwd, target);
  const real = realPath(target);
  const cwd = realPath(options.cwd);
  if (within(cwd, real)) {
    return diagnostic(at(flag), say.FND012(flag, shown, real === cwd ? 'working' : 'above'));
  }
  for (const input of options.inputs) {
    const realInput = realPath(input);
    if (within(realInput, real)) {
      const message = realInput === real ? say.FND011.isInputOfRun(flag, shown) : say.FND011.holdsInput(flag, shown, displayOf(options.cwd, input));
      return diagnostic(at(flag), message);
    }
  }
  let stat: Stats;
  try {
    stat = lstatSync(target);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    return fileSystemDiagnostic(error, 'write', shown);
  }
  if (stat.isSymbolicLink()) return diagnostic(at(flag), say.FND010.symbolicLink(flag, shown));
  if (!stat.isDirectory()) return diagnostic(at(flag), say.FND010.file(flag, shown));
  return checkOwnFolder(target, shown, flag);
}

/** An existing folder: empty, or a previous report of findings holding nothing but what its manifest lists. */
function checkOwnFolder(target: string, shown: string, flag: string): Diagnostic | null {
  let entries: string[];
  try {
    // A staging folder left by a killed run is findings' own; the next write removes it.
    entries = readdirSync(target).filter((entry) => !entry.startsWith(STAGING_PREFIX));
  } catch (error) {
    return fileSystemDiagnostic(error, 'read', shown);
  }
  if (entries.length === 0) return null;
  let listed: Set<string>;
  try {
    const manifest = JSON.parse(readFileSync(path.join(target, MANIFEST), 'utf8')) as { writtenBy?: unknown; files?: unknown };
    if (manifest.writtenBy !== 'findings' || !Array.isArray(manifest.files)) throw new Error('not a manifest');
    listed = new Set(manifest.files.filter((f): f is string => typeof f === 'string'));
  } catch {
    return diagnostic(at(flag), say.FND013.notOurs(flag, shown, describe(entries), MANIFEST));
  }
  const foreign = foreignFiles(target, '', listed);
  if (foreign.length > 0) {
    return diagnostic(at(flag), say.FND013.foreignFiles(flag, shown, describe(foreign)));
  }
  return null;
}

/** Files under `dir` that the manifest does not list (at most a few, for the message). */
function foreignFiles(root: string, relative: string, listed: ReadonlySet<string>, out: string[] = []): string[] {
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    if (out.length >= 5) break;
    const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (name === MANIFEST || (relative === '' && entry.name.startsWith(STAGING_PREFIX))) continue;
    if (entry.isDirectory() && !entry.isSymbolicLink()) foreignFiles(root, name, listed, out);
    else if (!listed.has(name)) out.push(name);
  }
  return out;
}

function describe(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((n) => JSON.stringify(n));
  return names.length > 3 ? `${shown.join(', ')}, ...` : shown.join(', ');
}

function displayOf(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

export function fileSystemDiagnostic(error: unknown, action: 'read' | 'write', shown: string): Diagnostic {
  const problem = fileSystemProblem(error, action, shown);
  if (problem === null) throw error;
  return diagnostic(at(shown), problem);
}

/** The lock beside `target`; null when taken, or the reason it could not be. */
export async function lockOutputFolder(target: string, waitMs: number, shown: string): Promise<{ release(): void } | Diagnostic> {
  const lock = path.join(path.dirname(target), `.findings-${path.basename(target)}.lock`);
  const deadline = Date.now() + waitMs;
  for (;;) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') return fileSystemDiagnostic(error, 'write', `${shown} (its lock file ${path.basename(lock)})`);
      const holder = Number.parseInt(readLock(lock), 10);
      if (!(Number.isSafeInteger(holder) && holder > 0 && isAlive(holder))) {
        // A lock left by a run that was killed: take it over.
        try {
          unlinkSync(lock);
        } catch {}
        continue;
      }
      if (Date.now() >= deadline) {
        return diagnostic(at(shown), say.FND014(holder, shown));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return {
      release: () => {
        try {
          unlinkSync(lock);
        } catch {}
      },
    };
  }
}

function readLock(lock: string): string {
  try {
    return readFileSync(lock, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM';
  }
}

/** Check the folder, take the lock, write the report atomically, release: null when written, else the diagnostic. */
export async function writeOutputFolder(target: string, files: FolderContents, options: OutputFolderOptions): Promise<Diagnostic | null> {
  const shown = displayOf(options.cwd, target);
  const problem = checkOutputFolder(target, options);
  if (problem !== null) return problem;
  try {
    mkdirSync(path.dirname(target), { recursive: true });
  } catch (error) {
    return fileSystemDiagnostic(error, 'write', displayOf(options.cwd, path.dirname(target)));
  }
  const lock = await lockOutputFolder(target, options.lockWaitMs ?? 30_000, shown);
  if ('code' in lock) return lock;
  try {
    // Checked again under the lock: another run may have written the folder meanwhile.
    const again = checkOutputFolder(target, options);
    if (again !== null) return again;
    writeFolderAtomically(target, files, options);
    return null;
  } catch (error) {
    return fileSystemDiagnostic(error, 'write', shown);
  } finally {
    lock.release();
  }
}
