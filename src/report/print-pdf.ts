import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.ts';

const NO_CHROMIUM = 'PDF output needs Chromium: apt-get install -y --no-install-recommends chromium';

export interface PrintPdfOptions {
  /** The browser to use; default `findChromium()`. null means none is installed. */
  executablePath?: string | null;
  /** Give up after this many milliseconds (default 60 000). */
  timeout?: number;
}

/**
 * Prints a report's HTML to an A4 PDF through headless Chromium (Debian's `chromium` package driven by
 * playwright-core; no browser is ever downloaded). The page's print CSS keeps each chart and table on
 * one page. Never throws: without a browser it returns `{ ok: false, reason }` with the command that
 * installs one, and any failure to launch or print comes back the same way, so the rest of a run can
 * still succeed.
 */
export async function printPdf(htmlFile: string, pdfFile: string, options: PrintPdfOptions = {}): Promise<{ ok: true } | { ok: false; reason: string }> {
  const executablePath = options.executablePath === undefined ? findChromium() : options.executablePath;
  if (executablePath === null) return { ok: false, reason: NO_CHROMIUM };
  const timeout = options.timeout ?? 60_000;
  let browser: import('playwright-core').Browser | undefined;
  try {
    // Loaded only when printing: playwright-core is large and most runs never need it.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], timeout });
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.resolve(htmlFile)).href, { waitUntil: 'load', timeout });
    await page.pdf({ path: path.resolve(pdfFile), format: 'A4', printBackground: true });
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    return { ok: false, reason: `PDF printing failed: ${message}` };
  } finally {
    await browser?.close().catch(() => undefined);
  }
}
