/**
 * Issue #19, item 3: the streamed workbook reader (stream-xlsx.ts) gives exactly what the SheetJS
 * reader (read-xlsx.ts, the reference) gives, on generated workbooks (fast-check, fixed seed;
 * `FUZZ_RUNS` runs more): the outcome, the header, every batch's rows, lines, problems and cell
 * positions. The sheets are written by hand so that they hold what real exports hold: shared
 * strings (plain, rich text runs, phonetic runs), inline strings, formula strings, numbers in the
 * General format and in date, percent and custom formats, booleans, errors, empty cells, cells
 * without text, columns and rows skipped by their `r=` references, cells and rows without `r=`,
 * XML entities, `_xHHHH_` escapes and CRLF line ends. Then whole studies: the same results.json
 * figures and the same diagnostics through either reader.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readXlsx } from '../../src/ingest/formats/read-xlsx.ts';
import { generalText, streamXlsx } from '../../src/ingest/formats/stream-xlsx.ts';
import * as XLSX from '@e965/xlsx';
import type { CsvBatch, CsvHeader } from '../../src/ingest/read-csv.ts';
import type { Results } from '../../src/model.ts';
import { tempStudy } from '../helpers/temp-study.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 0);
const numRuns = (n: number) => (runs > 0 ? runs : n);
const timeout = runs > 0 ? 3_600_000 : 60_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-xlsx-stream-'));
let counter = 0;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const column = (c: number) => {
  let name = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

const plain = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', ' ', '&', '<', '"', "'", 'é', '中', '😀', '\n', '\r\n', '\t', ';', '1', '.'), maxLength: 8 });
/** Text as a sheet holds it: escaped, sometimes with a numeric entity or an _xHHHH_ escape. */
const xmlText = fc.tuple(plain, fc.constantFrom('', '&#233;', '&#x41;', '_x000D_', '_x00E9_', '&apos;')).map(([text, extra]) => escapeXml(text) + extra);
/**
 * A formula string's text: SheetJS decodes its UTF-8 after its entities, so a character reference
 * past ASCII there (&#233;, _x00E9_) comes out as U+FFFD; the streamed reader gives the character
 * (see the test below). Excel writes such text as UTF-8, not as references.
 */
const formulaText = fc.tuple(plain, fc.constantFrom('', '&#x41;', '_x000D_', '&apos;')).map(([text, extra]) => escapeXml(text) + extra);

/** A shared string item: plain, rich text runs (with a phonetic run), or empty. */
const stringItem = fc.oneof(
  xmlText.map((t) => `<si><t xml:space="preserve">${t}</t></si>`),
  fc
    .array(fc.tuple(xmlText, fc.boolean()), { minLength: 1, maxLength: 3 })
    .map(
      (runs) =>
        `<si>${runs.map(([t, bold]) => `<r>${bold ? '<rPr><b/><sz val="11"/></rPr>' : ''}<t xml:space="preserve">${t}</t></r>`).join('')}<rPh sb="0" eb="1"><t>ふ</t></rPh></si>`,
    ),
  fc.constant('<si/>'),
);

/** Styles: 0 General, 1 date (14), 2 percent (10), 3 custom "0.00" (164), 4 time (21). */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

