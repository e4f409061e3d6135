/**
 * Read the start of a data file the way `findings inspect` needs it: the format (a workbook, or a
 * platform's CSV export recognised by its header), the encoding, the delimiter, the header rows and
 * up to `maxRows` data rows as text (unfinished responses left out, as a run would). Nothing here
 * guesses what a column means; see guess-columns.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
import type { DataFormat } from '../model.ts';
import { detectDelimiter } from '../ingest/read-csv.ts';
import { detectEncoding, readHead } from '../ingest/formats/detect-encoding.ts';
import type { HeaderRow, LayoutHeader } from '../ingest/formats/export-layout.ts';
import { layouts } from '../ingest/formats/read-data.ts';
import { readXlsx } from '../ingest/formats/read-xlsx.ts';
import { checkZip } from '../ingest/formats/check-zip.ts';
import type { NoTable, WorkbookProblem } from '../messages.ts';

export interface SniffedTable {
  format: DataFormat;
  /** utf-8, utf-8 with BOM, utf-16le, utf-16be, windows-1252, or xlsx. */
  encoding: string;
  /** The encoding to write into the config (only when detection would warn), or null. */
  configEncoding: 'windows-1252' | null;
  delimiter: string | null;
  sheet: string | null;
  /** The first sheet is not the one read: the config must name it. */
  sheetIsNotFirst: boolean;
  headerRows: number;
  header: LayoutHeader;
  /** Question text (second header row) of each column, when the platform writes one. */
  questionText: (string | null)[];
  rows: string[][];
  /** Data rows read (before unfinished ones were left out), and how many were left out. */
  rowsRead: number;
  unfinished: number;
  /** True when only the start of a large file was read. */
  truncated: boolean;
}

export type SniffResult = SniffedTable | { problem: 'empty'; why: NoTable } | { problem: 'not-a-workbook'; why: WorkbookProblem };

const SAMPLE_BYTES = 4 << 20;

function platformOf(rows: string[][]): DataFormat {
  const names = new Set((rows[0] ?? []).map((c) => c.trim()));
  if (
    (rows[2]?.[0] ?? '').startsWith('{"ImportId"') ||
    (names.has('ResponseId') && names.has('Finished')) ||
    rows[0]?.[0]?.trim() === 'V1' ||
    names.has('ResponseID')
  )
    return 'qualtrics';
  if (names.has('Respondent ID') && names.has('Collector ID')) return 'surveymonkey';
  if (names.has('_uuid') || names.has('_submission_time')) return 'kobo';
  if (names.has('submitdate') && names.has('lastpage') && names.has('startlanguage')) return 'limesurvey';
  return 'csv';
}

