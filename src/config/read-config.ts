/**
 * Read a survey config (YAML, or JSON, which YAML 1.2 reads too) into a normalized SurveyConfig.
 *
 * The format is declared below (`configSpec` and the specs of the other layouts) in the schema
 * language of config-schema.ts, whose walk reports every problem at its line and column in one pass
 * and records where each value stands; the config keeps those positions (`configPosition`). Then
 * normalization fills defaults and resolves paths relative to the config file. Nothing here throws
 * for the user's mistakes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { checkInputFile } from './open-input.ts';
import { fileSystemMessage } from './file-system-error.ts';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type Node as YamlNode } from 'yaml';
import type {
  CodebookMapping,
  DataEncoding,
  DataFormat,
  DataLayout,
  DiagnosticSink,
  QuestionConfig,
  ReportFormat,
  SegmentConfig,
  SurveyConfig,
} from '../model.ts';
import { diagnosticWithText } from '../messages.ts';
import { ALL_SEGMENT } from '../model.ts';
import { opt, req, str, walkNode, type Spec, type Walk } from './config-schema.ts';

// ---------------------------------------------------------------------------------------------
// The format

const ID = /^[a-z0-9][a-z0-9-]*$/;
/** A calendar date, YYYY-MM-DD (quote it in YAML so it stays text). */
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const LAYOUTS = ['respondents', 'excerpts', 'qdpx'] as const;
const FORMATS = ['csv', 'qualtrics', 'surveymonkey', 'kobo', 'limesurvey', 'xlsx'] as const;
/** report.formats (issue 18): the files a run writes; the office formats only when asked for. */
const REPORT_FORMATS = ['html', 'md', 'json', 'csv', 'docx', 'pptx', 'xlsx'] as const satisfies readonly ReportFormat[];
const DEFAULT_REPORT_FORMATS: ReportFormat[] = ['html', 'md', 'json', 'csv'];
const ENCODINGS = ['utf-8', 'utf-16', 'windows-1252'] as const;

