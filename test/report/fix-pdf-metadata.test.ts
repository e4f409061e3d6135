/**
 * Issue 17: fixPdfMetadata makes a printed PDF's bytes depend on its content only. The PDFs here are
 * written by hand (a page, an information dictionary with Chromium-style print dates, a classic
 * cross-reference table), with every offset computed as the file is built; the checks read the result
 * back independently: each xref entry must point at its "n 0 obj", startxref at "xref", and poppler's
 * pdfinfo (when installed) must read it without a syntax error and show the fixed date.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixPdfMetadata } from '../../src/report/fix-pdf-metadata.ts';

const ID = '0123456789abcdef0123456789abcdef';
const FEB_14_2014 = new Date(Date.UTC(2014, 1, 14, 9, 30, 5));

/** A one-page PDF with a classic xref table; `info` is the information dictionary's body, `trailerId` the trailer's /ID entry or ''. */
function handMadePdf(info: string, trailerId: string): Uint8Array {
  // The information dictionary first, so the edits move every object after it.
  const objects = [
    `<< ${info} >>`,
    '<< /Type /Catalog /Pages 3 0 R >>',
    '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] /Contents 5 0 R /Resources << >> >>',
    '<< /Length 8 >>\nstream\n0 0 m S\n\nendstream',
  ];
  let text = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(text.length);
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 2 0 R /Info 1 0 R ${trailerId}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** Reads the xref table back: every in-use entry must point at its object's header, and startxref at "xref". */
function checkXref(bytes: Uint8Array): void {
  const text = Buffer.from(bytes).toString('latin1');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
  const entries = [...text.slice(startxref).matchAll(/(\d{10}) 00000 n /g)].map((match) => Number(match[1]));
  expect(entries.length).toBe(5);
  entries.forEach((offset, index) => expect(text.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`));
}

/** Print dates as a PDF writer stamps them; `zone` "Z" (allowed by ISO 32000-1, 7.9.4) makes them shorter than the fixed ones, so every later offset moves. */
const PRINTED_AT = (stamp: string, zone = "+00'00'") => `/Producer (Skia/PDF m120) /CreationDate (D:${stamp}${zone}) /ModDate (D:${stamp}${zone})`;

describe('fixPdfMetadata', () => {
  it('sets both dates and the /ID, and keeps every offset right', () => {
    const fixed = fixPdfMetadata(handMadePdf(PRINTED_AT('20261203153012', 'Z'), '/ID [<AA> <BB>] '), FEB_14_2014, ID);
    const text = Buffer.from(fixed).toString('latin1');
    expect(text).toContain("/CreationDate (D:20140214093005+00'00')");
    expect(text).toContain("/ModDate (D:20140214093005+00'00')");
    expect(text).not.toContain('20261203');
    expect(text).toContain(`/ID [<${ID.toUpperCase()}> <${ID.toUpperCase()}>]`);
    expect(text).not.toContain('<AA>');
    checkXref(fixed);
  });

  it('gives the same bytes for two prints of the same page at different times', () => {
    const first = fixPdfMetadata(handMadePdf(PRINTED_AT('20261203153012'), '/ID [<AA> <AA>] '), FEB_14_2014, ID);
    const second = fixPdfMetadata(handMadePdf(PRINTED_AT('20270101000000'), '/ID [<BBBB> <BBBB>] '), FEB_14_2014, ID);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('removes the dates when given none, and adds an /ID the trailer lacks', () => {
    const fixed = fixPdfMetadata(handMadePdf(PRINTED_AT('20261203153012'), ''), null, ID);
    const text = Buffer.from(fixed).toString('latin1');
    expect(text).not.toContain('CreationDate');
    expect(text).not.toContain('ModDate');
    expect(text).toContain(`trailer\n<</ID [<${ID.toUpperCase()}> <${ID.toUpperCase()}>]\n`);
    checkXref(fixed);
  });

  it('returns anything else unchanged: an id that is not 32 hex digits, a PDF without a classic xref table', () => {
    const pdf = handMadePdf(PRINTED_AT('20261203153012'), '');
    expect(fixPdfMetadata(pdf, FEB_14_2014, 'not-an-id')).toBe(pdf);
    const noXref = new Uint8Array(Buffer.from('%PDF-1.5\n1 0 obj\n<< /Type /XRef >>\nendobj\nstartxref\n9\n%%EOF\n', 'latin1'));
    expect(fixPdfMetadata(noXref, FEB_14_2014, ID)).toBe(noXref);
  });

  let poppler = true;
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
  } catch {
    poppler = false;
  }
  it.skipIf(!poppler)('leaves a PDF poppler reads without a syntax error, with the fixed date', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-pdf-'));
    try {
      const file = path.join(dir, 'fixed.pdf');
      writeFileSync(file, fixPdfMetadata(handMadePdf(PRINTED_AT('20261203153012'), '/ID [<AA> <AA>] '), FEB_14_2014, ID));
      const out = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
      expect(out).toMatch(/CreationDate:\s+2014-02-14T09:30:05(Z|\+00)/);
      expect(out).toMatch(/Pages:\s+1/);
      // pdfinfo reports a broken xref on stderr and still exits 0; a clean read writes nothing there.
      const stderr = execFileSync('sh', ['-c', `pdfinfo "${file}" 2>&1 >/dev/null`], { encoding: 'utf8' });
      expect(stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
