import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { csvTable, withStudyNote } from '../../src/report/csv-table.ts';
import { renderTables } from '../../src/report/render-tables.ts';

// Issue 17: the study note on every table file. The default study's results (npm start writes them).
const results = JSON.parse(readFileSync(new URL('../../reports/rpa-2014/results.json', import.meta.url), 'utf8')) as Results;
// surveys/rpa-2014.yaml, report.note, as the config writes it.
const NOTE = 'Illustrative synthetic data modeled on the 2014 LA n Sync interviews described in its March 2014 newsletter; not the real responses.';

/** The rows of a CSV text, split by papaparse (not by our own writer's rules). */
function rows(csv: string): string[][] {
  const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('the study note on table files (issue 17)', () => {
  it('is the last column of every row of every round table, and no other column changes', () => {
    expect(results.survey.note).toBe(NOTE);
    const withNote = renderTables(results);
    const without = renderTables({ ...results, survey: { ...results.survey, note: null } });
    expect(withNote.map((t) => t.name)).toEqual(without.map((t) => t.name));
    expect(withNote.length).toBeGreaterThanOrEqual(5);
    withNote.forEach((table, k) => {
      const [head, ...body] = rows(table.csv);
      const [plainHead, ...plainBody] = rows(without[k]!.csv);
      expect(head, table.name).toEqual([...plainHead!, 'study_note']);
      expect(body.length, table.name).toBeGreaterThan(0);
      expect(body.length).toBe(plainBody.length);
      body.forEach((row, r) => expect(row, `${table.name} row ${r}`).toEqual([...plainBody[r]!, NOTE]));
      expect(without[k]!.csv).not.toContain('study_note');
    });
  });

  it('leaves a table without a note (null or blank) as it was, and escapes the note as any cell', () => {
    expect(csvTable(...withStudyNote(['code'], [['a']], null))).toBe('code\na\n');
    expect(csvTable(...withStudyNote(['code'], [['a']], '  '))).toBe('code\na\n');
    expect(csvTable(...withStudyNote(['code'], [['a'], ['b']], ' Synthetic, "invented" '))).toBe(
      'code,study_note\na,"Synthetic, ""invented"""\nb,"Synthetic, ""invented"""\n',
    );
    // A note a spreadsheet would run as a formula gets the leading quote, as every text cell does.
    expect(csvTable(...withStudyNote(['code'], [['a']], '=HYPERLINK("x")'))).toBe('code,study_note\na,"\'=HYPERLINK(""x"")"\n');
  });
});