export function sniffTable(file: string, maxRows = 5000): SniffResult {
  // Only the start of a text file is read: a few MiB show its layout, however large it is.
  const buffer = readHead(file, SAMPLE_BYTES + 1);
  if (buffer.length === 0) return { problem: 'empty', why: 'empty-file' };
  const zip = buffer[0] === 0x50 && buffer[1] === 0x4b;
  if (zip || /\.xlsx$/i.test(file)) return sniffWorkbook(file, maxRows);

  const head = buffer.subarray(0, SAMPLE_BYTES);
  const complete = buffer.length <= SAMPLE_BYTES;
  const guess = detectEncoding(head, complete);
  let encoding: string = guess.encoding;
  let text: string;
  if (guess.encoding === 'utf-16') {
    encoding = head[0] === 0xff ? 'utf-16le' : 'utf-16be';
    text = new TextDecoder(encoding).decode(head);
  } else if (guess.encoding === 'windows-1252') {
    text = new TextDecoder('windows-1252').decode(head);
  } else {
    if (guess.by === 'bom') encoding = 'utf-8 with byte order mark';
    text = new TextDecoder('utf-8').decode(head);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A sample cut short ends inside a row: drop it.
  if (!complete) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const delimiter = detectDelimiter(firstLine);
  // Header rows, up to maxRows data rows and one more (to tell a larger file).
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy', preview: maxRows + 4 });
  const all = parsed.data.map((row) => row.map((cell) => cell.replace(/\r$/, '')));
  if (all.length === 0) return { problem: 'empty', why: 'no-rows' };
  const format = platformOf(all);
  return finish(
    all,
    {
      format,
      encoding,
      configEncoding: guess.encoding === 'windows-1252' ? 'windows-1252' : null,
      delimiter,
      sheet: null,
      sheetIsNotFirst: false,
      truncated: !complete,
    },
    maxRows,
  );
}

function sniffWorkbook(file: string, maxRows: number): SniffResult {
  let names: string[];
  let best: string | null = null;
  try {
    const buffer = readFileSync(file);
    const damaged = checkZip(buffer);
    if (damaged !== null) return { problem: 'not-a-workbook', why: { kind: 'zip', zip: damaged } };
    const workbook = XLSX.read(buffer, { type: 'buffer', cellDates: false, dense: true });
    names = workbook.SheetNames;
    // The data are on the sheet with the most cells, which need not be the first (a notes sheet).
    let most = -1;
    for (const name of names) {
      const data = (workbook.Sheets[name] as { '!data'?: unknown[][] } | undefined)?.['!data'] ?? [];
      let cells = 0;
      data.forEach((row) => row?.forEach((cell) => void (cell != null && cells++)));
      if (cells > 0 && cells > most) {
        most = cells;
        best = name;
      }
    }
  } catch (error) {
    return { problem: 'not-a-workbook', why: { kind: 'unreadable', detail: (error as Error).message.split('\n')[0]! } };
  }
  if (best === null) return { problem: 'empty', why: 'no-sheet-with-data' };
  const rows: string[][] = [];
  const read = readXlsx(
    file,
    best,
    (h) => rows.push(h.cells),
    (b) => rows.push(...b.rows),
  );
  if (!read.ok) return { problem: 'not-a-workbook', why: read.problem };
  if (rows.length === 0) return { problem: 'empty', why: 'empty-sheet' };
  return finish(
    rows,
    { format: 'xlsx', encoding: 'xlsx', configEncoding: null, delimiter: null, sheet: best, sheetIsNotFirst: best !== names[0], truncated: false },
    maxRows,
  );
}

function finish(
  all: string[][],
  base: Pick<SniffedTable, 'format' | 'encoding' | 'configEncoding' | 'delimiter' | 'sheet' | 'sheetIsNotFirst' | 'truncated'>,
  maxRows: number,
): SniffedTable {
  const layout = layouts[base.format];
  let header: LayoutHeader = { names: all[0]!.map((c) => c.trim()), aliases: new Map(), choices: all[0]!.map(() => null) };
  let headerRows = 1;
  let questionText: (string | null)[] = header.names.map(() => null);
  let format = base.format;
  let unfinishedTest: ((row: string[]) => number) | null = null;
  if (layout !== undefined) {
    const extra = layout.extraRows(all[0]!);
    const rows: HeaderRow[] = all.slice(0, extra + 1).map((cells, i) => ({ cells, line: i + 1, locate: (cell) => ({ line: i + 1, column: cell + 1 }) }));
    const read = layout.header(rows);
    if ('message' in read)
      format = 'csv'; // not quite the platform's layout: offer it as a plain CSV
    else {
      header = read;
      headerRows = extra + 1;
      if (format === 'qualtrics') questionText = header.names.map((_, i) => all[1]?.[i]?.trim() || null);
      unfinishedTest = layout.unfinished?.(header) ?? null;
    }
  }
  const data = all.slice(headerRows, headerRows + maxRows);
  const more = all.length > headerRows + maxRows;
  const rows = unfinishedTest === null ? data : data.filter((row) => unfinishedTest(row) === -1);
  return {
    ...base,
    truncated: base.truncated || more,
    format,
    headerRows,
    header,
    questionText,
    rows,
    rowsRead: data.length,
    unfinished: data.length - rows.length,
  };
}

export function baseName(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}
