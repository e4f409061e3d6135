/**
 * The findings pipeline: one survey round from config to report folder. Read this first.
 *
 *   surveys/<round>.yaml ──loadConfig (readConfig)──▶ SurveyConfig                    (FND0xx, exit 2)
 *   codebook.csv|.qdc ─────loadCodebook (readCodebook, validateCodebook)──▶ Codebook  (FND1xx, exit 2)
 *   previous round only ───translateCodebook ──▶ its codes mapped onto this round's codebook
 *   data ──────────────────chooseSource ──▶ one source (ingest/read-source.ts):
 *                            fast-csv   plain UTF-8 CSV scanned from bytes in worker threads (ingest/fast/)
 *                            papaparse  any format and encoding (ingest/formats/: platform exports, xlsx)
 *                            excerpts   an excerpt table or a REFI-QDA project, grouped into respondents
 *                          readSource ──▶ rows checked by the row rules (validate/row-rules.ts)
 *                          ──▶ ValidRespondent / ValidRow ──▶ the consumer (tallyTarget) ──▶ TallyState
 *                          + ledger (every row used or rejected, FND2xx, exit 1)
 *   quotes, other coders ──readExtras (readRoundExtras, joined by id) ──▶ quote candidates, codings
 *   weighting.rake only ───rakeRound: the tally by rake cell raked and folded into segments (FND023–FND025)
 *   finishRound ───────────selectQuotes (maskIdentifiers) ──▶ quotes; unused listed segments (FND303)
 *   previous round ────────readRound(into this round's codebook) ──compareRounds──▶ results.change
 *   TallyState ────────────summarizeRound: tallyThemes, tallyCooccurrence, tallyQuestions,
 *                          tallyReliability ──▶ Results (results.json)
 *   Results ───────────────buildCharts ──▶ Vega-Lite specs ──renderSvg──▶ SVG
 *   Results + charts ──────renderReport ──▶ files ──writeFolderAtomically──▶ reports/<id>/
 *
 * Each stage takes the diagnostics sink explicitly and reports the user's mistakes as values;
 * nothing here prints. analyzeRound keeps the warnings the sink receives for results.warnings
 * (keepWarnings: one channel). `analyzeRound` is everything up to Results; `renderReport` is pure;
 * the CLI decides what to write and which exit code to give.
 */
import path from 'node:path';
import type {
  Analysis,
  BannerResult,
  ChangeResult,
  Codebook,
  CodebookMapping,
  DiagnosticSink,
  InputFile,
  Position,
  QuoteResult,
  RejectedRow,
  RespondentConsumer,
  Results,
  ValidRespondent,
  SegmentConfig,
  SurveyConfig,
  WeightingResult,
} from './model.ts';
import { diagnostic, say } from './messages.ts';
import { configPosition, readConfig, displayPath } from './config/read-config.ts';
import { readCodebook } from './ingest/read-codebook.ts';
import { chooseSource, readSource, type ReadOptions, type ReadTarget } from './ingest/read-source.ts';
import { readRoundExtras } from './ingest/read-round-extras.ts';
import { guardIo } from './ingest/guard-io.ts';
import { validateCodebook } from './validate/validate-codebook.ts';
import { SegmentRegistry, type Ledger } from './validate/validate-respondents.ts';
import { translateCodebook, type Translation } from './validate/translate-codebook.ts';
import type { Codings, QuoteCandidate } from './validate/validate-excerpts.ts';
import { KnownRespondents } from './validate/known-respondents.ts';
import { compareRounds, type RoundTally } from './tally/compare-rounds.ts';
import { compareQuestions } from './tally/compare-questions.ts';
import { TallyState } from './tally/tally-state.ts';
import { answerSlots } from './validate/answer-slots.ts';
import { tallyThemes } from './tally/tally-themes.ts';
import { tallyCooccurrence } from './tally/tally-cooccurrence.ts';
import { tallyQuestions } from './tally/tally-questions.ts';
import { tallyReliability } from './tally/tally-reliability.ts';
import { kishEffectiveN } from './stats/kish-effective-n.ts';
import { selectQuotes } from './quotes/select-quotes.ts';
import { RakeStrata, rakeRound } from './tally/rake-round.ts';
import { andFilters, describeFilter } from './filter/row-filter.ts';
import { labelGroups, savMetaOf, withSavLabels } from './ingest/formats/sav-labels.ts';

