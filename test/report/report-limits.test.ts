/**
 * Issue 19: a very wide study's report prints the most mentioned themes and the largest segments
 * (src/report/report-limits.ts), says beside each table what it left out and where the full table
 * is, and tables/*.csv stay complete. The study is generated here, and every expected figure is
 * counted here from the generated rows (not by findings' tally): which themes are most mentioned,
 * which segments are largest, and each theme × segment count in the CSV.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvTable, csvTablePieces, type CsvCell } from '../../src/report/csv-table.ts';
import { runCli } from '../helpers/run-cli.ts';

interface Study {
  dir: string;
  /** Respondents mentioning each theme, by theme, then by segment, counted from the rows written. */
  counts: Map<string, Map<string, number>>;
  /** Respondents per segment, counted from the rows written. */
  sizes: Map<string, number>;
  themes: string[];
  segments: string[];
}

/**
 * `segmentCount` segments, segment k with 3 + k respondents (so the largest are the last ones), and
 * `themeCount` themes; respondent r mentions themes r mod T and (7r + 3) mod T, and a third one,
 * (r² + 1) mod T, when r is even, so the themes' counts differ.
 */
function wideStudy(segmentCount: number, themeCount: number, formats?: string): Study {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-wide-'));
  const themes = Array.from({ length: themeCount }, (_, j) => `t${String(j).padStart(3, '0')}`);
  const segments = Array.from({ length: segmentCount }, (_, k) => `s${String(k).padStart(2, '0')}`);
  const counts = new Map(themes.map((theme) => [theme, new Map(segments.map((segment) => [segment, 0]))]));
  const sizes = new Map(segments.map((segment) => [segment, 0]));
  const rows: string[] = [];
  let r = 0;
  segments.forEach((segment, k) => {
    for (let i = 0; i < 3 + k; i++, r++) {
      const mentioned = new Set([themes[r % themeCount]!, themes[(7 * r + 3) % themeCount]!]);
      if (r % 2 === 0) mentioned.add(themes[(r * r + 1) % themeCount]!);
      for (const theme of mentioned) counts.get(theme)!.set(segment, counts.get(theme)!.get(segment)! + 1);
      sizes.set(segment, sizes.get(segment)! + 1);
      rows.push(`R${r},${segment},${[...mentioned].join(';')}`);
    }
  });
  writeFileSync(path.join(dir, 'codebook.csv'), `code,label\n${themes.map((theme) => `${theme},Theme ${theme}`).join('\n')}\n`);
  writeFileSync(path.join(dir, 'data.csv'), `id,segment,themes\n${rows.join('\n')}\n`);
  writeFileSync(
    path.join(dir, 'survey.yaml'),
    `id: wide\ntitle: Wide study\nround: one\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n${
      formats === undefined ? '' : `report:\n  formats: ${formats}\n`
    }`,
  );
  return { dir, counts, sizes, themes, segments };
}

async function run(study: Study): Promise<string> {
  const out = path.join(study.dir, 'out');
  const result = await runCli(['run', path.join(study.dir, 'survey.yaml'), '--out', out, '--quiet']);
  expect(result.stderr).toBe('');
  expect(result.exit).toBe(0);
  return out;
}

/** The `n` keys with the largest totals, ties in the given order (as the report's rule says). */
function largest(keys: readonly string[], size: (key: string) => number, n: number): string[] {
  const chosen = [...keys].sort((a, b) => size(b) - size(a) || keys.indexOf(a) - keys.indexOf(b)).slice(0, n);
  return keys.filter((key) => chosen.includes(key));
}

/** The rows of a Markdown table under its bold caption, split into cells. */
function markdownTable(markdown: string, captionStart: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`**${captionStart}`));
  expect(start, captionStart).toBeGreaterThan(-1);
  const table: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    if (i === start + 3) continue; // the alignment rule
    table.push(
      lines[i]!.slice(2, -2)
        .split(' | ')
        .map((cell) => cell.replace(/[\u2066-\u2069]/g, '')),
    );
  }
  return table;
}

