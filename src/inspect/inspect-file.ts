/**
 * `findings inspect <file>`: sniff a data file (sniffTable), guess its columns (guessColumns) and
 * write a starter survey config as commented YAML, with paths relative to where it suggests saving
 * it (beside the data, as <name>.yaml). The guesses are marked so a user checks them; a column it
 * could not find is left as a placeholder that `findings check` will point at.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkInputFile } from '../config/open-input.ts';
import type { Diagnostic } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { displayPath } from '../config/read-config.ts';
import { guessColumns, slug, type ColumnGuesses } from './guess-columns.ts';
import { baseName, sniffTable, type SniffedTable } from './sniff-table.ts';
import { inspectQda } from './inspect-qda.ts';

/** A .qdpx or .qdc by name, or a zip whose entries include a .qde (a project renamed). */
function isQda(file: string): boolean {
  if (/\.(qdpx|qdc)$/i.test(file)) return true;
  try {
    const head = readFileSync(file).subarray(0, 1 << 16);
    return head[0] === 0x50 && head[1] === 0x4b && /\.qde/i.test(head.toString('latin1'));
  } catch {
    return false;
  }
}

/** The columns of a highlights / coded-segments export (issue 14), recognised by header names. */
interface ExcerptExport {
  program: string;
  id: string;
  code: string;
  text: string;
  segment: string | null;
}

const EXPORT_COLUMNS = {
  id: ['document', 'document name', 'document title', 'file', 'file name', 'filename', 'source', 'source name'],
  code: ['tag', 'code', 'codes', 'code name', 'codename', 'code path', 'node', 'nodes'],
  text: ['content', 'segment', 'quotation content', 'quotation', 'coded text', 'text', 'reference text', 'highlight'],
  segment: ['document group', 'document groups', 'document set', 'file group'],
};

/** Which program wrote an excerpt export, for the comment; null when the header is not one. */
function excerptExport(header: readonly string[]): ExcerptExport | null {
  const names = header.map((h) => h.trim());
  const find = (options: readonly string[]) => options.map((o) => names.find((n) => n.toLowerCase() === o)).find((n) => n !== undefined) ?? null;
  const id = find(EXPORT_COLUMNS.id);
  const code = find(EXPORT_COLUMNS.code);
  const text = find(EXPORT_COLUMNS.text);
  if (id === null || code === null || text === null) return null;
  const lower = new Set(names.map((n) => n.toLowerCase()));
  const program =
    lower.has('tag') && lower.has('content')
      ? 'a Taguette highlights export'
      : lower.has('document name') && lower.has('segment')
        ? 'a MAXQDA coded segments export'
        : lower.has('quotation content')
          ? 'an ATLAS.ti quotations export'
          : lower.has('node') || lower.has('reference text')
            ? 'an NVivo coding summary'
            : 'a coded segments export (QualCoder or similar)';
  return { program, id, code, text, segment: find(EXPORT_COLUMNS.segment) };
}

function excerptYaml(table: SniffedTable, found: ExcerptExport, shown: string, saveAs: string, absolute: string, name: string): string {
  const column = (header: string) => table.header.names.findIndex((h) => h.trim() === header);
  const distinct = (header: string) => [...new Set(table.rows.map((row) => (row[column(header)] ?? '').trim()).filter((v) => v !== ''))];
  // ATLAS.ti lists a quotation's codes in one cell, one per line.
  const multiline = table.rows.some((row) => (row[column(found.code)] ?? '').includes('\n'));
  const codes = [
    ...new Set(
      distinct(found.code)
        .flatMap((cell) => (multiline ? cell.split('\n') : [cell]))
        .map((c) => c.trim())
        .filter((c) => c !== ''),
    ),
  ];
  const documents = distinct(found.id);
  const lines = [
    `# Starter config written by findings inspect from ${shown}: ${found.program}, ${table.rowsRead}${table.truncated ? '+' : ''} coded excerpts of ${documents.length}${table.truncated ? '+' : ''} documents.`,
    '# Each document is a respondent; one excerpt per row. A code cell may hold a code, its label or its path.',
    `# Save it as ${saveAs} (paths below are relative to it), name the codebook, then:`,
    `#   findings check ${saveAs}`,
    `id: ${scalar(slug(name) || 'excerpts')}`,
    `title: ${scalar(name)}`,
    'codebook: codebook.csv   # the codebook: the project (.qdpx) or codebook (.qdc) of the same program, or a CSV with columns code,label',
    `# codes seen: ${listOf(codes, 20)}`,
    'data:',
    '  layout: excerpts',
    `  path: ${scalar(path.basename(absolute))}`,
    ...(table.delimiter !== null && table.delimiter !== ',' ? [`  delimiter: ${JSON.stringify(table.delimiter)}`] : []),
    ...(multiline ? ['  separator: "\\n"   # the codes of an excerpt, one per line of its cell'] : []),
    '  columns:',
    `    id: ${scalar(found.id)}   # the document: each is a respondent`,
    `    code: ${scalar(found.code)}`,
    `    text: ${scalar(found.text)}`,
    ...(found.segment === null
      ? ['    # no segment column: every respondent is in one group (or name data.respondents: a file with a segment per document)']
      : [`    segment: ${scalar(found.segment)}   # ${listOf(distinct(found.segment))}`]),
  ];
  return `${lines.join('\n')}\n`;
}