export type { ReadOptions } from './ingest/read-source.ts';

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
  inputs: InputFile[];
  /** Each coder's coding of the respondents, when two or more coders are named (this round only, not a previous one). */
  codings?: Codings | null;
  /** De-identified quotes (this round only). */
  quotes?: QuoteResult[];
  /** Issue 15: how the raked weights were made (weighting.rake); absent without raking. */
  weighting?: WeightingResult;
  /** Issue 16: each banner after the segment: its column, its groups, and its tally. */
  banners?: { column: string; groups: SegmentConfig[]; state: TallyState }[];
  /** Issue 16: the run --by subset this round is (absent for a whole round). */
  subset?: { column: string; value: string };
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
 * With `into`, the round's codes are mapped onto another round's codebook as they are tallied (a
 * previous round, read for comparison: no quotes or coder agreement).
 */
export async function readRound(
  configFile: string,
  cwd: string,
  sink: DiagnosticSink,
  into?: IntoCodebook,
  options: ReadOptions = {},
): Promise<(Round & { translation: Translation | null }) | Stopped> {
  const loaded = loadConfig(configFile, cwd, sink);
  if (loaded === null) return { stopped: 'config' };
  // Issue 16: an SPSS file's variable and value labels where the config gives none (sav-labels.ts).
  const meta = await savMetaOf(loaded);
  const config = withRunOptions(meta === null ? loaded : withSavLabels(loaded, meta), options);
  const inputs: InputFile[] = [{ role: 'config', file: config.displayFile, ...config.hash }];
  const codebook = await loadCodebook(config, inputs, sink);
  if (codebook === null) return { stopped: 'config' };
  const translation =
    into === undefined
      ? null
      : translateCodebook(codebook, into.codebook, into.mappings, { previousRound: roundName(config), currentRound: into.currentRound }, into.at, sink);
  if (into !== undefined && translation === null) return { stopped: 'config' };

  const target = tallyTarget(config, translation?.previous ?? codebook, translation?.size, into === undefined);
  const read = await readSource(chooseSource(config, options), config, target, sink, options);
  if ('stopped' in read) return read;
  inputs.push(...read.inputs);
  const extras = into !== undefined ? null : (read.excerpts ?? (await readExtras(config, codebook, target, inputs, sink, options)));
  if (extras === 'stopped') return { stopped: 'config' };

  // Issue 15: a raked round was tallied by cell; rake it and fold the cells into segments.
  let state = target.state;
  let weighting: WeightingResult | undefined;
  if (target.strata !== null) {
    const raked = rakeRound(config, target.state, target.strata, target.segments.segments, sink);
    if (raked === null) return { stopped: 'config' };
    state = raked.state;
    weighting = raked.weighting;
  }
  if (meta !== null) {
    labelGroups(target.segments.segments, config.segments.length, config.data.columns.segment, meta);
    target.banners!.forEach((groups, b) => labelGroups(groups.segments, 0, config.banners![b]!.column, meta));
  }
  const banners = target.banners!.map((groups, b) => ({ column: config.banners![b]!.column, groups: groups.segments, state: target.bannerStates[b]! }));
  const round = {
    config,
    codebook,
    segments: target.segments.segments,
    state,
    ledger: read.ledger,
    inputs,
    translation,
    banners,
    ...(options.subset === undefined ? {} : { subset: options.subset }),
    ...(weighting === undefined ? {} : { weighting }),
  };
  return finishRound(round, target.segments, extras, sink);
}

/** One way to tally a round in readRoundViews: into another round's codebook, or (null) its own; the translation's diagnostics go to `sink`. */
export interface RoundView {
  into: IntoCodebook | null;
  sink: DiagnosticSink;
}

/**
 * Issue #19: read a round once and tally it into several codebooks at once (`trend` needs a round in
 * its own codebook, in the next round's and in the latest's). Each view is what
 * `readRound(configFile, cwd, sink, view.into ?? undefined)` gives for a round that is not the one
 * reported (no quotes, no coder agreement, no banner tallies), or `{stopped: 'config'}` where the
 * view's translation fails. The data are validated against the round's own codes with no roll-up,
 * so every view gets the same rows and diagnostics (reported once, to `sink`); each view rolls each
 * respondent's codes up through its own codebook as the respondent is tallied.
 */