const configSpec: Spec = {
  kind: 'object',
  fields: {
    id: req(str({ pattern: ID, patternText: 'lowercase letters, digits and hyphens, starting with a letter or digit' })),
    title: opt({ kind: 'label' }),
    round: opt({ kind: 'label' }),
    previous: opt(str({ nonEmpty: true })),
    codebook: req(str({ nonEmpty: true })),
    data: req({
      kind: 'object',
      fields: {
        path: req(str({ nonEmpty: true })),
        columns: req({
          kind: 'object',
          fields: {
            id: req(str({ nonEmpty: true })),
            // issue 14: optional everywhere; without it every respondent is in one group (SurveyConfig.data.segmentFrom 'none').
            segment: opt(str({ nonEmpty: true })),
            weight: opt(str({ nonEmpty: true })),
            // Optional when data.themeColumns names one-hot theme columns instead (configSpecFor).
            themes: req(str({ nonEmpty: true })),
          },
        }),
        // A space is a separator too (KoboToolbox joins select_multiple choices with spaces).
        separator: opt(str({ pattern: /^[\s\S]+$/, patternText: 'at least one character' })),
        delimiter: opt(str({ oneOf: [',', ';', '\t', '|'] })),
        layout: opt(str({ oneOf: LAYOUTS })),
        format: opt(str({ oneOf: FORMATS })),
        encoding: opt(str({ oneOf: ENCODINGS })),
        sheet: opt({ kind: 'label' }),
        includeUnfinished: opt({ kind: 'boolean' }),
        themeColumns: opt({
          kind: 'object',
          fields: { prefix: opt(str({ nonEmpty: true })), columns: opt({ kind: 'record', values: str({ nonEmpty: true }) }) },
        }),
        primaryCoder: opt({ kind: 'label' }),
        excerpts: opt({
          kind: 'object',
          fields: {
            path: req(str({ nonEmpty: true })),
            columns: req({
              kind: 'object',
              fields: {
                id: req(str({ nonEmpty: true })),
                code: req(str({ nonEmpty: true })),
                text: req(str({ nonEmpty: true })),
                coder: opt(str({ nonEmpty: true })),
              },
            }),
            delimiter: opt(str({ oneOf: [',', ';', '\t', '|'] })),
          },
        }),
      },
    }),
    segments: opt({
      kind: 'array',
      items: {
        kind: 'object',
        fields: { id: req({ kind: 'label' }), label: opt({ kind: 'label' }), plural: opt({ kind: 'label' }), singular: opt({ kind: 'label' }) },
      },
    }),
    codebookChanges: opt({
      kind: 'array',
      items: {
        kind: 'object',
        fields: {
          renamed: opt({ kind: 'label' }),
          merged: opt({ kind: 'labels' }),
          split: opt({ kind: 'label' }),
          retired: opt({ kind: 'labels' }),
          to: opt({ kind: 'labels' }),
        },
      },
    }),
    questions: opt({
      kind: 'array',
      items: {
        kind: 'object',
        fields: {
          id: req(str({ pattern: ID, patternText: 'lowercase letters, digits and hyphens' })),
          column: req(str({ nonEmpty: true })),
          label: opt({ kind: 'label' }),
          levels: req({ kind: 'array', items: { kind: 'number' } }),
          labels: opt({ kind: 'array', items: { kind: 'label' } }),
          topBox: opt({ kind: 'number', integer: true, min: 1 }),
        },
      },
    }),
    reliability: opt({
      kind: 'array',
      items: { kind: 'object', fields: { coder: req({ kind: 'label' }), path: req(str({ nonEmpty: true })) } },
    }),
    limits: opt({
      kind: 'object',
      fields: {
        maxFileBytes: opt({ kind: 'number', integer: true, min: 1 }),
        maxFieldChars: opt({ kind: 'number', integer: true, min: 1 }),
        maxColumns: opt({ kind: 'number', integer: true, min: 1 }),
      },
    }),
    privacy: opt({
      kind: 'object',
      fields: { respondentIds: opt(str({ oneOf: ['show', 'hash', 'omit'] })) },
    }),
    quotes: opt({
      kind: 'object',
      fields: {
        enabled: opt({ kind: 'boolean' }),
        perTheme: opt({ kind: 'number', integer: true, min: 0, max: 10 }),
        mask: opt({ kind: 'array', items: str({ nonEmpty: true }) }),
      },
    }),
    // Issue 17: how the study was done, for the report's methods appendix.
    study: opt({
      kind: 'object',
      fields: {
        fieldwork: opt({
          kind: 'object',
          fields: {
            start: opt(str({ pattern: DATE, patternText: 'a date as YYYY-MM-DD' })),
            end: opt(str({ pattern: DATE, patternText: 'a date as YYYY-MM-DD' })),
          },
        }),
        recruitment: opt({ kind: 'label' }),
        invited: opt({ kind: 'number', integer: true, min: 1 }),
      },
    }),
    report: opt({
      kind: 'object',
      fields: {
        confidence: opt({ kind: 'number', min: 0, max: 1, exclusive: true }),
        minBase: opt({ kind: 'number', integer: true, min: 0 }),
        keyFindings: opt({ kind: 'number', integer: true, min: 0, max: 20 }),
        alpha: opt({ kind: 'number', min: 0, max: 1, exclusive: true }),
        maxTestSegments: opt({ kind: 'number', integer: true, min: 2 }),
        note: opt({ kind: 'label' }),
        formats: opt({ kind: 'array', items: str({ oneOf: REPORT_FORMATS }) }),
        // Issue 15: the weighted estimate as the headline figure (default: true when a weight column exists).
        weighted: opt({ kind: 'boolean' }),
        // Issue 17: a theme and a closed question that measure the same idea; the summary gives both in one sentence.
        pairs: opt({ kind: 'array', items: { kind: 'object', fields: { theme: req({ kind: 'label' }), question: req({ kind: 'label' }) } } }),
      },
    }),
  },
};

/**
 * `data:` for the other layouts. Excerpts: one coded excerpt per row, the segment (and weight) either
 * in its own columns or joined by id from `data.respondents`. qdpx: a REFI-QDA project; the codebook
 * comes from the project unless `codebook:` names one, and the segment from a case variable.
 */