export interface Inspection {
  /** null for a REFI-QDA file (inspect-qda.ts). */
  table: SniffedTable | null;
  guesses: ColumnGuesses | null;
  /** Where the config is meant to be saved (relative to the working directory). */
  saveAs: string;
  yaml: string;
}

const FORMAT_NAMES = {
  csv: 'plain CSV',
  qualtrics: 'Qualtrics export',
  surveymonkey: 'SurveyMonkey export',
  kobo: 'KoboToolbox export',
  limesurvey: 'LimeSurvey export',
  xlsx: 'Excel workbook',
  spss: 'SPSS system file', // issue 16 (inspect-sav.ts writes the config of a .sav)
};

/** A YAML scalar: plain when safe, else double-quoted (JSON strings are YAML). */
function scalar(text: string): string {
  return /^[A-Za-z_][\w./ -]*$/.test(text) && !/ $/.test(text) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(text) ? text : JSON.stringify(text);
}

function listOf(values: readonly string[], max = 8): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown}, … (${values.length} in all)` : shown;
}

export function inspectFile(file: string, cwd: string): Inspection | Diagnostic {
  const absolute = path.resolve(cwd, file);
  const shown = displayPath(cwd, absolute);
  const at = { file: shown, line: 1, column: 1 };
  // Issue #20: a FIFO or device (/dev/zero) would hang or fill memory: refused (ingest/open-input.ts).
  const input = checkInputFile(absolute, shown);
  if (!input.ok && (input.kind === 'special' || input.kind === 'file-system')) return diagnostic(at, input.problem);
  try {
    if (statSync(absolute).isDirectory()) return diagnostic(at, say.FND007.unreadable(shown, 'EISDIR'));
  } catch {
    return diagnostic(at, say.FND007.unreadable(shown, 'ENOENT'));
  }
  // issue 14: a REFI-QDA project (a zip holding a .qde) or codebook is not a table.
  if (isQda(absolute)) {
    const saveAsQda = displayPath(cwd, path.join(path.dirname(absolute), `${baseName(absolute)}.yaml`));
    const qda = inspectQda(absolute, shown, saveAsQda);
    return 'yaml' in qda ? { table: null, guesses: null, saveAs: saveAsQda, yaml: qda.yaml } : qda;
  }
  const table = sniffTable(absolute);
  if ('problem' in table)
    return table.problem === 'empty' ? diagnostic(at, say.FND201.inspected(shown, table.why)) : diagnostic(at, say.FND224(shown, table.why));
  const guesses = guessColumns(table);
  const name = baseName(absolute);
  const saveAs = displayPath(cwd, path.join(path.dirname(absolute), `${name}.yaml`));
  const highlights = excerptExport(table.header.names);
  if (highlights !== null) return { table, guesses, saveAs, yaml: excerptYaml(table, highlights, shown, saveAs, absolute, name) };
  const delimiterName = table.delimiter === null ? null : table.delimiter === '\t' ? 'tab' : JSON.stringify(table.delimiter);
  const lines: string[] = [];
  const facts = [
    FORMAT_NAMES[table.format],
    table.encoding,
    ...(delimiterName === null ? [] : [`${delimiterName} delimited`]),
    ...(table.sheet === null ? [] : [`sheet ${JSON.stringify(table.sheet)}`]),
    `${table.headerRows} header row${table.headerRows === 1 ? '' : 's'}`,
    `${table.rowsRead}${table.truncated ? '+' : ''} data rows${table.unfinished > 0 ? `, ${table.unfinished} unfinished (left out by default)` : ''}`,
  ];
  lines.push(`# Starter config written by findings inspect from ${shown}: ${facts.join(', ')}.`);
  lines.push(`# Save it as ${saveAs} (paths below are relative to it), check every guess, then:`);
  lines.push(`#   findings check ${saveAs}`);
  const id = slug(name);
  lines.push(`id: ${scalar(id)}`);
  lines.push(`title: ${scalar(name)}`);
  const codes = guesses.themes?.codes ?? [];
  lines.push(`codebook: codebook.csv   # write it: columns code,label, one row per theme code${codes.length > 0 ? '; codes seen below' : ''}`);
  if (codes.length > 0) lines.push(`# codes seen: ${codes.join(', ')}`);
  lines.push('data:');
  lines.push(`  path: ${scalar(path.basename(absolute))}`);
  if (table.format !== 'csv') lines.push(`  format: ${table.format}`);
  if (table.configEncoding !== null) lines.push(`  encoding: ${table.configEncoding}   # not UTF-8: guessed from its bytes`);
  if (table.sheet !== null && table.sheetIsNotFirst) lines.push(`  sheet: ${scalar(table.sheet)}   # the sheet with the most cells`);
  lines.push('  columns:');
  const { id: idColumn, segment, weight, themes } = guesses;
  lines.push(
    idColumn === null ? '    id: CHOOSE   # no column with a distinct value in every row was found' : `    id: ${scalar(idColumn)}   # distinct in every row`,
  );
  lines.push(
    segment === null
      ? '    segment: CHOOSE   # no column with a few distinct text values was found'
      : `    segment: ${scalar(segment.column)}   # ${segment.values.length} values: ${listOf(segment.values)}`,
  );
  if (weight !== null)
    lines.push(`    weight: ${scalar(weight.column)}   # positive numbers, ${weight.min} to ${weight.max}; leave out for unweighted figures`);
  if (themes === null) lines.push('    themes: CHOOSE   # no column of codes joined by ; , | or spaces, and no group of one-hot columns, was found');
  else if (themes.kind === 'column') {
    lines.push(`    themes: ${scalar(themes.column!)}   # codes joined by ${themes.separator === ' ' ? 'spaces' : JSON.stringify(themes.separator)}`);
    if (themes.separator !== ';') lines.push(`  separator: ${JSON.stringify(themes.separator)}`);
  } else if (themes.kind === 'prefix') {
    lines.push(`  themeColumns: { prefix: ${scalar(themes.prefix!)} }   # one ticked-or-blank column per code`);
  } else {
    lines.push('  themeColumns:   # one ticked-or-blank column per code; each code made from its choice label: rename to your codebook');
    lines.push('    columns:');
    for (const { code, column } of themes.columns!) lines.push(`      ${code}: ${scalar(column)}`);
  }
  if (guesses.questions.length > 0) {
    // issue 16: each question's proposed type (propose-question-type.ts), with why.
    lines.push('questions:   # closed questions, type proposed from the answers: check each (README "Question types")');
    for (const q of guesses.questions) {
      lines.push(`  - id: ${q.id}${q.reason === undefined ? '' : `   # ${q.reason}`}`);
      if (q.type !== undefined) lines.push(`    type: ${q.type}`);
      if (q.columns !== undefined) {
        lines.push('    columns:');
        for (const column of q.columns) lines.push(`      - ${scalar(column)}`);
      } else lines.push(`    column: ${scalar(q.column)}`);
      if (q.other !== undefined) lines.push(`    other: ${scalar(q.other)}   # free-text "other" answers, kept out of the ticks`);
      if (q.label !== null) lines.push(`    label: ${JSON.stringify(q.label)}`);
      if (q.levels.length > 0) lines.push(`    levels: [${q.levels.map((level) => (typeof level === 'number' ? String(level) : scalar(level))).join(', ')}]`);
      if (q.labels !== undefined) lines.push(`    labels: [${q.labels.map((label) => scalar(label)).join(', ')}]`);
      if (q.separator !== undefined && q.separator !== ';') lines.push(`    separator: ${JSON.stringify(q.separator)}`);
    }
  }
  if (segment !== null) {
    lines.push('segments:   # report order and labels; edit the labels');
    for (const value of segment.values.slice(0, 12)) lines.push(`  - { id: ${scalar(value)}, label: ${scalar(value)} }`);
  }
  return { table, guesses, saveAs, yaml: `${lines.join('\n')}\n` };
}
