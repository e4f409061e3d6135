/**
 * The findings pipeline: one survey round from config to report folder. Read this first.
 *
 *   surveys/<round>.yaml ──readConfig──────────▶ SurveyConfig            (FND0xx, exit 2)
 *   codebook.csv ─────────readCodebook─────────▶ RawTheme[]
 *                         validateCodebook─────▶ Codebook                (FND1xx, exit 2)
 *   data.csv (UTF-8) ─────readRespondentsFast──▶ rows scanned from bytes (worker threads), applied in file order:
 *                         fast rows ──IdSet, TallyState.addRow; rows in doubt ──papaparse + validateRespondents
 *                         (ingest/fast/: the same outcome as the ordinary reader below, only faster)
 *   data.csv ─────────────readRespondents──────▶ batches of raw rows with positions (streamed)
 *                         (readData: data.format csv | qualtrics | surveymonkey | kobo | limesurvey | xlsx,
 *                          data.encoding; ingest/formats/ drops platform header rows, marks unfinished responses)
 *                         validateRespondents──▶ ValidRespondent + ledger (FND2xx, exit 1)
 *                         TallyState.add ──────▶ sums in typed arrays (no row kept)
 *   excerpts.csv | .qdpx ─readExcerptData (readExcerpts | readQdpx → ExcerptCollector) ──▶ ValidRespondent
 *                         (layout excerpts/qdpx: one coded excerpt per row; per respondent, the primary coder's codes)
 *   data.excerpts, reliability files ──readRoundExtras──▶ quote candidates, other coders' codings
 *   quote candidates ─────selectQuotes (maskIdentifiers) ──▶ results.quotes (FND310 where masked)
 *   codings ──────────────tallyReliability ───▶ results.reliability (per theme and pooled agreement)
 *   TallyState ───────────tallyThemes, tallyCooccurrence, tallyQuestions ──▶ Results (results.json)
 *   previous round ───────readRound(into this round's codebook, via codebookChanges) ──compareRounds──▶ results.change
 *   Results ──────────────buildCharts ─────────▶ Vega-Lite specs ──renderSvg──▶ SVG
 *   Results + charts ─────renderReport ────────▶ files ──writeFolderAtomically──▶ reports/<id>/
 *
 * Each stage takes the diagnostics sink explicitly and reports the user's mistakes as values;
 * nothing here prints. `analyzeRound` is everything up to Results; `renderReport` is pure;
 * the CLI decides what to write and which exit code to give.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type {
  ChangeResult,
  Codebook,
  CodebookMapping,
  DiagnosticSink,
  InputFile,
  Position,
  RejectedRow,
  Results,
  SegmentConfig,
  SurveyConfig,
} from './model.ts';
import { diagnostic } from './messages.ts';
import { configPosition, readConfig, displayPath } from './ingest/read-config.ts';
import { readCodebook } from './ingest/read-codebook.ts';
import { readRespondents } from './ingest/read-respondents.ts';
import { validateCodebook } from './validate/validate-codebook.ts';
import { createRespondentValidator, SegmentRegistry, type Ledger } from './validate/validate-respondents.ts';
import { translateCodebook, type Translation } from './validate/translate-codebook.ts';
import { compareRounds, type RoundTally } from './tally/compare-rounds.ts';
import { TallyState } from './tally/tally-state.ts';
import { tallyThemes } from './tally/tally-themes.ts';
import { tallyCooccurrence } from './tally/tally-cooccurrence.ts';
import { tallyQuestions } from './tally/tally-questions.ts';
import { kishEffectiveN } from './stats/kish-effective-n.ts';
import type { QuoteResult } from './model.ts';
import type { Codings, KnownRespondents, QuoteCandidate } from './validate/validate-excerpts.ts';
import { readExcerptData } from './ingest/read-excerpt-data.ts';
import { readRoundExtras } from './ingest/read-round-extras.ts';
import { selectQuotes } from './quotes/select-quotes.ts';
import { tallyReliability } from './tally/tally-reliability.ts';
import { guardIo } from './ingest/guard-io.ts';
import { readRespondentsFast, type FastReadOptions } from './ingest/fast/read-fast.ts';

export interface Analysis {
  config: SurveyConfig;
  codebook: Codebook;
  results: Results;
}

/** How to read the data: the fast reader's threads and block size, progress, or the ordinary reader only. */
export interface ReadOptions extends FastReadOptions {
  /** 'papaparse' reads every row through papaparse and the rules (the reference the fast reader is tested against). */
  reader?: 'fast' | 'papaparse';
}