const excerptsData: Spec = {
  kind: 'object',
  fields: {
    path: req(str({ nonEmpty: true })),
    layout: opt(str({ oneOf: LAYOUTS })),
    columns: req({
      kind: 'object',
      fields: {
        id: req(str({ nonEmpty: true })),
        code: req(str({ nonEmpty: true })),
        text: req(str({ nonEmpty: true })),
        coder: opt(str({ nonEmpty: true })),
        segment: opt(str({ nonEmpty: true })),
        weight: opt(str({ nonEmpty: true })),
      },
    }),
    // issue 14: white space is a separator too (ATLAS.ti puts a quotation's codes one per line: "\n").
    separator: opt(str({ pattern: /^[\s\S]+$/, patternText: 'at least one character' })),
    delimiter: opt(str({ oneOf: [',', ';', '\t', '|'] })),
    primaryCoder: opt({ kind: 'label' }),
    respondents: opt({
      kind: 'object',
      fields: {
        path: req(str({ nonEmpty: true })),
        columns: req({
          kind: 'object',
          fields: { id: req(str({ nonEmpty: true })), segment: req(str({ nonEmpty: true })), weight: opt(str({ nonEmpty: true })) },
        }),
        delimiter: opt(str({ oneOf: [',', ';', '\t', '|'] })),
      },
    }),
  },
};

const qdpxData: Spec = {
  kind: 'object',
  fields: {
    path: req(str({ nonEmpty: true })),
    layout: opt(str({ oneOf: LAYOUTS })),
    // issue 14: the segment from, in this order, a case (or, without cases, source) variable, a set
    // the respondent's source or case is a member of, or a side file of respondents joined by name;
    // none of them: one group.
    segmentVariable: opt({ kind: 'label' }),
    segmentSets: opt({ kind: 'array', items: { kind: 'label' } }),
    respondents: opt({
      kind: 'object',
      fields: {
        path: req(str({ nonEmpty: true })),
        columns: req({ kind: 'object', fields: { id: req(str({ nonEmpty: true })), segment: req(str({ nonEmpty: true })) } }),
        delimiter: opt(str({ oneOf: [',', ';', '\t', '|'] })),
      },
    }),
    primaryCoder: opt({ kind: 'label' }),
  },
};

/** The config format for a data layout (an unknown layout is checked as respondents, and reported). */
function configSpecFor(layout: string, oneHotThemes = false): Spec {
  if (configSpec.kind === 'object' && oneHotThemes && layout !== 'excerpts' && layout !== 'qdpx') {
    // data.themeColumns replaces data.columns.themes, which is then optional.
    const data = configSpec.fields.data!.spec as Extract<Spec, { kind: 'object' }>;
    const columns = data.fields.columns!.spec as Extract<Spec, { kind: 'object' }>;
    const optionalThemes: Spec = { kind: 'object', fields: { ...columns.fields, themes: opt(str({ nonEmpty: true })) } };
    const dataSpec: Spec = { kind: 'object', fields: { ...data.fields, columns: req(optionalThemes) } };
    return { kind: 'object', fields: { ...configSpec.fields, data: req(dataSpec) } };
  }
  if (configSpec.kind !== 'object' || (layout !== 'excerpts' && layout !== 'qdpx')) return configSpec;
  const fields: Record<string, { spec: Spec; required?: boolean }> = { ...configSpec.fields, data: req(layout === 'excerpts' ? excerptsData : qdpxData) };
  if (layout === 'qdpx') fields.codebook = opt(str({ nonEmpty: true }));
  return { kind: 'object', fields };
}

// ---------------------------------------------------------------------------------------------
// Reading and normalizing

const MAX_CONFIG_BYTES = 1 << 20;

