/**
 * Read one sheet of an Excel workbook (.xlsx) as a stream (issue #19): the sheet's XML is inflated
 * from the zip in chunks and its `<row>`s are parsed as they arrive, so memory stays flat however
 * many rows the sheet has. Only the shared strings, the number formats and the workbook's own small
 * parts are held whole. The rows, their positions and the outcome are exactly readXlsx's (the
 * SheetJS reader, read-xlsx.ts, kept as the reference): a cell's text is its formatted text by the
 * same SheetJS number formatter, the table starts at the first column with text anywhere and is as
 * wide as its widest row. Those two are known only after the whole sheet, and no row may be handed
 * on before the sheet's CRC-32 has matched, so the one pass holds its rows compactly (HeldRows) and
 * hands them on at the end; a sheet whose rows outgrow that budget is read a second time instead.
 *
 * The zip checks are checkZip's and checkZipLimits' (zip-stream.ts reads them from the file). A
 * workbook this reader does not follow (no workbook part where its relationships say, a chart sheet,
 * rows out of order, a shared string that is not there) is read by readXlsx instead, so its outcome is the reference's by construction.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { CsvBatch, CsvHeader } from '../read-csv.ts';
import type { WorkbookProblem } from '../../messages.ts';
import type { XlsxOutcome } from './read-xlsx.ts';
import { grown } from '../../validate/grown.ts';
import { checkEntries, entryChunks, readZipDirectory, ZipEntryError, type ZipEntry } from './zip-stream.ts';

const BATCH = 4096;
/** How many characters of cell text (each cell counted 16 more) the one pass holds before it gives up holding. */
const HELD_CHARS = 32 << 20;

/**
 * A sheet's rows with text, held until its checksum is known: each row's index and cell count in
 * typed arrays, every cell's column and length in typed arrays, and each row's texts joined into
 * one string (a copy: a cell's text may be a slice that would keep a whole chunk of the XML alive).
 */
class HeldRows {
  private rows = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private columns = new Int32Array(8192);
  private lengths = new Int32Array(8192);
  private readonly texts: string[] = [];
  private cells = 0;
  private chars = 0;
  /** Every row is held (false once the budget is exceeded: the rows were let go). */
  whole = true;
  constructor(private readonly budget: number) {}

  /** Hold one row; false (and nothing held any more) once the rows outgrow the budget. */
  add(row: number, columns: readonly number[], texts: readonly string[]): boolean {
    if (!this.whole) return false;
    const at = this.cells;
    const n = columns.length;
    const joined = texts.join('');
    const chars = this.chars + 16 * n + joined.length;
    if (chars > this.budget) {
      this.whole = false;
      this.rows = this.ends = this.columns = this.lengths = new Int32Array(0);
      this.texts.length = 0;
      return false;
    }
    this.chars = chars;
    const count = this.texts.length;
    this.rows = grown(this.rows, count + 1);
    this.ends = grown(this.ends, count + 1);
    this.columns = grown(this.columns, at + n);
    this.lengths = grown(this.lengths, at + n);
    for (let k = 0; k < n; k++) {
      this.columns[at + k] = columns[k]!;
      this.lengths[at + k] = texts[k]!.length;
    }
    this.cells = at + n;
    this.rows[count] = row;
    this.ends[count] = at + n;
    this.texts.push(joined);
    return true;
  }

  /** Each held row in order: its index, and its cells' columns and texts. */
  each(hand: (row: number, columns: ArrayLike<number>, texts: readonly string[]) => void): void {
    let from = 0;
    const columns: number[] = [];
    const texts: string[] = [];
    for (let r = 0; r < this.texts.length; r++) {
      const to = this.ends[r]!;
      const joined = this.texts[r]!;
      columns.length = 0;
      texts.length = 0;
      let offset = 0;
      for (let k = from; k < to; k++) {
        const length = this.lengths[k]!;
        columns.push(this.columns[k]!);
        texts.push(joined.slice(offset, offset + length));
        offset += length;
      }
      hand(this.rows[r]!, columns, texts);
      from = to;
    }
  }
}