/** Why an analysis stopped before producing results. */
export type Stopped = { stopped: 'config' } | { stopped: 'data' };

/** One round read and tallied, before its figures are worked out. */
export interface Round {
  config: SurveyConfig;
  /** The round's own codebook. */
  codebook: Codebook;
  segments: SegmentConfig[];
  state: TallyState;
  ledger: Ledger;
  warnings: RejectedRow[];
  inputs: InputFile[];
  /** Each coder's coding of the respondents, when two or more coders are named (this round only, not a previous one). */
  codings?: Codings | null;
  /** De-identified quotes (this round only). */
  quotes?: QuoteResult[];
}

/** Tally a round into another round's codebook (for comparisons): see translateCodebook. */
export interface IntoCodebook {
  codebook: Codebook;
  mappings: readonly CodebookMapping[];
  currentRound: string;
  /** Where a vanished-code warning points: the comparing config's `previous` key. */
  at: Position;
}

/**
 * Read, validate and tally one round. Returns the round, or why it stopped: 'config' when the
 * config, codebook or column mapping is unusable (exit 2), 'data' when the data file cannot be read
 * at all (exit 1). Row-level errors do not stop it: the rows are rejected and listed in the ledger.
 * With `into`, the round's codes are mapped onto another round's codebook as they are tallied.
 */
