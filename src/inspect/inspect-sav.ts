/**
 * Issue 16: `findings inspect` on an SPSS `.sav` (recognised by its first bytes, "$FL2"): a starter
 * config from the file's variables, value labels and variable labels. Each labelled numeric
 * variable is proposed as a question type (the names of `questions[].type`):
 *
 *   multi    0/1 tick variables sharing a name prefix (tick_funding, tick_training): one question
 *            (`type: multi` with its `columns`); a config needs a theme source, so the first such
 *            group is also proposed as one-hot theme columns (data.themeColumns), its codes listed
 *            for the codebook;
 *   nps      whole numbers within 0–10 with labels at 0 and/or 10, or more than 6 distinct values;
 *   rating   consecutive whole numbers 1..k (3 ≤ k ≤ 7, or 0..k) whose labels read as a scale
 *            (agree, satisfied, likely, important, good, …): levels and labels in order;
 *   single   any other labelled variable: the first is the segment (its value labels the segment
 *            labels), the others are banners (a crosstab each) and `type: single` questions;
 *   numeric  an unlabelled number (not the weight).
 *
 * The variable label becomes the question's label and the value labels its level labels; the
 * user-missing codes are left out of the levels (they are read as missing). The first string or
 * numeric variable distinct in every case is the id; the file's WEIGHT BY variable is the weight.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { displayPath } from '../config/read-config.ts';
import { readSav, savMagic, type SavMeta, type SavVariable } from '../ingest/formats/read-sav.ts';
import { slug } from './guess-columns.ts';
import { baseName } from './sniff-table.ts';

type ProposedType = 'rating' | 'single' | 'multi' | 'nps' | 'numeric';

const SCALE_WORDS = /agree|satisf|likely|important|good|poor|excellent|never|always|often|neither|neutral|very|fair|useful|helpful|difficult|easy/i;

export interface SavProposal {
  id: string | null;
  weight: string | null;
  segment: SavVariable | null;
  banners: SavVariable[];
  /** Tick groups: the question id (the shared prefix) and its variables with the codes made from their names. */
  multi: { id: string; variables: { variable: SavVariable; code: string }[] }[];
  questions: { variable: SavVariable; type: Exclude<ProposedType, 'multi' | 'single'>; levels: number[]; labels: string[] }[];
}

/** Propose what each variable is (see the file's comment), from the metadata and the cases' values. */
function proposeSav(meta: SavMeta, rows: readonly string[][]): SavProposal {
  const valuesOf = (i: number) => rows.map((row) => row[i] ?? '').filter((cell) => cell !== '');
  const proposal: SavProposal = { id: null, weight: meta.weight, segment: null, banners: [], multi: [], questions: [] };
  const ticks: { variable: SavVariable; index: number }[] = [];
  meta.variables.forEach((variable, index) => {
    const values = valuesOf(index);
    if (proposal.id === null && values.length === rows.length && rows.length > 0 && new Set(values).size === values.length) {
      proposal.id = variable.name;
      return;
    }
    if (variable.type === 'string' || variable.name === meta.weight) return;
    const numbers = values.map(Number);
    const whole = numbers.every((n) => Number.isInteger(n));
    const distinct = [...new Set(numbers)].sort((a, b) => a - b);
    const missing = (v: number) =>
      variable.missing.values.includes(v) || (variable.missing.range !== null && v >= variable.missing.range.min && v <= variable.missing.range.max);
    const labels = variable.valueLabels.filter((l) => typeof l.value === 'number' && !missing(l.value as number));
    const labelOf = (v: number) => labels.find((l) => l.value === v)?.label ?? String(v);
    if (whole && distinct.every((v) => v === 0 || v === 1) && distinct.length > 0) {
      ticks.push({ variable, index });
      return;
    }
    const labelled = labels.map((l) => l.value as number);
    const inRange = whole && distinct.every((v) => v >= 0 && v <= 10);
    if (inRange && (labelled.includes(10) || (distinct.length > 6 && labels.length <= 2)) && Math.max(...distinct, ...labelled) === 10) {
      const levels = Array.from({ length: 11 }, (_, k) => k);
      proposal.questions.push({ variable, type: 'nps', levels, labels: levels.map(labelOf) });
      return;
    }
    if (labels.length >= 3 && labels.length <= 8) {
      const levels = labelled.slice().sort((a, b) => a - b);
      const consecutive = levels.every((v, k) => k === 0 || v === levels[k - 1]! + 1) && (levels[0] === 0 || levels[0] === 1);
      if (whole && consecutive && distinct.every((v) => levels.includes(v)) && labels.some((l) => SCALE_WORDS.test(l.label))) {
        proposal.questions.push({ variable, type: 'rating', levels, labels: levels.map(labelOf) });
        return;
      }
    }
    if (labels.length > 0) {
      if (proposal.segment === null) proposal.segment = variable;
      else proposal.banners.push(variable);
      return;
    }
    if (numbers.every(Number.isFinite) && values.length > 0) proposal.questions.push({ variable, type: 'numeric', levels: [], labels: [] });
  });
  // Tick variables sharing the prefix before their last "_" are one select-all-that-apply question.
  for (const { variable } of ticks) {
    const cut = variable.name.lastIndexOf('_');
    const prefix = cut > 0 ? variable.name.slice(0, cut) : variable.name;
    const code = slug(cut > 0 ? variable.name.slice(cut + 1) : variable.name) || slug(variable.name) || 'choice';
    let group = proposal.multi.find((g) => g.id === slug(prefix));
    if (group === undefined) proposal.multi.push((group = { id: slug(prefix) || 'multi', variables: [] }));
    group.variables.push({ variable, code });
  }
  return proposal;
}

