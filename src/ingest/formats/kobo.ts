/**
 * KoboToolbox CSV exports ("XML values and headers"): one header row of question names with their
 * groups joined by "/" (intro/segment), ";" as the delimiter by default (detected), a select_multiple
 * question as one cell of choice names joined by spaces (separator: " ") and, in a "details" export,
 * also one 0/1 column per choice (topics/structure; themeColumns prefix "topics/"). Metadata columns
 * start with "_" (_id, _uuid, _submission_time, …). A column is addressed by its full name, or by the
 * question name alone when no other column has it.
 */
import { addAlias, type ExportLayout, type HeaderRow, type LayoutHeader } from './export-layout.ts';

export const kobo: ExportLayout = {
  extraRows: () => 0,
  header(rows: HeaderRow[]) {
    const names = rows[0]!.cells.map((cell) => cell.trim());
    const header: LayoutHeader = { names, aliases: new Map(), choices: names.map(() => null) };
    const last = names.map((name) => name.slice(name.lastIndexOf('/') + 1));
    const count = new Map<string, number>();
    for (const name of last) count.set(name, (count.get(name) ?? 0) + 1);
    names.forEach((name, i) => {
      // A choice column (group/question/choice) keeps its full name: its last part is just the choice.
      if (name.includes('/') && count.get(last[i]!) === 1 && !names.some((other) => other !== name && name.startsWith(`${other}/`)))
        addAlias(header, last[i]!, i);
    });
    return header;
  },
};
