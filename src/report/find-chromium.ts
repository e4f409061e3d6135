import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Debian's Chromium first, then the names other systems give it. */
const FIXED = ['/usr/bin/chromium'];
const NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

/**
 * Flags for headless Chromium on a server (../shared/TOOLCHAIN.md): no sandbox (containers run as
 * root), no GPU, and none of the background traffic (updates, sync, QUIC probes) that would make a
 * request while a report is printed or tested.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The Chromium to drive with playwright-core: /usr/bin/chromium when it exists, else the first of
 * chromium, chromium-browser, google-chrome found on `searchPath` (PATH by default); null when there
 * is none. Never downloads a browser.
 *
 * @example
 * findChromium(); // "/usr/bin/chromium" on Debian with the chromium package
 */
export function findChromium(searchPath: string | undefined = process.env.PATH, fixed: readonly string[] = FIXED): string | null {
  for (const candidate of fixed) if (isExecutable(candidate)) return candidate;
  for (const directory of (searchPath ?? '').split(path.delimiter)) {
    if (directory === '') continue;
    for (const name of NAMES) {
      const candidate = path.join(directory, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
