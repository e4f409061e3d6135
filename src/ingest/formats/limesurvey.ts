/**
 * LimeSurvey CSV exports with question codes as headings ("Question code" headings, "Answer codes"
 * responses): one header row (id, submitdate, lastpage, startlanguage, seed, …, Q1, Q3[SQ001]); a
 * multiple-choice question as one column per subquestion, Q3[structure], holding "Y" when ticked
 * (themeColumns prefix "Q3["). A response without a submitdate was never submitted: unfinished.
 */
import { columnOf, type ExportLayout, type HeaderRow, type LayoutHeader } from './export-layout.ts';

export const limesurvey: ExportLayout = {
  extraRows: () => 0,
  header(rows: HeaderRow[]) {
    const names = rows[0]!.cells.map((cell) => cell.trim());
    return { names, aliases: new Map(), choices: names.map(() => null) } satisfies LayoutHeader;
  },
  unfinished(header) {
    const submitted = columnOf(header, 'submitdate');
    if (submitted === -1) return null;
    return (row) => ((row[submitted] ?? '').trim() === '' ? submitted : -1);
  },
  finishedWhen(header) {
    const submitted = columnOf(header, 'submitdate');
    return submitted === -1 ? [] : [[{ column: submitted, values: null }]];
  },
};
