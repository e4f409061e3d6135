/**
 * SurveyMonkey CSV exports ("All responses data", expanded columns): the first header row holds the
 * metadata names (Respondent ID, Collector ID, Start Date, …) and each question's text once, blank
 * over the rest of its columns; the second holds "Response" (or "Open-Ended Response") under a
 * one-column question and the choice label under each column of a multi-select question, whose
 * cells hold that label when ticked. A column's name is its question text, followed by " | " and
 * its choice for a multiple-choice column: "Which topics came up? | Structure". SurveyMonkey has no
 * stable question tags, so these names follow the survey's wording.
 */
import type { ExportLayout, HeaderRow, LayoutHeader } from './export-layout.ts';
import { say } from '../../messages.ts';

const SINGLE = new Set(['', 'Response', 'Open-Ended Response']);
const METADATA = ['Respondent ID', 'Collector ID', 'Start Date', 'End Date', 'IP Address', 'Email Address', 'First Name', 'Last Name'];

export const surveymonkey: ExportLayout = {
  extraRows: () => 1,
  header(rows: HeaderRow[]) {
    const [first, second] = rows as [HeaderRow, HeaderRow | undefined];
    if (second === undefined) return { row: 1, cell: 0, message: say.FND223.surveyMonkeyOneRow() };
    // Under a metadata column the second row is blank; a response there means the option row is missing.
    const meta = first.cells.findIndex((cell) => METADATA.includes(cell.trim()));
    if (meta !== -1 && (second.cells[meta] ?? '').trim() !== '') {
      return { row: 1, cell: meta, message: say.FND223.surveyMonkeyNoOptionRow(second.line, first.cells[meta]!.trim(), second.cells[meta]!) };
    }
    if (!second.cells.some((cell) => cell.trim() !== '')) return { row: 1, cell: 0, message: say.FND223.surveyMonkeyEmptyOptionRow() };
    const names: string[] = [];
    const choices: (string | null)[] = [];
    let question = '';
    first.cells.forEach((cell, i) => {
      if (cell.trim() !== '') question = cell.trim();
      const option = (second.cells[i] ?? '').trim();
      const single = SINGLE.has(option);
      names.push(single ? question : `${question} | ${option}`);
      choices.push(single ? null : option);
    });
    const header: LayoutHeader = { names, aliases: new Map(), choices };
    return header;
  },
};
