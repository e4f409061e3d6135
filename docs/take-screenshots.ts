/**
 * Re-takes docs/report-laptop.png and docs/report-phone.png from the committed default report
 * (reports/rpa-2014/report.html) in headless Chromium. Run after `npm start`:
 *
 *   node --import tsx docs/take-screenshots.ts
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../src/report/find-chromium.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = findChromium();
if (executablePath === null) {
  console.error('needs Chromium: apt-get install -y --no-install-recommends chromium');
  process.exit(1);
}
const url = pathToFileURL(path.join(root, 'reports', 'rpa-2014', 'report.html')).href;
// Cropped to the first screens: the title block, the key findings and the start of the first chart.
const shots = [
  { file: 'docs/report-laptop.png', width: 1280, height: 2050, scale: 1 },
  { file: 'docs/report-phone.png', width: 390, height: 2900, scale: 1.25 },
];
const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
for (const shot of shots) {
  const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, deviceScaleFactor: shot.scale });
  await page.goto(url);
  await page.screenshot({ path: path.join(root, shot.file), clip: { x: 0, y: 0, width: shot.width, height: shot.height } });
  await page.close();
}
await browser.close();
