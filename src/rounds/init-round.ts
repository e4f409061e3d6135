/**
 * Start a new survey round from the last one: `findings init <new-data.csv> --from <last.yaml>`.
 * The new config is the last one's text (comments kept) with the id, round and title moved on,
 * `previous` pointing at the last config, the data path set to the new file, the codebook, column
 * mapping, segments, questions and report settings carried over, and last round's codebookChanges
 * dropped (they described the step before), as is report.note (it described that round). Every configured column is checked against the new
 * file's header: a column that was renamed is taken from its closest header name (and said so);
 * one with no plausible match is an error, and then nothing is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkInputFile } from '../config/open-input.ts';
import { isMap, parseDocument } from 'yaml';
import type { DiagnosticSink, SurveyConfig } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { configPosition, displayPath, readConfig } from '../config/read-config.ts';
import { readData } from '../ingest/formats/read-data.ts';
import { nearest } from '../validate/nearest.ts';

export interface InitOptions {
  data: string;
  from: string;
  id?: string;
  round?: string;
  out?: string;
  cwd: string;
}

export interface InitResult {
  /** Absolute path of the config to write, and its text. */
  file: string;
  displayFile: string;
  text: string;
  /** Column renames applied: config key, old name, new name. */
  renamed: { key: string; from: string; to: string }[];
  /** True when the last round's report.note was left out (it described that round). */
  droppedNote: boolean;
  /** Keys naming the last round's own coding files (reliability, data.excerpts), left out. */
  droppedFiles?: string[];
}

/** `wt` abbreviates `weight`: its letters appear in order, starting with the same letter. */
function abbreviates(short: string, long: string): boolean {
  const a = short.toLowerCase();
  const b = long.toLowerCase();
  if (a.length === 0 || a[0] !== b[0] || a.length >= b.length) return false;
  let j = 0;
  for (const ch of b) if (ch === a[j]) j++;
  return j === a.length;
}

/** The header name a configured column most plausibly became, among the names no other column uses. */
function matchColumn(name: string, header: string[], taken: Set<string>): string | null {
  const free = header.filter((h) => !taken.has(h));
  const close = nearest(name, free);
  if (close !== null) return close;
  const abbreviations = free.filter((h) => abbreviates(h, name) || abbreviates(name, h));
  return abbreviations.length === 1 ? abbreviations[0]! : null;
}

/** The next id and round: rpa-2014 / "2014" -> rpa-2015 / "2015"; otherwise they must be given. */
function nextRound(config: SurveyConfig): { id: string; round: string } | null {
  const round = /^\d+$/.test(config.round) ? String(Number(config.round) + 1) : null;
  if (round === null) return null;
  const id = config.id.endsWith(config.round) ? config.id.slice(0, -config.round.length) + round : `${config.id}-${round}`;
  return { id, round };
}

