/**
 * `findings inspect <file>`: sniff a data file (sniffTable), guess its columns (guessColumns) and
 * write a starter survey config as commented YAML, with paths relative to where it suggests saving
 * it (beside the data, as <name>.yaml). The guesses are marked so a user checks them; a column it
 * could not find is left as a placeholder that `findings check` will point at.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { checkInputFile } from '../config/open-input.ts';
import type { Diagnostic } from '../model.ts';
import { diagnostic, diagnosticWithText, say } from '../messages.ts';
import { displayPath } from '../config/read-config.ts';
import { guessColumns, slug, type ColumnGuesses } from './guess-columns.ts';
import { baseName, sniffTable, type SniffedTable } from './sniff-table.ts';

export interface Inspection {
  table: SniffedTable;
  guesses: ColumnGuesses;
  /** Where the config is meant to be saved (relative to the working directory). */
  saveAs: string;
  yaml: string;
}

const FORMAT_NAMES = { csv: 'plain CSV', qualtrics: 'Qualtrics export', surveymonkey: 'SurveyMonkey export', kobo: 'KoboToolbox export', limesurvey: 'LimeSurvey export', xlsx: 'Excel workbook' };

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
  if (!input.ok && (input.kind === 'special' || input.kind === 'file-system')) return diagnosticWithText(input.code, at, input.message);
  try {
    if (statSync(absolute).isDirectory()) return diagnostic(at, say.FND007.unreadable(shown, 'is a folder'));
  } catch {
    return diagnostic(at, say.FND007.unreadable(shown, 'no such file'));
  }
  const table = sniffTable(absolute);
  if ('problem' in table) return table.problem === 'empty' ? diagnostic(at, say.FND201.inspected(shown, table.message)) : diagnostic(at, say.FND224(shown, table.message));
  const guesses = guessColumns(table);
  const name = baseName(absolute);
  const saveAs = displayPath(cwd, path.join(path.dirname(absolute), `${name}.yaml`));
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
  lines.push(idColumn === null ? '    id: CHOOSE   # no column with a distinct value in every row was found' : `    id: ${scalar(idColumn)}   # distinct in every row`);
  lines.push(
    segment === null
      ? '    segment: CHOOSE   # no column with a few distinct text values was found'
      : `    segment: ${scalar(segment.column)}   # ${segment.values.length} values: ${listOf(segment.values)}`,
  );
  if (weight !== null) lines.push(`    weight: ${scalar(weight.column)}   # positive numbers, ${weight.min} to ${weight.max}; leave out for unweighted figures`);
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
    lines.push('questions:   # whole numbers in a small range: closed items (guessed levels; add labels)');
    for (const q of guesses.questions) {
      lines.push(`  - id: ${q.id}`);
      lines.push(`    column: ${scalar(q.column)}`);
      if (q.label !== null) lines.push(`    label: ${JSON.stringify(q.label)}`);
      lines.push(`    levels: [${q.levels.join(', ')}]`);
    }
  }
  if (segment !== null) {
    lines.push('segments:   # report order and labels; edit the labels');
    for (const value of segment.values.slice(0, 12)) lines.push(`  - { id: ${scalar(value)}, label: ${scalar(value)} }`);
  }
  return { table, guesses, saveAs, yaml: `${lines.join('\n')}\n` };
}
