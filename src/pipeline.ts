/**
 * The findings pipeline: one survey round from config to report folder. Read this first.
 *
 *   surveys/<round>.yaml ──readConfig──────────▶ SurveyConfig            (FND0xx, exit 2)
 *   codebook.csv ─────────readCodebook─────────▶ RawTheme[]
 *                         validateCodebook─────▶ Codebook                (FND1xx, exit 2)
 *   data.csv ─────────────readRespondents──────▶ batches of raw rows with positions (streamed)
 *                         validateRespondents──▶ ValidRespondent + ledger (FND2xx, exit 1)
 *                         TallyState.add ──────▶ sums in typed arrays (no row kept)
 *   TallyState ───────────tallyThemes, tallyCooccurrence, tallyQuestions ──▶ Results (results.json)
 *   Results ──────────────buildCharts ─────────▶ Vega-Lite specs ──renderSvg──▶ SVG
 *   Results + charts ─────renderReport ────────▶ files ──writeFolderAtomically──▶ reports/<id>/
 *
 * Each stage takes the diagnostics sink explicitly and reports the user's mistakes as values;
 * nothing here prints. `analyzeRound` is everything up to Results; `renderReport` is pure;
 * the CLI decides what to write and which exit code to give.
 */
import path from 'node:path';
import type { Codebook, DiagnosticSink, Results, SurveyConfig } from './model.ts';
import { diagnostic } from './messages.ts';
import { readConfig, displayPath } from './ingest/read-config.ts';
import { readCodebook } from './ingest/read-codebook.ts';
import { readRespondents } from './ingest/read-respondents.ts';
import { validateCodebook } from './validate/validate-codebook.ts';
import { createRespondentValidator, SegmentRegistry } from './validate/validate-respondents.ts';
import { TallyState } from './tally/tally-state.ts';
import { tallyThemes } from './tally/tally-themes.ts';
import { tallyCooccurrence } from './tally/tally-cooccurrence.ts';
import { tallyQuestions } from './tally/tally-questions.ts';
import { kishEffectiveN } from './stats/kish-effective-n.ts';

export interface Analysis {
  config: SurveyConfig;
  codebook: Codebook;
  results: Results;
}

/** Why an analysis stopped before producing results. */
export type Stopped = { stopped: 'config' } | { stopped: 'data' };

/**
 * Read, validate and tally one round. Returns the analysis, or why it stopped: 'config' when the
 * config, codebook or column mapping is unusable (exit 2), 'data' when the data file cannot be read
 * at all (exit 1). Row-level errors do not stop it: the rows are rejected and listed in the ledger.
 */
export async function analyzeRound(configFile: string, cwd: string, sink: DiagnosticSink): Promise<Analysis | Stopped> {
  const absolute = path.resolve(cwd, configFile);
  const config = readConfig({ file: absolute, displayFile: displayPath(cwd, absolute), cwd }, sink);
  if (config === null) return { stopped: 'config' };

  const rawThemes = await guardIo(config.codebook.displayPath, sink, () => readCodebook(config.codebook.path, config.codebook.displayPath, sink));
  if (rawThemes === null) return { stopped: 'config' };
  const codebook = validateCodebook(rawThemes, config.data.separator, config.codebook.displayPath, sink);
  if (codebook === null) return { stopped: 'config' };

  const segments = new SegmentRegistry(config.segments);
  const validator = createRespondentValidator(config, codebook, segments, sink);
  const state = new TallyState(
    codebook.themes.length,
    config.questions.map((q) => q.levels),
  );
  const outcome = await guardIo(config.data.displayPath, sink, () =>
    readRespondents(config, sink, (batch, columns) => {
      for (const respondent of validator.validate(batch, columns)) state.add(respondent);
    }),
  );
  if (outcome === null) return { stopped: 'data' };
  if (outcome === 'no-columns') return { stopped: 'config' };
  const at = { file: config.data.displayPath, line: 1, column: 1 };
  if (outcome === 'empty') {
    sink.report(diagnostic('FND201', at, `${config.data.displayPath} is empty: it needs a header row and one row per respondent`));
    return { stopped: 'data' };
  }
  if (validator.ledger.rowsRead === 0) {
    sink.report(diagnostic('FND202', at, `${config.data.displayPath} has a header but no data rows`));
    return { stopped: 'data' };
  }

  const segmentList = segments.segments;
  segmentList.forEach((segment, i) => {
    if ((state.segments[i]?.respondents ?? 0) === 0) {
      sink.report(diagnostic('FND303', { file: config.displayFile, line: 1, column: 1 }, `segment "${segment.id}" is listed in the config but no respondent belongs to it`));
      validator.warnings.push({ file: config.displayFile, line: 1, column: 1, code: 'FND303', message: `segment "${segment.id}" has no respondents` });
    }
  });

  const weighted = config.data.columns.weight !== null;
  const options = { confidence: config.report.confidence, minBase: config.report.minBase, weighted };
  const respondents = state.segments.reduce((a, s) => a + s.respondents, 0);
  const sumW = state.segments.reduce((a, s) => a + s.sumW, 0);
  const sumW2 = state.segments.reduce((a, s) => a + s.sumW2, 0);
  const results: Results = {
    schemaVersion: 1,
    survey: {
      id: config.id,
      title: config.title,
      round: config.round,
      previous: config.previous === null ? null : path.basename(config.previous).replace(/\.(ya?ml|json)$/i, ''),
      note: config.report.note,
    },
    confidence: config.report.confidence,
    ledger: { ...validator.ledger },
    base: { respondents, weighted: sumW, effective: kishEffectiveN(sumW, sumW2) },
    segments: segmentList.map((segment, i) => {
      const s = state.segment(i);
      return { id: segment.id, label: segment.label, respondents: s.respondents, weighted: s.sumW, lowBase: s.respondents < config.report.minBase };
    }),
    themes: tallyThemes(state, codebook, segmentList, options),
    cooccurrence: tallyCooccurrence(state, codebook),
    questions: tallyQuestions(state, config.questions, segmentList, options),
    reliability: null,
    change: null,
    settings: { minBase: config.report.minBase, alpha: config.report.alpha, weighted, separator: config.data.separator },
    warnings: validator.warnings,
    inputs: [],
  };
  return { config, codebook, results };
}

/** Run an I/O step; an error reading a file the config names becomes a diagnostic, not a stack trace. */
async function guardIo<T>(file: string, sink: DiagnosticSink, step: () => Promise<T>): Promise<T | null> {
  try {
    return await step();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : code;
    sink.report(diagnostic('FND007', { file, line: 1, column: 1 }, `cannot read ${file}: ${why}`));
    return null;
  }
}

export { renderReport } from './report/render-report.ts';
