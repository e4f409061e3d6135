/**
 * Guess what each column of a sniffed table holds, by its name and by its content, for a starter
 * config: the respondent id (unique in every row), the segment (a few distinct text values), the
 * weight (positive numbers, not all whole), the themes (code-like tokens joined by ";", ",", "|" or
 * spaces, or a group of one-hot columns), and closed questions (whole numbers in a small range).
 * Platform metadata columns (StartDate, Progress, _uuid, submitdate, …) are never guessed as data.
 */
import type { DataFormat } from '../model.ts';
import type { SniffedTable } from './sniff-table.ts';
import { looksLikeOther } from '../config/read-config.ts';
import { proposeQuestionType } from './propose-question-type.ts';

interface ThemeGuess {
  kind: 'column' | 'prefix' | 'columns';
  column?: string;
  separator?: string;
  prefix?: string;
  columns?: { code: string; column: string }[];
  codes: string[];
}

interface QuestionGuess {
  id: string;
  column: string;
  label: string | null;
  levels: (number | string)[];
  // issue 16: the proposed type (rating when absent), a multi question's option columns and other column, a joined cell's separator, level labels.
  type?: 'rating' | 'single' | 'multi' | 'nps' | 'numeric';
  columns?: string[];
  labels?: string[];
  other?: string;
  separator?: string;
  reason?: string;
  /** Column index, to list the questions in file order. */
  at?: number;
}

export interface ColumnGuesses {
  id: string | null;
  segment: { column: string; values: string[] } | null;
  weight: { column: string; min: number; max: number } | null;
  themes: ThemeGuess | null;
  questions: QuestionGuess[];
}

const METADATA: Partial<Record<DataFormat, RegExp>> = {
  qualtrics:
    /^(StartDate|EndDate|Status|IPAddress|Progress|Duration \(in seconds\)|Finished|RecordedDate|ResponseId|ResponseID|ResponseSet|Name|Recipient\w*|ExternalReference|ExternalDataReference|EmailAddress|Location\w*|DistributionChannel|UserLanguage|V\d+|Q_\w+)$/,
  surveymonkey: /^(Respondent ID|Collector ID|Start Date|End Date|IP Address|Email Address|First Name|Last Name|Custom Data \d+)$/,
  kobo: /^(_.*|start|end|today|deviceid|username|simserial|subscriberid|phonenumber|audit|meta\/.*|formhub\/.*)$/,
  limesurvey: /^(id|submitdate|lastpage|startlanguage|seed|token|startdate|datestamp|ipaddr|refurl|interviewtime|.*Time)$/,
};
const ID_FIRST: Partial<Record<DataFormat, string[]>> = {
  qualtrics: ['ResponseId', 'ResponseID'],
  surveymonkey: ['Respondent ID'],
  kobo: ['_id', '_uuid'],
  limesurvey: ['id'],
};
const TICKS = new Set(['1', 'x', 'y', 'yes', 'true', '', '0', 'n', 'no', 'false']);
const CODE = /^[A-Za-z][\w.-]*$/;
const LOWER_CODE = /^[a-z][a-z0-9_.-]*$/;

/** A code or id made of a text: lower case, accents dropped, other characters as hyphens. */
export function slug(text: string, max = 40): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return s === '' ? 'x' : /^[a-z0-9]/.test(s) ? s : `x${s}`;
}

