/**
 * Write a report folder atomically: every file goes into a fresh temporary folder beside the target
 * (same file system, so renames are atomic), with a manifest (`.findings-manifest.json`) listing
 * what was written; only when all are written is the old folder moved aside and the new one renamed
 * into place. An interrupted or failed run leaves the previous report intact and no partial files in
 * it; leftovers of a killed run are named `.findings-*` and are cleaned up by the next run (a report
 * moved aside by a run killed between the two renames is put back).
 *
 * Callers that write a user's --out go through `writeOutputFolder` (claim-output-folder.ts), which
 * checks the folder is findings' own and holds the lock first.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type FolderContents = ReadonlyMap<string, string | Uint8Array>;

/** The manifest's name inside a report folder: its presence marks a folder findings wrote. */
export const MANIFEST = '.findings-manifest.json';

/** The steps of the swap, in order, for tests that stop a run at each one. */
type SwapStep = 'written' | 'old-moved-aside' | 'new-in-place' | 'old-removed';

export interface FolderWriteOptions {
  /** Called after each step of the swap (tests kill a child process here); never set by the CLI. */
  onStep?: (step: SwapStep) => void;
}

function manifestText(files: FolderContents): string {
  return `${JSON.stringify({ writtenBy: 'findings', files: [...files.keys()].sort() }, null, 2)}\n`;
}

export function writeFolderAtomically(target: string, files: FolderContents, options: FolderWriteOptions = {}): void {
  const parent = path.dirname(target);
  const name = path.basename(target);
  mkdirSync(parent, { recursive: true });
  removeLeftovers(parent, name);
  const temporary = mkdtempSync(path.join(parent, `.findings-${name}-new-`));
  try {
    // Sorted, so the order of writes (and of any error) does not depend on map order.
    for (const relative of [...files.keys()].sort()) {
      const destination = path.join(temporary, relative);
      if (!destination.startsWith(temporary + path.sep) || relative === MANIFEST) throw new Error(`refusing to write outside the report folder: ${relative}`);
      mkdirSync(path.dirname(destination), { recursive: true });
      writeFileSync(destination, files.get(relative)!);
    }
    writeFileSync(path.join(temporary, MANIFEST), manifestText(files));
    options.onStep?.('written');
    const old = path.join(parent, `.findings-${name}-old-${process.pid}`);
    let moved = false;
    try {
      renameSync(target, old);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    options.onStep?.('old-moved-aside');
    try {
      renameSync(temporary, target);
    } catch (error) {
      if (moved) renameSync(old, target);
      throw error;
    }
    options.onStep?.('new-in-place');
    if (moved) rmSync(old, { recursive: true, force: true });
    options.onStep?.('old-removed');
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}

/** Remove temporary folders of earlier runs that were killed; restore a report a killed run had moved aside. */
function removeLeftovers(parent: string, name: string): void {
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