/** Plural noun from a label: "Funders" -> "funders", "LA County" stays. */
function pluralFromLabel(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

export interface ConfigSource {
  /** Absolute path of the config. */
  file: string;
  /** As the user named it, for messages. */
  displayFile: string;
  /** Working directory: paths in messages and reports are relative to it, never machine-absolute. */
  cwd: string;
}

/**
 * Read and validate a survey config. Returns null when it has errors (all of them reported).
 * `checkFiles` also verifies that the files it names exist (off for `findings init` templates).
 */
export function readConfig(source: ConfigSource, sink: DiagnosticSink, checkFiles = true): SurveyConfig | null {
  const at0 = { file: source.displayFile, line: 1, column: 1 };
  let text: string;
  let hash: { bytes: number; sha256: string };
  try {
    // Issue #20: only a regular file is read (a FIFO or /dev/zero would hang); see ingest/open-input.ts.
    const input = checkInputFile(source.file, source.displayFile);
    if (!input.ok && (input.kind === 'special' || input.kind === 'file-system')) {
      sink.report(diagnosticWithText(input.code, at0, input.message));
      return null;
    }
    const stats = statSync(source.file);
    if (stats.isDirectory()) {
      sink.report(diagnosticWithText('FND001', at0, `${source.displayFile} is a folder, not a survey config file`));
      return null;
    }
    if (stats.size > MAX_CONFIG_BYTES) {
      sink.report(diagnosticWithText('FND001', at0, `${source.displayFile} is ${stats.size} bytes; a survey config is at most ${MAX_CONFIG_BYTES} bytes`));
      return null;
    }
    const bytes = readFileSync(source.file);
    hash = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Issue #20: a file-system error other than a missing file says what to do (output/file-system-error.ts).
    const fsMessage = code === 'ENOENT' ? null : fileSystemMessage(error, 'read', source.displayFile);
    if (fsMessage !== null) {
      sink.report(diagnosticWithText('FND015', at0, fsMessage));
      return null;
    }
    const why = code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable');
    sink.report(diagnosticWithText('FND001', at0, `cannot read config ${source.displayFile}: ${why}`));
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  const walk: Walk = { doc, lines, file: source.displayFile, sink, ok: true, nodes: 0, where: new Map() };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col } = lines.linePos(error.pos[0]);
      const message = error.code === 'DUPLICATE_KEY' ? `duplicate key: ${firstLine(error.message)}` : firstLine(error.message);
      sink.report(diagnosticWithText('FND002', { file: source.displayFile, line, column: col }, message));
    }
    return null;
  }
  if (doc.contents === null) {
    sink.report(diagnosticWithText('FND005', at0, 'the config is empty; it needs at least id, codebook and data'));
    return null;
  }
  const layoutNode = isMap(doc.contents) ? doc.getIn(['data', 'layout'], true) : undefined;
  const layout = isScalar(layoutNode) && typeof layoutNode.value === 'string' ? layoutNode.value : 'respondents';
  const oneHot = isMap(doc.contents) && doc.getIn(['data', 'themeColumns'], true) !== undefined;
  const raw = walkNode(walk, doc.contents as YamlNode, configSpecFor(layout, oneHot), '', null) as RawConfig | undefined;
  if (!walk.ok || raw === undefined) return null;
  return normalize(raw, source, walk, sink, checkFiles, hash);
}

/** A path for messages and reports: relative to the working directory, with forward slashes. */
export function displayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  return (relative === '' ? path.basename(absolute) : relative).split(path.sep).join('/');
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

interface RawConfig {
  id: string;
  title?: string;
  round?: string;
  previous?: string;
  /** Optional only for layout qdpx (the project's own codebook). */
  codebook?: string;
  data: {
    path: string;
    layout?: DataLayout;
    /** Respondents layout: id, segment, weight, themes; excerpts: id, code, text, coder, segment, weight. */
    columns?: { id: string; segment?: string; weight?: string; themes?: string; code?: string; text?: string; coder?: string };
    separator?: string;
    delimiter?: string;
    primaryCoder?: string;
    excerpts?: { path: string; columns: { id: string; code: string; text: string; coder?: string }; delimiter?: string };
    respondents?: { path: string; columns: { id: string; segment: string; weight?: string }; delimiter?: string };
    segmentVariable?: string;
    segmentSets?: string[];
    format?: DataFormat;
    encoding?: DataEncoding;
    sheet?: string;
    includeUnfinished?: boolean;
    themeColumns?: { prefix?: string; columns?: Record<string, string> };
  };
  segments?: { id: string; label?: string; plural?: string; singular?: string }[];
  codebookChanges?: { renamed?: string; merged?: string[]; split?: string; retired?: string[]; to?: string[] }[];
  questions?: { id: string; column: string; label?: string; levels: number[]; labels?: string[]; topBox?: number }[];
  reliability?: { coder: string; path: string }[];
  report?: {
    confidence?: number;
    minBase?: number;
    keyFindings?: number;
    alpha?: number;
    maxTestSegments?: number;
    note?: string;
    formats?: ReportFormat[];
    weighted?: boolean;
    pairs?: { theme: string; question: string }[];
  };
  study?: { fieldwork?: { start?: string; end?: string }; recruitment?: string; invited?: number };
  limits?: { maxFileBytes?: number; maxFieldChars?: number; maxColumns?: number };
  privacy?: { respondentIds?: 'show' | 'hash' | 'omit' };
  quotes?: { enabled?: boolean; perTheme?: number; mask?: string[] };
}