export function guessColumns(table: SniffedTable): ColumnGuesses {
  const names = table.header.names;
  const meta = METADATA[table.format];
  const isMeta = (i: number) => meta?.test(names[i]!) ?? false;
  const values = names.map((_, c) => table.rows.map((row) => (row[c] ?? '').trim()));
  const n = table.rows.length;
  const used = new Set<number>();

  // Id: the platform's own, else a column called id, else the first column whose values are all distinct.
  const unique = (c: number) => n > 0 && values[c]!.every((v) => v !== '') && new Set(values[c]).size === n;
  let id = -1;
  let idName: string | null = null;
  for (const name of ID_FIRST[table.format] ?? []) {
    // By name, or by another name (the legacy Qualtrics ResponseID is V1's).
    const c = names.indexOf(name) !== -1 ? names.indexOf(name) : (table.header.aliases.get(name) ?? -1);
    if (c !== -1 && unique(c)) {
      id = c;
      idName = name;
      break;
    }
  }
  if (id === -1) id = names.findIndex((name, c) => /^(respondent[ _-]?)?id$|[ _-]id$|^id[ _-]/i.test(name) && unique(c));
  if (id === -1) id = names.findIndex((_, c) => !isMeta(c) && unique(c));
  if (id !== -1) used.add(id);

  const numbers = (c: number) => values[c]!.filter((v) => v !== '').map(Number);
  const numeric = (c: number) => values[c]!.some((v) => v !== '') && numbers(c).every((x) => Number.isFinite(x));

  // Weight: positive numbers, named so or with a fraction somewhere.
  let weight: ColumnGuesses['weight'] = null;
  const weightCandidates = names
    .map((name, c) => ({ name, c }))
    .filter(({ c }) => !used.has(c) && !isMeta(c) && numeric(c) && values[c]!.every((v) => v !== '') && numbers(c).every((x) => x > 0));
  const named = weightCandidates.find(({ name }) => /weight|wgt|gewicht|poids|peso/i.test(name));
  const fractional = weightCandidates.find(({ c }) => numbers(c).some((x) => !Number.isInteger(x)));
  const w = named ?? fractional;
  if (w !== undefined) {
    used.add(w.c);
    const xs = numbers(w.c);
    weight = { column: w.name, min: Math.min(...xs), max: Math.max(...xs) };
  }

  // Themes, delimited: every cell code-like tokens, some cell holding two or more, some token repeated.
  let themes: ThemeGuess | null = null;
  for (const separator of [';', ',', '|', ' ']) {
    const c = names.findIndex((_, c) => {
      if (used.has(c) || isMeta(c)) return false;
      const cells = values[c]!.filter((v) => v !== '');
      if (cells.length === 0 || !cells.some((v) => v.includes(separator))) return false;
      const tokens = cells.flatMap((v) =>
        v
          .split(separator)
          .map((t) => t.trim())
          .filter((t) => t !== ''),
      );
      const pattern = separator === ' ' ? LOWER_CODE : CODE;
      return tokens.every((t) => pattern.test(t)) && new Set(tokens).size < tokens.length && new Set(tokens).size >= 2;
    });
    if (c !== -1) {
      used.add(c);
      const codes = [
        ...new Set(
          values[c]!.flatMap((v) =>
            v
              .split(separator)
              .map((t) => t.trim())
              .filter((t) => t !== ''),
          ),
        ),
      ];
      themes = { kind: 'column', column: names[c]!, separator, codes };
      break;
    }
  }

  // Themes, one-hot: two or more columns sharing a prefix (up to "/", "[", "_" or " | ") holding only ticks.
  if (themes === null) {
    const best = tickGroups(table, values, used, isMeta)[0];
    if (best !== undefined) {
      const [prefix, cs] = best;
      for (const c of cs) used.add(c);
      const rests = cs.map((c) => {
        const rest = names[c]!.slice(prefix.length);
        return prefix.endsWith('[') && rest.endsWith(']') ? rest.slice(0, -1) : rest;
      });
      if (!prefix.endsWith(' | ') && rests.every((r) => CODE.test(r))) themes = { kind: 'prefix', prefix, codes: rests };
      else {
        // Column names that are not codes (Q5_1, question | choice): a code made from each choice.
        const columns = cs.map((c, k) => ({ code: slug(table.header.choices[c] ?? `${prefix}${rests[k]}`), column: names[c]! }));
        themes = { kind: 'columns', columns, codes: columns.map((x) => x.code) };
      }
    }
  }

  // Closed questions (issue 16: propose-question-type.ts): scales in words, 0–10 items, whole numbers in a small range, other numbers.
  const questions: QuestionGuess[] = [];
  const ids = new Set<string>();
  const idFor = (name: string) => {
    let qid = slug(name);
    for (let k = 2; ids.has(qid); k++) qid = `${slug(name)}-${k}`;
    ids.add(qid);
    return qid;
  };
  const textOf = (c: number) => table.questionText[c] ?? null;
  names.forEach((name, c) => {
    if (used.has(c) || isMeta(c)) return;
    const proposal = proposeQuestionType(values[c]!, undefined, `${name} ${textOf(c) ?? ''}`);
    if (proposal === null || proposal.type === 'single') return;
    if (proposal.type === 'numeric' && (!numeric(c) || new Set(values[c]!.filter((v) => v !== '')).size < 3)) return;
    used.add(c);
    questions.push({
      id: idFor(name),
      column: name,
      label: textOf(c),
      levels: proposal.levels,
      ...(proposal.type === 'rating' ? {} : { type: proposal.type }),
      reason: proposal.reason,
      at: c,
    });
  });

  // Multi questions: groups of tick columns the themes did not take (with a free-text "other" column of the same question).
  for (const [prefix, cs] of tickGroups(table, values, used, isMeta)) {
    // A Kobo details export repeats the themes' select_multiple as q/topics/<choice> tick columns: not a question of its own.
    if (themes?.kind === 'column' && prefix === `${themes.column}/`) continue;
    const other = names.findIndex((name, c) => !used.has(c) && !isMeta(c) && name.startsWith(prefix) && looksLikeOther(name));
    for (const c of cs) used.add(c);
    if (other !== -1) used.add(other);
    questions.push({
      id: idFor(prefix.replace(/( \| |\/|\[|_)$/, '')),
      column: '',
      label: textOf(cs[0]!),
      levels: [],
      type: 'multi',
      columns: cs.map((c) => names[c]!),
      ...(other === -1 ? {} : { other: names[other]! }),
      reason: `${cs.length} tick columns`,
      at: cs[0]!,
    });
  }
  // Multi questions in one cell: option names joined by a separator, a few distinct options, some cell with two or more.
  names.forEach((name, c) => {
    if (used.has(c) || isMeta(c)) return;
    const cells = values[c]!.filter((v) => v !== '');
    for (const separator of [';', ',', '|', ' ']) {
      if (!cells.some((v) => v.includes(separator))) continue;
      const tokens = cells.flatMap((v) =>
        v
          .split(separator)
          .map((t) => t.trim())
          .filter((t) => t !== ''),
      );
      const options = [...new Set(tokens)];
      const pattern = separator === ' ' ? LOWER_CODE : /^[^\s].{0,40}$/;
      if (options.length < 2 || options.length > 20 || !tokens.every((t) => pattern.test(t)) || options.length >= tokens.length) continue;
      used.add(c);
      questions.push({
        id: idFor(name),
        column: name,
        label: textOf(c),
        levels: options,
        type: 'multi',
        separator,
        reason: 'options joined in one cell',
        at: c,
      });
      return;
    }
  });

  // Segment: text with a few distinct values in (nearly) every row; a name like segment or group first.
  const segmentCandidates = names
    .map((name, c) => ({ name, c, distinct: new Set(values[c]!.filter((v) => v !== '')) }))
    .filter(({ c, distinct }) => {
      if (used.has(c) || isMeta(c) || numeric(c)) return false;
      const filled = values[c]!.filter((v) => v !== '').length;
      return filled >= n * 0.9 && distinct.size >= 2 && distinct.size <= Math.max(2, Math.min(12, Math.floor(n / 2)));
    });
  // issue 16: a column filled in every row first (a segment left blank rejects the row; a question may be skipped).
  const segmentNamed = (name: string) => /segment|group|stakeholder|sector|type|role|category|gruppe/i.test(name);
  const full = segmentCandidates.filter(({ c }) => values[c]!.every((v) => v !== ''));
  const fewest = (list: typeof segmentCandidates) => [...list].sort((a, b) => a.distinct.size - b.distinct.size)[0];
  const segmentPick =
    full.find(({ name }) => segmentNamed(name)) ?? fewest(full) ?? segmentCandidates.find(({ name }) => segmentNamed(name)) ?? fewest(segmentCandidates);
  const segment = segmentPick === undefined ? null : { column: segmentPick.name, values: [...segmentPick.distinct] };
  if (segmentPick !== undefined) used.add(segmentPick.c);

  // Single questions: a few distinct texts, not the segment.
  names.forEach((name, c) => {
    if (used.has(c) || isMeta(c) || numeric(c)) return;
    const proposal = proposeQuestionType(values[c]!, undefined, `${name} ${textOf(c) ?? ''}`);
    if (proposal?.type !== 'single') return;
    used.add(c);
    questions.push({ id: idFor(name), column: name, label: textOf(c), levels: proposal.levels, type: 'single', reason: proposal.reason, at: c });
  });
  questions.sort((a, b) => (a.at ?? 0) - (b.at ?? 0));

  return { id: id === -1 ? null : (idName ?? names[id]!), segment, weight, themes, questions };
}

/** Groups of two or more unused columns sharing a prefix (up to "/", "[", "_" or " | ") and holding only ticks, the largest first. */
function tickGroups(table: SniffedTable, values: string[][], used: Set<number>, isMeta: (c: number) => boolean): [string, number[]][] {
  const groups = new Map<string, number[]>();
  table.header.names.forEach((name, c) => {
    if (used.has(c) || isMeta(c)) return;
    const choice = table.header.choices[c] ?? null;
    if (!values[c]!.every((v) => TICKS.has(v.toLowerCase()) || (choice !== null && v === choice))) return;
    if (!values[c]!.some((v) => v !== '' && v !== '0')) return;
    const m = /^(.*? \| |.*\/|.*\[|.*_)[^/[_]+\]?$/.exec(name);
    if (m === null) return;
    groups.set(m[1]!, [...(groups.get(m[1]!) ?? []), c]);
  });
  return [...groups.entries()].filter(([, cs]) => cs.length >= 2).sort((a, b) => b[1].length - a[1].length);
}
