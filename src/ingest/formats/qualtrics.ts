/**
 * Qualtrics CSV exports. The current format has three header rows: export tags (Q5_1, StartDate),
 * question text (in the survey's language: never used as a name), and one JSON object per column,
 * {"ImportId":"QID5_1"}; a column is addressed by its export tag or its ImportId. The legacy format
 * (before 2017) has two: V1…V10 and export tags, then the metadata names (ResponseID, Finished, …)
 * and question text; the metadata names become aliases of the V columns. Responses with Finished =
 * 0/False, or without a Finished column and Progress below 100, are unfinished.
 */
import { addAlias, columnOf, type ExportLayout, type HeaderRow, type LayoutHeader } from './export-layout.ts';
import { say } from '../../messages.ts';

function isLegacy(first: readonly string[]): boolean {
  return first[0]?.trim() === 'V1' || first.some((cell) => cell.trim() === 'ResponseID');
}

/** The choice of a one-per-choice column from its question text: "Which topics? - Structure" → "Structure". */
function choiceOf(text: string): string | null {
  const at = text.lastIndexOf(' - ');
  return at === -1 ? null : text.slice(at + 3).trim() || null;
}

export const qualtrics: ExportLayout = {
  extraRows: (first) => (isLegacy(first) ? 1 : 2),
  header(rows: HeaderRow[]) {
    const first = rows[0]!;
    const names = first.cells.map((cell) => cell.trim());
    const header: LayoutHeader = { names, aliases: new Map(), choices: names.map(() => null) };
    const text = rows[1];
    if (text === undefined) return { row: 1, cell: 0, message: say.FND223.qualtricsNoQuestionRow() };
    header.choices = names.map((_, i) => choiceOf(text.cells[i] ?? ''));
    if (isLegacy(first.cells)) {
      names.forEach((name, i) => {
        if (/^V\d+$/.test(name)) addAlias(header, (text.cells[i] ?? '').trim(), i);
      });
      return header;
    }
    const ids = rows[2];
    if (ids === undefined) return { row: 2, cell: 0, message: say.FND223.qualtricsNoImportIdRow() };
    for (let i = 0; i < names.length; i++) {
      const cell = ids.cells[i] ?? '';
      let importId: unknown = null;
      try {
        importId = (JSON.parse(cell) as { ImportId?: unknown } | null)?.ImportId;
      } catch {
        importId = null;
      }
      if (typeof importId !== 'string') {
        return { row: 2, cell: Math.min(i, Math.max(0, ids.cells.length - 1)), message: say.FND223.qualtricsNoImportId(i + 1, names[i]!, cell) };
      }
      addAlias(header, importId, i);
    }
    return header;
  },
  unfinished(header) {
    const finished = columnOf(header, 'Finished', 'finished');
    const progress = columnOf(header, 'Progress', 'progress');
    if (finished === -1 && progress === -1) return null;
    return (row) => {
      if (finished !== -1) {
        const value = (row[finished] ?? '').trim().toLowerCase();
        if (value === '0' || value === 'false') return finished;
        if (value !== '') return -1;
      }
      if (progress !== -1) {
        const value = Number((row[progress] ?? '').trim());
        if ((row[progress] ?? '').trim() !== '' && Number.isFinite(value) && value < 100) return progress;
      }
      return -1;
    };
  },
  finishedWhen(header) {
    // Finished 1/true; or, with Finished blank or absent, Progress 100 (what `unfinished` reads as finished).
    const finished = columnOf(header, 'Finished', 'finished');
    const progress = columnOf(header, 'Progress', 'progress');
    const done = ['1', 'true', 'True', 'TRUE'];
    if (finished === -1) return progress === -1 ? [] : [[{ column: progress, values: ['100'] }]];
    return [
      [{ column: finished, values: done }],
      progress === -1
        ? [{ column: finished, values: [''] }]
        : [
            { column: finished, values: [''] },
            { column: progress, values: ['100'] },
          ],
    ];
  },
};
