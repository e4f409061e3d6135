// Preloaded (node --import) into a `findings run` that test/security.test.ts kills half way: the swap
// of the new report folder into place waits 20 s first, so the test finds the new folder fully
// written beside the old one, nothing swapped, and kills the run there. Only the test loads this.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const rename = fs.renameSync;
let held = false;
fs.renameSync = (from, to) => {
  // The swap's first rename: the old folder aside (to .findings-<name>-old-*), or the new one into place.
  if (!held && (String(to).includes('.findings-') || String(from).includes('.findings-'))) {
    held = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20_000);
  }
  return rename(from, to);
};
// `import { renameSync } from 'node:fs'` in the sources sees the replacement from here on.
syncBuiltinESMExports();