export async function readRoundViews(
  configFile: string,
  cwd: string,
  sink: DiagnosticSink,
  views: readonly RoundView[],
): Promise<((Round & { translation: Translation | null }) | Stopped)[] | Stopped> {
  const loaded = loadConfig(configFile, cwd, sink);
  if (loaded === null) return { stopped: 'config' };
  const meta = await savMetaOf(loaded);
  const config = meta === null ? loaded : withSavLabels(loaded, meta);
  const inputs: InputFile[] = [{ role: 'config', file: config.displayFile, ...config.hash }];
  const codebook = await loadCodebook(config, inputs, sink);
  if (codebook === null) return { stopped: 'config' };
  const translations = views.map(({ into, sink: viewSink }) =>
    into === null
      ? null
      : translateCodebook(codebook, into.codebook, into.mappings, { previousRound: roundName(config), currentRound: into.currentRound }, into.at, viewSink),
  );
  const live = views.flatMap((view, v) => (view.into !== null && translations[v] === null ? [] : [v]));
  // The codes as given (each code its own roll-up), then each view's roll-up of them.
  const raw: Codebook = { ...codebook, rollup: codebook.themes.map((_, c) => [c]) };
  const rollups = live.map((v) => (translations[v] ?? null)?.previous.rollup ?? codebook.rollup);
  const sizes = live.map((v) => translations[v]?.size ?? codebook.themes.length);
  const target = viewsTarget(config, raw, rollups, sizes);
  const read = await readSource(chooseSource(config, {}), config, target, sink);
  if ('stopped' in read) return read;
  inputs.push(...read.inputs);
  const states: TallyState[] = [];
  let weighting: WeightingResult | undefined;
  for (let k = 0; k < live.length; k++) {
    let state = target.states[k]!;
    if (target.strata !== null) {
      // Raked on the rake cells' counts, the same in every view: reported once.
      const raked = rakeRound(config, state, target.strata, target.segments.segments, k === 0 ? sink : { report: () => {} });
      if (raked === null) return { stopped: 'config' };
      state = raked.state;
      weighting = raked.weighting;
    }
    states.push(state);
  }
  if (meta !== null) labelGroups(target.segments.segments, config.segments.length, config.data.columns.segment, meta);
  const out: ((Round & { translation: Translation | null }) | Stopped)[] = views.map(() => ({ stopped: 'config' }));
  live.forEach((v, k) => {
    const round = {
      config,
      codebook,
      segments: target.segments.segments,
      state: states[k]!,
      ledger: read.ledger,
      inputs,
      translation: translations[v] ?? null,
      banners: [],
      ...(weighting === undefined ? {} : { weighting }),
    };
    // Unused listed segments are warned about once, by the first view.
    out[v] = finishRound(round, target.segments, null, k === 0 ? sink : { report: () => {} });
  });
  return out;
}

/**
 * The consumer of readRoundViews: each validated respondent's codes (as given, sorted) rolled up
 * through each view's roll-up into that view's tally (one tally for views with the same roll-up).
 * Rake cells and banner groups are found once.
 */
function viewsTarget(
  config: SurveyConfig,
  raw: Codebook,
  rollups: readonly (readonly (readonly number[])[])[],
  sizes: readonly number[],
): ReadTarget & { states: TallyState[]; strata: RakeStrata | null } {
  const segments = new SegmentRegistry(config.segments);
  const slots = answerSlots(config.questions);
  // Views with the same roll-up (rounds whose codebooks did not change: the usual case) share one tally.
  const sameRollup = (a: readonly (readonly number[])[], b: readonly (readonly number[])[]) =>
    a === b || (a.length === b.length && a.every((targets, c) => targets.length === b[c]!.length && targets.every((t, i) => t === b[c]![i])));
  const owner = sizes.map((size, k) => {
    for (let j = 0; j < k; j++) if (sizes[j] === size && sameRollup(rollups[j]!, rollups[k]!)) return j;
    return k;
  });
  const tallied = owner.flatMap((o, k) => (o === k ? [k] : []));
  const states: TallyState[] = [];
  for (let k = 0; k < sizes.length; k++) states.push(owner[k] === k ? new TallyState(sizes[k]!, slots.levels, slots.numeric) : states[owner[k]!]!);
  const banners = (config.banners ?? []).map(() => new SegmentRegistry([]));
  const rake = config.weighting.rake;
  const strata = rake === null ? null : new RakeStrata(rake.margins.filter((m) => !m.segment).length);
  const marks = sizes.map((size) => new Int32Array(Math.max(1, size)).fill(-1));
  let stamp = 0;
  const rolled = new Int32Array(Math.max(1, ...sizes)); // a view's roll-up holds each of its slots at most once
  /** codes[start, end) through view k's roll-up into `rolled`, sorted: its length. */
  const roll = (k: number, codes: ArrayLike<number>, start: number, end: number): number => {
    const rollup = rollups[k]!;
    const mark = marks[k]!;
    stamp++;
    let n = 0;
    for (let i = start; i < end; i++) {
      for (const target of rollup[codes[i]!]!) {
        if (mark[target] === stamp) continue;
        mark[target] = stamp;
        rolled[n++] = target;
      }
    }
    rolled.subarray(0, n).sort();
    return n;
  };
  const consumer: RespondentConsumer = {
    respondent: (r) => {
      // As tallyTarget adds them: a raked round's rows by rake cell (without numeric answers, as there).
      const cell = strata === null ? r.segment : strata.of(r.segment, r.rake);
      const numbers = strata === null ? r.numbers : undefined;
      for (const k of tallied) {
        const n = roll(k, r.themes, 0, r.themes.length);
        states[k]!.addRow(cell, r.weight, rolled, 0, n, r.answers, 0, numbers);
      }
    },
    row: (r) => {
      const cell = strata === null ? r.segment : strata.of(r.segment);
      for (const k of tallied) {
        const n = roll(k, r.themes, r.themeStart, r.themeEnd);
        states[k]!.addRow(cell, r.weight, rolled, 0, n, r.answers, r.answerStart);
      }
    },
  };
  return { codebook: raw, spaceSize: raw.themes.length, segments, banners, consumer, states, strata };
}