function csvRows(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('report tables of very wide studies (issue 19)', () => {
  it('print the 100 most mentioned themes and the 20 largest segments, say so, and keep every cell in tables/*.csv', async () => {
    const study = wideStudy(30, 150);
    const out = await run(study);
    const markdown = readFileSync(path.join(out, 'report.md'), 'utf8');
    const total = (theme: string) => [...study.counts.get(theme)!.values()].reduce((a, b) => a + b, 0);
    const topThemes = largest(study.themes, total, 100);
    const topSegments = largest(study.segments, (segment) => study.sizes.get(segment)!, 20);
    expect(topSegments).toEqual(study.segments.slice(10)); // s10 … s29: 13 to 32 respondents

    // The notes, in the report's words.
    expect(markdown).toContain(
      '> The table below shows the 100 most mentioned of 150 themes and the 20 largest of 30 segments, to stay readable; the full table, with all 150 themes and all 30 segments, is in tables/themes-by-segment.csv. The sentences below are of the same 20 segments.',
    );
    expect(markdown).toContain(
      '> This table shows the 100 most mentioned of 150 themes, to stay readable; the full table, with all 150 themes, is in tables/themes.csv.',
    );

    // The crosstab: the 20 largest segments as columns, in config order, and the 100 most mentioned themes as rows.
    const [head, ...rows] = markdownTable(markdown, "Share of each segment's respondents mentioning each theme");
    expect(head!.slice(1, -1).map((cell) => cell.split(' ')[0])).toEqual(topSegments);
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((row) => row[0]!.replace('Theme ', '')))).toEqual(new Set(topThemes));
    const themesTable = markdownTable(markdown, 'Respondents mentioning each theme (n) out of all respondents (base)').slice(1);
    expect(themesTable).toHaveLength(100);
    expect(new Set(themesTable.map((row) => row[0]!.replace('Theme ', '')))).toEqual(new Set(topThemes));
    // Each theme's n in the themes table is the count from the rows written.
    for (const row of themesTable) expect(Number(row[1]), row[0]).toBe(total(row[0]!.replace('Theme ', '')));

    // One sentence per printed segment, none for the others.
    const sentences = markdown.split('\n').filter((line) => /^- (The themes|Among the)/.test(line));
    expect(sentences).toHaveLength(20);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('the full table, with all 150 themes and all 30 segments, is in tables/themes-by-segment.csv.');

    // The CSV tables are complete: every theme × segment, with the counts of the rows written.
    const bySegment = csvRows(readFileSync(path.join(out, 'tables', 'themes-by-segment.csv'), 'utf8'));
    expect(bySegment).toHaveLength(150 * 30);
    for (const row of bySegment) {
      expect(Number(row.respondents), `${row.code} ${row.segment}`).toBe(study.counts.get(row.code!)!.get(row.segment!));
      expect(Number(row.base)).toBe(study.sizes.get(row.segment!));
    }
    expect(new Set(bySegment.map((row) => `${row.code} ${row.segment}`)).size).toBe(150 * 30);
    const themes = csvRows(readFileSync(path.join(out, 'tables', 'themes.csv'), 'utf8'));
    expect(themes.map((row) => row.code)).toEqual(study.themes);
    for (const row of themes) expect(Number(row.respondents)).toBe(total(row.code!));
    // results.json keeps every theme and segment too.
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(results.themes).toHaveLength(150);
    expect(results.themes[0].bySegment).toHaveLength(30);
  }, 300_000);

  it('print a study within the limits whole, with no note', async () => {
    const study = wideStudy(20, 100);
    const out = await run(study);
    const markdown = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(markdown).not.toContain('to stay readable');
    const [head, ...rows] = markdownTable(markdown, "Share of each segment's respondents mentioning each theme");
    expect(head!.slice(1, -1).map((cell) => cell.split(' ')[0])).toEqual(study.segments);
    expect(rows).toHaveLength(100);
    // s00 and s01 (3 and 4 respondents) are below report.minBase: their sentences are in words.
    expect(markdown.split('\n').filter((line) => /^- (The themes|Among the)/.test(line))).toHaveLength(20);
  }, 300_000);

  it('name results.json as the full table when the folder has no CSV tables', async () => {
    const study = wideStudy(21, 10, '[md, json]');
    const out = await run(study);
    const markdown = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(markdown).toContain(
      '> The table below shows the 20 largest of 21 segments, to stay readable; the full table, with every theme and all 21 segments, is in results.json (and in tables/themes-by-segment.csv when report.formats includes csv). The sentences below are of the same 20 segments.',
    );
    expect(markdown).not.toContain('This table shows');
  }, 300_000);
});

describe('csvTablePieces (issue 19)', () => {
  const cell: fc.Arbitrary<CsvCell> = fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.integer(), fc.string({ unit: 'grapheme' }));
  it('gives csvTable’s text, with and without a study note, whatever the rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 30 }),
        fc.option(fc.string()),
        (header, rows, note) => {
          const expected = csvTable(
            note === null || note.trim() === '' ? header : [...header, 'study_note'],
            note === null || note.trim() === '' ? rows : rows.map((row) => [...row, note.trim()]),
          );
          expect([...csvTablePieces(header, rows, note)].join('')).toBe(expected);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('gives a table of many thousand rows in several pieces, none of them the whole', () => {
    const rows = Array.from({ length: 10_000 }, (_, i): CsvCell[] => [`c${i}`, i / 3, i % 2 === 0, '=x, "y"']);
    const pieces = [...csvTablePieces(['code', 'share', 'even', 'text'], rows, null)];
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(csvTable(['code', 'share', 'even', 'text'], rows));
  });
});
