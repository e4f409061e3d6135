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
import { fileSystemProblem } from './file-system-error.ts';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type Node as YamlNode } from 'yaml';
import type {
  CodebookMapping,
  DataEncoding,
  DataFormat,
  DataLayout,
  DiagnosticSink,
  QuestionConfig,
  QuestionType,
  RakeConfig,
  RakeMarginConfig,
  ReportFormat,
  RowFilter,
  SegmentConfig,
  SurveyConfig,
} from '../model.ts';
import { diagnostic, diagnosticWithText, say, type Message } from '../messages.ts';
import { ALL_SEGMENT } from '../model.ts';
import { opt, req, str, walkNode, type Spec, type Walk } from './config-schema.ts';

// ---------------------------------------------------------------------------------------------
// The format

const ID = /^[a-z0-9][a-z0-9-]*$/;
/** A calendar date, YYYY-MM-DD (quote it in YAML so it stays text). */
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const LAYOUTS = ['respondents', 'excerpts', 'qdpx'] as const;
const FORMATS = ['csv', 'qualtrics', 'surveymonkey', 'kobo', 'limesurvey', 'xlsx', 'spss'] as const; // spss: issue 16
/** report.formats (issue 18): the files a run writes; the office formats only when asked for. */
const REPORT_FORMATS = ['html', 'md', 'json', 'csv', 'docx', 'pptx', 'xlsx', 'png'] as const satisfies readonly ReportFormat[];
const DEFAULT_REPORT_FORMATS: ReportFormat[] = ['html', 'md', 'json', 'csv'];
const ENCODINGS = ['utf-8', 'utf-16', 'windows-1252'] as const;
/** issue 16: questions[].type. */
const QUESTION_TYPES = ['rating', 'single', 'multi', 'nps', 'numeric'] as const satisfies readonly QuestionType[];

/** Issue 15: `weighting.rake`, weights raked to population margins (column → category → share or count). */
const weightingSpec: Spec = {
  kind: 'object',
  fields: {
    rake: opt({
      kind: 'object',
      fields: {
        targets: req({ kind: 'record', values: { kind: 'record', values: { kind: 'number', min: 0, exclusive: true } } }),
        tolerance: opt({ kind: 'number', min: 0, max: 1, exclusive: true }),
        maxIterations: opt({ kind: 'number', integer: true, min: 1, max: 100_000 }),
        trim: opt({ kind: 'object', fields: { lower: opt({ kind: 'number', min: 0 }), upper: opt({ kind: 'number', min: 0, exclusive: true }) } }),
      },
    }),
  },
};
const weightingField = { weighting: opt(weightingSpec) };
/**
 * Issue 16: one condition of data.filter (recursive: all and any hold conditions). Which keys may be
 * combined is checked in normalizeFilter (FND040).
 */