/** Defaults of `limits`: generous for real surveys, small enough to stop a hostile file early. */
const DEFAULT_LIMITS = { maxFileBytes: 4 * 1024 ** 3, maxFieldChars: 1024 * 1024, maxColumns: 10_000 };

function normalize(
  raw: RawConfig,
  source: ConfigSource,
  walk: Walk,
  sink: DiagnosticSink,
  checkFiles: boolean,
  hash: { bytes: number; sha256: string },
): SurveyConfig | null {
  let ok = true;
  const dir = path.dirname(source.file);
  const at = (key: string) => ({ file: source.displayFile, ...(walk.where.get(key) ?? { line: 1, column: 1 }) });
  const resolveFile = (key: string, value: string) => {
    const absolute = path.resolve(dir, value);
    const display = displayPath(source.cwd, absolute);
    if (checkFiles) {
      let problem: string | null = null;
      // Issue #20: a FIFO, device or unreadable path is its own diagnostic (ingest/open-input.ts).
      const input = checkInputFile(absolute, display);
      if (!input.ok && (input.kind === 'special' || input.kind === 'file-system')) {
        ok = false;
        sink.report(diagnosticWithText(input.code, at(key), `${key}: ${input.message}`));
      } else if (!input.ok) problem = input.kind === 'folder' ? 'is a folder, not a file' : 'does not exist';
      if (problem) {
        ok = false;
        sink.report(diagnosticWithText('FND007', at(key), `${key}: ${value} ${problem} (looked for ${display})`));
      }
    }
    return { path: absolute, displayPath: display };
  };

  const layout: DataLayout = raw.data.layout ?? 'respondents';
  const data = resolveFile('data.path', raw.data.path);
  // A qdpx project carries its own codebook: `codebook:` may be left out, and then names the project.
  const codebook = raw.codebook === undefined ? data : resolveFile('codebook', raw.codebook);
  const layoutData = normalizeLayout(raw, layout, resolveFile, (key, message, code = 'FND006') => {
    ok = false;
    sink.report(diagnosticWithText(code, at(key), message));
  });
  const previous = raw.previous === undefined ? null : path.resolve(dir, raw.previous);
  if (raw.previous !== undefined) resolveFile('previous', raw.previous);

  // issue 14: where the segment comes from; with no source named, every respondent is in one group.
  const segmentFrom: SurveyConfig['data']['segmentFrom'] =
    layout === 'qdpx'
      ? raw.data.segmentVariable !== undefined
        ? 'variable'
        : (raw.data.segmentSets ?? []).length > 0
          ? 'sets'
          : raw.data.respondents !== undefined
            ? 'file'
            : 'none'
      : layout === 'excerpts'
        ? raw.data.respondents !== undefined || raw.data.columns?.segment !== undefined
          ? 'column'
          : 'none'
        : raw.data.columns?.segment !== undefined
          ? 'column'
          : 'none';
  if (segmentFrom === 'none' && (raw.segments ?? []).length > 0) {
    ok = false;
    const source =
      layout === 'qdpx'
        ? 'data.segmentVariable, data.segmentSets or data.respondents'
        : layout === 'excerpts'
          ? 'data.columns.segment or data.respondents'
          : 'data.columns.segment';
    sink.report(
      diagnosticWithText(
        'FND006',
        at('segments'),
        `segments: the config names no segment source (${source}), so every respondent is in one group; name one, or leave segments out`,
      ),
    );
  }
  const segments: SegmentConfig[] = segmentFrom === 'none' ? [{ ...ALL_SEGMENT }] : [];
  const seenSegments = new Set<string>();
  (raw.segments ?? []).forEach((s, i) => {
    if (seenSegments.has(s.id)) {
      ok = false;
      sink.report(diagnosticWithText('FND006', at(`segments[${i}].id`), `segments[${i}].id "${s.id}" is listed twice`));
    }
    seenSegments.add(s.id);
    const label = s.label ?? s.id;
    segments.push({ id: s.id, label, plural: s.plural ?? pluralFromLabel(label), ...(s.singular === undefined ? {} : { singular: s.singular }) });
  });

  const questions: QuestionConfig[] = [];
  const seenQuestions = new Set<string>();
  (raw.questions ?? []).forEach((q, i) => {
    const key = `questions[${i}]`;
    if (seenQuestions.has(q.id)) {
      ok = false;
      sink.report(diagnosticWithText('FND006', at(`${key}.id`), `${key}.id "${q.id}" is used by an earlier question`));
    }
    seenQuestions.add(q.id);
    const levels = q.levels;
    if (levels.length < 2) {
      ok = false;
      sink.report(diagnosticWithText('FND006', at(`${key}.levels`), `${key}.levels needs at least two levels`));
    }
    if (levels.some((v, j) => j > 0 && v <= levels[j - 1]!)) {
      ok = false;
      sink.report(diagnosticWithText('FND006', at(`${key}.levels`), `${key}.levels must be distinct and in increasing order`));
    }
    const labels = q.labels ?? levels.map(String);
    if (labels.length !== levels.length) {
      ok = false;
      sink.report(diagnosticWithText('FND006', at(`${key}.labels`), `${key}.labels has ${labels.length} labels for ${levels.length} levels`));
    }
    const topBox = q.topBox ?? Math.min(2, Math.max(1, levels.length - 1));
    if (topBox >= levels.length && levels.length >= 2) {
      ok = false;
      sink.report(diagnosticWithText('FND006', at(`${key}.topBox`), `${key}.topBox (${topBox}) must be smaller than the number of levels (${levels.length})`));
    }
    questions.push({ id: q.id, column: q.column, label: q.label ?? q.id, levels, labels, topBox });
  });
  // Issue 17: fieldwork ends on or after the day it starts (ISO dates compare as text).
  const fieldwork = raw.study?.fieldwork;
  if (fieldwork?.start !== undefined && fieldwork.end !== undefined && fieldwork.end < fieldwork.start) {
    ok = false;
    sink.report(
      diagnosticWithText('FND006', at('study.fieldwork.end'), `study.fieldwork.end (${fieldwork.end}) is before study.fieldwork.start (${fieldwork.start})`),
    );
  }

  const codebookChanges: CodebookMapping[] = [];
  (raw.codebookChanges ?? []).forEach((entry, i) => {
    const key = `codebookChanges[${i}]`;
    const kinds = (['renamed', 'merged', 'split', 'retired'] as const).filter((k) => entry[k] !== undefined);
    const bad = (message: string) => {
      ok = false;
      sink.report(diagnosticWithText('FND006', at(key), `${key} ${message}`));
    };
    if (kinds.length !== 1) return bad('needs exactly one of renamed, merged, split or retired');
    const kind = kinds[0]!;
    const from = kind === 'merged' || kind === 'retired' ? entry[kind]! : [entry[kind]!];
    const to = entry.to ?? [];
    if (kind === 'retired' && to.length > 0) return bad('retires codes, so it takes no "to"');
    if (kind !== 'retired' && to.length === 0) return bad(`needs "to": the code(s) of this round that ${from.join(', ')} became`);
    if ((kind === 'renamed' || kind === 'merged') && to.length !== 1) return bad(`${kind} codes become one code; "to" lists ${to.length}`);
    if (kind === 'merged' && from.length < 2) return bad('merges at least two codes');
    if (kind === 'split' && to.length < 2) return bad('splits one code into at least two');
    codebookChanges.push({ kind, from, to, at: at(key) });
  });

  const reliability = (raw.reliability ?? []).map((r, i) => ({ coder: r.coder, ...resolveFile(`reliability[${i}].path`, r.path) }));
  const coderNames = new Set<string>(layout === 'respondents' ? [raw.data.primaryCoder ?? 'A'] : []);
  (raw.reliability ?? []).forEach((r, i) => {
    const key = `reliability[${i}].coder`;
    if (layout !== 'respondents') {
      ok = false;
      const own = layout === 'qdpx' ? "the project's users are its coders" : 'give each excerpt its coder in data.columns.coder';
      sink.report(
        diagnosticWithText('FND006', at(`reliability[${i}]`), `reliability[${i}]: coder files are respondent rows like the data; with ${layout} data, ${own}`),
      );
    } else if (coderNames.has(r.coder)) {
      ok = false;
      const clash = layout === 'respondents' && r.coder === (raw.data.primaryCoder ?? 'A');
      sink.report(
        diagnosticWithText(
          'FND006',
          at(key),
          `${key} "${r.coder}" is ${clash ? `also the name of the data's own coder (data.primaryCoder, default "A"); give one of them another name` : 'used by an earlier entry'}`,
        ),
      );
    }
    coderNames.add(r.coder);
  });
  if (layout === 'qdpx' && (raw.questions ?? []).length > 0) {
    ok = false;
    sink.report(diagnosticWithText('FND006', at('questions'), 'questions: a qdpx project holds no closed questions; leave questions out'));
  }
  if (layout === 'excerpts' && (raw.questions ?? []).length > 0 && raw.data.respondents === undefined) {
    ok = false;
    sink.report(diagnosticWithText('FND006', at('questions'), 'questions: with excerpt data, closed questions are read from data.respondents; name that file'));
  }

  if (layout === 'respondents') {
    const one = raw.data.themeColumns;
    if (raw.data.columns?.themes !== undefined && one !== undefined) {
      ok = false;
      sink.report(
        diagnosticWithText(
          'FND006',
          at('data.themeColumns'),
          'data.themeColumns: themes come either from one column (data.columns.themes) or from one column per code; leave one of them out',
        ),
      );
    } else if (one !== undefined && one.prefix === undefined && Object.keys(one.columns ?? {}).length === 0) {
      ok = false;
      sink.report(diagnosticWithText('FND006', at('data.themeColumns'), 'data.themeColumns needs a prefix or columns (code: column name)'));
    }
    const format = raw.data.format ?? 'csv';
    if (raw.data.sheet !== undefined && format !== 'xlsx') {
      ok = false;
      sink.report(diagnosticWithText('FND006', at('data.sheet'), 'data.sheet names a sheet of a workbook; set data.format: xlsx, or leave it out'));
    }
    if (format === 'xlsx' && (raw.data.encoding !== undefined || raw.data.delimiter !== undefined)) {
      ok = false;
      const key = raw.data.encoding !== undefined ? 'data.encoding' : 'data.delimiter';
      sink.report(diagnosticWithText('FND006', at(key), `${key}: a workbook (data.format: xlsx) has no text encoding or delimiter; leave it out`));
    }
  }

  if (!ok) return null;
  const report = raw.report ?? {};
  return {
    file: source.file,
    displayFile: source.displayFile,
    hash,
    positions: walk.where,
    id: raw.id,
    title: raw.title ?? raw.id,
    round: raw.round ?? '',
    previous,
    codebook,
    data: {
      layout,
      path: data.path,
      displayPath: data.displayPath,
      ...layoutData,
      segmentFrom,
      separator: raw.data.separator ?? ';',
      delimiter: raw.data.delimiter ?? null,
      primaryCoder: raw.data.primaryCoder ?? null,
      format: raw.data.format ?? 'csv',
      encoding: raw.data.encoding ?? null,
      sheet: raw.data.sheet ?? null,
      includeUnfinished: raw.data.includeUnfinished ?? false,
      themeColumns:
        raw.data.themeColumns === undefined
          ? null
          : {
              prefix: raw.data.themeColumns.prefix ?? null,
              columns: Object.entries(raw.data.themeColumns.columns ?? {}).map(([code, column]) => ({ code, column })),
            },
    },
    segments,
    codebookChanges,
    questions,
    reliability,
    study: {
      fieldworkStart: raw.study?.fieldwork?.start ?? null,
      fieldworkEnd: raw.study?.fieldwork?.end ?? null,
      recruitment: raw.study?.recruitment ?? null,
      invited: raw.study?.invited ?? null,
    },
    limits: { ...DEFAULT_LIMITS, ...raw.limits },
    privacy: { respondentIds: raw.privacy?.respondentIds ?? 'show' },
    quotes: { enabled: raw.quotes?.enabled ?? true, perTheme: raw.quotes?.perTheme ?? 2, mask: raw.quotes?.mask ?? [] },
    report: {
      confidence: report.confidence ?? 0.95,
      minBase: report.minBase ?? 5,
      keyFindings: report.keyFindings ?? 5,
      alpha: report.alpha ?? 0.05,
      maxTestSegments: report.maxTestSegments ?? 50,
      note: report.note ?? null,
      // Issue 18: each format once, in the order given.
      formats: report.formats === undefined ? [...DEFAULT_REPORT_FORMATS] : [...new Set(report.formats)],
      // Issue 15: null means the default, weighted headline figures when a weight column exists.
      weighted: report.weighted ?? null,
      // Issue 17: theme–question pairs for the summary.
      pairs: (report.pairs ?? []).map(({ theme, question }) => ({ theme, question })),
    },
  };
}