/**
 * Issue 16: what `run --by` adds to the config: its subset (an equals filter on the column, beside
 * the config's own filter) or, for the overall report, the column as a banner (its groups are the
 * subsets to write).
 */
function withRunOptions(config: SurveyConfig, options: ReadOptions): SurveyConfig {
  let out = config;
  if (options.subset !== undefined) {
    const { column, value } = options.subset;
    out = { ...out, data: { ...out.data, filter: andFilters(out.data.filter ?? null, { kind: 'equals', column, value, key: '--by' }) } };
  }
  const banner = options.byBanner;
  if (banner !== undefined && banner !== config.data.columns.segment && !(config.banners ?? []).some((b) => b.column === banner)) {
    out = { ...out, banners: [...(out.banners ?? []), { column: banner, key: '--by' }] };
  }
  return out;
}

function loadConfig(configFile: string, cwd: string, sink: DiagnosticSink): SurveyConfig | null {
  const absolute = path.resolve(cwd, configFile);
  return readConfig({ file: absolute, displayFile: displayPath(cwd, absolute), cwd }, sink);
}

/** Read and check the codebook (recorded among the inputs): null when it cannot be used. */
async function loadCodebook(config: SurveyConfig, inputs: InputFile[], sink: DiagnosticSink): Promise<Codebook | null> {
  const file = await guardIo(config.codebook.displayPath, sink, () => readCodebook(config.codebook.path, config.codebook.displayPath, sink));
  if (file === null) return null;
  inputs.push({ role: 'codebook', file: config.codebook.displayPath, bytes: file.bytes, sha256: file.sha256 });
  return validateCodebook(file.entries, config.data.separator, config.codebook.displayPath, sink, file.groups);
}

/** What the data are read into: the tally, the segments, and (for quotes and coder agreement) the respondents joined by id. */
type TallyTarget = ReadTarget & {
  state: TallyState;
  known: KnownRespondents | null;
  strata: RakeStrata | null;
  banners: SegmentRegistry[];
  bannerStates: TallyState[];
};

/**
 * The consumer of the read path (see ingest/read-source.ts): every validated respondent is added to
 * the tally; where quotes or coder agreement are joined to respondent rows afterwards, it is also
 * kept by id with the first line of every id read.
 */