const filterSpec: Extract<Spec, { kind: 'object' }> = {
  kind: 'object',
  fields: {
    column: opt(str({ nonEmpty: true })),
    equals: opt({ kind: 'label' }),
    in: opt({ kind: 'labels' }),
    min: opt({ kind: 'number' }),
    max: opt({ kind: 'number' }),
    notBlank: opt({ kind: 'boolean' }),
  },
};
filterSpec.fields.all = opt({ kind: 'array', items: filterSpec });
filterSpec.fields.any = opt({ kind: 'array', items: filterSpec });

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
        filter: opt(filterSpec), // issue 16
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
    banners: opt({ kind: 'array', items: str({ nonEmpty: true }) }), // issue 16
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
          // issue 16: not needed by a multi question read from one column per option (`columns`).
          column: opt(str({ nonEmpty: true })),
          label: opt({ kind: 'label' }),
          // issue 16: numbers or words, in order (rating), or the options (single, multi in one cell).
          levels: opt({ kind: 'array', items: { kind: 'label' } }),
          labels: opt({ kind: 'array', items: { kind: 'label' } }),
          topBox: opt({ kind: 'number', integer: true, min: 1 }),
          // issue 16: question types (questions.md in the README).
          type: opt(str({ oneOf: QUESTION_TYPES })),
          scores: opt({ kind: 'array', items: { kind: 'number' } }),
          bottomBox: opt({ kind: 'number', integer: true, min: 1 }),
          reverse: opt({ kind: 'boolean' }),
          columns: opt({ kind: 'array', items: str({ nonEmpty: true }) }),
          other: opt(str({ nonEmpty: true })),
          separator: opt(str({ pattern: /^[\s\S]+$/, patternText: 'at least one character' })),
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
    ...weightingField,
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
      sink.report(diagnostic(at0, input.problem));
      return null;
    }
    const stats = statSync(source.file);
    if (stats.isDirectory()) {
      sink.report(diagnostic(at0, say.FND001.folder(source.displayFile)));
      return null;
    }
    if (stats.size > MAX_CONFIG_BYTES) {
      sink.report(diagnostic(at0, say.FND001.tooLarge(source.displayFile, stats.size, MAX_CONFIG_BYTES)));
      return null;
    }
    const bytes = readFileSync(source.file);
    hash = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Issue #20: a file-system error other than a missing file says what to do (output/file-system-error.ts).
    const problem = code === 'ENOENT' ? null : fileSystemProblem(error, 'read', source.displayFile);
    if (problem !== null) {
      sink.report(diagnostic(at0, problem));
      return null;
    }
    sink.report(diagnostic(at0, say.FND001.unreadable(source.displayFile, code)));
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  const walk: Walk = { doc, lines, file: source.displayFile, sink, ok: true, nodes: 0, where: new Map() };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col } = lines.linePos(error.pos[0]);
      sink.report(diagnostic({ file: source.displayFile, line, column: col }, say.FND002.yaml(firstLine(error.message), error.code === 'DUPLICATE_KEY')));
    }
    return null;
  }
  if (doc.contents === null) {
    sink.report(diagnostic(at0, say.FND005.empty()));
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
    filter?: RawFilter;
  };
  banners?: string[];
  segments?: { id: string; label?: string; plural?: string; singular?: string }[];
  codebookChanges?: { renamed?: string; merged?: string[]; split?: string; retired?: string[]; to?: string[] }[];
  questions?: RawQuestion[];
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
  weighting?: {
    rake?: { targets: Record<string, Record<string, number>>; tolerance?: number; maxIterations?: number; trim?: { lower?: number; upper?: number } };
  };
}

/** data.filter as written (issue 16). */
interface RawFilter {
  column?: string;
  equals?: string;
  in?: string[];
  min?: number;
  max?: number;
  notBlank?: boolean;
  all?: RawFilter[];
  any?: RawFilter[];
}

/**
 * data.filter normalized (issue 16): a condition names a column and exactly one test (equals, in,
 * min and/or max, notBlank: true), or is exactly one of all / any with at least one condition.
 * Null when it is malformed (each problem reported at its key, FND040).
 */
