/**
 * Issue 14, item 7: codebooks from spreadsheets. An .xlsx codebook; the codebook exports of Taguette
 * (tag,description,…) and QualCoder / MAXQDA (Code,Memo), recognised by their header; a hierarchy
 * written as paths (parent/child, parent > child, parent\child) becomes parents.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model.ts';
import { readCodebook } from '../../src/ingest/read-codebook.ts';
import { validateCodebook } from '../../src/validate/validate-codebook.ts';
import { repoRoot, runCli } from '../helpers/run-cli.ts';

async function load(file: string) {
  const diagnostics: Diagnostic[] = [];
  const sink = { report: (d: Diagnostic) => void diagnostics.push(d) };
  const read = await readCodebook(file, path.basename(file), sink);
  const codebook = read === null ? null : validateCodebook(read.entries, ';', path.basename(file), sink);
  return { codebook, diagnostics, themes: codebook?.themes.map((t) => [t.code, t.label, t.parent, t.description]) ?? null };
}

function temp(name: string, content: string | Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-cb-')), name);
  writeFileSync(file, content);
  return file;
}

describe('codebooks from spreadsheets', () => {
  it("reads Taguette's codebook export (tag,description,number of highlights): names become codes", async () => {
    const { themes, diagnostics } = await load(path.join(repoRoot, 'fixtures/qda-taguette/codebook.csv'));
    expect(diagnostics).toEqual([]);
    expect(themes).toEqual([
      ['project-structure', 'Project structure', null, 'How the collaborative is run'],
      ['Communication', 'Communication', null, ''],
    ]);
  });

  it('reads a MAXQDA code system (Code,Memo) whose paths Parent\\Child add the parent', async () => {
    const { themes, diagnostics } = await load(path.join(repoRoot, 'fixtures/qda-maxqda/code-system.csv'));
    expect(diagnostics).toEqual([]);
    expect(themes).toEqual([
      ['wanted-to-know-more', 'Wanted to know more', null, ''], // not a row of its own: added as the parent
      ['support-continuing', 'Support continuing', null, 'Wants it to go on'],
      ['project-structure', 'Project structure', 'wanted-to-know-more', 'Who decides'],
      ['their-possible-role', 'Their possible role', 'wanted-to-know-more', ''],
    ]);
  });

  it('reads an .xlsx codebook, the classic columns or names with paths (/ and >), a repeated name by its path', async () => {
    const book = (rows: string[][]) => {
      const workbook = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Codes');
      return XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
    };
    const classic = await load(
      temp(
        'c.xlsx',
        book([
          ['code', 'label', 'parent'],
          ['q', 'Questions', ''],
          ['structure', 'Structure', 'q'],
        ]),
      ),
    );
    expect(classic.diagnostics).toEqual([]);
    expect(classic.themes).toEqual([
      ['q', 'Questions', null, ''],
      ['structure', 'Structure', 'q', ''],
    ]);
    const paths = await load(
      temp(
        'p.xlsx',
        book([
          ['Code', 'Memo'],
          ['competencies', 'Skills'],
          ['competencies/programming', ''],
          ['cs_as_programming > programming', 'CS is coding'],
          ['motivation', ''],
        ]),
      ),
    );
    expect(paths.diagnostics).toEqual([]);
    expect(paths.themes).toEqual([
      ['competencies', 'competencies', null, 'Skills'],
      ['cs_as_programming', 'cs_as_programming', null, ''],
      ['motivation', 'motivation', null, ''],
      ['competencies/programming', 'competencies/programming', 'competencies', ''],
      ['cs_as_programming/programming', 'cs_as_programming/programming', 'cs_as_programming', 'CS is coding'],
    ]);
  });

  it('a header that is none of these still says which column is missing (FND101)', async () => {
    const { codebook, diagnostics } = await load(temp('x.csv', 'name,text\na,A\n'));
    expect(codebook).toBeNull();
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['FND101', 'the codebook has no "code" column'],
      ['FND101', 'the codebook has no "label" column'],
    ]);
    const notBook = await load(temp('x.xlsx', 'code,label\n'));
    expect(notBook.diagnostics.map((d) => d.code)).toEqual(['FND101']);
  });

  it('the Taguette highlights tally the same with its codebook export as with its project (hand count in the README)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-cb-run-'));
    const yaml = readFileSync(path.join(repoRoot, 'fixtures/qda-taguette/highlights.yaml'), 'utf8').replace(/^codebook: .*$/m, 'codebook: codebook.csv');
    for (const f of ['highlights.csv', 'codebook.csv']) writeFileSync(path.join(dir, f), readFileSync(path.join(repoRoot, 'fixtures/qda-taguette', f)));
    writeFileSync(path.join(dir, 'survey.yaml'), yaml);
    const run = await runCli(['run', 'survey.yaml', '--out', 'r', '--quiet'], dir);
    expect(run.exit).toBe(0);
    const results = JSON.parse(readFileSync(path.join(dir, 'r', 'results.json'), 'utf8'));
    expect(results.themes.map((t: { code: string; respondents: number }) => [t.code, t.respondents])).toEqual([
      ['project-structure', 1],
      ['Communication', 2],
    ]);
  });
});
