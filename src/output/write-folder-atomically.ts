/**
 * Write a report folder atomically: every file goes into a fresh temporary folder beside the target
 * (same file system, so renames are atomic), and only when all are written is the old folder moved
 * aside and the new one renamed into place. An interrupted or failed run leaves the previous report
 * intact and no partial files in it; leftovers of a killed run are named `.findings-*` and are
 * removed by the next run.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type FolderContents = ReadonlyMap<string, string | Uint8Array>;

export function writeFolderAtomically(target: string, files: FolderContents): void {
  const parent = path.dirname(target);
  const name = path.basename(target);
  mkdirSync(parent, { recursive: true });
  removeLeftovers(parent, name);
  const temporary = mkdtempSync(path.join(parent, `.findings-${name}-new-`));
  try {
    // Sorted, so the order of writes (and of any error) does not depend on map order.
    for (const relative of [...files.keys()].sort()) {
      const destination = path.join(temporary, relative);
      if (!destination.startsWith(temporary + path.sep)) throw new Error(`refusing to write outside the report folder: ${relative}`);
      mkdirSync(path.dirname(destination), { recursive: true });
      writeFileSync(destination, files.get(relative)!);
    }
    const old = path.join(parent, `.findings-${name}-old-${process.pid}`);
    let moved = false;
    try {
      renameSync(target, old);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    renameSync(temporary, target);
    if (moved) rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}

/** Remove temporary folders of earlier runs that were killed; restore a report a killed run had moved aside. */
function removeLeftovers(parent: string, name: string): void {
  for (const entry of readdirSync(parent)) {
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