const q = (text: string) => JSON.stringify(text);

/** A .sav or .zsav by its first bytes (a regular file only: a FIFO or device is left to inspectFile, which refuses it). */
export function isSav(file: string, cwd: string): boolean {
  const absolute = path.resolve(cwd, file);
  try {
    if (!statSync(absolute).isFile()) return false;
    const fd = openSync(absolute, 'r');
    try {
      const head = Buffer.alloc(4);
      readSync(fd, head, 0, 4, 0);
      return savMagic(head) !== null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** `findings inspect` on a .sav: the starter config, or the diagnostic when the file cannot be read. */
export async function inspectSav(absolute: string, cwd: string): Promise<{ saveAs: string; yaml: string; proposal: SavProposal } | Diagnostic> {
  const shown = displayPath(cwd, absolute);
  const rows: string[][] = [];
  const read = await readSav(
    absolute,
    () => {},
    (batch) => void rows.push(...batch.rows),
  );
  if (!read.ok) return diagnostic({ file: shown, line: 1, column: 1 }, say.FND240(shown, read.message));
  const meta = read.meta;
  const p = proposeSav(meta, rows);
  const name = baseName(absolute);
  const saveAs = displayPath(cwd, path.join(path.dirname(absolute), `${name}.yaml`));
  const lines: string[] = [
    `# Starter config written by findings inspect from ${shown}: SPSS system file (${meta.product || 'unknown program'}), ${meta.variables.length} variables, ${rows.length} cases.`,
    '# Value labels are the level and segment labels, variable labels the question labels; user-missing codes are read as missing.',
    `# Save it as ${saveAs} (paths below are relative to it), check every guess, then:`,
    `#   findings check ${saveAs}`,
    `id: ${slug(name) || 'survey'}`,
    `title: ${q(name)}`,
  ];
  const themes = p.multi[0];
  if (themes !== undefined) {
    lines.push(`codebook: codebook.csv   # write it from these lines (a code per tick variable of "${themes.id}"):`);
    lines.push('#   code,label');
    for (const { variable, code } of themes.variables) lines.push(`#   ${code},${csvCell(variable.label ?? variable.name)}`);
  } else lines.push('codebook: codebook.csv   # write it: columns code,label, one row per theme code');
  lines.push('data:');
  lines.push(`  path: ${q(path.basename(absolute))}`);
  lines.push('  format: spss');
  lines.push('  columns:');
  lines.push(p.id === null ? '    id: CHOOSE   # no variable is distinct in every case' : `    id: ${q(p.id)}   # distinct in every case`);
  lines.push(
    p.segment === null
      ? '    # no labelled single-choice variable: every respondent is in one group'
      : `    segment: ${q(p.segment.name)}   # ${csvCell(p.segment.label ?? '')}`.trimEnd(),
  );
  if (p.weight !== null) lines.push(`    weight: ${q(p.weight)}   # the file's WEIGHT BY variable`);
  if (themes !== undefined) {
    lines.push(`  themeColumns:   # the tick variables of "${themes.id}" (select all that apply): ticked is 1`);
    lines.push('    columns:');
    for (const { variable, code } of themes.variables) lines.push(`      ${code}: ${q(variable.name)}`);
  } else lines.push('    themes: CHOOSE   # no tick variables (0/1) were found');
  if (p.banners.length > 0) lines.push(`banners: [${p.banners.map((b) => q(b.name)).join(', ')}]   # other single-choice variables: a crosstab each`);
  if (p.segment !== null) {
    lines.push('segments:   # the value labels');
    for (const l of p.segment.valueLabels) lines.push(`  - { id: ${q(String(l.value))}, label: ${q(l.label)} }`);
  }
  const closed = p.questions.filter((x) => x.type !== 'numeric');
  const more = p.questions.filter((x) => x.type === 'numeric');
  if (closed.length + p.banners.length + p.multi.length > 0) {
    lines.push('questions:');
    // Each banner's answers as a single-choice question (its distribution), each tick group as a multi question.
    for (const banner of p.banners) {
      const missing = (v: number) =>
        banner.missing.values.includes(v) || (banner.missing.range !== null && v >= banner.missing.range.min && v <= banner.missing.range.max);
      const labels = banner.valueLabels.filter((l) => typeof l.value === 'number' && !missing(l.value as number));
      lines.push(`  - id: ${slug(banner.name) || 'q'}`);
      lines.push('    type: single');
      lines.push(`    column: ${q(banner.name)}`);
      if (banner.label !== null) lines.push(`    label: ${q(banner.label)}`);
      lines.push(`    levels: [${labels.map((l) => q(String(l.value))).join(', ')}]`);
      lines.push(`    labels: [${labels.map((l) => q(l.label)).join(', ')}]`);
    }
    for (const group of p.multi) {
      lines.push(`  - id: ${group.id}`);
      lines.push('    type: multi   # select all that apply: ticked is 1');
      const common = commonLabelPrefix(group.variables.map((v) => v.variable.label ?? ''));
      if (common !== '') lines.push(`    label: ${q(common)}`);
      lines.push(`    columns: [${group.variables.map((v) => q(v.variable.name)).join(', ')}]`);
      lines.push(
        `    labels: [${group.variables.map((v) => q((v.variable.label ?? v.code).slice(common.length).replace(/^[\s:\-–]+/, '') || v.code)).join(', ')}]`,
      );
    }
    for (const x of closed) {
      lines.push(`  - id: ${slug(x.variable.name) || 'q'}`);
      lines.push(`    type: ${x.type}`);
      lines.push(`    column: ${q(x.variable.name)}`);
      if (x.variable.label !== null) lines.push(`    label: ${q(x.variable.label)}`);
      lines.push(`    levels: [${x.levels.join(', ')}]`);
      lines.push(`    labels: [${x.labels.map(q).join(', ')}]`);
    }
  }
  if (more.length > 0) {
    lines.push('# Also in the file:');
    for (const x of p.questions.filter((y) => y.type === 'numeric'))
      lines.push(`#   numeric ${x.variable.name}${x.variable.label === null ? '' : `: ${csvCell(x.variable.label)}`}`);
  }
  return { saveAs, yaml: `${lines.join('\n')}\n`, proposal: p };
}

/** The words the labels of a tick group share ("Support wanted: funding", "Support wanted: training" → "Support wanted:"), at a word boundary. */
function commonLabelPrefix(labels: readonly string[]): string {
  if (labels.length < 2 || labels.some((label) => label === '')) return '';
  let prefix = labels[0]!;
  for (const label of labels) while (!label.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.search(/\s\S*$/);
  const whole = labels.every((label) => label.length === prefix.length || /\s/.test(label[prefix.length] ?? ' '))
    ? prefix
    : prefix.slice(0, cut === -1 ? 0 : cut);
  return whole
    .trim()
    .replace(/[:\-–]$/, '')
    .trim();
}

/** A label inside a YAML comment: one line, as a CSV cell. */
function csvCell(text: string): string {
  const line = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return /[",]/.test(line) ? `"${line.replace(/"/g, '""')}"` : line;
}
