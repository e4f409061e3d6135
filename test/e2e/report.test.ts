/**
 * The default study's report.html as a person sees it: opened from disk in headless Chromium (Debian's
 * `chromium`, driven by playwright-core). No console error, no request but the file itself, every
 * chart drawn with a size, every figure of the key findings in the page, headings in order, no
 * sideways scrolling of the page on a phone, and each chart fits one printed A4 page. Screenshots at
 * laptop and phone widths and the PDF's pages go to test-artifacts/ (not golden pixels: look at them).
 * Without Chromium the tests say so and skip; CI installs it (.ci/run).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model.ts';
import { writeFolderAtomically } from '../../src/output/write-folder-atomically.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { renderReport } from '../../src/report/render-report.ts';
import { CHROMIUM_ARGS, findChromium } from '../../src/report/find-chromium.ts';
import { executiveSummary } from '../../src/report/executive-summary.ts';
import { printPdf } from '../../src/report/print-pdf.ts';
import { repoRoot } from '../helpers/run-cli.ts';

const chromiumPath = findChromium();
const skip = chromiumPath === null;
const why = skip ? ' (skipped: no Chromium; apt-get install -y --no-install-recommends chromium)' : '';
if (skip) console.warn(`test/e2e: no Chromium found on this machine, so the browser tests are skipped${why}`);

const artifacts = path.join(repoRoot, 'test-artifacts');
/** A4 printable area at the report's @page margins (14 mm sides, 14 mm top, 16 mm bottom), in CSS px. */
const MM = 96 / 25.4;
const PRINT_WIDTH = Math.floor((210 - 28) * MM);
const PRINT_HEIGHT = Math.floor((297 - 30) * MM);

let out = '';
let htmlFile = '';
let url = '';
let browser: Browser | undefined;
let findings: string[] = [];
let chartCount = 0;

beforeAll(async () => {
  if (skip) return;
  const sink: Diagnostic[] = [];
  const analysis = await analyzeRound('surveys/rpa-2014.yaml', repoRoot, { report: (d) => void sink.push(d) });
  if ('stopped' in analysis) throw new Error(`the default study stopped: ${JSON.stringify(sink)}`);
  const statements: Record<string, string> = {};
  for (const theme of analysis.codebook.themes) if (theme.statement !== null) statements[theme.code] = theme.statement;
  findings = executiveSummary(analysis.results, { count: analysis.config.report.keyFindings, statements, pairs: analysis.config.report.pairs }).map(
    (item) => item.text,
  );
  out = path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-e2e-')), 'rpa-2014');
  writeFolderAtomically(out, await renderReport(analysis));
  htmlFile = path.join(out, 'report.html');
  url = pathToFileURL(htmlFile).href;
  chartCount = readdirSync(path.join(out, 'charts')).filter((file) => file.endsWith('.svg')).length;
  mkdirSync(artifacts, { recursive: true });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: chromiumPath ?? undefined, args: [...CHROMIUM_ARGS] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (out !== '') rmSync(path.dirname(out), { recursive: true, force: true });
});

/** Opens the report at a width, recording console errors, page errors and every request. */
async function open(width: number, height = 900): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser!.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests };
}

