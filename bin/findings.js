#!/usr/bin/env node
// The findings command. Runs dist/findings.js (with its chunks), the sources bundled by esbuild (`npm run build`,
// run by `npm install` and `npm ci` through "prepare"), when it is newer than every file under src/;
// otherwise runs the TypeScript sources through tsx, so an edit is never run stale. The bundle
// starts about twice as fast: one module instead of ~170 passed through tsx's loader.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { V8_FLAGS } from '../scripts/v8-flags.mjs';

// Issue 19: V8's tiering tuned for a command that lasts a second (scripts/v8-flags.mjs says why).
setFlagsFromString(V8_FLAGS);

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/findings.js`;

function bundleIsFresh() {
  let built;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
  for (const entry of readdirSync(`${root}src`, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs > built) return false;
  }
  return true;
}

let main;
if (process.env.FINDINGS_FROM_SOURCE !== '1' && bundleIsFresh()) {
  // Issue 19: `run` and `trend` draw charts; their workers start now and load vega while the rest of
  // the bundle loads and the data is read (src/charts/chart-workers.ts).
  const command = process.argv[2];
  if ((command === 'run' || command === 'trend') && !process.argv.includes('--help')) {
    (await import(`${root}dist/chart-prestart.js`)).prestartChartWorkers();
  }
  ({ main } = await import(bundle));
} else {
  // From source, the rule list is made from src/validate/rules/ first (scripts/rule-index.mjs), so a
  // rule file added since the last build is applied.
  const { writeRuleIndex } = await import('../scripts/rule-index.mjs');
  writeRuleIndex(root);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