const number = fc.oneof(
  fc.integer({ min: -50, max: 100_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(0.5, 1.25, 45_000.75, 1e-7, 123_456_789_012),
  // Number texts as other writers put them (the General format does not give them back as they are).
  fc.constantFrom('-0', '007', '1E3', '+5', '0.50', '-12', '1234567890', ' 7'),
);

/** One cell, given the number of shared strings. */
const cell = (strings: number) =>
  fc.record({
    gap: fc.constantFrom(0, 0, 0, 1, 3),
    noRef: fc.constantFrom(false, false, false, true),
    kind: fc.oneof(
      fc.nat({ max: strings - 1 }).map((i) => (r: string) => `<c r="${r}" t="s"><v>${i}</v></c>`),
      xmlText.map((t) => (r: string) => `<c r="${r}" t="inlineStr"><is><t>${t}</t></is></c>`),
      fc
        .array(xmlText, { minLength: 1, maxLength: 3 })
        .map((ts) => (r: string) => `<c r="${r}" t="inlineStr"><is>${ts.map((t) => `<r><t>${t}</t></r>`).join('')}</is></c>`),
      formulaText.map((t) => (r: string) => `<c r="${r}" t="str"><f>"x"</f><v>${t}</v></c>`),
      fc.tuple(number, fc.nat({ max: 4 })).map(
        ([n, s]) =>
          (r: string) =>
            `<c r="${r}"${s === 0 ? '' : ` s="${s}"`}><v>${n}</v></c>`,
      ),
      fc.boolean().map((b) => (r: string) => `<c r="${r}" t="b"><v>${b ? 1 : 0}</v></c>`),
      fc.constantFrom('#N/A', '#DIV/0!').map((e) => (r: string) => `<c r="${r}" t="e"><v>${e}</v></c>`),
      fc.constantFrom(
        (r: string) => `<c r="${r}"/>`,
        (r: string) => `<c r="${r}" s="2"/>`,
        (r: string) => `<c r="${r}" t="s"/>`,
        (r: string) => `<c r="${r}" t="str"><v>   </v></c>`,
        (r: string) => `<c r="${r}"><f>1+1</f></c>`,
      ),
    ),
  });

const workbook = fc
  .array(stringItem, { minLength: 1, maxLength: 6 })
  .chain((sst) =>
    fc.record({
      sst: fc.constant(sst),
      rows: fc.array(
        fc.record({
          gap: fc.constantFrom(0, 0, 0, 1, 4),
          noRef: fc.constantFrom(false, false, false, false, true),
          empty: fc.constantFrom(false, false, false, false, true),
          cells: fc.array(cell(sst.length), { maxLength: 7 }),
        }),
        { maxLength: 12 },
      ),
      leading: fc.constantFrom(0, 0, 1, 2),
      crlf: fc.boolean(),
      prefixed: fc.constantFrom(false, false, false, true),
    }),
  )
  .map(({ sst, rows, leading, crlf, prefixed }) => {
    let r = 0;
    const xmlRows: string[] = [];
    for (const row of rows) {
      r += 1 + row.gap;
      if (row.empty) {
        xmlRows.push(`<row r="${r}"/>`);
        continue;
      }
      let c = leading - 1;
      const cells = row.cells.map((spec) => {
        const s = spec;
        const noRef = s.noRef && s.gap === 0;
        c += 1 + (noRef ? 0 : s.gap);
        const xml = s.kind(`${column(c)}${r}`);
        return noRef ? xml.replace(/ r="[A-Z]+\d+"/, '') : xml;
      });
      xmlRows.push(`<row${row.noRef ? '' : ` r="${r}"`} spans="1:9">${cells.join(crlf ? '\r\n' : '')}</row>`);
    }
    const xml = xmlRows.join(crlf ? '\r\n' : '');
    // Some writers put the main namespace under a prefix: <x:row>, <x:c>, <x:v> (the scan must find them too).
    return zipWorkbook(sst, prefixed ? xml.replace(/<(\/?)(row|c|v)([ >/])/g, '<$1x:$2$3') : xml);
  });

function zipWorkbook(sst: string[], rows: string): Uint8Array {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${main}" xmlns:r="${rel}"><workbookPr/><sheets><sheet name="Responses &amp; more" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${main}" xmlns:x="${main}" xmlns:r="${rel}"><dimension ref="A1:Z99"/><sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${main}" count="${sst.length}" uniqueCount="${sst.length}">${sst.join('')}</sst>`,
    ),
    'xl/styles.xml': strToU8(STYLES),
  });
}

/** Everything a reader hands on, with every cell's position. */
function recorder() {
  const out: unknown[] = [];
  return {
    out,
    onHeader: (h: CsvHeader) => out.push({ header: h.cells, line: h.line, at: h.cells.map((_, c) => h.locate(c)) }),
    onBatch: (b: CsvBatch) => out.push({ rows: b.rows, lines: b.lines, problems: b.problems, at: b.rows.map((row, r) => row.map((_, c) => b.locate(r, c))) }),
  };
}

