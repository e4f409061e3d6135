/**
 * Read a codebook CSV (columns code,label[,description,parent,color,statement], any order, header
 * names case-insensitive) into raw entries with the position of each cell. The structure rules
 * (duplicates, parents, cycles) are applied by validateCodebook.
 */
import type { CodebookFile, DiagnosticSink, Position, RawTheme } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { readCsv, type CsvBatch, type CsvHeader } from './read-csv.ts';
import { codeFromName } from './code-from-name.ts';

export async function readCodebook(file: string, displayFile: string, sink: DiagnosticSink): Promise<CodebookFile | null> {
  // REFI-QDA: a codebook file (.qdc), or the codebook of a project (.qdpx).
  // (REFI-QDA files need an XML parser and unzip, loaded only when one is read.)
  if (/\.qdc$/i.test(file)) return (await import('./read-qdc.ts')).readQdc(file, displayFile, sink);
  if (/\.qdpx$/i.test(file)) return (await import('./read-qdpx.ts')).readQdpxCodebook(file, displayFile, sink);
  let columns: Map<string, number> | null = null;
  let width = 0;
  let ok = true;
  // issue 14: a codebook without a label column whose names are codes, labels or paths (a QDA program's export).
  let byName: { name: number } | null = null;
  const named: { path: string; description: string; color: string; at: Position }[] = [];
  const entries: RawTheme[] = [];
  const onHeader = (header: CsvHeader) => {
    columns = new Map(header.cells.map((name, i) => [name.trim().toLowerCase(), i]));
    width = header.cells.length;
    const nameColumn = columns.get('tag') ?? columns.get('code') ?? columns.get('code name') ?? columns.get('codename');
    if (!columns.has('label') && nameColumn !== undefined) {
      // Taguette (tag,description,…), QualCoder and MAXQDA (Code,Memo,…): names, maybe paths.
      byName = { name: nameColumn };
      return;
    }
    for (const required of ['code', 'label']) {
      if (!columns.has(required)) {
        ok = false;
        sink.report(diagnostic({ file: displayFile, ...header.locate(0) }, say.FND101.noColumn(required, header.cells)));
      }
    }
  };
  const onBatch = (batch: CsvBatch) => {
    if (!ok || columns === null) return;
    const cols = columns as Map<string, number>;
    batch.rows.forEach((row, r) => {
      if (row.length !== width) {
        ok = false;
        sink.report(diagnostic({ file: displayFile, ...batch.locate(r, Math.min(row.length, width)) }, say.FND108(row.length, width)));
        return;
      }
      const cell = (...names: string[]) => {
        const i = names.map((name) => cols.get(name)).find((index) => index !== undefined);
        return i === undefined ? '' : (row[i] ?? '').trim();
      };
      const pos = (name: string) => ({ file: displayFile, ...batch.locate(r, cols.get(name) ?? 0) });
      if (byName !== null) {
        const at = { file: displayFile, ...batch.locate(r, (byName as { name: number }).name) };
        named.push({
          path: (row[(byName as { name: number }).name] ?? '').trim(),
          description: cell('description', 'memo'),
          color: cell('color', 'colour'),
          at,
        });
        return;
      }
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
  };
  let summary: { hasHeader: boolean; bytes: number; sha256: string };
  if (/\.xlsx$/i.test(file)) {
    // issue 14: a codebook workbook, its first sheet read as the same table (SheetJS loaded only here).
    const read = (await import('./formats/read-xlsx.ts')).readXlsx(file, null, onHeader, onBatch);
    if (!read.ok) {
      sink.report(diagnostic({ file: displayFile, line: 1, column: 1 }, say.FND101.unreadableWorkbook(displayFile, read.problem)));
      return null;
    }
    summary = read;
  } else {
    summary = await readCsv(file, { delimiter: null }, onHeader, onBatch);
  }
  if (!summary.hasHeader) {
    sink.report(diagnostic({ file: displayFile, line: 1, column: 1 }, say.FND107.emptyFile()));
    return null;
  }
  if (byName !== null) entries.push(...themesFromNames(named));
  return ok ? { entries, bytes: summary.bytes, sha256: summary.sha256 } : null;
}

/**
 * Codes from names (issue 14): each row's name is a code, a label, or a path written with "/", "\"
 * or " > " (`parent/child`); the last part names the code (made as codeFromName makes it: "Project
 * structure" becomes `project-structure`, its label the name), the parts before it its parents, which
 * are added (in order of first mention) when they have no row of their own. A name used under two
 * parents becomes its path, as in a REFI-QDA codebook.
 */
function themesFromNames(rows: readonly { path: string; description: string; color: string; at: Position }[]): RawTheme[] {
  const split = (text: string) => text.split(/\s*(?:\/|\\|>)\s*/).map((part) => part.trim());
  const nodes = new Map<string, { parts: string[]; description: string; color: string; at: Position }>();
  for (const row of rows) {
    const parts = row.path === '' ? [''] : split(row.path);
    for (let depth = 1; depth < parts.length; depth++) {
      const key = parts.slice(0, depth).join('/');
      if (!nodes.has(key)) nodes.set(key, { parts: parts.slice(0, depth), description: '', color: '', at: row.at });
    }
    const key = parts.join('/');
    const node = nodes.get(key);
    if (node === undefined || node.description === '') nodes.set(key, { parts, description: row.description, color: row.color, at: row.at });
  }
  const uses = new Map<string, number>();
  for (const node of nodes.values()) {
    const own = codeFromName(node.parts[node.parts.length - 1]!);
    uses.set(own, (uses.get(own) ?? 0) + 1);
  }
  const codeOf = (parts: string[]): string => {
    const own = codeFromName(parts[parts.length - 1]!);
    return (uses.get(own) ?? 0) > 1 && parts.length > 1 ? parts.map(codeFromName).join('/') : own;
  };
  // Parents before children: sorted by depth keeps each level in order of first mention.
  return [...nodes.values()]
    .sort((a, b) => a.parts.length - b.parts.length)
    .map((node) => {
      const last = node.parts[node.parts.length - 1]!;
      const code = codeOf(node.parts);
      return {
        code,
        label: code.includes('/') && node.parts.length > 1 ? node.parts.join('/') : last,
        description: node.description,
        parent: node.parts.length > 1 ? codeOf(node.parts.slice(0, -1)) : '',
        color: node.color,
        statement: '',
        at: { code: node.at, parent: node.at, color: node.at },
      };
    });
}