export async function initRound(options: InitOptions, sink: DiagnosticSink): Promise<InitResult | 'config' | 'data'> {
  const fromFile = path.resolve(options.cwd, options.from);
  const config = readConfig({ file: fromFile, displayFile: displayPath(options.cwd, fromFile), cwd: options.cwd }, sink);
  if (config === null) return 'config';
  if (config.data.layout !== 'respondents') {
    sink.report(diagnostic(configPosition(config, 'data.layout'), say.FND006.initLayout(config.data.layout)));
    return 'config';
  }
  const dataFile = path.resolve(options.cwd, options.data);
  const dataDisplay = displayPath(options.cwd, dataFile);
  // Issue #20: only a regular file is read (ingest/open-input.ts).
  const input = checkInputFile(dataFile, dataDisplay);
  if (!input.ok && (input.kind === 'special' || input.kind === 'file-system')) {
    sink.report(diagnostic({ file: dataDisplay, line: 1, column: 1 }, input.problem));
    return 'config';
  }
  if (!existsSync(dataFile)) {
    sink.report(diagnostic({ file: dataDisplay, line: 1, column: 1 }, say.FND007.unreadable(dataDisplay, 'ENOENT')));
    return 'config';
  }

  const next = nextRound(config);
  const id = options.id ?? next?.id;
  const round = options.round ?? next?.round;
  if (id === undefined || round === undefined) {
    sink.report(diagnostic(configPosition(config, 'round'), say.FND006.initNextRound(config.round)));
    return 'config';
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    sink.report(diagnostic({ file: '--id', line: 1, column: 1 }, say.FND006.initId(id)));
    return 'config';
  }
  const out = path.resolve(options.cwd, options.out ?? path.join(path.dirname(fromFile), `${id}.yaml`));
  const outDisplay = displayPath(options.cwd, out);
  if (existsSync(out)) {
    sink.report(diagnostic({ file: outDisplay, line: 1, column: 1 }, say.FND006.initExists(outDisplay)));
    return 'config';
  }

  // The new file's header.
  let header: string[] | null = null;
  let headerLine = 1;
  let aliases: ReadonlyMap<string, number> = new Map();
  // Read as the config reads its data (format, encoding, a platform's header rows and other column names).
  const newData = { ...config, data: { ...config.data, path: dataFile, displayPath: dataDisplay } };
  const read = await readData(
    newData,
    sink,
    { maxFieldChars: config.limits.maxFieldChars },
    (h) => {
      header = h.cells.map((c) => c.trim());
      headerLine = h.line;
      aliases = h.aliases;
    },
    () => {},
  );
  if (read.malformed || read.misconfigured) return read.misconfigured ? 'config' : 'data';
  if (header === null) {
    sink.report(diagnostic({ file: dataDisplay, line: 1, column: 1 }, say.FND201.needsRows(dataDisplay)));
    return 'data';
  }
  const names: string[] = [...(header as string[]), ...aliases.keys()];

  const wanted: { key: string; path: (string | number)[]; name: string }[] = [
    { key: 'data.columns.id', path: ['data', 'columns', 'id'], name: config.data.columns.id },
    // (issue 14: a config without a segment column has none to find)
    ...(config.data.columns.segment === '' ? [] : [{ key: 'data.columns.segment', path: ['data', 'columns', 'segment'], name: config.data.columns.segment }]),
    ...(config.data.columns.weight === null ? [] : [{ key: 'data.columns.weight', path: ['data', 'columns', 'weight'], name: config.data.columns.weight }]),
    ...(config.data.columns.themes === '' ? [] : [{ key: 'data.columns.themes', path: ['data', 'columns', 'themes'], name: config.data.columns.themes }]),
    ...(config.data.themeColumns?.columns ?? []).map((c) => ({
      key: `data.themeColumns.columns.${c.code}`,
      path: ['data', 'themeColumns', 'columns', c.code],
      name: c.column,
    })),
    ...config.questions.map((q, i) => ({ key: `questions[${i}].column`, path: ['questions', i, 'column'], name: q.column })),
  ];
  const taken = new Set(wanted.map((w) => w.name).filter((n) => names.includes(n)));
  const renamed: InitResult['renamed'] = [];
  let ok = true;
  for (const w of wanted) {
    if (names.includes(w.name)) continue;
    const match = matchColumn(w.name, names, taken);
    if (match === null) {
      ok = false;
      sink.report(
        diagnostic(
          { file: dataDisplay, line: headerLine, column: 1 },
          say.FND008.notInHeader(w.name, w.key, dataDisplay, nearest(w.name, names), names, config.displayFile),
        ),
      );
    } else {
      taken.add(match);
      renamed.push({ key: w.key, from: w.name, to: match });
    }
  }
  const prefix = config.data.themeColumns?.prefix ?? null;
  if (prefix !== null && !names.some((n) => n.startsWith(prefix) && n.length > prefix.length)) {
    ok = false;
    sink.report(
      diagnostic(
        { file: dataDisplay, line: headerLine, column: 1 },
        say.FND008.noPrefix(dataDisplay, prefix, 'data.themeColumns.prefix', null, null, config.displayFile),
      ),
    );
  }
  if (!ok) return 'data';

  // Edit the last config's text, keeping its comments and layout.
  const doc = parseDocument(readFileSync(fromFile, 'utf8'));
  const relative = (target: string) => path.relative(path.dirname(out), target).split(path.sep).join('/');
  doc.set('id', id);
  doc.set('round', doc.createNode(round));
  const round0 = doc.get('round', true) as { type?: string } | undefined;
  if (round0) round0.type = 'QUOTE_DOUBLE';
  const title = config.title.includes(config.round) && config.round !== '' ? config.title.split(config.round).join(round) : config.title;
  if (doc.has('title')) doc.set('title', title);
  doc.set('previous', relative(fromFile));
  doc.set('codebook', relative(config.codebook.path));
  doc.setIn(['data', 'path'], relative(dataFile));
  for (const r of renamed) {
    const w = wanted.find((x) => x.key === r.key)!;
    doc.setIn(w.path, r.to);
  }
  if (doc.has('codebookChanges')) doc.delete('codebookChanges');
  // The last round's other coders and excerpts belong to that round's respondents.
  const droppedFiles = ['reliability', 'data.excerpts'].filter((key) => doc.hasIn(key.split('.')));
  for (const key of droppedFiles) doc.deleteIn(key.split('.'));
  const droppedNote = doc.hasIn(['report', 'note']);
  if (droppedNote) doc.deleteIn(['report', 'note']);
  if (isMap(doc.contents)) {
    // Keep `previous` next to `round` for readers: move it after `round` if it was appended at the end.
    const items = doc.contents.items;
    const at = items.findIndex((p) => String((p.key as { value?: unknown })?.value) === 'previous');
    const roundAt = items.findIndex((p) => String((p.key as { value?: unknown })?.value) === 'round');
    if (at > roundAt + 1 && roundAt !== -1) items.splice(roundAt + 1, 0, ...items.splice(at, 1));
  }
  const text = doc.toString({ lineWidth: 0 });
  return { file: out, displayFile: outDisplay, text, renamed, droppedNote, droppedFiles };
}
