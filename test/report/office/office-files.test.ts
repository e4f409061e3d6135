/**
 * report.docx, slides.pptx and tables.xlsx of the default study's 2015 round, written by the CLI as a
 * user asks for them (`run surveys/rpa-2015.yaml --docx --pptx --xlsx`): every file is reproducible
 * byte for byte; the workbook, read back through SheetJS (a reader independent of exceljs, which
 * wrote it), holds the numbers of results.json; the Word document and the slides carry the report's
 * key findings, the study's note, the charts' text alternatives and Word's structure.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { unzipSync } from 'fflate';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Results, TrendResults } from '../../../src/model.ts';
import { readConfig } from '../../../src/config/read-config.ts';
import { renderWorkbook } from '../../../src/report/office/render-workbook.ts';
import { roundSheets } from '../../../src/report/office/round-sheets.ts';
import { xmlSafe } from '../../../src/report/office/xml-safe.ts';
import { reportDocument } from '../../../src/report/report-document.ts';
import { repoRoot, runCli } from '../../helpers/run-cli.ts';
import { keyFindingFigures } from './key-finding-figures.ts';

const temp = mkdtempSync(path.join(os.tmpdir(), 'findings-office-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

function part(zip: Uint8Array, name: string): string {
  const entry = unzipSync(zip)[name];
  if (entry === undefined) throw new Error(`no ${name}`);
  return new TextDecoder().decode(entry);
}

/** The text of an OOXML part: every <w:t> or <a:t>, entities decoded, joined by spaces. */
function xmlText(xml: string): string {
  return [...xml.matchAll(/<(?:w|a):t(?:\s[^>]*)?>([^<]*)<\/(?:w|a):t>/g)]
    .map((match) =>
      match[1]!
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    )
    .join(' ');
}

