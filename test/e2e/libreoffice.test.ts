/**
 * The office files opened in a real office suite: LibreOffice (Debian's libreoffice-writer,
 * -impress and -calc; CI installs them, .ci/run) converts report.docx, slides.pptx and tables.xlsx
 * of the 2015 round to PDF headlessly, each in its own profile so the three run at once; poppler's
 * pdftotext then finds every key finding's figures (as report.md states them) and the study's note
 * in each, and pdfinfo a sane page count. Without soffice the tests say so and skip.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { runCli } from '../helpers/run-cli.ts';
import { keyFindingFigures } from '../report/office/key-finding-figures.ts';

const run = promisify(execFile);

function onPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir !== '' && existsSync(path.join(dir, command))) return path.join(dir, command);
  }
  return null;
}

const soffice = onPath('soffice');
const poppler = onPath('pdftotext') !== null && onPath('pdfinfo') !== null;
const skip = soffice === null || !poppler;
if (skip) {
  console.warn(
    `test/e2e/libreoffice: skipped: ${soffice === null ? 'no soffice' : 'no pdftotext/pdfinfo'} on this machine (apt-get install -y --no-install-recommends libreoffice-writer libreoffice-impress libreoffice-calc poppler-utils)`,
  );
}

const temp = mkdtempSync(path.join(os.tmpdir(), 'findings-libreoffice-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** One file to PDF in its own LibreOffice profile; the PDF's text (white space collapsed) and page count. */
async function convert(file: string): Promise<{ text: string; pages: number }> {
  const name = path.basename(file, path.extname(file));
  const profile = path.join(temp, `profile-${name}`);
  const outdir = path.join(temp, `pdf-${name}`);
  await run(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', outdir, file], {
    timeout: 240_000,
  });
  const pdf = path.join(outdir, `${name}.pdf`);
  const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
  const { stdout: info } = await run('pdfinfo', [pdf]);
  return { text: text.replace(/\s+/g, ' '), pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0) };
}

describe.skipIf(skip)('LibreOffice opens report.docx, slides.pptx and tables.xlsx', () => {
  const out = path.join(temp, 'report');
  const pdfs = new Map<string, { text: string; pages: number }>();
  let results: Results;
  let findings: string[][];

  beforeAll(async () => {
    const written = await runCli(['run', 'surveys/rpa-2015.yaml', '--docx', '--pptx', '--xlsx', '--quiet', '--out', out]);
    expect(written.exit).toBe(0);
    results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Results;
    findings = keyFindingFigures(out);
    const names = ['report.docx', 'slides.pptx', 'tables.xlsx'];
    const converted = await Promise.all(names.map((name) => convert(path.join(out, name))));
    names.forEach((name, index) => pdfs.set(name, converted[index]!));
  }, 300_000);

  it.each(['report.docx', 'slides.pptx', 'tables.xlsx'])("%s: every key finding's figures and the study note are in the PDF", (name) => {
    const { text } = pdfs.get(name)!;
    expect(findings).toHaveLength(5);
    for (const figures of findings) {
      expect(figures.length).toBeGreaterThanOrEqual(3);
      for (const figure of figures) expect(text, `${name}: ${figure}`).toContain(figure);
    }
    expect(text).toContain(results.survey.note!.replace(/\s+/g, ' '));
    expect(text).toContain(results.survey.title);
  });

  it('page counts are sane: the document a few pages, one page a slide, the workbook a few pages a sheet', () => {
    const slides = Object.keys(unzipSync(readFileSync(path.join(out, 'slides.pptx')))).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length;
    expect(pdfs.get('slides.pptx')!.pages).toBe(slides);
    expect(pdfs.get('report.docx')!.pages).toBeGreaterThanOrEqual(5);
    expect(pdfs.get('report.docx')!.pages).toBeLessThanOrEqual(40);
    const sheets = 6; // About, Themes, Themes by segment, Questions, Co-occurrence, Change
    expect(pdfs.get('tables.xlsx')!.pages).toBeGreaterThanOrEqual(sheets);
    expect(pdfs.get('tables.xlsx')!.pages).toBeLessThanOrEqual(sheets * 4);
  });
});
