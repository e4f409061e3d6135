/**
 * Issue 16: SPSS system files (`.sav`, data.format: spss), read with sav-reader (npm, pinned 2.0.8;
 * no dependencies; reads PSPP's and SPSS's bytecode-compressed and uncompressed files, very long
 * strings, the weight variable and labels). The data arrive as the same header and row batches as a
 * CSV: the header is the variable names, each case a row of cells as text; a numeric value is
 * written as JavaScript prints it ("4", "1.25"); a system-missing value, or a value among the
 * variable's user-missing codes (discrete, or a range), is a blank cell, so it is missing as a
 * blank CSV cell is. Positions: the header is line 1 and case k is line k + 1; the column is the
 * variable's number. `readSavMeta` gives the variable and value labels (findings inspect).
 *
 * Not read: the zlib-compressed `.zsav` ($FL3) and Stata's `.dta`, which sav-reader does not cover.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CsvBatch, CsvHeader } from '../read-csv.ts';

export interface SavVariable {
  name: string;
  type: 'numeric' | 'string';
  /** The variable label, or null. */
  label: string | null;
  /** Value labels in the file's order (numeric variables: `value` a number). */
  valueLabels: { value: number | string; label: string }[];
  /** User-missing codes: discrete values and at most one range. */
  missing: { values: number[]; range: { min: number; max: number } | null };
}

export interface SavMeta {
  variables: SavVariable[];
  /** The WEIGHT BY variable, or null. */
  weight: string | null;
  cases: number;
  product: string;
}

export type SavOutcome =
  | { ok: true; hasHeader: boolean; bytes: number; sha256: string; meta: SavMeta }
  | { ok: false; message: string; bytes: number; sha256: string };

/** The first bytes of a .sav ("$FL2"), and of a zlib-compressed .zsav ("$FL3"). */
export function savMagic(head: Uint8Array): 'sav' | 'zsav' | null {
  if (head.length < 4 || head[0] !== 0x24 || head[1] !== 0x46 || head[2] !== 0x4c) return null;
  return head[3] === 0x32 ? 'sav' : head[3] === 0x33 ? 'zsav' : null;
}

interface RawVar {
  name: string;
  type: number;
  label: string | null;
  missing: null | number | number[] | { min: number; max: number; value?: number };
}

interface Reader {
  open(): Promise<void>;
  meta: {
    header: { n_cases?: number; product?: string; weight?: { name: string } | null };
    sysvars: RawVar[];
    getValueLabels(name: string): { val: number | string; label: string }[] | null;
  };
  readNextRow(includeNulls?: boolean): Promise<Record<string, unknown> | null>;
}

// sav-reader is CommonJS whose package.json exports only a `require` condition (no types for ESM
// resolution): loaded through require, typed by the Reader interface above (its dist/*.d.ts).
// Loaded on first use, so that a run with no .sav pays nothing for it at start-up.
let savBufferReader: (new (buffer: Buffer) => Reader) | null = null;
function SavReader(): new (buffer: Buffer) => Reader {
  savBufferReader ??= (createRequire(import.meta.url)('sav-reader') as { SavBufferReader: new (buffer: Buffer) => Reader }).SavBufferReader;
  return savBufferReader;
}

