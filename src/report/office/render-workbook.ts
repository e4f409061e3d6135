import { neutraliseFormula } from './neutralise-formula.ts';
import { OFFICE_DATE, stableZip } from './stable-zip.ts';
import { xmlSafe } from './xml-safe.ts';

/** Text as a cell holds it: storable in XML (xmlSafe) and never run as a formula (neutraliseFormula). */
const cellText = (text: string): string => neutraliseFormula(xmlSafe(text));

/** How a column's numbers are shown; the cell always holds the number at full precision. */
type ColumnFormat = 'text' | 'count' | 'percent' | 'points' | 'decimal' | 'p' | 'statistic';

export interface SheetColumn {
  header: string;
  format: ColumnFormat;
  /** Width in characters. */
  width: number;
}

export type SheetCell = string | number | boolean | null;

/** A table sheet: a header row (frozen, with the leading `frozenColumns` columns), then one row per observation. */
export interface TableSheet {
  kind: 'table';
  name: string;
  columns: SheetColumn[];
  rows: SheetCell[][];
  frozenColumns: number;
}

/** A text sheet (the study note and methods): one line per row, headings in bold, long text wrapped. */
export interface TextSheet {
  kind: 'text';
  name: string;
  lines: { text: string; heading?: boolean; term?: string }[];
}

export type Sheet = TableSheet | TextSheet;

/** Excel number formats: percentages with one decimal, points signed, p-values to three decimals. */
const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  count: '0',
  percent: '0.0%',
  points: '+0.0%;-0.0%;0.0%',
  decimal: '0.0',
  p: '0.000',
  statistic: '0.00',
};

/** Printed (or converted to PDF) landscape, each sheet one page wide, the header row repeated. */
const PAGE_SETUP = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: '1:1' } as const;
/** The text sheet's one column, in characters. */
const TEXT_WIDTH = 80;
/** The text sheet: portrait, one page wide. */
const TEXT_PAGE_SETUP = { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 } as const;

/**
 * A workbook (.xlsx) of the given sheets, through exceljs: numbers stay numbers with a number format
 * (the value at full precision, as in results.json), text cells are neutralised against formula
 * injection (and control characters, which XML cannot hold, become U+FFFD), header rows are bold and frozen (with the row-naming columns), null is an empty cell.
 * The bytes are reproducible: fixed document dates and zip entry times (stableZip).
 */
export async function renderWorkbook(sheets: readonly Sheet[], title: string): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'findings';
  workbook.lastModifiedBy = 'findings';
  workbook.title = cellText(title);
  workbook.created = new Date(OFFICE_DATE);
  workbook.modified = new Date(OFFICE_DATE);
  for (const sheet of sheets) {
    if (sheet.kind === 'text') {
      // One wide wrapping column, no merged cells: spreadsheets size a wrapped row's height only then.
      const worksheet = workbook.addWorksheet(sheetName(sheet.name), { pageSetup: TEXT_PAGE_SETUP });
      worksheet.columns = [{ width: TEXT_WIDTH }];
      for (const line of sheet.lines) {
        const text = cellText(line.term === undefined ? line.text : `${line.term}: ${line.text}`);
        const row = worksheet.addRow([text]);
        if (line.heading === true) row.font = { name: 'Arial', bold: true, size: 12 };
        row.alignment = { wrapText: true, vertical: 'top' };
        // Neither exceljs nor a spreadsheet opening the file sizes a wrapped row: about 15 points a line,
        // a line being a little less than the column's width in characters.
        row.height = 15 * Math.max(1, Math.ceil(text.length / (TEXT_WIDTH * 0.85)));
      }
      continue;
    }
    const worksheet = workbook.addWorksheet(sheetName(sheet.name), {
      pageSetup: PAGE_SETUP,
      views: [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: 1, topLeftCell: cellName(sheet.frozenColumns, 1), activeCell: 'A1' }],
    });
    worksheet.columns = sheet.columns.map((column) => {
      const numFmt = NUMBER_FORMATS[column.format];
      return { header: cellText(column.header), width: column.width, ...(numFmt === undefined ? {} : { style: { numFmt } }) };
    });
    const header = worksheet.getRow(1);
    header.font = { name: 'Arial', bold: true };
    header.alignment = { wrapText: true, vertical: 'bottom' };
    header.height = 15 * Math.max(1, ...sheet.columns.map((column) => Math.ceil(column.header.length / Math.max(1, column.width - 2))));
    for (const cells of sheet.rows) {
      worksheet.addRow(cells.map((cell) => (typeof cell === 'string' ? cellText(cell) : typeof cell === 'number' && !Number.isFinite(cell) ? null : cell)));
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return stableZip(new Uint8Array(buffer as ArrayBuffer));
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/** A1-style name of the first unfrozen cell (column index 0-based count of frozen columns, row 1-based count of frozen rows). */
function cellName(frozenColumns: number, frozenRows: number): string {
  let index = frozenColumns + 1;
  let letters = '';
  while (index > 0) {
    const rest = (index - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    index = Math.floor((index - 1) / 26);
  }
  return `${letters}${frozenRows + 1}`;
}