function normalizeFilter(raw: RawFilter, key: string, fail: (at: string, shown: string, problem: string) => void): RowFilter | null {
  const groups = (['all', 'any'] as const).filter((k) => raw[k] !== undefined);
  const tests = (['equals', 'in', 'range', 'notBlank'] as const).filter((k) =>
    k === 'range' ? raw.min !== undefined || raw.max !== undefined : raw[k] !== undefined,
  );
  const named = (k: string) => (k === 'range' ? 'min/max' : k);
  if (groups.length > 0) {
    if (groups.length > 1 || raw.column !== undefined || tests.length > 0) {
      fail(
        key,
        key,
        `a condition is either all or any of other conditions, or a test on one column; this one mixes ${[...groups, ...(raw.column === undefined ? [] : ['column']), ...tests.map(named)].join(', ')}`,
      );
      return null;
    }
    const kind = groups[0]!;
    const list = raw[kind]!;
    if (list.length === 0) {
      fail(`${key}.${kind}`, `${key}.${kind}`, 'lists no conditions');
      return null;
    }
    const conditions = list.map((c, i) => normalizeFilter(c, `${key}.${kind}[${i}]`, fail));
    return conditions.every((c) => c !== null) ? { kind, conditions: conditions as RowFilter[] } : null;
  }
  if (raw.column === undefined) {
    fail(key, key, 'names no column (give column: and one of equals, in, min/max, notBlank; or all: / any: with conditions)');
    return null;
  }
  if (tests.length !== 1) {
    fail(
      key,
      key,
      tests.length === 0
        ? `column ${raw.column} has no test (equals, in, min/max or notBlank: true)`
        : `give one test per condition, not ${tests.map(named).join(' and ')} (combine them with all:)`,
    );
    return null;
  }
  const column = raw.column;
  const columnKey = `${key}.column`;
  switch (tests[0]!) {
    case 'equals':
      return { kind: 'equals', column, value: raw.equals!, key: columnKey };
    case 'in':
      if (raw.in!.length === 0) {
        fail(`${key}.in`, `${key}.in`, 'lists no values');
        return null;
      }
      return { kind: 'in', column, values: raw.in!, key: columnKey };
    case 'range': {
      const min = raw.min ?? null;
      const max = raw.max ?? null;
      if (min !== null && max !== null && min > max) {
        fail(`${key}.min`, key, `min (${min}) is greater than max (${max}), so no row could be kept`);
        return null;
      }
      return { kind: 'range', column, min, max, key: columnKey };
    }
    case 'notBlank':
      if (raw.notBlank !== true) {
        fail(`${key}.notBlank`, `${key}.notBlank`, 'false keeps every row; write notBlank: true, or leave the condition out');
        return null;
      }
      return { kind: 'notBlank', column, key: columnKey };
  }
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
      let folder: boolean | null = null;
      // Issue #20: a FIFO, device or unreadable path is its own diagnostic (ingest/open-input.ts).
      const input = checkInputFile(absolute, display);
      if (!input.ok && (input.kind === 'special' || input.kind === 'file-system')) {
        ok = false;
        sink.report(diagnostic(at(key), { ...input.problem, text: `${key}: ${input.problem.text}` }));
      } else if (!input.ok) folder = input.kind === 'folder';
      if (folder !== null) {
        ok = false;
        sink.report(diagnostic(at(key), say.FND007.named(key, value, folder, display)));
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
    sink.report(diagnosticWithText(code, at(key), message)); // a layout rule's words (normalizeLayout)
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
    sink.report(diagnostic(at('segments'), say.FND006.noSegmentSource(source)));
  }
  const segments: SegmentConfig[] = segmentFrom === 'none' ? [{ ...ALL_SEGMENT }] : [];
  const seenSegments = new Set<string>();
  (raw.segments ?? []).forEach((s, i) => {
    if (seenSegments.has(s.id)) {
      ok = false;
      sink.report(diagnostic(at(`segments[${i}].id`), say.FND006.segmentTwice(`segments[${i}].id`, s.id)));
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
      sink.report(diagnostic(at(`${key}.id`), say.FND006.questionIdUsed(`${key}.id`, q.id)));
    }
    seenQuestions.add(q.id);
    const question = normalizeQuestion(
      q,
      key,
      raw.data.separator ?? ';',
      (where, message) => {
        ok = false;
        sink.report(diagnosticWithText('FND006', at(where), message)); // a question rule's words (normalizeQuestion)
      },
      (where, column) => sink.report(diagnostic(at(where), say.FND335.question(q.id, column))),
    );
    if (question !== null) questions.push(question);
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
      sink.report(diagnostic(at(key), say.FND006.atKey(key, message)));
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
      sink.report(diagnostic(at(`reliability[${i}]`), say.FND006.coderFilesNeedRespondents(`reliability[${i}]`, layout)));
    } else if (coderNames.has(r.coder)) {
      ok = false;
      const clash = layout === 'respondents' && r.coder === (raw.data.primaryCoder ?? 'A');
      sink.report(diagnostic(at(key), say.FND006.coderNameUsed(key, r.coder, clash)));
    }
    coderNames.add(r.coder);
  });
  if (layout === 'qdpx' && (raw.questions ?? []).length > 0) {
    ok = false;
    sink.report(diagnostic(at('questions'), say.FND006.qdpxQuestions()));
  }
  if (layout === 'excerpts' && questions.some((q) => q.optionColumns.length > 0 || q.other !== null)) {
    // issue 16: the respondent file of excerpt data is read column by column from questions[].column.
    ok = false;
    sink.report(diagnostic(at('questions'), say.FND006.excerptMulti()));
  }
  if (layout === 'excerpts' && (raw.questions ?? []).length > 0 && raw.data.respondents === undefined) {
    ok = false;
    sink.report(diagnostic(at('questions'), say.FND006.excerptQuestions()));
  }

  if (layout === 'respondents') {
    const one = raw.data.themeColumns;
    if (raw.data.columns?.themes !== undefined && one !== undefined) {
      ok = false;
      sink.report(diagnostic(at('data.themeColumns'), say.FND006.themeColumnsTwice()));
    } else if (one !== undefined && one.prefix === undefined && Object.keys(one.columns ?? {}).length === 0) {
      ok = false;
      sink.report(diagnostic(at('data.themeColumns'), say.FND006.themeColumnsEmpty()));
    }
    const format = raw.data.format ?? 'csv';
    if (raw.data.sheet !== undefined && format !== 'xlsx') {
      ok = false;
      sink.report(diagnostic(at('data.sheet'), say.FND006.sheetWithoutWorkbook()));
    }
    if (format === 'xlsx' && (raw.data.encoding !== undefined || raw.data.delimiter !== undefined)) {
      ok = false;
      const key = raw.data.encoding !== undefined ? 'data.encoding' : 'data.delimiter';
      sink.report(diagnostic(at(key), say.FND006.noTextOptions(key, 'xlsx')));
    }
    // Issue 16: an SPSS file records its own encoding and has no delimiter.
    if (format === 'spss' && (raw.data.encoding !== undefined || raw.data.delimiter !== undefined)) {
      ok = false;
      const key = raw.data.encoding !== undefined ? 'data.encoding' : 'data.delimiter';
      sink.report(diagnostic(at(key), say.FND006.noTextOptions(key, 'spss')));
    }
  }

  // Issue 16: data.filter and banners.
  const filter =
    raw.data.filter === undefined
      ? null
      : normalizeFilter(raw.data.filter, 'data.filter', (key, shown, problem) => {
          ok = false;
          sink.report(diagnostic(at(key), say.FND040(shown, problem)));
        });
  const banners: { column: string; key: string }[] = [];
  (raw.banners ?? []).forEach((column, i) => {
    const key = `banners[${i}]`;
    const segmentColumn = raw.data.columns?.segment;
    if (column === segmentColumn) {
      // The segment column is the first banner whether listed or not; listed, it must come first.
      if (i !== 0) {
        ok = false;
        sink.report(
          diagnostic(
            at(key),
            say.FND041(key, `${column} is the segment column (data.columns.segment), always the first banner; list it first or leave it out`),
          ),
        );
      }
      return;
    }
    if (banners.some((b) => b.column === column)) {
      ok = false;
      sink.report(diagnostic(at(key), say.FND041(key, `${column} is listed twice`)));
      return;
    }
    if (column === raw.data.columns?.id || column === raw.data.columns?.weight || column === raw.data.columns?.themes) {
      ok = false;
      sink.report(diagnostic(at(key), say.FND041(key, `${column} is the id, weight or themes column, not a grouping of respondents`)));
      return;
    }
    banners.push({ column, key });
  });
  if (layout !== 'respondents' && (raw.banners ?? []).length > 0) {
    ok = false;
    sink.report(diagnostic(at('banners'), say.FND041('banners', 'only respondent-per-row data (layout respondents) have banner columns')));
  }
  if (banners.length > 0 && raw.weighting?.rake !== undefined) {
    // A banner is tallied as the respondents are read, before the weights are raked: its figures would not be raked.
    ok = false;
    sink.report(
      diagnostic(at('banners'), say.FND041('banners', 'banners cannot yet be combined with weighting.rake (their figures would not use the raked weights)')),
    );
  }

  const rake = normalizeRake(raw, segmentFrom, layout, at, sink);
  if (rake === undefined) ok = false;

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
      filter,
    },
    banners,
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
    weighting: { rake: rake ?? null },
  };
}