/** Open a .sav from its bytes: the reader with its metadata, or why it cannot be read. */
async function open(buffer: Buffer): Promise<{ reader: Reader; meta: SavMeta } | { message: string }> {
  const magic = savMagic(buffer);
  if (magic === null)
    return { message: buffer.length === 0 ? 'the file is empty' : 'it does not start with "$FL2" (not an SPSS system file; a CSV or .por renamed?)' };
  if (magic === 'zsav') return { message: 'it is a zlib-compressed .zsav; save it from SPSS or PSPP as an ordinary .sav' };
  try {
    const reader = new (SavReader())(buffer);
    await reader.open();
    const raw = reader.meta.sysvars.filter((v) => !(v as { __is_child_string_var?: boolean }).__is_child_string_var);
    const variables = raw.map((v): SavVariable => {
      const values: number[] = [];
      let range: { min: number; max: number } | null = null;
      const m = v.missing;
      if (typeof m === 'number') values.push(m);
      else if (Array.isArray(m)) values.push(...m);
      else if (m !== null && typeof m === 'object') {
        range = { min: m.min, max: m.max };
        if (typeof m.value === 'number') values.push(m.value);
      }
      return {
        name: v.name,
        type: v.type === 1 ? 'string' : 'numeric',
        label: v.label ?? null,
        valueLabels: (reader.meta.getValueLabels(v.name) ?? []).map((l) => ({ value: l.val, label: String(l.label) })),
        missing: v.type === 1 ? { values: [], range: null } : { values, range },
      };
    });
    const header = reader.meta.header;
    return {
      reader,
      meta: { variables, weight: header.weight?.name ?? null, cases: header.n_cases ?? -1, product: String(header.product ?? '').replace(/^@\(#\)\s*/, '') },
    };
  } catch (error) {
    return { message: `it is damaged or truncated (${reasonOf(error)})` };
  }
}

/** The reader's complaint in the user's words: its stream messages ("No data read even after wait") mean the bytes ran out. */
function reasonOf(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  if (/no data read|highwatermark|out of range|outside the bounds|end of/i.test(text)) return 'the file ends early';
  return text.slice(0, 200) || 'unknown error';
}

/** A cell's text: blank for system- and user-missing values. */
function cellOf(value: unknown, variable: SavVariable): string {
  if (value === null || value === undefined) return '';
  if (variable.type === 'string') return String(value).trimEnd();
  if (typeof value !== 'number' || Number.isNaN(value)) return '';
  const { values, range } = variable.missing;
  if (values.includes(value) || (range !== null && value >= range.min && value <= range.max)) return '';
  return String(value);
}

/** The variables and labels of a .sav, for inspect; a message when it cannot be read. */
export async function readSavMeta(file: string): Promise<SavMeta | { message: string }> {
  const opened = await open(readFileSync(file));
  return 'message' in opened ? opened : opened.meta;
}

/** Read a .sav as a header and row batches (see the file's comment). */
export async function readSav(
  file: string,
  onHeader: (header: CsvHeader) => void,
  onBatch: (batch: CsvBatch) => void,
  options: { maxFieldChars?: number } = {},
): Promise<SavOutcome> {
  const buffer = readFileSync(file);
  const bytes = buffer.length;
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const opened = await open(buffer);
  if ('message' in opened) return { ok: false, message: opened.message, bytes, sha256 };
  const { reader, meta } = opened;
  const names = meta.variables.map((v) => v.name);
  const locate = (row: number, cell: number) => ({ line: row + 2, column: cell + 1 });
  // Read every case before handing any on, so a file damaged halfway is reported and nothing of it tallied.
  const rows: string[][] = [];
  try {
    for (let record = await reader.readNextRow(true); record !== null; record = await reader.readNextRow(true)) {
      rows.push(meta.variables.map((v) => cellOf(record[v.name], v)));
    }
  } catch (error) {
    return { ok: false, message: `case ${rows.length + 1} is damaged or truncated (${reasonOf(error)})`, bytes, sha256 };
  }
  if (meta.cases >= 0 && rows.length !== meta.cases) {
    return { ok: false, message: `its header promises ${meta.cases} cases but ${rows.length} could be read (truncated?)`, bytes, sha256 };
  }
  onHeader({ cells: names, line: 1, delimiter: '', locate: (cell) => locate(-1, cell) });
  const BATCH = 4096;
  const maxField = options.maxFieldChars ?? Infinity;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batchRows = rows.slice(start, start + BATCH);
    const problems: CsvBatch['problems'] = [];
    batchRows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell.length > maxField) problems.push({ kind: 'field-too-large', row: r, cell: c, value: cell.length });
      }),
    );
    onBatch({ rows: batchRows, lines: batchRows.map((_, r) => start + r + 2), problems, locate: (row, cell) => locate(start + row, cell) });
  }
  return { ok: true, hasHeader: true, bytes, sha256, meta };
}