async function both(bytes: Uint8Array, sheet: string | null = null, maxFieldChars = 6) {
  const file = path.join(dir, `w${counter++}.xlsx`);
  writeFileSync(file, bytes);
  const reference = recorder();
  const outcome = readXlsx(file, sheet, reference.onHeader, reference.onBatch, { maxFieldChars });
  const streamed = recorder();
  const streamedOutcome = await streamXlsx(file, sheet, streamed.onHeader, streamed.onBatch, { maxFieldChars });
  // The same sheet with its rows outgrowing what the one pass holds (a few rows in): read a second time.
  const twice = recorder();
  const twiceOutcome = await streamXlsx(file, sheet, twice.onHeader, twice.onBatch, { maxFieldChars, heldChars: 60 });
  expect({ outcome: twiceOutcome, out: twice.out }).toEqual({ outcome: streamedOutcome, out: streamed.out });
  return { reference: { outcome, out: reference.out }, streamed: { outcome: streamedOutcome, out: streamed.out } };
}

/** The workbook with the CRC-32 its central directory records for `name` changed (its data intact). */
function wrongChecksum(bytes: Uint8Array, name: string): Uint8Array {
  const out = Buffer.from(bytes);
  for (let at = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at !== -1; at = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at - 1)) {
    if (out.toString('utf8', at + 46, at + 46 + out.readUInt16LE(at + 28)) === name) {
      out.writeUInt32LE((out.readUInt32LE(at + 16) ^ 1) >>> 0, at + 16);
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}

describe('streamed xlsx = SheetJS reader', () => {
  it(
    'generated workbooks: the same outcome, rows, lines, problems and positions',
    async () => {
      await fc.assert(
        fc.asyncProperty(workbook, async (bytes) => {
          const { reference, streamed } = await both(bytes);
          expect(streamed).toEqual(reference);
        }),
        { numRuns: numRuns(150), seed: 19 },
      );
    },
    timeout,
  );

  it('the generator reaches what it is meant to (rich text, inline strings, dates, skipped columns)', async () => {
    // Hand-made: A1 header from a rich text run, B1 inline, D1 after a skipped column; row 3 skipped by r=.
    const sst = ['<si><r><rPr><b/></rPr><t>i</t></r><r><t xml:space="preserve">d </t></r><rPh sb="0" eb="1"><t>ふ</t></rPh></si>'];
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>seg&amp;ment</t></is></c><c r="D1" t="str"><v>when</v></c></row>' +
      '<row r="2"><c r="A2"><v>7</v></c><c t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c><c r="D2" s="1"><v>45000</v></c></row>' +
      '<row r="4"><c r="A4" s="2"><v>0.125</v></c><c r="B4"/><c r="D4" s="3"><v>2</v></c></row>';
    const { reference, streamed } = await both(zipWorkbook(sst, rows), null, 100);
    expect(streamed).toEqual(reference);
    // Hand-read: the rich text runs joined (phonetic run left out), inline runs joined, Excel's serial
    // 45000 as SheetJS's default date format (m/d/yy) shows 3/15/23, 0.125 in "0.00%" is 12.50%.
    expect(streamed.out).toEqual([
      { header: ['id ', 'seg&ment', '', 'when'], line: 1, at: [1, 2, 3, 4].map((column) => ({ line: 1, column })) },
      {
        rows: [
          ['7', 'ab', '', '3/15/23'],
          ['12.50%', '', '', '2.00'],
        ],
        lines: [2, 4],
        problems: [],
        at: [2, 4].map((line) => [1, 2, 3, 4].map((column) => ({ line, column }))),
      },
    ]);
  });

  it('one known difference: a character reference past ASCII in a formula string is the character, not U+FFFD', async () => {
    const { reference, streamed } = await both(
      zipWorkbook(['<si><t>x</t></si>'], '<row r="1"><c r="A1" t="str"><v>caf&#233;</v></c><c r="B1" t="str"><v>café</v></c></row>'),
    );
    expect((reference.out[0] as { header: string[] }).header).toEqual(['caf\ufffd', 'café']);
    expect((streamed.out[0] as { header: string[] }).header).toEqual(['café', 'café']);
  });

  it('a sheet named in the config, and a sheet that is not there', async () => {
    const bytes = zipWorkbook(['<si><t>x</t></si>'], '<row r="2"><c r="C2" t="s"><v>0</v></c></row>');
    const named = await both(bytes, 'Responses & more');
    expect(named.streamed).toEqual(named.reference);
    expect(named.streamed.out).toEqual([{ header: ['x'], line: 2, at: [{ line: 2, column: 3 }] }]);
    const missing = await both(bytes, 'Sheet9');
    expect(missing.streamed).toEqual(missing.reference);
    expect(missing.streamed.outcome).toMatchObject({ ok: false, problem: { kind: 'no-sheet', name: 'Sheet9' }, sheets: ['Responses & more'] });
  });

  it('damaged and cut-short workbooks are refused before any row, as by the reference', async () => {
    const bytes = zipWorkbook(
      ['<si><t>x</t></si>'],
      Array.from({ length: 200 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`).join(''),
    );
    const cut = await both(bytes.subarray(0, bytes.length - 30));
    expect(cut.streamed).toEqual(cut.reference);
    expect(cut.streamed.outcome).toMatchObject({ ok: false, problem: { kind: 'zip', zip: { kind: 'no-directory' } } });
    // One byte of the sheet's deflated data changed: inflating fails or gives other bytes (zlib and
    // fflate word a broken deflate stream differently, so the kind is compared, not the wording).
    const at = Buffer.from(bytes).indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length + 40;
    const damaged = Uint8Array.from(bytes);
    damaged[at] = damaged[at]! ^ 0xff;
    const hurt = await both(damaged);
    expect(hurt.streamed.out).toEqual([]);
    expect(hurt.reference.out).toEqual([]);
    const kind = (o: unknown) => (o as { problem: { zip: { kind: string } } }).problem.zip.kind;
    expect(kind(hurt.streamed.outcome)).toMatch(/^(damaged|checksum)$/);
    expect(kind(hurt.reference.outcome)).toMatch(/^(damaged|checksum)$/);
    // The sheet inflates whole but to other bytes than its checksum says: every row has been read
    // (and held) when that is known, and none is handed on.
    const wrong = await both(wrongChecksum(bytes, 'xl/worksheets/sheet1.xml'));
    expect(wrong.streamed).toEqual(wrong.reference);
    expect(wrong.streamed.out).toEqual([]);
    expect(wrong.streamed.outcome).toMatchObject({ ok: false, problem: { kind: 'zip', zip: { kind: 'checksum', entry: 'xl/worksheets/sheet1.xml' } } });
    for (const junk of [new Uint8Array(0), Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]), strToU8('id,segment\n1,a\n')]) {
      const result = await both(junk);
      expect(result.streamed).toEqual(result.reference);
    }
  });
});

describe('the General format without SheetJS (issue #19: SheetJS is loaded only for other formats)', () => {
  it("gives SheetJS's text for every number, boolean and string", () => {
    // Doubles of every size and sign (the exponent branches), ones near the 11-character edges, and the rest.
    const edges = [0.1, 0.0001, 0.00001, 1e-10, 123456789.5, 1234567890.5, 12345678901.5, -1e10 - 0.5, 2 ** 53, 1 / 3, -2 / 3, 99999999999.9, 1e21, -0.5];
    for (const n of edges) expect(generalText(n)).toBe(XLSX.SSF.format('General', n));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          fc.double({ min: -1e12, max: 1e12 }),
          fc.integer().map((i) => i / 10_000),
        ),
        (n) => {
          expect(generalText(n)).toBe(XLSX.SSF.format('General', n));
        },
      ),
      { numRuns: numRuns(20_000), seed: 19_003 },
    );
    for (const v of [true, false, '', ' x ', '12.50']) expect(generalText(v)).toBe(XLSX.SSF.format('General', v));
    expect(generalText(undefined)).toBe('');
  });
});

describe('streamed xlsx = SheetJS reader, whole studies', () => {
  afterEach(() => {
    vi.doUnmock('../../src/ingest/formats/stream-xlsx.ts');
    vi.resetModules();
  });

  const config = `id: t\ncodebook: c.csv\ndata:\n  path: d.xlsx\n  format: xlsx\n  columns: { id: id, segment: segment, weight: weight, themes: themes }\n  separator: ";"\nlimits: { maxFieldChars: 12 }\nquestions:\n  - { id: q1, column: q1, label: Q, levels: [1, 2, 3] }\n`;

  /** A study's figures and diagnostics, read by the streamed reader or (mocked in) the reference. */
  async function study(bytes: Uint8Array, reference: boolean) {
    vi.resetModules();
    if (reference) {
      vi.doMock('../../src/ingest/formats/stream-xlsx.ts', async () => {
        const { readXlsx: read } = await import('../../src/ingest/formats/read-xlsx.ts');
        return { streamXlsx: async (...args: Parameters<typeof read>) => read(...args) };
      });
    }
    const { tempStudy: run } = await import('../helpers/temp-study.ts');
    const { analysis, diagnostics } = await run({ 'survey.yaml': config, 'c.csv': 'code,label\nx,X\ny,Y\n', 'd.xlsx': bytes });
    const results = 'results' in analysis ? (analysis as { results: Results }).results : null;
    return {
      diagnostics: diagnostics.map((d) => ({ ...d, file: path.basename(d.file ?? '') })),
      results: results === null ? null : { ...results, input: undefined, generated: undefined, run: undefined },
    };
  }

  const respondent = fc.record({
    id: fc.constantFrom('1', '2', '3', '4', '', 'R1'),
    segment: fc.constantFrom('a', 'b', '', 'c &amp; d'),
    weight: fc.constantFrom('<v>1</v>', '<v>1.5</v>', '<v>0</v>', '<v>-2</v>', ''),
    themes: fc.constantFrom('x', 'y', 'x;y', 'z', '', 'x;x', 'a very long theme list'),
    q1: fc.constantFrom('<v>1</v>', '<v>2</v>', '<v>3</v>', '<v>4</v>', '', '<v>2.5</v>'),
  });

  it(
    'generated studies: the same results.json figures and diagnostics',
    async () => {
      void tempStudy; // (imported again per study, after the mock)
      await fc.assert(
        fc.asyncProperty(fc.array(respondent, { maxLength: 8 }), fc.boolean(), async (people, shared) => {
          const strings = new Map<string, number>();
          const text = (t: string) => {
            if (!shared) return `t="inlineStr"><is><t>${t}</t></is>`;
            if (!strings.has(t)) strings.set(t, strings.size);
            return `t="s"><v>${strings.get(t)}</v>`;
          };
          const header = ['id', 'segment', 'weight', 'themes', 'q1'].map((h, c) => `<c r="${column(c)}1" ${text(h)}</c>`).join('');
          const rows = people.map((p, k) => {
            const r = k + 2;
            const cells = [
              p.id === '' ? '' : `<c r="A${r}" ${text(p.id)}</c>`,
              p.segment === '' ? '' : `<c r="B${r}" ${text(p.segment)}</c>`,
              p.weight === '' ? '' : `<c r="C${r}">${p.weight}</c>`,
              p.themes === '' ? '' : `<c r="D${r}" ${text(p.themes)}</c>`,
              p.q1 === '' ? '' : `<c r="E${r}">${p.q1}</c>`,
            ];
            return `<row r="${r}">${cells.join('')}</row>`;
          });
          const sst = [...strings.keys()].map((t) => `<si><t>${t}</t></si>`);
          const bytes = zipWorkbook(sst.length === 0 ? ['<si><t>-</t></si>'] : sst, `<row r="1">${header}</row>${rows.join('')}`);
          const streamed = await study(bytes, false);
          const reference = await study(bytes, true);
          expect(streamed).toEqual(reference);
        }),
        { numRuns: numRuns(12), seed: 19 },
      );
    },
    timeout,
  );
});