function tallyTarget(config: SurveyConfig, codebook: Codebook, spaceSize = codebook.themes.length, reported: boolean): TallyTarget {
  const segments = new SegmentRegistry(config.segments);
  const slots = answerSlots(config.questions); // issue 16: one slot per question, one per option of a multi question
  const state = new TallyState(spaceSize, slots.levels, slots.numeric);
  // Issue 16: each banner after the segment is tallied as if it were the segment, in its own state.
  const banners = (config.banners ?? []).map(() => new SegmentRegistry([]));
  const bannerStates = banners.map(() => new TallyState(spaceSize, slots.levels, slots.numeric));
  const addBanners = (r: ValidRespondent) => {
    if (r.banners === undefined) return;
    for (let b = 0; b < bannerStates.length; b++) bannerStates[b]!.add({ ...r, segment: r.banners[b]! });
  };
  const joins = reported && config.data.layout === 'respondents' && (config.data.excerpts !== null || config.reliability.length > 0);
  const known: KnownRespondents | null = joins ? new KnownRespondents({ kind: 'data' }) : null;
  // Issue 15: with weighting.rake the state's "segments" are rake cells (tally/rake-round.ts), folded into segments once raked.
  const rake = config.weighting.rake;
  const strata = rake === null ? null : new RakeStrata(rake.margins.filter((m) => !m.segment).length);
  const add =
    strata === null
      ? (r: ValidRespondent) => state.add(r)
      : (r: ValidRespondent) => state.addRow(strata.of(r.segment, r.rake), r.weight, r.themes, 0, r.themes.length, r.answers, 0);
  const cellOf = strata === null ? (segment: number) => segment : (segment: number) => strata.of(segment);
  const consumer: RespondentConsumer =
    known === null
      ? {
          respondent: (r) => {
            add(r);
            addBanners(r);
          },
          row: (r) => state.addRow(cellOf(r.segment), r.weight, r.themes, r.themeStart, r.themeEnd, r.answers, r.answerStart),
        }
      : {
          respondent: (r) => {
            add(r);
            addBanners(r);
            known.addValid(r.id, r.segment, r.themes);
          },
          row: (r) => {
            state.addRow(cellOf(r.segment), r.weight, r.themes, r.themeStart, r.themeEnd, r.answers, r.answerStart);
            // Issue 19: kept by number (the id was met just before, at this line), no object per respondent.
            known.addValid(
              known.numberAt(r.line, () => r.id()),
              r.segment,
              r.themes,
              r.themeStart,
              r.themeEnd,
            );
          },
          seen: (id, line) => {
            known.meet(id, line);
          },
          // Issue 19: the fast reader's ids from their bytes, into a table sized once.
          seenBytes: (bytes, start, end, line) => {
            known.meetBytes(bytes, start, end, line);
          },
          expectIds: (n, bytesEach) => known.reserve(n, bytesEach),
        };
  return { codebook, spaceSize, segments, consumer, state, known, strata, banners, bannerStates };
}

/** The quotes file and other coders' files of a respondent-per-row round, joined by id; 'stopped' when one cannot be used. */
async function readExtras(
  config: SurveyConfig,
  codebook: Codebook,
  target: TallyTarget,
  inputs: InputFile[],
  sink: DiagnosticSink,
  options: ReadOptions = {},
): Promise<{ codings: Codings | null; quotes: QuoteCandidate[] } | 'stopped'> {
  if (target.known === null) return { codings: null, quotes: [] };
  const read = await readRoundExtras(config, codebook, target.segments, target.known, sink, options);
  if (read === null) return 'stopped';
  inputs.push(...read.inputs);
  return read;
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
): R {
  const { config, state } = round;
  segments.segments.forEach((segment, i) => {
    // Only segments the config lists: one met in the data whose respondents were all rejected was never listed.
    if (i < config.segments.length && (state.segments[i]?.respondents ?? 0) === 0) {
      sink.report(diagnostic(configPosition(config, 'segments'), say.FND303(segment.id)));
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
  }
  return round;
}

/**
 * The one diagnostics channel: everything reported goes on to the caller's sink, and the warnings
 * are kept, in the order reported, for results.warnings (so results.json lists every warning that
 * `check` prints).
 */
function keepWarnings(sink: DiagnosticSink): DiagnosticSink & { warnings: RejectedRow[] } {
  const warnings: RejectedRow[] = [];
  return {
    warnings,
    report(d) {
      if (d.severity === 'warning') warnings.push({ file: d.file, line: d.line, column: d.column, code: d.code, message: d.message });
      sink.report(d);
    },
  };
}

/** Work out every figure of results.json for a round (and its change since `previous`). */
function summarizeRound(round: Round, change: ChangeResult | null, warnings: RejectedRow[], previousInputs: InputFile[] = []): Results {
  const { config, codebook, state, segments } = round;
  // Issue 15: raked weights (weighting.rake) are weights as a weight column's are.
  const weighted = config.data.columns.weight !== null || round.weighting !== undefined;
  const options = {
    confidence: config.report.confidence,
    minBase: config.report.minBase,
    weighted,
    maxTestSegments: config.report.maxTestSegments,
    // report.weighted (default with a weight column): the segment test is the weighted one (Rao–Scott).
    weightedTests: weighted && config.report.weighted !== false,
  };
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
      headline: weighted && config.report.weighted !== false ? 'weighted' : 'unweighted',
      ...(config.data.segmentFrom === 'none' ? { segmentSource: 'none' as const } : {}), // issue 14
      ...(config.data.filter != null ? { filter: describeFilter(config.data.filter) } : {}), // issue 16
      ...(round.subset !== undefined ? { subset: round.subset } : {}), // issue 16
    },
    ...bannersOf(round, options),
    ...((codebook.groups ?? []).length > 0 ? { codeGroups: codebook.groups!.map((g) => ({ name: g.name, codes: g.codes })) } : {}), // issue 14
    ...(round.weighting === undefined ? {} : { weighting: round.weighting }), // issue 15: present only with weighting.rake
    warnings,
    inputs: [...round.inputs, ...previousInputs],
  };
}

