import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.ts';
import { escapeHtml } from './escape-html.ts';
import { fixPdfMetadata } from './fix-pdf-metadata.ts';

const NO_CHROMIUM = 'PDF output needs Chromium: apt-get install -y --no-install-recommends chromium';

export interface PrintPdfOptions {
  /** The browser to use; default `findChromium()`. null means none is installed. */
  executablePath?: string | null;
  /** Give up after this many milliseconds (default 60 000). */
  timeout?: number;
  /**
   * The PDF's creation and modification date. Default: the SOURCE_DATE_EPOCH environment variable
   * (seconds, the reproducible-builds convention) when set, else none: the PDF then carries no date,
   * so the same report always gives the same bytes.
   */
  date?: Date | null;
  /** The running footer's text beside the page number (default none). */
  footer?: string;
}

/** The footer Chromium draws on every page: the report's title and "Page n of m" (its own classes fill them in). */
function footerTemplate(text: string): string {
  const title =
    text === '' ? '' : `<span style="float:left;max-width:70%;overflow:hidden;white-space:nowrap;text-overflow:ellipsis">${escapeHtml(text)}</span>`;
  return `<div style="font:8px system-ui,'DejaVu Sans',sans-serif;color:#59636e;width:100%;margin:0 14mm">${title}<span style="float:right">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}

/**
 * Prints a report's HTML to an A4 PDF for filing, through headless Chromium (Debian's `chromium`
 * package driven by playwright-core over the DevTools protocol; no browser is ever downloaded):
 * tagged (`generateTaggedPDF`, so assistive technology and text extraction see the structure),
 * with bookmarks from the headings (`generateDocumentOutline`), the page number and title in a
 * footer, and the page's print CSS keeping each chart and short table on one page. The bytes depend
 * on the page only: the print time Chromium stamps is replaced by `date` and the trailer /ID is the
 * page's SHA-256 (fixPdfMetadata). Never throws: without a browser it returns `{ ok: false, reason }`
 * with the command that installs one, and any failure to launch or print comes back the same way,
 * so the rest of a run can still succeed.
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
    // Links to the folder's own files (the methods appendix) would print as file:// addresses of
    // wherever the page was printed from, different on every run: in the PDF they are plain text.
    const html = readFileSync(htmlFile, 'utf8').replace(/<a href="(?!#|[a-z][a-z0-9+.-]*:)[^"]*">/gi, '<a>');
    await page.setContent(html, { waitUntil: 'load', timeout });
    const session = await page.context().newCDPSession(page);
    const printed = (await session.send('Page.printToPDF', {
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footerTemplate(options.footer ?? ''),
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    } as Parameters<typeof session.send<'Page.printToPDF'>>[1])) as { data: string };
    const id = createHash('sha256').update(readFileSync(htmlFile)).digest('hex').slice(0, 32);
    writeFileSync(
      path.resolve(pdfFile),
      fixPdfMetadata(Buffer.from(printed.data, 'base64'), options.date === undefined ? sourceDateEpoch() : options.date, id),
    );
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    return { ok: false, reason: `PDF printing failed: ${message}` };
  } finally {
    await browser?.close().catch(() => undefined);
  }
}

/** SOURCE_DATE_EPOCH (whole seconds since 1970, UTC) as a date, or null when unset or malformed. */
function sourceDateEpoch(): Date | null {
  const value = process.env.SOURCE_DATE_EPOCH;
  return value !== undefined && /^\d{1,12}$/.test(value) ? new Date(Number(value) * 1000) : null;
}

/** printPdf from HTML text (a report not yet written anywhere): the PDF's bytes, or why there are none. */
export async function printHtmlToPdf(html: string, options: PrintPdfOptions = {}): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-pdf-'));
  try {
    writeFileSync(path.join(dir, 'report.html'), html);
    const printed = await printPdf(path.join(dir, 'report.html'), path.join(dir, 'report.pdf'), options);
    return printed.ok ? { ok: true, bytes: readFileSync(path.join(dir, 'report.pdf')) } : printed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