describe('report.html in headless Chromium', () => {
  it.skipIf(skip)(`loads with no console error and no request but the file itself, at 1280 px${why}`, async () => {
    const { page, errors, requests } = await open(1280);
    try {
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]);

      // Every chart is drawn, with a size.
      const boxes = await page.locator('figure .chart-wide svg').evaluateAll((svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return { width: box.width, height: box.height };
        }),
      );
      expect(boxes).toHaveLength(chartCount);
      for (const box of boxes) {
        expect(box.width).toBeGreaterThan(200);
        expect(box.height).toBeGreaterThan(100);
      }
      for (const svg of await page.locator('figure .chart-wide svg').all()) {
        const box = await svg.boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(0);
        expect(box?.height ?? 0).toBeGreaterThan(0);
      }
      // The phone layouts are hidden at laptop width.
      for (const svg of await page.locator('figure .chart-narrow svg').all()) expect(await svg.boundingBox()).toBeNull();

      // Every key finding is on the page, and each of its figures appears in a table too.
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as laid out on the page, which is what a reader sees.
      const text = await page.locator('main').innerText();
      const cells = (await page.locator('main table').allInnerTexts()).join('\n');
      expect(findings.length).toBeGreaterThanOrEqual(3);
      for (const finding of findings) {
        expect(text).toContain(finding);
        for (const [, percent, lower, upper] of finding.matchAll(/(\d+)% of respondents [^(]*\([^;]*; likely range (\d+)% to (\d+)%\)/g)) {
          expect(cells).toContain(`${percent}%`);
          expect(cells).toContain(`${lower}–${upper}%`);
        }
      }

      // Headings in order: one h1, then no level skipped.
      const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((headings) => headings.map((h) => Number(h.tagName.slice(1))));
      expect(levels[0]).toBe(1);
      for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);

      // Each chart has its data table, for screen readers, and every table header cell is scoped.
      expect(await page.locator('details.chart-data table').count()).toBe(chartCount);
      expect(await page.locator('th:not([scope])').count()).toBe(0);

      await page.screenshot({ path: path.join(artifacts, 'report-1280.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it.skipIf(skip)(`fits a 390 px phone: the page never scrolls sideways, wide tables scroll in their box${why}`, async () => {
    const { page, errors } = await open(390, 844);
    try {
      expect(errors).toEqual([]);
      // Runs in the page; this project compiles without the DOM library, hence the cast.
      const widths = await page.evaluate(() => {
        const page = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
        return { page: page.document.documentElement.scrollWidth, viewport: page.innerWidth };
      });
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      const scrolling = await page.locator('.table-wrap').evaluateAll((boxes) => boxes.filter((box) => box.scrollWidth > box.clientWidth + 1).length);
      expect(scrolling).toBeGreaterThan(0);
      // One drawing of each chart shows: the phone layout where there is one, else the wide one in a scroll box.
      let shown = 0;
      for (const svg of await page.locator('figure svg').all()) {
        const box = await svg.boundingBox();
        if (box === null) continue;
        shown++;
        const scrolls = await svg.evaluate((element) => element.parentElement?.classList.contains('chart-scroll') ?? false);
        if (!scrolls) expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
      expect(shown).toBe(chartCount);
      await page.screenshot({ path: path.join(artifacts, 'report-390.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it.skipIf(skip)(`prints every chart whole: each fits one A4 page${why}`, async () => {
    const page = await browser!.newPage({ viewport: { width: PRINT_WIDTH, height: PRINT_HEIGHT } });
    try {
      await page.goto(url, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const figures = await page.locator('figure').evaluateAll((all) =>
        all.map((figure) => {
          const box = figure.getBoundingClientRect();
          return { id: figure.id, width: box.width, height: box.height };
        }),
      );
      expect(figures).toHaveLength(chartCount);
      for (const figure of figures) {
        expect(figure.height, figure.id).toBeLessThan(PRINT_HEIGHT);
        expect(figure.width, figure.id).toBeLessThanOrEqual(PRINT_WIDTH);
      }
      expect(await page.locator('details.chart-data').first().isVisible()).toBe(false);
    } finally {
      await page.close();
    }
  });

  it.skipIf(skip)(
    `printPdf writes an A4 PDF${why}`,
    async () => {
      const pdf = path.join(out, 'report.pdf');
      const result = await printPdf(htmlFile, pdf);
      expect(result).toEqual({ ok: true });
      const bytes = readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      writeFileSync(path.join(artifacts, 'report.pdf'), bytes);
      // With poppler-utils, keep the pages as pictures to look at (charts must not be cut).
      let pdftoppm = true;
      try {
        execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
      } catch {
        pdftoppm = false;
      }
      if (pdftoppm) {
        for (const file of readdirSync(artifacts)) if (file.startsWith('report-page-')) rmSync(path.join(artifacts, file));
        execFileSync('pdftoppm', ['-r', '50', '-png', pdf, path.join(artifacts, 'report-page')]);
        expect(readdirSync(artifacts).filter((file) => file.startsWith('report-page-')).length).toBeGreaterThan(3);
      }
    },
    90_000,
  );
});

describe('printPdf without a browser', () => {
  it('says how to install Chromium instead of throwing', async () => {
    const result = await printPdf('report.html', path.join(os.tmpdir(), 'never.pdf'), { executablePath: null });
    expect(result).toEqual({ ok: false, reason: 'PDF output needs Chromium: apt-get install -y --no-install-recommends chromium' });
  });

  it('finds no browser on an empty PATH', () => {
    expect(findChromium('', [])).toBeNull();
  });
});