type LayoutData = Pick<SurveyConfig['data'], 'columns' | 'excerptColumns' | 'respondents' | 'excerpts' | 'segmentVariable' | 'segmentSets'>;

/**
 * The layout-specific part of `data`: which columns hold what, the joined respondent file
 * (excerpts layout), the quotes file (respondents layout), the segment variable (qdpx).
 */
function normalizeLayout(
  raw: RawConfig,
  layout: DataLayout,
  resolveFile: (key: string, value: string) => { path: string; displayPath: string },
  fail: (key: string, message: string, code?: 'FND005' | 'FND006') => void,
): LayoutData {
  const columns = raw.data.columns ?? { id: '' };
  const none = { excerptColumns: null, respondents: null, excerpts: null, segmentVariable: null, segmentSets: [] as string[] };
  if (layout === 'qdpx') {
    // issue 14: a side file of respondents (segment by source or case name) comes after the project's own variables and sets.
    const side = raw.data.respondents;
    const respondents =
      side === undefined
        ? null
        : {
            ...resolveFile('data.respondents.path', side.path),
            columns: { id: side.columns.id, segment: side.columns.segment, weight: null },
            delimiter: side.delimiter ?? null,
          };
    return {
      ...none,
      columns: { id: '', segment: '', weight: null, themes: '' },
      segmentVariable: raw.data.segmentVariable ?? null,
      segmentSets: raw.data.segmentSets ?? [],
      respondents,
    };
  }
  if (layout === 'respondents') {
    const quotes = raw.data.excerpts;
    const file = quotes === undefined ? null : resolveFile('data.excerpts.path', quotes.path);
    return {
      ...none,
      columns: { id: columns.id, segment: columns.segment ?? '', weight: columns.weight ?? null, themes: columns.themes ?? '' },
      excerpts:
        quotes === undefined || file === null
          ? null
          : {
              ...file,
              columns: { id: quotes.columns.id, code: quotes.columns.code, text: quotes.columns.text, coder: quotes.columns.coder ?? null },
              delimiter: quotes.delimiter ?? null,
            },
    };
  }
  const joined = raw.data.respondents;
  if (joined !== undefined && columns.segment !== undefined) {
    fail('data.columns.segment', 'data.columns.segment: the segment is read from data.respondents; leave one of them out');
  }
  if (joined !== undefined && columns.weight !== undefined) {
    fail('data.columns.weight', 'data.columns.weight: the weight is read from data.respondents; leave one of them out');
  }
  // issue 14: neither data.columns.segment nor data.respondents: every respondent is in one group.
  const respondents =
    joined === undefined
      ? null
      : {
          ...resolveFile('data.respondents.path', joined.path),
          columns: { id: joined.columns.id, segment: joined.columns.segment, weight: joined.columns.weight ?? null },
          delimiter: joined.delimiter ?? null,
        };
  return {
    ...none,
    columns: {
      id: respondents?.columns.id ?? columns.id,
      segment: respondents?.columns.segment ?? columns.segment ?? '',
      weight: respondents?.columns.weight ?? columns.weight ?? null,
      themes: '',
    },
    excerptColumns: {
      id: columns.id,
      code: columns.code ?? '',
      text: columns.text ?? '',
      coder: columns.coder ?? null,
      segment: columns.segment ?? null,
      weight: columns.weight ?? null,
    },
    respondents,
  };
}

/**
 * Position of a config key's value (`data.primaryCoder`, `questions[0].column`), for diagnostics
 * raised after reading (e.g. a missing column): looked up in the positions recorded when the YAML was
 * parsed. A key the file does not set (a default) points at the top of the file.
 */
export function configPosition(config: SurveyConfig, key: string): { file: string; line: number; column: number } {
  return { file: config.displayFile, ...(config.positions.get(key) ?? { line: 1, column: 1 }) };
}