/**
 * Issue 16: results.banners, when the config lists banners: the segment banner first (the figures
 * of results.segments and themes[].bySegment), then each banner's groups and the same by-group
 * figures, tests and pairwise comparisons, worked out by tallyThemes on the banner's own tally.
 */
function bannersOf(round: Round, options: Parameters<typeof tallyThemes>[3]): { banners?: BannerResult[] } {
  const listed = round.banners ?? [];
  if (listed.length === 0) return {};
  const { config } = round;
  const one = (column: string, groups: SegmentConfig[], state: TallyState): BannerResult => ({
    column,
    groups: groups.map((group, i) => {
      const s = state.segment(i);
      return { id: group.id, label: group.label, respondents: s.respondents, weighted: s.sumW, lowBase: s.respondents < config.report.minBase };
    }),
    themes: tallyThemes(state, round.codebook, groups, options).map((theme) => ({
      code: theme.code,
      label: theme.label,
      bySegment: theme.bySegment,
      segmentTest: theme.segmentTest,
      ...(theme.pairwise === undefined ? {} : { pairwise: theme.pairwise }),
    })),
  });
  return {
    banners: [one(config.data.columns.segment, round.segments, round.state), ...listed.map((b) => one(b.column, b.groups, b.state))],
  };
}

/** "round 2014", or the survey id when the config gives no round label. */
function roundName(config: SurveyConfig): string {
  return config.round === '' ? config.id : `round ${config.round}`;
}

/** The round as a RoundTally for comparisons. */
function tallyOf(round: Round): RoundTally {
  return {
    id: round.config.id,
    round: round.config.round || round.config.id,
    title: round.config.title,
    state: round.state,
    segments: round.segments,
    weighted: round.config.data.columns.weight !== null || round.weighting !== undefined,
  };
}

/** results.change: the round against its previous round, read into the round's codebook (`translation`). */
export function changeSince(round: Round, previous: Round & { translation: Translation | null }): ChangeResult {
  const { config } = round;
  const change = compareRounds(tallyOf(round), tallyOf(previous), round.codebook, previous.translation!, {
    confidence: config.report.confidence,
    minBase: config.report.minBase,
  });
  // Closed questions across the rounds, matched by id (each round's own levels and top box).
  const questionOptions = { confidence: config.report.confidence, minBase: config.report.minBase, weighted: false };
  change.questions = compareQuestions(
    tallyQuestions(round.state, config.questions, round.segments, questionOptions),
    tallyQuestions(previous.state, previous.config.questions, previous.segments, questionOptions),
    config.report.confidence,
  );
  return change;
}

/**
 * Read, validate and tally one round, and, when its config names a `previous` round, read that
 * round through this round's codebook and compare the two.
 */
export async function analyzeRound(configFile: string, cwd: string, given: DiagnosticSink, options: ReadOptions = {}): Promise<Analysis | Stopped> {
  const sink = keepWarnings(given);
  const round = await readRound(configFile, cwd, sink, undefined, options);
  if ('stopped' in round) return round;
  const { config, codebook } = round;
  let change: ChangeResult | null = null;
  let previousInputs: InputFile[] = [];
  if (config.previous !== null) {
    const into: IntoCodebook = { codebook, mappings: config.codebookChanges, currentRound: roundName(config), at: configPosition(config, 'previous') };
    const previous = await readRound(config.previous, cwd, sink, into, { ...options, onProgress: undefined, byBanner: undefined });
    if ('stopped' in previous) return previous;
    change = changeSince(round, previous);
    previousInputs = previous.inputs.map((input) => ({ ...input, role: `previous-${input.role}` as InputFile['role'] }));
  }
  return { config, codebook, results: summarizeRound(round, change, sink.warnings, previousInputs) };
}
