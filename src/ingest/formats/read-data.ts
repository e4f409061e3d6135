/**
 * Read respondent data in whatever form the config names (data.format) as one stream: a header
 * (with the other names each column may be addressed by) and batches of data rows with their
 * positions in the original file, exactly as readCsv gives them for a plain CSV. Platform exports
 * are CSVs with more header rows and metadata columns (see export-layout.ts and one file per
 * platform); a workbook is read by readXlsx. The encoding is the config's, or detected
 * (detect-encoding.ts). Unfinished responses are marked as an `unfinished` problem of their row, so
 * the validator counts them in the ledger. A malformed export or workbook is reported here and
 * nothing is read from it.
 */
import type { DataFormat, DiagnosticSink, SurveyConfig } from '../../model.ts';
import { diagnostic, say } from '../../messages.ts';
import { configPosition } from '../../config/read-config.ts';
import { readCsv, type CsvBatch, type CsvHeader, type CsvSummary } from '../read-csv.ts';
import { detectEncoding, readHead } from './detect-encoding.ts';
import type { ExportLayout, HeaderRow, LayoutHeader } from './export-layout.ts';
import { kobo } from './kobo.ts';
import { limesurvey } from './limesurvey.ts';
import { qualtrics } from './qualtrics.ts';
import { surveymonkey } from './surveymonkey.ts';

export interface DataHeader extends CsvHeader {
  /** Other names of columns (Qualtrics ImportIds, Kobo question names without their group). */
  aliases: ReadonlyMap<string, number>;
  /** The choice label of each one-per-choice column, or null. */
  choices: readonly (string | null)[];
}

export interface DataSummary extends CsvSummary {
  /** A malformed export or workbook (reported): nothing was read. */
  malformed: boolean;
  /** A config value that does not fit the file (data.sheet; reported): exit 2. */
  misconfigured: boolean;
  /** Warnings about the whole file (an encoding guessed), as ledger-style rows for results.json. */
}

export const layouts: Partial<Record<DataFormat, ExportLayout>> = { qualtrics, surveymonkey, kobo, limesurvey };

export async function readData(
  config: SurveyConfig,
  sink: DiagnosticSink,
  options: { maxFieldChars: number; onBytes?: (bytes: number) => void },
  onHeader: (header: DataHeader) => void,
  onBatch: (batch: CsvBatch) => void,
): Promise<DataSummary> {
  const format = config.data.format ?? 'csv';
  const file = config.data.displayPath;
  if (format === 'xlsx') {
    // (SheetJS is loaded only when a workbook is read.) Issue #19: the sheet is streamed (stream-xlsx.ts).
    const { streamXlsx } = await import('./stream-xlsx.ts');
    const read = await streamXlsx(config.data.path, config.data.sheet ?? null, (header) => onHeader({ ...header, aliases: new Map(), choices: [] }), onBatch, {
      maxFileBytes: config.limits.maxFileBytes,
      maxFieldChars: options.maxFieldChars,
    });
    if (read.ok) return { hasHeader: read.hasHeader, encoding: read.encoding, bytes: read.bytes, sha256: read.sha256, malformed: false, misconfigured: false };
    if (read.problem.kind === 'no-sheet') {
      sink.report(diagnostic(configPosition(config, 'data.sheet'), say.FND006.noSheet(file, read.problem.name, read.sheets)));
      return { hasHeader: true, encoding: 'xlsx', bytes: read.bytes, sha256: read.sha256, malformed: false, misconfigured: true };
    }
    sink.report(diagnostic({ file, line: 1, column: 1 }, say.FND224(file, read.problem)));
    return { hasHeader: true, encoding: 'xlsx', bytes: read.bytes, sha256: read.sha256, malformed: true, misconfigured: false };
  }

  if (format === 'spss') {
    // Issue 16: an SPSS system file (read-sav.ts); sav-reader is loaded only when one is read.
    const { readSav } = await import('./read-sav.ts');
    const read = await readSav(config.data.path, (header) => onHeader({ ...header, aliases: new Map(), choices: [] }), onBatch, {
      maxFieldChars: options.maxFieldChars,
    });
    if (read.ok) return { hasHeader: read.hasHeader, encoding: 'spss', bytes: read.bytes, sha256: read.sha256, malformed: false, misconfigured: false };
    sink.report(diagnostic({ file, line: 1, column: 1 }, say.FND240(file, read.message)));
    return { hasHeader: true, encoding: 'spss', bytes: read.bytes, sha256: read.sha256, malformed: true, misconfigured: false };
  }

  let encoding = config.data.encoding ?? null;
  if (encoding === null) {
    const head = readHead(config.data.path);
    const guess = detectEncoding(head, head.length < 1 << 20);
    if (guess.by === 'not-utf-8' && guess.at !== undefined) {
      encoding = guess.encoding;
      const at = { file, line: guess.at.line, column: guess.at.column };
      sink.report(diagnostic(at, say.FND313(guess.at.offset, head[guess.at.offset]!)));
    }
  }

  const layout = layouts[format] ?? null;
  let malformed = false;
  let delivered = layout === null;
  const rows: HeaderRow[] = [];
  let need = 0;
  let unfinished: ((row: string[]) => number) | null = null;
  let csvHeader: CsvHeader | null = null;

  const deliver = () => {
    if (layout === null || csvHeader === null) return;
    const result = layout.header(rows);
    delivered = true;
    if ('message' in result) {
      malformed = true;
      const row = rows[result.row];
      const at = row === undefined ? { line: (rows[rows.length - 1]?.line ?? csvHeader.line) + 1, column: 1 } : row.locate(result.cell);
      sink.report(diagnostic({ file, ...at }, result.message));
      return;
    }
    onHeader({ ...csvHeader, cells: result.names, aliases: result.aliases, choices: result.choices });
    if (!config.data.includeUnfinished) unfinished = layout.unfinished?.(result as LayoutHeader) ?? null;
  };

  const summary = await readCsv(
    config.data.path,
    { delimiter: config.data.delimiter, maxFieldChars: options.maxFieldChars, encoding, onBytes: options.onBytes },
    (header) => {
      if (layout === null) {
        onHeader({ ...header, aliases: new Map(), choices: [] });
        return;
      }
      csvHeader = header;
      rows.push({ cells: header.cells, line: header.line, locate: header.locate });
      need = layout.extraRows(header.cells);
      if (need === 0) deliver();
    },
    (batch) => {
      if (malformed) return;
      let start = 0;
      while (!delivered && start < batch.rows.length) {
        const r = start;
        rows.push({ cells: batch.rows[r]!, line: batch.lines[r]!, locate: (cell) => batch.locate(r, cell) });
        start++;
        if (rows.length === need + 1) deliver();
      }
      if (malformed || !delivered || start >= batch.rows.length) return;
      const rest: CsvBatch =
        start === 0
          ? batch
          : {
              rows: batch.rows.slice(start),
              lines: batch.lines.slice(start),
              problems: batch.problems.filter((p) => p.row >= start).map((p) => ({ ...p, row: p.row - start })),
              locate: (row, cell, offset) => batch.locate(row + start, cell, offset),
            };
      if (unfinished !== null) {
        const test = unfinished;
        rest.rows.forEach((row, r) => {
          const cell = test(row);
          if (cell !== -1) rest.problems.push({ kind: 'unfinished', row: r, cell });
        });
      }
      onBatch(rest);
    },
  );
  if (summary.hasHeader && !delivered) deliver();
  return { ...summary, malformed, misconfigured: false };
}