export async function readRound(
  configFile: string,
  cwd: string,
  sink: DiagnosticSink,
  into?: IntoCodebook,
  options: ReadOptions = {},
): Promise<(Round & { translation: Translation | null }) | Stopped> {
  const absolute = path.resolve(cwd, configFile);
  const config = readConfig({ file: absolute, displayFile: displayPath(cwd, absolute), cwd }, sink);
  if (config === null) return { stopped: 'config' };
  const inputs: InputFile[] = [{ role: 'config', file: config.displayFile, ...config.hash }];

  const codebookFile = await guardIo(config.codebook.displayPath, sink, () => readCodebook(config.codebook.path, config.codebook.displayPath, sink));
  if (codebookFile === null) return { stopped: 'config' };
  inputs.push({ role: 'codebook', file: config.codebook.displayPath, bytes: codebookFile.bytes, sha256: codebookFile.sha256 });
  const codebook = validateCodebook(codebookFile.entries, config.data.separator, config.codebook.displayPath, sink, codebookFile.groups);
  if (codebook === null) return { stopped: 'config' };

  let translation: Translation | null = null;
  if (into !== undefined) {
    translation = translateCodebook(codebook, into.codebook, into.mappings, { previousRound: roundName(config), currentRound: into.currentRound }, into.at, sink);
    if (translation === null) return { stopped: 'config' };
  }

  const segments = new SegmentRegistry(config.segments);
  const validator = createRespondentValidator(config, translation?.previous ?? codebook, segments, sink, translation?.size);
  const state = new TallyState(
    translation?.size ?? codebook.themes.length,
    config.questions.map((q) => q.levels),
  );
  if (config.data.layout !== 'respondents') {
    const read = await readExcerptData(config, translation?.previous ?? codebook, segments, sink, translation?.size);
    if ('stopped' in read) return read;
    inputs.push(...read.inputs);
    for (const respondent of read.respondents) state.add(respondent);
    const round = { config, codebook, segments: segments.segments, state, ledger: read.ledger, warnings: read.warnings, inputs, translation };
    return finishRound(round, segments, into === undefined ? { codings: read.codings, quotes: read.quotes } : null, sink, codebookFile.warnings ?? []);
  }
  // What quotes and coder agreement need of the data's respondents (this round only).
  const known: KnownRespondents | null =
    into === undefined && (config.data.excerpts !== null || config.reliability.length > 0) ? { valid: new Map(), lines: new Map(), where: 'the data' } : null;
  const dataBytes = options.onProgress === undefined ? 0 : statSizeOrZero(config.data.path);
  const target = { validator, state, segments, codebook: translation?.previous ?? codebook, spaceSize: translation?.size ?? codebook.themes.length };
  const fast =
    known === null && options.reader !== 'papaparse'
      ? await guardIo(config.data.displayPath, sink, async () => (await readRespondentsFast(config, sink, target, options)) ?? 'not-read')
      : 'not-read';
  if (fast === null) return { stopped: 'data' };
  const outcome = fast !== 'not-read' ? fast : await guardIo(config.data.displayPath, sink, () =>
    readRespondents(config, sink, (batch, columns) => {
      if (known !== null) {
        batch.rows.forEach((row, r) => {
          const id = row[columns.id]?.trim() ?? '';
          if (id !== '' && !known.lines.has(id)) known.lines.set(id, batch.lines[r]!);
        });
      }
      for (const respondent of validator.validate(batch, columns)) {
        state.add(respondent);
        known?.valid.set(respondent.id, respondent);
      }
    }, options.onProgress === undefined ? undefined : (bytes) => options.onProgress!({ file: config.data.displayPath, bytes, totalBytes: dataBytes, rows: validator.ledger.rowsRead })),
  );
  if (outcome === null) return { stopped: 'data' };
  inputs.push({ role: 'data', file: config.data.displayPath, bytes: outcome.bytes, sha256: outcome.sha256 });
  validator.warnings.unshift(...(outcome.warnings ?? []));
  if (outcome.status === 'no-columns') return { stopped: 'config' };
  if (outcome.status === 'unreadable') return { stopped: 'data' };
  const at = { file: config.data.displayPath, line: 1, column: 1 };
  if (outcome.status === 'empty') {
    sink.report(diagnostic('FND201', at, `${config.data.displayPath} is empty: it needs a header row and one row per respondent`));
    return { stopped: 'data' };
  }
  if (validator.ledger.rowsRead === 0) {
    sink.report(diagnostic('FND202', at, `${config.data.displayPath} has a header but no data rows`));
    return { stopped: 'data' };
  }
  let extras: { codings: Codings | null; quotes: QuoteCandidate[] } | null = null;
  if (known !== null) {
    const read = await readRoundExtras(config, codebook, segments, known, sink);
    if (read === null) return { stopped: 'config' };
    inputs.push(...read.inputs);
    validator.warnings.push(...read.warnings);
    extras = read;
  }
  const round = { config, codebook, segments: segments.segments, state, ledger: validator.ledger, warnings: validator.warnings, inputs, translation };
  return finishRound(round, segments, into === undefined ? (extras ?? { codings: null, quotes: [] }) : null, sink, codebookFile.warnings ?? []);
}

/**
 * The end of reading a round, whatever its layout: warn about listed segments nobody belongs to,
 * and, for the round being reported (not a previous one), choose its quotes and keep its codings.
 */
function finishRound<R extends Round>(
  round: R,
  segments: SegmentRegistry,
  extras: { codings: Codings | null; quotes: QuoteCandidate[] } | null,
  sink: DiagnosticSink,
  codebookWarnings: RejectedRow[] = [],
): R {
  const { config, state } = round;
  round.warnings.unshift(...codebookWarnings); // issue 14: warnings raised reading the codebook (repeated REFI-QDA code names)
  segments.segments.forEach((segment, i) => {
    // Only segments the config lists: one met in the data whose respondents were all rejected was never listed.
    if (i < config.segments.length && (state.segments[i]?.respondents ?? 0) === 0) {
      const where = configPosition(config, 'segments');
      const message = `segment "${segment.id}" is listed in the config but no respondent belongs to it`;
      sink.report(diagnostic('FND303', where, message));
      round.warnings.push({ ...where, code: 'FND303', message });
    }
  });
  state.segment(segments.segments.length - 1);
  if (extras === null) return round;
  round.codings = extras.codings;
  round.quotes = [];
  if (config.quotes.enabled) {
    const mentions = round.codebook.themes.map((_, t) => state.segments.reduce((a, s) => a + (s.mentions[t] ?? 0), 0));
    const chosen = selectQuotes(
      extras.quotes,
      {
        codebook: round.codebook,
        mentions,
        segments: segments.segments,
        segmentSizes: segments.segments.map((_, i) => state.segments[i]?.respondents ?? 0),
        minBase: config.report.minBase,
        perTheme: config.quotes.perTheme,
        mask: config.quotes.mask,
      },
      sink,
    );
    round.quotes = chosen.quotes;
    round.warnings.push(...chosen.warnings);
  }
  return round;
}