/** survey::rake's defaults are epsilon = 1 (a count) and maxit = 10; a share of the total and more passes suit configs written by hand. */
const RAKE_DEFAULTS = { tolerance: 1e-6, maxIterations: 50 };
/** How far shares may sum from 1, and count margins' totals from each other (relative). */
const RAKE_SUM_TOLERANCE = 1e-6;

/**
 * Issue 15: weighting.rake, checked as far as the config alone allows (the categories are checked
 * against the data after reading: pipeline.ts). Null without raking; undefined when reported.
 */
function normalizeRake(
  raw: RawConfig,
  segmentFrom: SurveyConfig['data']['segmentFrom'],
  layout: DataLayout,
  at: (key: string) => { file: string; line: number; column: number },
  sink: DiagnosticSink,
): RakeConfig | null | undefined {
  const given = raw.weighting?.rake;
  if (given === undefined) return null;
  let ok = true;
  const fail = (key: string, message: Message) => {
    ok = false;
    sink.report(diagnostic(at(key), message));
  };
  const weightColumn = raw.data.columns?.weight ?? raw.data.respondents?.columns.weight;
  if (weightColumn !== undefined) fail('weighting.rake', say.FND021(weightColumn));
  const segmentColumn = raw.data.columns?.segment ?? raw.data.respondents?.columns.segment ?? null;
  const margins: RakeMarginConfig[] = [];
  for (const [key, values] of Object.entries(given.targets)) {
    const where = `weighting.rake.targets.${key}`;
    if (values === undefined || values === null) continue; // a wrong type, already reported
    const segment = key === 'segment' || key === segmentColumn;
    if (segment && segmentFrom === 'none') {
      fail(where, say.FND020.noSegment(key));
      continue;
    }
    if (!segment && layout !== 'respondents') {
      fail(where, say.FND020.layout(key, layout));
      continue;
    }
    if (margins.some((m) => m.segment === segment && (segment || m.column === key))) {
      fail(where, say.FND020.twice(key));
      continue;
    }
    const targets = Object.entries(values).map(([category, value]) => ({ category, value }));
    if (targets.some((t) => typeof t.value !== 'number')) {
      ok = false; // a wrong type, already reported
      continue;
    }
    if (targets.length === 0) {
      fail(where, say.FND022.empty(key));
      continue;
    }
    const sum = targets.reduce((a, t) => a + t.value, 0);
    const kind = targets.every((t) => t.value <= 1) ? 'shares' : 'counts';
    if (kind === 'shares' && Math.abs(sum - 1) > RAKE_SUM_TOLERANCE) fail(where, say.FND022.shares(key, sum));
    margins.push({ key, segment, column: segment ? (segmentColumn ?? key) : key, kind, targets });
  }
  const counted = margins.filter((m) => m.kind === 'counts');
  if (counted.length > 1) {
    const first = counted[0]!;
    const total = first.targets.reduce((a, t) => a + t.value, 0);
    for (const other of counted.slice(1)) {
      const otherTotal = other.targets.reduce((a, t) => a + t.value, 0);
      if (Math.abs(otherTotal - total) > RAKE_SUM_TOLERANCE * total)
        fail(`weighting.rake.targets.${other.key}`, say.FND022.totals(other.key, otherTotal, first.key, total));
    }
  }
  if (margins.length === 0 && ok) fail('weighting.rake.targets', say.FND022.none());
  const lower = given.trim?.lower ?? null;
  const upper = given.trim?.upper ?? null;
  if (lower !== null && upper !== null && lower >= upper) {
    ok = false;
    sink.report(diagnostic(at('weighting.rake.trim'), say.FND006.trimOrder(lower, upper)));
  }
  if (!ok) return undefined;
  return {
    margins,
    tolerance: given.tolerance ?? RAKE_DEFAULTS.tolerance,
    maxIterations: given.maxIterations ?? RAKE_DEFAULTS.maxIterations,
    trim: given.trim === undefined ? null : { lower, upper },
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

// ---------------------------------------------------------------------------------------------
// issue 16: question types

interface RawQuestion {
  id: string;
  column?: string;
  label?: string;
  levels?: string[];
  labels?: string[];
  topBox?: number;
  type?: QuestionType;
  scores?: number[];
  bottomBox?: number;
  reverse?: boolean;
  columns?: string[];
  other?: string;
  separator?: string;
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** The NPS scale: 0 to 10. */
const NPS_LEVELS = Array.from({ length: 11 }, (_, i) => i);

/**
 * One question of the config, its type's keys checked and its defaults filled. Levels are kept in
 * ascending score order: a reverse-scored rating's levels are turned round (the config's first
 * level gets the highest score), so the top box is always the highest scores.
 */
function normalizeQuestion(
  q: RawQuestion,
  key: string,
  dataSeparator: string,
  bad: (where: string, message: string) => void,
  otherFound: (where: string, column: string) => void,
): QuestionConfig | null {
  const type: QuestionType = q.type ?? 'rating';
  const only = (field: keyof RawQuestion, types: QuestionType[]) => {
    if (q[field] !== undefined && !types.includes(type)) bad(`${key}.${field}`, `${key}.${field} is for ${types.join(' and ')} questions; this one is ${type}`);
  };
  only('scores', ['rating']);
  only('reverse', ['rating']);
  only('bottomBox', ['rating']);
  only('topBox', ['rating']);
  only('columns', ['multi']);
  only('other', ['multi']);
  only('separator', ['multi']);
  let optionColumns = q.columns ?? [];
  let other = q.other ?? null;
  if (type === 'multi' && other === null) {
    // A free-text "other" column listed among the options (LimeSurvey's Q3[other], "Other (please specify)"): its answers, not a tick.
    const j = optionColumns.findIndex(looksLikeOther);
    if (j !== -1) {
      other = optionColumns[j]!;
      otherFound(`${key}.columns[${j}]`, other);
      optionColumns = optionColumns.filter((_, k) => k !== j);
    }
  }
  if (q.column === undefined && !(type === 'multi' && optionColumns.length > 0)) {
    bad(key, type === 'multi' ? `${key} needs "column" (the options joined in one cell) or "columns" (one column per option)` : `${key} needs "column"`);
    return null;
  }
  if (type === 'multi' && q.column !== undefined && optionColumns.length > 0) {
    bad(`${key}.columns`, `${key} gives both "column" and "columns"; a multi question is one joined cell or one column per option`);
    return null;
  }
  const base = {
    id: q.id,
    column: q.column ?? '',
    label: q.label ?? q.id,
    type,
    reverse: false,
    optionColumns: [] as string[],
    other: null as string | null,
    separator: q.separator ?? dataSeparator,
  };

  if (type === 'numeric') {
    if (q.levels !== undefined || q.labels !== undefined) bad(`${key}.levels`, `${key} is numeric: its answers are numbers, with no levels`);
    return { ...base, levels: [], labels: [], keys: [], topBox: 0, bottomBox: 0, words: false };
  }
  if (type === 'nps') {
    // Written out (as inspect proposes them), the levels must be 0 to 10 in order.
    if (q.levels !== undefined && (q.levels.length !== 11 || q.levels.some((level, i) => String(level) !== String(i))))
      bad(`${key}.levels`, `${key} is nps: its levels are 0 to 10, not configurable`);
    const labels = q.labels ?? NPS_LEVELS.map(String);
    if (labels.length !== 11) bad(`${key}.labels`, `${key}.labels has ${labels.length} labels for the 11 levels 0 to 10`);
    return { ...base, levels: [...NPS_LEVELS], labels, keys: NPS_LEVELS.map(String), topBox: 2, bottomBox: 7, words: false };
  }

  // rating, single, multi: the levels (options) as written.
  let keys = q.levels ?? [];
  if (type === 'multi' && optionColumns.length > 0) {
    if (q.levels !== undefined) bad(`${key}.levels`, `${key} reads one column per option: name them in "columns" (and their texts in "labels")`);
    if (q.other !== undefined && optionColumns.includes(q.other)) bad(`${key}.other`, `${key}.other (${q.other}) is also among its columns`);
    keys = optionColumns;
  }
  if (q.levels === undefined && !(type === 'multi' && optionColumns.length > 0)) {
    bad(key, `${key} needs "levels"${type === 'multi' ? ' (the options joined in its cell) or "columns"' : ''}`);
    return null;
  }
  if (keys.length < (type === 'multi' ? 1 : 2)) bad(`${key}.levels`, `${key}.levels needs at least ${type === 'multi' ? 'one option' : 'two levels'}`);
  const lower = keys.map((k) => k.trim().toLowerCase());
  if (new Set(lower).size !== lower.length) bad(`${key}.levels`, `${key}.levels must be distinct (compared without case)`);
  let labels = q.labels ?? (type === 'multi' && optionColumns.length > 0 ? optionColumns.map(choiceOf) : [...keys]);
  // Reported after the levels' order (a rating's first problem is its levels), in config key order.
  const givenLabels = labels.length;
  const checkLabels = () => {
    if (givenLabels !== keys.length)
      bad(`${key}.labels`, `${key}.labels has ${givenLabels} labels for ${keys.length} ${type === 'rating' ? 'levels' : 'options'}`);
  };
  if (givenLabels !== keys.length) labels = [...keys];
  const numeric = keys.every((k) => NUMBER_TEXT.test(k.trim()));
  if (type !== 'rating') {
    checkLabels();
    const positions = keys.map((_, j) => j + 1);
    return { ...base, optionColumns: [...optionColumns], other, levels: positions, labels, keys: [...keys], topBox: 0, bottomBox: 0, words: true };
  }

  // rating: scores are the numeric levels, or `scores`, or 1..k for words.
  let scores = q.scores ?? (numeric ? keys.map(Number) : keys.map((_, j) => j + 1));
  if (q.scores !== undefined && q.scores.length !== keys.length) {
    bad(`${key}.scores`, `${key}.scores has ${q.scores.length} scores for ${keys.length} levels`);
    scores = keys.map((_, j) => j + 1);
  }
  if (scores.some((v, j) => j > 0 && v <= scores[j - 1]!)) {
    bad(
      `${key}.${q.scores === undefined ? 'levels' : 'scores'}`,
      `${key}.${q.scores === undefined ? 'levels' : 'scores'} must be distinct and in increasing order`,
    );
  }
  checkLabels();

  const reverse = q.reverse === true;
  if (reverse) {
    // Reverse scoring: the score s becomes min + max − s, and the levels run from the new lowest.
    const [low, high] = [scores[0]!, scores[scores.length - 1]!];
    scores = scores.map((v) => low + high - v).reverse();
    keys = [...keys].reverse();
    labels = [...labels].reverse();
  }
  const topBox = q.topBox ?? Math.min(2, Math.max(1, keys.length - 1));
  if (topBox >= keys.length && keys.length >= 2) bad(`${key}.topBox`, `${key}.topBox (${topBox}) must be smaller than the number of levels (${keys.length})`);
  // Default: as many as the top box, fewer when the two would overlap (a three-level item: top 2, bottom 1).
  const bottomBox = q.bottomBox ?? Math.max(1, Math.min(topBox, keys.length - topBox));
  if (bottomBox >= keys.length && keys.length >= 2)
    bad(`${key}.bottomBox`, `${key}.bottomBox (${bottomBox}) must be smaller than the number of levels (${keys.length})`);
  else if (topBox < keys.length && topBox + bottomBox > keys.length)
    bad(
      q.bottomBox === undefined ? `${key}.topBox` : `${key}.bottomBox`,
      `${key}: the top box (${topBox}) and the bottom box (${bottomBox}) overlap in ${keys.length} levels`,
    );
  const words = !numeric || q.scores !== undefined || reverse;
  return { ...base, reverse, levels: scores, labels, keys: [...keys], topBox, bottomBox, words };
}

/** A column name that says it holds free-text "other" answers (LimeSurvey `Q3[other]`, Kobo `q_other`, SurveyMonkey "Other (please specify)"). */
export function looksLikeOther(column: string): boolean {
  return /\[other\]$|(^|[_./\s-])other$|please specify/i.test(column.trim());
}

/** The choice text of a column named "Question | Choice" (SurveyMonkey), else the column name. */
function choiceOf(column: string): string {
  const bar = column.lastIndexOf(' | ');
  return bar === -1 ? column : column.slice(bar + 3);
}