export async function streamXlsx(
  file: string,
  sheetName: string | null,
  onHeader: (header: CsvHeader) => void,
  onBatch: (batch: CsvBatch) => void,
  options: { maxFileBytes?: number; maxFieldChars?: number; heldChars?: number } = {},
): Promise<XlsxOutcome> {
  const { size: bytes } = await stat(file);
  const sha256 = await hashFile(file);
  const fail = (problem: WorkbookProblem, sheets: string[] = []): XlsxOutcome => ({ ok: false, problem, sheets, bytes, sha256 });
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (!(bytes >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)) {
      return fail({ kind: bytes > 0 && head[0] === 0xd0 && head[1] === 0xcf ? 'old-xls' : bytes === 0 ? 'empty' : 'not-zip' });
    }
    const entries = await readZipDirectory(handle, bytes, { maxBytes: options.maxFileBytes ?? Number.MAX_SAFE_INTEGER });
    if (!Array.isArray(entries)) return fail({ kind: 'zip', zip: entries });
    // Every entry is inflated once and checked, as checkZip does, before a row is handed on: the
    // small parts first (kept), then the others but the sheet, which is checked as it is read.
    const small = entries.filter((e) => SMALL_PART.test(e.name));
    const kept = await checkEntries(file, handle, small, () => true);
    if (!(kept instanceof Map)) return fail({ kind: 'zip', zip: kept });
    const book = readBook(kept);
    if (book === null) return reference(file, sheetName, onHeader, onBatch, options);
    // Issue #19: SheetJS (~0.1 s to load) only for a workbook whose styles name a number format;
    // the General format, all most exports use, is formatted here as SheetJS formats it.
    if (book.formatIds?.some((id) => id !== undefined && id !== 0 && !Number.isNaN(id))) await withFormats(book);
    const name = sheetName ?? book.sheets[0]?.name;
    const sheet = book.sheets.find((s) => s.name === name);
    const entry = sheet === undefined ? undefined : entries.find((e) => e.name === sheet.path);
    const others = await checkEntries(
      file,
      handle,
      entries.filter((e) => e !== entry && !SMALL_PART.test(e.name)),
      () => false,
    );
    if (!(others instanceof Map)) return fail({ kind: 'zip', zip: others });
    if (name === undefined || sheet === undefined) {
      const names = book.sheets.map((s) => s.name);
      return fail(name === undefined ? { kind: 'no-sheets' } : { kind: 'no-sheet', name }, names);
    }
    if (entry === undefined || !sheet.worksheet) return reference(file, sheetName, onHeader, onBatch, options);
    const cells = new CellReader(book);

    // One pass: the first column with text, the widest row and rows in order (else the reference
    // reads it), the rows held compactly meanwhile. None is handed on before the sheet's CRC-32 has
    // matched (entryChunks checks it at the end); a sheet whose rows outgrow `heldChars` is read a
    // second time instead of held, so memory stays bounded however large the sheet.
    let first = Infinity;
    let lastColumn = -1;
    let ordered = true;
    let previous = -1;
    const held = new HeldRows(options.heldChars ?? HELD_CHARS);
    try {
      await readRows(file, handle, entry, cells, false, (row, columns, texts, splitter) => {
        if (row <= previous) ordered = false;
        previous = row;
        if (columns[0]! < first) first = columns[0]!;
        const last = columns[columns.length - 1]!;
        if (last > lastColumn) lastColumn = last;
        if (held.add(row, columns, texts)) return;
        splitter.measure = true; // (over the budget: only whether a cell has text matters from here)
      });
    } catch (error) {
      if (error instanceof ZipEntryError) return fail({ kind: 'zip', zip: error.problem });
      if (error instanceof NotFollowed) ordered = false;
      else throw error;
    }
    if (!ordered) return reference(file, sheetName, onHeader, onBatch, options);
    if (first === Infinity) return { ok: true, sheet: name, hasHeader: false, encoding: 'xlsx', bytes, sha256 };

    // The rows, `first` on, padded to the widest row, in batches: the held ones, else read again.
    const width = lastColumn - first + 1;
    const maxField = options.maxFieldChars ?? Infinity;
    const locate = (line: number, cell: number) => ({ line, column: first + cell + 1 });
    let header = true;
    let rows: string[][] = [];
    let lines: number[] = [];
    let problems: CsvBatch['problems'] = [];
    const flush = () => {
      if (rows.length === 0) return;
      const batchLines = lines;
      onBatch({ rows, lines: batchLines, problems, locate: (row, cell) => locate(batchLines[row] ?? 1, cell) });
      rows = [];
      lines = [];
      problems = [];
    };
    const hand = (row: number, columns: ArrayLike<number>, texts: readonly string[]) => {
      const cellsOfRow: string[] = new Array(width).fill('');
      for (let k = 0; k < columns.length; k++) cellsOfRow[columns[k]! - first] = texts[k]!;
      const line = row + 1;
      if (header) {
        header = false;
        onHeader({ cells: cellsOfRow, line, delimiter: '', locate: (cell) => locate(line, cell) });
        return;
      }
      for (let c = 0; c < width; c++)
        if (cellsOfRow[c]!.length > maxField) problems.push({ kind: 'field-too-large', row: rows.length, cell: c, value: cellsOfRow[c]!.length });
      rows.push(cellsOfRow);
      lines.push(line);
      if (rows.length === BATCH) flush();
    };
    if (held.whole) held.each(hand);
    else await readRows(file, handle, entry, cells, false, hand);
    flush();
    return { ok: true, sheet: name, hasHeader: true, encoding: 'xlsx', bytes, sha256 };
  } finally {
    await handle.close();
  }
}