/** Work out every figure of results.json for a round (and its change since `previous`). */
export function summarizeRound(round: Round, change: ChangeResult | null, previousInputs: InputFile[] = []): Results {
  const { config, codebook, state, segments } = round;
  const weighted = config.data.columns.weight !== null;
  const options = { confidence: config.report.confidence, minBase: config.report.minBase, weighted, maxTestSegments: config.report.maxTestSegments };
  const respondents = state.segments.reduce((a, s) => a + s.respondents, 0);
  const sumW = state.segments.reduce((a, s) => a + s.sumW, 0);
  const sumW2 = state.segments.reduce((a, s) => a + s.sumW2, 0);
  return {
    schemaVersion: 1,
    survey: {
      id: config.id,
      title: config.title,
      round: config.round,
      previous: change?.previous ?? null,
      note: config.report.note,
    },
    confidence: config.report.confidence,
    ledger: { ...round.ledger },
    base: { respondents, weighted: sumW, effective: kishEffectiveN(sumW, sumW2) },
    segments: segments.map((segment, i) => {
      const s = state.segment(i);
      return { id: segment.id, label: segment.label, respondents: s.respondents, weighted: s.sumW, lowBase: s.respondents < config.report.minBase };
    }),
    themes: tallyThemes(state, codebook, segments, options),
    cooccurrence: tallyCooccurrence(state, codebook),
    questions: tallyQuestions(state, config.questions, segments, options),
    reliability: round.codings == null ? null : tallyReliability(round.codings, codebook),
    quotes: round.quotes ?? [],
    change,
    settings: {
      minBase: config.report.minBase,
      alpha: config.report.alpha,
      weighted,
      separator: config.data.separator,
      ...(config.data.segmentFrom === 'none' ? { segmentSource: 'none' as const } : {}), // issue 14
    },
    ...((codebook.groups ?? []).length > 0 ? { codeGroups: codebook.groups!.map((g) => ({ name: g.name, codes: g.codes })) } : {}), // issue 14
    warnings: round.warnings,
    inputs: [...round.inputs, ...previousInputs],
  };
}

/** A file's size for the progress bar (0 when it cannot be read; the reader then says why). */
function statSizeOrZero(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** "round 2014", or the survey id when the config gives no round label. */
function roundName(config: SurveyConfig): string {
  return config.round === '' ? config.id : `round ${config.round}`;
}

/** The round as a RoundTally for comparisons. */
function tallyOf(round: Round): RoundTally {
  return { id: round.config.id, round: round.config.round || round.config.id, title: round.config.title, state: round.state, segments: round.segments };
}

/**
 * Read, validate and tally one round, and, when its config names a `previous` round, read that
 * round through this round's codebook and compare the two.
 */
export async function analyzeRound(configFile: string, cwd: string, sink: DiagnosticSink, options: ReadOptions = {}): Promise<Analysis | Stopped> {
  const round = await readRound(configFile, cwd, sink, undefined, options);
  if ('stopped' in round) return round;
  const { config, codebook } = round;
  let change: ChangeResult | null = null;
  let previousInputs: InputFile[] = [];
  if (config.previous !== null) {
    const into: IntoCodebook = { codebook, mappings: config.codebookChanges, currentRound: roundName(config), at: configPosition(config, 'previous') };
    const previous = await readRound(config.previous, cwd, sink, into, { ...options, onProgress: undefined });
    if ('stopped' in previous) return previous;
    change = compareRounds(tallyOf(round), tallyOf(previous), codebook, previous.translation!, {
      confidence: config.report.confidence,
      minBase: config.report.minBase,
    });
    previousInputs = previous.inputs.map((input) => ({ ...input, role: `previous-${input.role}` as InputFile['role'] }));
  }
  return { config, codebook, results: summarizeRound(round, change, previousInputs) };
}


export { renderReport } from './report/render-report.ts';
