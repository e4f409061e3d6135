/**
 * Re-takes the README's pictures: docs/report-laptop.png (1366 px) and docs/report-phone.png (390 px),
 * the first screens of the 2015 round's report (it has changes since 2014 to state), and
 * docs/report-pdf-page.png, a page of its PDF rendered by pdftoppm. Needs Chromium and poppler-utils:
 *
 *   node --import tsx docs/take-screenshots.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { main } from '../src/cli/main.ts';
import { CHROMIUM_ARGS, findChromium } from '../src/report/find-chromium.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = findChromium();
if (executablePath === null) {
  console.error('needs Chromium: apt-get install -y --no-install-recommends chromium');
  process.exit(1);
}
const temp = mkdtempSync(path.join(os.tmpdir(), 'findings-shots-'));
const out = path.join(temp, 'rpa-2015');
const quiet = { write: () => true };
const exit = await main(['run', 'surveys/rpa-2015.yaml', '--pdf', '--quiet', '--out', out], { cwd: root, stdout: quiet, stderr: process.stderr });
if (exit !== 0) process.exit(exit);
const url = pathToFileURL(path.join(out, 'report.html')).href;
// The first screens: the title block, the note and the summary.
const shots = [
  { file: 'docs/report-laptop.png', width: 1366, height: 900, scale: 1 },
  { file: 'docs/report-phone.png', width: 390, height: 1600, scale: 1.5 },
];
const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
for (const shot of shots) {
  const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, deviceScaleFactor: shot.scale });
  await page.goto(url);
  await page.screenshot({ path: path.join(root, shot.file), clip: { x: 0, y: 0, width: shot.width, height: shot.height } });
  await page.close();
}
await browser.close();
// Page 4 of the PDF: a chart and a table kept whole, the footer with the page number.
execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '4', '-l', '4', '-singlefile', path.join(out, 'report.pdf'), path.join(temp, 'page')]);
renameSync(path.join(temp, 'page.png'), path.join(root, 'docs', 'report-pdf-page.png'));
rmSync(temp, { recursive: true, force: true });