/** The reference reader, for a workbook this one does not follow. */
async function reference(
  file: string,
  sheetName: string | null,
  onHeader: (header: CsvHeader) => void,
  onBatch: (batch: CsvBatch) => void,
  options: { maxFileBytes?: number; maxFieldChars?: number },
): Promise<XlsxOutcome> {
  const { readXlsx } = await import('./read-xlsx.ts');
  return readXlsx(file, sheetName, onHeader, onBatch, options);
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The parts held whole: relationships, the workbook, its shared strings and styles. */
const SMALL_PART = /(\.rels|workbook\d*\.xml|sharedStrings\d*\.xml|styles\d*\.xml)$/i;

// ---------------------------------------------------------------------------------------------
// The workbook's small parts

interface SheetRef {
  name: string;
  /** The sheet's part in the zip. */
  path: string;
  /** A worksheet (not a chart sheet or dialog sheet). */
  worksheet: boolean;
}

interface Book {
  sheets: SheetRef[];
  /** The shared strings' texts (undefined where SheetJS gives a string no text). */
  strings: (string | undefined)[];
  /** Each cell style's number format id (cellXfs), or null without a styles part. */
  formatIds: (number | undefined)[] | null;
  /** Number formats by id: the workbook's own over SheetJS's table (filled in by withFormats). */
  formats: Record<number, string>;
  date1904: boolean;
  /** SheetJS's number formatter, loaded by withFormats where a style names a format other than General. */
  ssf?: Ssf;
}

type Ssf = typeof import('@e965/xlsx')['SSF'];

/** Load SheetJS's number formatter into the book, and its table of built-in formats under the workbook's own. */
async function withFormats(book: Book): Promise<void> {
  const { SSF } = await import('@e965/xlsx');
  const table = SSF.get_table() as Record<number, string>;
  for (let id = 0; id < 164; id++) if (table[id] !== undefined && book.formats[id] === undefined) book.formats[id] = table[id]!;
  book.ssf = SSF;
}

const REL_TYPE = /\/(officeDocument|worksheet|sharedStrings|styles|chartsheet|dialogsheet|macrosheet)$/;

/** Attributes of one tag, SheetJS-style: namespace prefixes dropped, values unescaped. */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([^\s"'<>=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const key = m[1]!.includes(':') && !m[1]!.startsWith('xmlns') ? m[1]!.slice(m[1]!.indexOf(':') + 1) : m[1]!;
    const full = m[1]!;
    out[full] = unescapeXml(m[2] ?? m[3] ?? '');
    if (!(key in out)) out[key] = out[full]!;
  }
  return out;
}

function tags(xml: string, name: string): string[] {
  return xml.match(new RegExp(`<(?:\\w+:)?${name}\\b[^<>]*>`, 'g')) ?? [];
}

function relationships(xml: string | undefined, base: string): Map<string, { type: string; path: string }> {
  const out = new Map<string, { type: string; path: string }>();
  if (xml === undefined) return out;
  for (const tag of tags(xml, 'Relationship')) {
    const a = attributes(tag);
    if (a.Id === undefined || a.Target === undefined || a.Type === undefined) continue;
    out.set(a.Id, { type: REL_TYPE.exec(a.Type)?.[1] ?? a.Type, path: resolve(base, a.Target) });
  }
  return out;
}

function resolve(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** The workbook's sheets, strings and formats, or null where its parts are not where they should be. */
function readBook(parts: Map<string, Buffer>): Book | null {
  const text = (path: string) => parts.get(path)?.toString('utf8');
  const root = [...relationships(text('_rels/.rels'), '').values()].find((r) => r.type === 'officeDocument');
  if (root === undefined) return null;
  const workbook = text(root.path);
  if (workbook === undefined) return null;
  const dir = root.path.includes('/') ? root.path.slice(0, root.path.lastIndexOf('/') + 1) : '';
  const rels = relationships(text(`${dir}_rels/${root.path.slice(dir.length)}.rels`), dir);
  const sheets: SheetRef[] = [];
  for (const tag of tags(workbook, 'sheet')) {
    const a = attributes(tag);
    const rel = rels.get(a['r:id'] ?? a.id ?? '');
    if (a.name === undefined || rel === undefined) return null;
    sheets.push({ name: a.name, path: rel.path, worksheet: rel.type === 'worksheet' });
  }
  const pr = tags(workbook, 'workbookPr')[0];
  const date1904 = pr !== undefined && ['1', 'true'].includes(attributes(pr).date1904 ?? '');
  const of = (type: string) => [...rels.values()].find((r) => r.type === type)?.path;
  const sstPath = of('sharedStrings');
  const stylesPath = of('styles');
  const sst = sstPath === undefined ? undefined : text(sstPath);
  const stylesXml = stylesPath === undefined ? undefined : text(stylesPath);
  if ((sstPath !== undefined && sst === undefined) || (stylesPath !== undefined && stylesXml === undefined)) return null;
  const formats: Record<number, string> = {};
  let formatIds: (number | undefined)[] | null = null;
  if (stylesXml !== undefined) {
    const numFmts = /<(?:\w+:)?numFmts\b[^<>]*>([\s\S]*?)<\/(?:\w+:)?numFmts>/.exec(stylesXml)?.[1];
    if (numFmts !== undefined) {
      for (const tag of tags(numFmts, 'numFmt')) {
        const a = attributes(tag);
        const id = Number.parseInt(a.numFmtId ?? '', 10);
        if (id > 0 && id <= 0x188 && a.formatCode !== undefined) formats[id] = a.formatCode;
        else if (id > 0x188) return null; // SheetJS moves these; the reference follows it
      }
    }
    const cellXfs = /<(?:\w+:)?cellXfs\b[^<>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1];
    if (cellXfs !== undefined) {
      formatIds = tags(cellXfs, 'xf').map((tag) => {
        const id = attributes(tag).numFmtId;
        return id === undefined ? undefined : Number.parseInt(id, 10);
      });
    }
  }
  return { sheets, strings: sst === undefined ? [] : sharedStrings(sst), formatIds, formats, date1904 };
}

/** The shared strings' texts, as SheetJS's parse_sst_xml and parse_si read them. */
function sharedStrings(xml: string): (string | undefined)[] {
  const body = /<(?:\w+:)?sst\b[^<>]*>([\s\S]*?)<\/(?:\w+:)?sst>/.exec(xml)?.[1];
  if (body === undefined) return [];
  return body
    .replace(/<(?:\w+:)?(?:si|sstItem)>/g, '')
    .split(/<\/(?:\w+:)?(?:si|sstItem)>/)
    .map((piece) => stringItem(piece.trim()));
}

const RUN_TEXT = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;

/** One string item's text (SheetJS's parse_si): plain text, or the text of its rich text runs. */
function stringItem(x: string): string | undefined {
  if (x === '') return '';
  if (/^\s*<(?:\w+:)?t[^>]*>/.test(x)) return unescapeXml(x.slice(x.indexOf('>') + 1).split(/<\/(?:\w+:)?t>/)[0] ?? '', true);
  if (/<(?:\w+:)?r\b[^<>]*>/.test(x)) {
    const noPhonetic = x.replace(/<(?:\w+:)?rPh\b[^<>]*>[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
    return unescapeXml((noPhonetic.match(RUN_TEXT) ?? []).join('').replace(/<[^<>]*>/g, ''), true);
  }
  return undefined;
}

/** An integer written as JavaScript writes it (-?(0|[1-9][0-9]{0,8}), not -0): General gives it back as it is. */
function canonicalInteger(raw: string): boolean {
  const n = raw.length;
  let i = raw.charCodeAt(0) === 45 ? 1 : 0;
  if (n - i < 1 || n - i > 9) return false;
  const lead = raw.charCodeAt(i);
  if (lead === 48) return n === 1;
  for (; i < n; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/** Text unescapeXml leaves as it is (no entity, `_x`, CDATA or carriage return: none of & _ < \r). */
function plainXml(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 38 || ch === 95 || ch === 60 || ch === 13) return false;
  }
  return true;
}

const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const ENTITIES: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };

/** XML text unescaped as SheetJS's unescapexml does (entities, then _xHHHH_, then CRLF for xlsx). */
function unescapeXml(text: string, xlsx = false): string {
  const cdata = text.indexOf('<![CDATA[');
  if (cdata !== -1) {
    const close = text.indexOf(']]>');
    const out = unescapeXml(text.slice(0, cdata)) + text.slice(cdata + 9, close) + unescapeXml(text.slice(close + 3));
    return xlsx ? out.replace(/\r\n/g, '\n') : out;
  }
  let out = text;
  if (out.includes('&'))
    out = out.replace(ENTITY, (m, code: string | undefined) => ENTITIES[m] ?? (String.fromCharCode(Number.parseInt(code!, m.includes('x') ? 16 : 10)) || m));
  if (out.includes('_x')) out = out.replace(/_x([\da-fA-F]{4})_/gi, (_m, code: string) => String.fromCharCode(Number.parseInt(code, 16)));
  return xlsx && out.includes('\r\n') ? out.replace(/\r\n/g, '\n') : out;
}

// ---------------------------------------------------------------------------------------------
// Cells

/**
 * Thrown by the row reader where it does not follow the sheet (a row's cells name other rows, a
 * shared string that is not there, which SheetJS answers by dropping the sheet): the reference
 * reader reads such a workbook.
 */
class NotFollowed extends Error {}

const DAY = 24 * 60 * 60 * 1000;
const EPOCH = Date.UTC(1899, 11, 30);

/** A cell's text as SheetJS gives it (`w`, else its value): types, shared strings and number formats. */
class CellReader {
  private readonly options: { date1904?: boolean };
  constructor(private readonly book: Book) {
    this.options = book.date1904 ? { date1904: true } : {};
  }

  /**
   * The text of a cell from its tag's t and s, its <v>'s escaped text, and its content
   * (`x.slice(from, to)`); null where SheetJS makes no cell. `measure`: a number in the General
   * format gives a stand-in text (it always has some), not its own.
   */
  text(type: string | undefined, style: string | undefined, escaped: string | undefined, x: string, from: number, to: number, measure: boolean): string | null {
    const plain = escaped === undefined || plainXml(escaped);
    const raw = plain ? escaped : unescapeXml(escaped);
    let value: string | number | boolean | undefined;
    if (type === undefined && raw === undefined) return null; // (a formula without its value too: the reference reads no formulas)
    let t = type ?? 'n';
    switch (t) {
      case 'n':
        if (raw === undefined) return null;
        if (this.formatOf(style) === 0) {
          // The General format: the text depends on the raw text alone, so it is kept by that.
          if (measure) return 'n';
          if (canonicalInteger(raw)) return raw; // (its own text)
          let text = this.general.get(raw);
          if (text === undefined) {
            if (this.general.size >= 65_536) this.general.clear();
            text = generalText(Number.parseFloat(raw));
            this.general.set(raw, text);
          }
          return text;
        }
        value = Number.parseFloat(raw);
        break;
      case 's':
        if (raw === undefined) return null;
        {
          const index = Number.parseInt(raw, 10);
          if (!(index >= 0 && index < this.book.strings.length)) throw new NotFollowed();
          value = this.book.strings[index];
        }
        break;
      case 'str':
        value = raw === undefined ? '' : plain || plainXml(raw) ? raw : unescapeXml(raw, true);
        t = 's';
        break;
      case 'inlineStr': {
        const is = /<(?:\w+:)?is\b[^<>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(x.slice(from, to));
        value = is === null ? '' : (stringItem(is[1]!) ?? '');
        t = 's';
        break;
      }
      case 'b':
        value = raw === '1' || raw === 'true';
        break;
      case 'd':
        value = dateNumber(raw ?? '', this.book.date1904);
        t = 'n';
        break;
      case 'e':
        return raw ?? '';
      default:
        value = raw;
    }
    const id = this.formatOf(style);
    if (id === 0 && t === 's') return value === undefined ? '' : (value as string); // (SheetJS's General keeps a string)
    if (t !== 'n' || (id === 0 && ((value as number) | 0) === value)) return this.format(id, value);
    // Formatting a number is the costly step; survey data repeats its numbers (scales, dates, weights).
    const key = `${id}|${value as number}`;
    let text = this.formatted.get(key);
    if (text === undefined) {
      if (this.formatted.size >= 65_536) this.formatted.clear();
      text = this.format(id, value);
      this.formatted.set(key, text);
    }
    return text;
  }

  private readonly formatted = new Map<string, string>();
  /** General numbers' texts by their raw text. */
  private readonly general = new Map<string, string>();

  /** The number format id of a cell style (0 without one). */
  private formatOf(style: string | undefined): number {
    if (this.book.formatIds === null || style === undefined) return 0;
    const found = (this.book.formatIds as unknown as Record<string, number | undefined>)[style];
    return found === undefined || Number.isNaN(found) ? 0 : found;
  }

  private format(id: number, value: string | number | boolean | undefined): string {
    try {
      if (id === 0) return generalText(value);
      return this.book.ssf!.format(this.book.formats[id] ?? IMPLICIT[id] ?? 'General', value, this.options);
    } catch {
      return value === undefined || value === null ? '' : String(value);
    }
  }
}

/** A value in the General format, as SheetJS's SSF_general gives it (a string, a boolean or a number). */
export function generalText(value: string | number | boolean | undefined): string {
  if (typeof value === 'number') return (value | 0) === value ? value.toString(10) : generalNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value ?? '';
}

/*
 * SheetJS's General number format (SSF_general_num and its helpers in xlsx.mjs, Apache-2.0), here so
 * that a workbook in the General format needs no SheetJS: up to 11 characters, exponents of two digits.
 */
const stripDecimal = (o: string) => (o.indexOf('.') === -1 ? o : o.replace(/(?:\.0*|(\.\d*[1-9])0+)$/, '$1'));
const normalizeExp = (o: string) => (o.indexOf('E') === -1 ? o : o.replace(/(?:\.0*|(\.\d*[1-9])0+)[Ee]/, '$1E').replace(/(E[+-])(\d)$/, '$10$2'));

function generalNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '#NUM!' : '#DIV/0!';
  const V = Math.floor(Math.log(Math.abs(v)) * Math.LOG10E);
  let o: string;
  if (V >= -4 && V <= -1) o = v.toPrecision(10 + V);
  else if (Math.abs(V) <= 9) {
    const w = v < 0 ? 12 : 11;
    o = stripDecimal(v.toFixed(12));
    if (o.length > w) {
      o = v.toPrecision(10);
      if (o.length > w) o = v.toExponential(5);
    }
  } else if (V === 10) o = v.toFixed(10).slice(0, 12);
  else {
    o = stripDecimal(v.toFixed(11));
    if (o.length > (v < 0 ? 12 : 11) || o === '0' || o === '-0') o = v.toPrecision(6);
  }
  return stripDecimal(normalizeExp(o.toUpperCase()));
}

/** A date cell's serial number (SheetJS's parseDate then datenum). */
function dateNumber(text: string, date1904: boolean): number {
  let time: number;
  let m = /^(\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text);
  if (m) {
    time =
      (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31)) +
      ((Number.parseInt(m[1]!, 10) * 60 + Number.parseInt(m[2]!, 10)) * 60 + (m[3] ? Number.parseInt(m[3].slice(1), 10) : 0)) * 1000 +
      (m[4] ? Number.parseInt(`${m[4]}000`.slice(1, 4), 10) : 0);
  } else if ((m = /^(\d+)-(\d+)-(\d+)$/.exec(text))) {
    time = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, 0, 0, 0, 0);
  } else if ((m = /^(\d+)-(\d+)-(\d+)[T ](\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text))) {
    time = Date.UTC(
      +m[1]!,
      +m[2]! - 1,
      +m[3]!,
      +m[4]!,
      +m[5]!,
      (m[6] && Number.parseInt(m[6].slice(1), 10)) || 0,
      (m[7] && Number.parseInt(`${m[7]}0000`.slice(1, 4), 10)) || 0,
    );
  } else time = new Date(text).getTime();
  const res = (time - EPOCH) / DAY;
  if (date1904) {
    const r = res - 1462;
    return r < -1402 ? r - 1 : r;
  }
  return res < 60 ? res - 1 : res;
}

/** SheetJS's formats for ids its table lacks (SSFImplicit). */
const IMPLICIT: Record<number, string> = {
  5: '"$"#,##0_);\\("$"#,##0\\)',
  6: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  7: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  8: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  23: 'General',
  24: 'General',
  25: 'General',
  26: 'General',
  27: 'm/d/yy',
  28: 'm/d/yy',
  29: 'm/d/yy',
  30: 'm/d/yy',
  31: 'm/d/yy',
  32: 'h:mm:ss',
  33: 'h:mm:ss',
  34: 'h:mm:ss',
  35: 'h:mm:ss',
  36: 'm/d/yy',
  41: '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* (#,##0);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)',
  50: 'm/d/yy',
  51: 'm/d/yy',
  52: 'm/d/yy',
  53: 'm/d/yy',
  54: 'm/d/yy',
  55: 'm/d/yy',
  56: 'm/d/yy',
  57: 'm/d/yy',
  58: 'm/d/yy',
  59: '0',
  60: '0.00',
  61: '#,##0',
  62: '#,##0.00',
  63: '"$"#,##0_);\\("$"#,##0\\)',
  64: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  65: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  66: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  67: '0%',
  68: '0.00%',
  69: '# ?/?',
  70: '# ??/??',
  71: 'm/d/yy',
  72: 'm/d/yy',
  73: 'd-mmm-yy',
  74: 'd-mmm',
  75: 'mmm-yy',
  76: 'h:mm',
  77: 'h:mm:ss',
  78: 'm/d/yy h:mm',
  79: 'mm:ss',
  80: '[h]:mm:ss',
  81: 'mmss.0',
};

// ---------------------------------------------------------------------------------------------
// Rows

const V_OPEN = /<(?:\w+:)?v\b[^<>]*>/;
const V_CLOSE = /<\/(?:\w+:)?v>/;

/** A character `\w` matches. */
const isWord = (ch: number) => (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95;

/** A character String.prototype.trim removes (white space and line terminators). */
const isSpace = (ch: number) =>
  ch === 32 ||
  (ch >= 9 && ch <= 13) ||
  (ch >= 0xa0 &&
    (ch === 0xa0 ||
      ch === 0x1680 ||
      (ch >= 0x2000 && ch <= 0x200a) ||
      ch === 0x2028 ||
      ch === 0x2029 ||
      ch === 0x202f ||
      ch === 0x205f ||
      ch === 0x3000 ||
      ch === 0xfeff));

/** Where the match of `<(?:\w+:)?NAME` + one of `after` ends when one starts at x[at] ("<"), else -1. */
function tagAt(x: string, at: number, name: string, after: (ch: number) => boolean): number {
  let q = at + 1;
  let w = q;
  while (isWord(x.charCodeAt(w))) w++;
  if (w > q && x.charCodeAt(w) === 58 && x.startsWith(name, w + 1) && after(x.charCodeAt(w + 1 + name.length))) q = w + 1;
  else if (!(x.startsWith(name, q) && after(x.charCodeAt(q + name.length)))) return -1;
  return q + name.length + 1;
}
const isCellEnd = (ch: number) => ch === 32 || ch === 47 || ch === 62;

/** Where the first match of /<(?:\w+:)?c[ />]/ in x[from, to) starts (its end in matchEnd), else -1. */
let matchEnd = 0;
function nextCell(x: string, from: number, to: number, prefixed: boolean): number {
  if (!prefixed) {
    // No ":c" in the row, so no prefixed cell tag: only "<c" and one of " />" can match.
    for (let at = x.indexOf('<c', from); at !== -1 && at + 2 < to; at = x.indexOf('<c', at + 2)) {
      if (isCellEnd(x.charCodeAt(at + 2))) {
        matchEnd = at + 3;
        return at;
      }
    }
    return -1;
  }
  for (let at = x.indexOf('<', from); at !== -1 && at < to; at = x.indexOf('<', at + 1)) {
    const end = tagAt(x, at, 'c', isCellEnd);
    if (end !== -1 && end <= to) {
      matchEnd = end;
      return at;
    }
  }
  return -1;
}

/**
 * Where the first match of /<\/(?:\w+:)?row>/ in x from `from` starts (its end in matchEnd), else
 * -1: found by its "row>", then read back (matches hold one "<", so the first to end is the first to start).
 */
function nextRowClose(x: string, from: number): number {
  for (let k = x.indexOf('row>', from + 2); k !== -1; k = x.indexOf('row>', k + 4)) {
    let at = k - 2;
    const before = x.charCodeAt(k - 1);
    if (before === 58) {
      let j = k - 1;
      while (j > from && isWord(x.charCodeAt(j - 1))) j--;
      if (j === k - 1) continue;
      at = j - 2;
    } else if (before !== 47) continue;
    if (at >= from && x.charCodeAt(at) === 60 && x.charCodeAt(at + 1) === 47) {
      matchEnd = k + 4;
      return at;
    }
  }
  return -1;
}

/**
 * Stream the sheet's rows: for each row with text, its index (0-based) and its cells with text
 * (columns ascending, 0-based, with their texts; the arrays are reused for the next row). Rows are
 * split where SheetJS splits them (at each `</row>`), and each cell is placed by its own reference,
 * as SheetJS's dense sheets place it. The XML is scanned by index, a chunk at a time, not cut into
 * a string per row. `measure`: only whether a cell has text matters (a number in the General format
 * always has).
 */
async function readRows(
  file: string,
  handle: FileHandle,
  entry: ZipEntry,
  cells: CellReader,
  measure: boolean,
  onRow: (row: number, columns: number[], texts: string[], splitter: RowSplitter) => void,
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const rows = new RowSplitter(cells, measure, onRow);
  let pending = '';
  let inData = false;
  let done = false;
  /** Where to look on for a row's end: the last "<" of what was looked at (a match holds one "<"). */
  let resume = 0;
  const take = (final: boolean) => {
    if (!inData) {
      const open = /<(?:\w+:)?sheetData\b[^<>]*>/.exec(pending);
      if (open === null) {
        if (final) done = true;
        else if (pending.length > 1 << 20) pending = pending.slice(-4096);
        return;
      }
      if (open[0].endsWith('/>')) {
        done = true;
        return;
      }
      inData = true;
      pending = pending.slice(open.index + open[0].length);
    }
    let from = 0;
    rows.newText();
    for (let at = nextRowClose(pending, resume); at !== -1; at = nextRowClose(pending, from)) {
      const end = matchEnd;
      rows.segment(pending, from, at);
      from = end;
    }
    pending = pending.slice(from);
    resume = Math.max(0, pending.lastIndexOf('<'));
    if (final) {
      const end = /<\/(?:\w+:)?sheetData>/.exec(pending);
      rows.newText();
      rows.segment(pending, 0, end === null ? pending.length : end.index);
      done = true;
    }
  };
  for await (const chunk of entryChunks(file, handle, entry)) {
    if (done) continue; // (read on, for the CRC)
    pending += decoder.write(chunk);
    take(false);
  }
  if (!done) {
    pending += decoder.end();
    take(true);
  }
}

/** One `<row>` element's text at a time (from its tag to its `</row>`), as SheetJS reads it. */
class RowSplitter {
  /** SheetJS's tagr: the last row tag's r, else one more than the last. */
  private rowNumber = 0;
  private readonly byColumn: (string | undefined)[] = [];
  private readonly columns: number[] = [];
  private readonly texts: string[] = [];
  /** The first ":c" at or after the row being read, in the text being read (-1: not looked for yet). */
  private colon = -1;
  constructor(
    private readonly cells: CellReader,
    /** Only whether a cell has text matters (a General number gets a stand-in text); may be set on the way. */
    public measure: boolean,
    private readonly onRow: (row: number, columns: number[], texts: string[], splitter: RowSplitter) => void,
  ) {}

  /** Rows are read from another text from here on. */
  newText(): void {
    this.colon = -1;
  }

  /** The row in x[s, e), trimmed as a string of its own would be (the text between two `</row>`s). */
  segment(x: string, s: number, e: number): void {
    while (s < e && isSpace(x.charCodeAt(s))) s++;
    while (e > s && isSpace(x.charCodeAt(e - 1))) e--;
    // The row tag: the last "<" before the first ">" not closing an empty tag (as SheetJS's scan).
    let start = s;
    let i = s;
    for (; i < e; i++) {
      const ch = x.charCodeAt(i);
      if (ch === 60) start = i;
      else if (ch === 62 && (i === s || x.charCodeAt(i - 1) !== 47)) {
        i++;
        break;
      }
    }
    if (start >= i) return;
    const r = attr(x.slice(start, i), 'r');
    this.rowNumber = r !== undefined ? Number.parseInt(r, 10) : this.rowNumber + 1;
    const byColumn = this.byColumn;
    byColumn.length = 0;
    let row = -1;
    let column = -1;
    if (this.colon < i) {
      const colon = x.indexOf(':c', i);
      this.colon = colon === -1 ? Infinity : colon;
    }
    const prefixed = this.colon < e;
    let at = nextCell(x, i, e, prefixed);
    while (at !== -1) {
      const following = nextCell(x, matchEnd, e, prefixed);
      const next = following === -1 ? e : following;
      const cell = at;
      at = following;
      const close = x.indexOf('>', cell);
      if (close === -1 || close >= next) continue;
      cellAttributes(x, cell, close);
      let cellRow = this.rowNumber - 1;
      if (tagR !== -1) {
        // The reference's letters give the column, its number (parseInt's) the row.
        let c = 0;
        let j = tagR;
        for (; j < tagREnd; j++) {
          const cc = x.charCodeAt(j) - 64;
          if (cc < 1 || cc > 26) break;
          c = 26 * c + cc;
        }
        column = c - 1;
        if (j < tagREnd) {
          let n = 0;
          let k = j;
          for (; k < tagREnd && k < j + 15; k++) {
            const d = x.charCodeAt(k) - 48;
            if (d < 0 || d > 9) break;
            n = 10 * n + d;
          }
          cellRow = k === tagREnd && k > j ? n - 1 : Number.parseInt(x.slice(j, tagREnd), 10) - 1;
        }
      } else column++;
      const empty = x.charCodeAt(close - 1) === 47;
      // The <v>'s text: the plain tags found directly, else as SheetJS matches them.
      let raw: string | undefined;
      if (!empty) {
        const v = x.indexOf('<v>', close);
        if (v !== -1 && v < next) {
          const end = x.indexOf('</v>', v + 3);
          raw = end !== -1 && end < next ? x.slice(v + 3, end) : valueText(x.slice(close + 1, next));
        } else raw = valueText(x.slice(close + 1, next));
        if (raw === '') raw = undefined; // (SheetJS: an empty <v> is no value)
      }
      const text = this.cells.text(tagT, tagS, raw, empty ? '' : x, close + 1, next, this.measure);
      if (text === null) continue;
      if (row === -1) row = cellRow;
      else if (cellRow !== row) throw new NotFollowed();
      byColumn[column] = text;
    }
    const columns = this.columns;
    const texts = this.texts;
    columns.length = 0;
    texts.length = 0;
    for (let c = 0; c < byColumn.length; c++) {
      const text = byColumn[c];
      if (text !== undefined && (text.length === 0 ? false : text.trim() !== '')) {
        columns.push(c);
        texts.push(text);
      }
    }
    if (columns.length > 0) this.onRow(row, columns, texts, this);
  }
}

/** The cell's raw value as SheetJS matches it: the escaped text of its <v> (undefined without one). */
function valueText(content: string): string | undefined {
  const open = V_OPEN.exec(content);
  if (open === null) return undefined;
  const start = open.index + open[0].length;
  const close = V_CLOSE.exec(content.slice(start));
  return close === null ? undefined : content.slice(start, start + close.index);
}

/** Where the cell tag's r value starts (-1 without one) and ends. */
let tagR = -1;
let tagREnd = -1;
let tagT: string | undefined;
let tagS: string | undefined;

/** A t value: the usual ones without a new string. */
function typeText(x: string, from: number, to: number): string {
  const n = to - from;
  if (n === 1) {
    const ch = x.charCodeAt(from);
    if (ch === 115) return 's';
    if (ch === 110) return 'n';
    if (ch === 98) return 'b';
  } else if (n === 3 && x.startsWith('str', from)) return 'str';
  return x.slice(from, to);
}

/** A cell tag's r (where its value is), t and s (x.slice(from, to) is the tag, to its ">"), in tagR/tagREnd, tagT and tagS. */
function cellAttributes(x: string, from: number, to: number): void {
  tagR = tagREnd = -1;
  tagT = tagS = undefined;
  let i = from;
  while (i < to) {
    const space = x.indexOf(' ', i);
    if (space === -1 || space >= to) return;
    const eq = x.indexOf('=', space);
    if (eq === -1 || eq >= to) return;
    const quote = x.charCodeAt(eq + 1);
    if (quote !== 34 && quote !== 39) {
      i = eq + 1;
      continue;
    }
    const end = x.indexOf(quote === 34 ? '"' : "'", eq + 2);
    if (end === -1 || end >= to) return;
    if (eq === space + 2) {
      const name = x.charCodeAt(space + 1);
      if (name === 114 && tagR === -1) {
        tagR = eq + 2;
        tagREnd = end;
      } else if (name === 116 && tagT === undefined) tagT = typeText(x, eq + 2, end);
      else if (name === 115 && tagS === undefined) tagS = x.slice(eq + 2, end);
    }
    i = end + 1;
  }
}

/** An attribute's value in a tag (`name="…"` or `name='…'`, after a space). */
function attr(tag: string, name: string): string | undefined {
  let at = tag.indexOf(` ${name}="`);
  let quote = '"';
  if (at === -1) {
    at = tag.indexOf(` ${name}='`);
    quote = "'";
    if (at === -1) return undefined;
  }
  const start = at + name.length + 3;
  const end = tag.indexOf(quote, start);
  return end === -1 ? undefined : tag.slice(start, end);
}
