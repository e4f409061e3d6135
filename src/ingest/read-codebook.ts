/**
 * Read a codebook CSV (columns code,label[,description,parent,color,statement], any order, header
 * names case-insensitive) into raw entries with the position of each cell. The structure rules
 * (duplicates, parents, cycles) are applied by validateCodebook.
 */
import type { DiagnosticSink, RejectedRow } from '../model.ts';
import { diagnostic } from '../messages.ts';
import { readCsv } from './read-csv.ts';

export interface RawTheme {
  code: string;
  label: string;
  description: string;
  parent: string;
  color: string;
  statement: string;
  /** Positions of the code, parent and color cells. */
  at: { code: Pos; parent: Pos; color: Pos };
  /** issue 14: the REFI-QDA code's GUID and name, when it came from a .qdc or .qdpx. */
  qda?: { guid: string; name: string };
}
type Pos = { file: string; line: number; column: number };

export const CODEBOOK_COLUMNS = ['code', 'label', 'description', 'parent', 'color', 'statement'] as const;

/** Returns the entries, or null when the file cannot be used at all (reported). */
export interface CodebookFile {
  entries: RawTheme[];
  /** issue 14: REFI-QDA sets of codes, by GUID of their member codes (resolved to codes by validateCodebook). */
  groups?: { name: string; guid: string; description: string; members: string[] }[];
  /** Warnings raised while reading (repeated code names), for results.json. */
  warnings?: RejectedRow[];
  bytes: number;
  sha256: string;
}

export async function readCodebook(file: string, displayFile: string, sink: DiagnosticSink): Promise<CodebookFile | null> {
  // REFI-QDA: a codebook file (.qdc), or the codebook of a project (.qdpx).
  // (REFI-QDA files need an XML parser and unzip, loaded only when one is read.)
  if (/\.qdc$/i.test(file)) return (await import('./read-qdc.ts')).readQdc(file, displayFile, sink);
  if (/\.qdpx$/i.test(file)) return (await import('./read-qdpx.ts')).readQdpxCodebook(file, displayFile, sink);
  let columns: Map<string, number> | null = null;
  let width = 0;
  let ok = true;
  const entries: RawTheme[] = [];
  const summary = await readCsv(
    file,
    { delimiter: null },
    (header) => {
      columns = new Map(header.cells.map((name, i) => [name.trim().toLowerCase(), i]));
      width = header.cells.length;
      for (const required of ['code', 'label']) {
        if (!columns.has(required)) {
          ok = false;
          sink.report(
            diagnostic('FND101', { file: displayFile, ...header.locate(0) }, `the codebook has no "${required}" column`, {
              expected: 'code,label[,description,parent,color,statement]',
              actual: header.cells.join(','),
            }),
          );
        }
      }
    },
    (batch) => {
      if (!ok || columns === null) return;
      const cols = columns as Map<string, number>;
      batch.rows.forEach((row, r) => {
        if (row.length !== width) {
          ok = false;
          sink.report(
            diagnostic('FND108', { file: displayFile, ...batch.locate(r, Math.min(row.length, width)) }, `codebook row has ${row.length} fields; the header has ${width}`),
          );
          return;
        }
        const cell = (name: string) => {
          const i = cols.get(name);
          return i === undefined ? '' : (row[i] ?? '').trim();
        };
        const pos = (name: string) => ({ file: displayFile, ...batch.locate(r, cols.get(name) ?? 0) });
        entries.push({
          code: cell('code'),
          label: cell('label'),
          description: cell('description'),
          parent: cell('parent'),
          color: cell('color'),
          statement: cell('statement'),
          at: { code: pos('code'), parent: pos('parent'), color: pos('color') },
        });
      });
    },
  );
  if (!summary.hasHeader) {
    sink.report(diagnostic('FND107', { file: displayFile, line: 1, column: 1 }, 'the codebook file is empty'));
    return null;
  }
  return ok ? { entries, bytes: summary.bytes, sha256: summary.sha256 } : null;
}