const decode = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('run surveys/rpa-2015.yaml --docx --pptx --xlsx', () => {
  const first = path.join(temp, 'first');
  const second = path.join(temp, 'second');
  let results: Results;
  let xlsx: XLSX.WorkBook;
  let docx: Uint8Array;
  let pptx: Uint8Array;

  beforeAll(async () => {
    for (const out of [first, second]) {
      const run = await runCli(['run', 'surveys/rpa-2015.yaml', '--docx', '--pptx', '--xlsx', '--quiet', '--out', out]);
      expect(run.stderr).toBe('');
      expect(run.exit).toBe(0);
    }
    results = JSON.parse(readFileSync(path.join(first, 'results.json'), 'utf8')) as Results;
    xlsx = XLSX.read(readFileSync(path.join(first, 'tables.xlsx')), { cellNF: true, cellStyles: true });
    docx = readFileSync(path.join(first, 'report.docx'));
    pptx = readFileSync(path.join(first, 'slides.pptx'));
  }, 240_000);

  it('writes all three beside the usual files, and a second run writes identical bytes', () => {
    const written = files(first);
    expect(written).toEqual(
      expect.arrayContaining(['report.docx', 'slides.pptx', 'tables.xlsx', 'report.html', 'report.md', 'results.json', 'tables/themes.csv']),
    );
    expect(files(second)).toEqual(written);
    for (const name of written) expect(Buffer.compare(readFileSync(path.join(first, name)), readFileSync(path.join(second, name))), name).toBe(0);
    // No clock in them: every zip entry and the document properties carry the fixed date.
    for (const name of ['report.docx', 'slides.pptx', 'tables.xlsx']) {
      const core = part(readFileSync(path.join(first, name)), 'docProps/core.xml');
      expect(core.match(/<dcterms:(?:created|modified)[^>]*>([^<]*)</g)?.map((tag) => tag.replace(/.*>/, '').replace('<', ''))).toEqual([
        '1980-01-01T00:00:00Z',
        '1980-01-01T00:00:00Z',
      ]);
    }
  });

  it('tables.xlsx: every theme figure equals results.json, as a number', () => {
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(xlsx.Sheets.Themes!, { defval: null });
    expect(rows).toHaveLength(results.themes.length);
    const n = results.base.respondents;
    results.themes.forEach((theme, index) => {
      const row = rows[index]!;
      expect(row.Code).toBe(theme.code);
      expect(row.Theme).toBe(theme.label);
      expect(row[`Respondents (base ${n})`]).toBe(theme.respondents);
      expect(row[`% of respondents (base ${n})`]).toBe(theme.proportion);
      expect(row[`95% CI lower (base ${n})`]).toBe(theme.ci![0]);
      expect(row[`95% CI upper (base ${n})`]).toBe(theme.ci![1]);
      const weighted = Object.entries(row).find(([key]) => key.startsWith('Weighted % ('))?.[1];
      expect(weighted).toBe(theme.weighted!.proportion);
      expect(row[`BH-adjusted p (base ${n})`]).toBe(theme.segmentTest!.pAdjusted);
    });
  });

  it('tables.xlsx: themes by segment, questions and change equal results.json', () => {
    const bySegment = XLSX.utils.sheet_to_json<Record<string, unknown>>(xlsx.Sheets['Themes by segment']!, { defval: null });
    for (const [index, theme] of results.themes.entries()) {
      for (const cell of theme.bySegment) {
        const segment = results.segments.find((candidate) => candidate.id === cell.segment)!;
        const base = `base ${segment.respondents}${segment.lowBase ? ', low base' : ''}`;
        const named = `${segment.label} (${String.fromCharCode(65 + results.segments.indexOf(segment))})`;
        expect(bySegment[index]![`${named}: n (${base})`]).toBe(cell.respondents);
        expect(bySegment[index]![`${named}: % (${base})`]).toBe(cell.proportion);
      }
    }
    // The default rounds are weighted (Rao–Scott table): the letters, as in the report, come from the
    // Rao–Scott test of each pair (themes[].weightedPairwise); recounted here from results.json.
    const { alpha } = results.settings;
    let lettered = 0;
    for (const [index, theme] of results.themes.entries()) {
      for (const [k, segment] of results.segments.entries()) {
        const expected = new Set<string>();
        for (const pair of theme.weightedPairwise ?? []) {
          if (pair.pAdjusted === null || pair.pAdjusted >= alpha || pair.difference === null) continue;
          const other = (id: string) => String.fromCharCode(65 + results.segments.findIndex((candidate) => candidate.id === id));
          if (pair.a === segment.id && pair.difference < 0) expected.add(other(pair.b));
          if (pair.b === segment.id && pair.difference > 0) expected.add(other(pair.a));
        }
        const column = `${segment.label} (${String.fromCharCode(65 + k)}): higher than (letters; weighted Rao–Scott test of each pair, BH-adjusted p < ${alpha})`;
        expect(column in bySegment[index]!, column).toBe(true);
        expect(bySegment[index]![column], `${theme.code} ${segment.id}`).toBe(expected.size === 0 ? null : [...expected].sort().join(''));
        if (expected.size > 0) lettered++;
      }
    }
    expect(lettered).toBeGreaterThan(0);
    const questions = XLSX.utils.sheet_to_json<Record<string, unknown>>(xlsx.Sheets.Questions!, { defval: null });
    expect(questions).toHaveLength(results.questions.length);
    results.questions.forEach((question, index) => {
      const row = questions[index]!;
      expect(row['Base (answered)']).toBe(question.base);
      expect(row['Mean (base: those who answered, column Base)']).toBe(question.mean);
      expect(row['Top box: % (base: those who answered, column Base)']).toBe(question.topBox!.proportion);
      for (const level of question.levels) {
        expect(row[`${level.label} (${level.level}): % (base: those who answered, column Base)`]).toBe(
          (question.counts[String(level.level)] ?? 0) / question.base,
        );
      }
    });
    const change = XLSX.utils.sheet_to_json<Record<string, unknown>>(xlsx.Sheets.Change!, { defval: null });
    expect(change).toHaveLength(results.change!.themes.length);
    results.change!.themes.forEach((theme, index) => {
      const row = Object.values(change[index]!);
      // Code, Theme, previous base, n, %, current base, n, %, difference, CI lower, upper, z, p, BH p, mapping
      expect(row.slice(0, 14)).toEqual([
        theme.code,
        theme.label,
        theme.previous.base,
        theme.previous.respondents,
        theme.previous.proportion,
        theme.current.base,
        theme.current.respondents,
        theme.current.proportion,
        theme.difference,
        theme.ci?.[0] ?? null,
        theme.ci?.[1] ?? null,
        theme.z,
        theme.p,
        theme.pAdjusted,
      ]);
    });
  });

  it('tables.xlsx: percent and p formats, frozen header rows, the base in every figure header, an About sheet with the note', () => {
    expect(xlsx.SheetNames).toEqual(['About', 'Themes', 'Themes by segment', 'Questions', 'Co-occurrence', 'Change']);
    const themes = xlsx.Sheets.Themes!;
    expect(themes.F2).toMatchObject({ t: 'n', z: '0.0%' });
    expect(themes.E2).toMatchObject({ t: 'n', z: '0' });
    const zip = readFileSync(path.join(first, 'tables.xlsx'));
    for (let sheet = 2; sheet <= xlsx.SheetNames.length; sheet++) {
      expect(part(zip, `xl/worksheets/sheet${sheet}.xml`), `sheet ${sheet}`).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    }
    for (const name of xlsx.SheetNames.slice(1)) {
      const sheet = xlsx.Sheets[name]!;
      const range = XLSX.utils.decode_range(sheet['!ref']!);
      for (let column = 0; column <= range.e.c; column++) {
        const header = String(sheet[XLSX.utils.encode_cell({ r: 0, c: column })]?.v ?? '');
        const below = sheet[XLSX.utils.encode_cell({ r: 1, c: column })];
        if (below?.t === 'n' && !/^(Base|Missing|Base \(answered\)|\S+ base)$/.test(header)) expect(header, `${name}: ${header}`).toMatch(/\bbase/i);
      }
    }
    const about = XLSX.utils.sheet_to_csv(xlsx.Sheets.About!);
    expect(about).toContain(results.survey.note!);
    expect(about).toContain('Methods and limitations');
  });

  it('report.docx: Word headings, a table of contents, the key findings and note, charts with alt text, Word tables', () => {
    const document = part(docx, 'word/document.xml');
    const text = xmlText(document);
    expect(document).toContain('<w:pStyle w:val="Title"/>');
    expect(document.match(/<w:pStyle w:val="Heading1"\/>/g)?.length).toBeGreaterThanOrEqual(6);
    expect(document).toContain('<w:pStyle w:val="Heading2"/>');
    expect(document).toMatch(/<w:instrText[^>]*>TOC \\h/);
    expect(text).toContain(results.survey.note!);
    const findings = keyFindingFigures(first);
    expect(findings).toHaveLength(5);
    for (const figures of findings) {
      expect(figures.length).toBeGreaterThanOrEqual(3);
      for (const figure of figures) expect(text).toContain(figure);
    }
    const charts = files(first).filter((name) => name.endsWith('.vl.json')).length;
    const descriptions = [...document.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((match) => decode(match[1]!));
    expect(descriptions).toHaveLength(charts);
    const html = readFileSync(path.join(first, 'report.html'), 'utf8');
    for (const alt of descriptions)
      expect(html).toContain(
        `aria-label="${alt.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;')}"`,
      );
    expect(document.match(/<w:tbl>/g)?.length).toBe((html.match(/<table[ >]/g)?.length ?? 0) - charts);
    expect(document).toContain('<w:tblHeader/>');
  });

  it('slides.pptx: title slide with the note, a slide per key finding with its figures and chart, a slide per chart, methods; exact figures in the notes', () => {
    const zip = unzipSync(pptx);
    const slides = Object.keys(zip).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length;
    const findings = keyFindingFigures(first);
    const charts = files(first).filter((name) => name.endsWith('.vl.json')).length;
    expect(slides).toBe(1 + findings.length + charts + 1);
    expect(xmlText(part(pptx, 'ppt/slides/slide1.xml'))).toContain(results.survey.note!);
    findings.forEach((figures, index) => {
      const slide = part(pptx, `ppt/slides/slide${index + 2}.xml`);
      const text = xmlText(slide);
      for (const figure of figures) expect(text, `slide ${index + 2}`).toContain(figure);
      expect(text).toMatch(/Base: /);
      expect(text).toMatch(/Source: /);
      expect(slide).toMatch(/<p:pic>[\s\S]*descr="[^"]{20,}"/);
      // The notes carry the exact figures: the proportion at full precision, as in results.json.
      const notes = xmlText(part(pptx, `ppt/notesSlides/notesSlide${index + 2}.xml`));
      const [count, base] = figures[0]!.split(' of ').map(Number);
      const theme =
        results.themes.find((candidate) => candidate.respondents === count && candidate.base === base) ??
        results.themes.find((candidate) => candidate.bySegment.some((cell) => cell.respondents === count && cell.base === base));
      expect(theme, figures[0]).toBeDefined();
      expect(notes).toContain(`proportion ${theme!.proportion}`);
    });
    expect(xmlText(part(pptx, `ppt/slides/slide${slides}.xml`))).toContain('Methods and limitations');
  });
});

describe('report.formats', () => {
  function load(formats: string) {
    const dir = mkdtempSync(path.join(temp, 'config-'));
    writeFileSync(path.join(dir, 'codebook.csv'), 'code,label\na,A\n');
    writeFileSync(path.join(dir, 'data.csv'), 'id,seg,themes\n1,x,a\n');
    writeFileSync(
      path.join(dir, 'survey.yaml'),
      `id: r1\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: seg, themes: themes }\n${formats}`,
    );
    const diagnostics: Diagnostic[] = [];
    const config = readConfig({ file: path.join(dir, 'survey.yaml'), displayFile: 'survey.yaml', cwd: dir }, { report: (d) => void diagnostics.push(d) });
    return { config, brief: diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`) };
  }

  it('defaults to html, md, json and csv; takes the office formats; rejects an unknown one', () => {
    expect(load('').config!.report.formats).toEqual(['html', 'md', 'json', 'csv']);
    expect(load('report:\n  formats: [md, xlsx, docx, md]\n').config!.report.formats).toEqual(['md', 'xlsx', 'docx']);
    const wrong = load('report:\n  formats: [html, doc]\n');
    expect(wrong.config).toBeNull();
    expect(wrong.brief).toHaveLength(1);
    expect(wrong.brief[0]).toMatch(/^7:\d+ FND006 .*report\.formats\[1\]/);
  });

  it('writes only the files of the formats asked for (charts always, their PNGs only with png or --png)', async () => {
    const out = path.join(temp, 'formats-out');
    const dir = mkdtempSync(path.join(temp, 'study-'));
    const config = readFileSync(path.join(repoRoot, 'surveys/rpa-2014.yaml'), 'utf8')
      .replace(/\.\.\/fixtures\//g, `${path.join(repoRoot, 'fixtures')}/`)
      .replace(/^report:\n/m, 'report:\n  formats: [md, xlsx]\n');
    writeFileSync(path.join(dir, 'survey.yaml'), config);
    const run = await runCli(['run', path.join(dir, 'survey.yaml'), '--quiet', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.exit).toBe(0);
    const written = files(out);
    expect(written.filter((name) => !name.startsWith('charts/') && name !== '.findings-manifest.json')).toEqual(['report.md', 'tables.xlsx']);
    expect(written.some((name) => name.endsWith('.svg'))).toBe(true);
    // Issue 19: the PNGs are embedded in the office files, but written only when asked for.
    expect(written.some((name) => name.endsWith('.png'))).toBe(false);
    const again = await runCli(['run', path.join(dir, 'survey.yaml'), '--quiet', '--out', out, '--png']);
    expect(again.exit).toBe(0);
    expect(files(out).filter((name) => name.endsWith('.png'))).toEqual([
      'charts/cooccurrence.png',
      'charts/likert-continue.png',
      'charts/likert-incubate.png',
      'charts/theme-prevalence.png',
      'charts/themes-by-segment.png',
    ]);
  }, 120_000);
});

describe('tables.xlsx pairwise letters (issue 18)', () => {
  it('the by-segment sheet carries the letters of the report segment table, from results.json themes[].pairwise', async () => {
    // The 2014 round unweighted (report.weighted: false), so the segment table prints its letters.
    const dir = mkdtempSync(path.join(temp, 'letters-'));
    const config = readFileSync(path.join(repoRoot, 'surveys/rpa-2014.yaml'), 'utf8')
      .replaceAll('../fixtures/', `${path.join(repoRoot, 'fixtures')}/`)
      .replace('\nreport:\n', '\nreport:\n  weighted: false\n');
    expect(config).toContain('weighted: false');
    writeFileSync(path.join(dir, 'survey.yaml'), config);
    const run = await runCli(['run', 'survey.yaml', '--xlsx', '--quiet', '--out', 'out'], dir);
    expect(run.stderr).toBe('');
    expect(run.exit).toBe(0);
    const results = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as Results;
    const book = XLSX.read(readFileSync(path.join(dir, 'out', 'tables.xlsx')));
    const bySegment = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Themes by segment']!, { defval: null });
    // Segment k is letter k (crosstab convention), named in its headers; beside its % a text column
    // holds the letters of the segments whose share it exceeds (BH-adjusted pairwise p below alpha).
    const letterOf = (id: string) => String.fromCharCode(65 + results.segments.findIndex((segment) => segment.id === id));
    const { alpha } = results.settings;
    const lettersColumn = (id: string) =>
      `${results.segments.find((segment) => segment.id === id)!.label} (${letterOf(id)}): higher than (letters; two-proportion test of each pair, BH-adjusted p < ${alpha})`;
    const markdown = readFileSync(path.join(dir, 'out', 'report.md'), 'utf8');
    const from = markdown.indexOf('## Themes by segment');
    const segmentTable = markdown.slice(from, markdown.indexOf('\n## ', from + 1)).split('\n');
    let lettered = 0;
    for (const [index, theme] of results.themes.entries()) {
      for (const segment of results.segments) {
        const expected = new Set<string>();
        for (const pair of theme.pairwise ?? []) {
          if (pair.pAdjusted === null || pair.pAdjusted >= alpha || pair.difference === null) continue;
          // difference is b's share minus a's.
          if (pair.a === segment.id && pair.difference < 0) expected.add(letterOf(pair.b));
          if (pair.b === segment.id && pair.difference > 0) expected.add(letterOf(pair.a));
        }
        const cell = bySegment[index]![lettersColumn(segment.id)];
        expect(cell, `${theme.code} ${segment.id}`).toBe(expected.size === 0 ? null : [...expected].sort().join(''));
        // The report's cell for this theme and segment, "80% (16/20) B, 58–92%", carries the same letters.
        // Issue 17: a theme's coding caveat follows its label in the same cell ("| label, caveat |").
        const row = segmentTable.find(
          (line) => line.replace('↳ ', '').startsWith(`| ${theme.label} |`) || line.replace('↳ ', '').startsWith(`| ${theme.label}, `),
        )!;
        const share = row.split(' | ')[1 + results.segments.indexOf(segment)]!;
        const printed = /\) ([A-Z]+)(?:,|<br>| |$)/.exec(share)?.[1] ?? null;
        expect(printed, `report.md ${theme.code} ${segment.id}: ${share}`).toBe(cell);
        if (cell !== null) lettered++;
      }
    }
    // Hand-checked in results.json: direction and peer-model, Funders (A) above Nonprofits (B).
    expect(lettered).toBeGreaterThanOrEqual(2);
  }, 120_000);
});

describe('tables.xlsx with hostile labels', () => {
  it('neutralises formulas as the CSV tables do, keeps numbers numbers, and stores control characters as U+FFFD', async () => {
    const results = JSON.parse(readFileSync(path.join(repoRoot, 'reports/rpa-2014/results.json'), 'utf8')) as Results;
    results.themes[0]!.label = '=HYPERLINK("http://example.com","x")';
    results.themes[1]!.label = '@SUM(A1:A9)';
    results.themes[2]!.label = '-2+3';
    results.themes[3]!.label = 'bell\u0007here';
    results.segments[0]!.label = '+Funders';
    const bytes = await renderWorkbook(roundSheets(results, reportDocument(results, [])), results.survey.title);
    const book = XLSX.read(bytes);
    const themes = book.Sheets.Themes!;
    expect(themes.B2).toMatchObject({ t: 's', v: '\'=HYPERLINK("http://example.com","x")' });
    expect(themes.B2.f).toBeUndefined();
    expect(themes.B3).toMatchObject({ t: 's', v: "'@SUM(A1:A9)" });
    expect(themes.B4).toMatchObject({ t: 's', v: "'-2+3" });
    expect(themes.B5).toMatchObject({ t: 's', v: 'bell\uFFFDhere' });
    expect(String(book.Sheets['Themes by segment']!.C1!.v)).toMatch(/^'\+Funders \(A\): n/);
    expect(themes.E2).toMatchObject({ t: 'n', v: results.themes[0]!.respondents });
    expect(
      Object.values(book.Sheets).every((sheet) =>
        Object.entries(sheet).every(([key, cell]) => key.startsWith('!') || (cell as XLSX.CellObject).f === undefined),
      ),
    ).toBe(true);
    expect(xmlSafe('a\u0000b\uD800c\uDC00d😀')).toBe('a\uFFFDb\uFFFDc\uFFFDd😀');
  });
});

describe('trend --docx --pptx --xlsx', () => {
  it('writes the three from the trend report; the Trend sheet equals trend.json', async () => {
    const out = path.join(temp, 'trend');
    const run = await runCli(['trend', 'surveys/rpa-2016.yaml', '--docx', '--pptx', '--xlsx', '--quiet', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.exit).toBe(0);
    expect(files(out)).toEqual(expect.arrayContaining(['report.docx', 'slides.pptx', 'tables.xlsx', 'trend.json']));
    const trend = JSON.parse(readFileSync(path.join(out, 'trend.json'), 'utf8')) as TrendResults;
    const book = XLSX.read(readFileSync(path.join(out, 'tables.xlsx')));
    expect(book.SheetNames).toEqual(['About', 'Trend', 'Changes']);
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Trend!, { defval: null });
    trend.themes.forEach((theme, index) => {
      for (const point of theme.points) {
        const n = Object.entries(rows[index]!).find(([key]) => key.startsWith(`${point.round}: n (`))?.[1];
        const share = Object.entries(rows[index]!).find(([key]) => key.startsWith(`${point.round}: % (`))?.[1];
        expect(share, `${theme.code} ${point.round}`).toBe(point.proportion);
        expect(n).toBe(point.proportion === null ? null : point.respondents);
      }
    });
    const changes = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Changes!, { header: 1, defval: null }).slice(1);
    expect(changes).toHaveLength(trend.changes.reduce((sum, change) => sum + change.themes.length, 0));
    const docx = readFileSync(path.join(out, 'report.docx'));
    expect(xmlText(part(docx, 'word/document.xml'))).toContain('Themes across rounds');
    // Issue 18: the study note reaches every trend file: the latest round's (2016) note, then the
    // earlier rounds' differing notes, each as its config says it (read here with the yaml package).
    const noteOf = (file: string) => (YAML.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as { report: { note: string } }).report.note;
    const note = `${noteOf('surveys/rpa-2016.yaml')} Round 2014: ${noteOf('surveys/rpa-2014.yaml')} Round 2015: ${noteOf('surveys/rpa-2015.yaml')}`;
    expect(trend.note).toBe(note);
    expect(note).toContain('synthetic');
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain(`> **Note:** ${note}`);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toMatch(
      /<p class="note"><strong>Note:<\/strong> Illustrative synthetic data: an invented third round/,
    );
    expect(xmlText(part(docx, 'word/document.xml'))).toContain(note);
    expect(xmlText(part(readFileSync(path.join(out, 'slides.pptx')), 'ppt/slides/slide1.xml'))).toContain(note);
    const about = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.About!, { header: 1, defval: null }).flat();
    expect(about).toContain(`Note: ${note}`);
    // A slide per change the trend report states (its list under "What changed"), each with its sentence.
    const markdown = readFileSync(path.join(out, 'report.md'), 'utf8');
    const stated = (/^## What changed from round to round\n([\s\S]*?)(?=^## )/m.exec(markdown)?.[1] ?? '')
      .split('\n')
      .filter((line) => line.startsWith('- ') && / from \d+% to \d+%/.test(line)); // changes, not new-code notes
    expect(stated.length).toBeGreaterThan(0);
    const pptx = readFileSync(path.join(out, 'slides.pptx'));
    const slides = Object.keys(unzipSync(pptx)).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length;
    expect(slides).toBe(1 + stated.length + 1 + 1);
    stated.forEach((line, index) => {
      const figures = [...line.matchAll(/\d+%/g)].map((match) => match[0]);
      expect(figures.length).toBeGreaterThanOrEqual(2);
      const text = xmlText(part(pptx, `ppt/slides/slide${index + 2}.xml`));
      for (const figure of figures) expect(text, `slide ${index + 2}`).toContain(figure);
    });
  }, 120_000);
});
