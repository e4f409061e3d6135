/**
 * Follow themes over three or more rounds. Every round is tallied through the latest round's
 * codebook: the `codebookChanges` of each round are composed along the chain (a code renamed in
 * 2015 and merged in 2016 lands on the 2016 code), so a merge counts a respondent once even when
 * they gave both old codes. Each point is the round's proportion with its Wilson interval; the
 * changes between consecutive rounds are computed exactly as `findings run` computes them.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { ChangeResult, Codebook, CodebookMapping, DiagnosticSink, SurveyConfig, TrendQuestion, TrendResults, TrendSegmentSeries } from '../model.ts';
import type { Translation } from '../validate/translate-codebook.ts';
import { compareRounds, type RoundTally } from '../tally/compare-rounds.ts';
import { compareQuestions } from '../tally/compare-questions.ts';
import { tallyQuestions } from '../tally/tally-questions.ts';
import { collect, diagnostic, say } from '../messages.ts';
import { configPosition, displayPath, readConfig } from '../config/read-config.ts';
import { readCodebook } from '../ingest/read-codebook.ts';
import { validateCodebook } from '../validate/validate-codebook.ts';
import { changeSince, readRound, readRoundViews, type IntoCodebook, type Round, type RoundView, type Stopped } from '../pipeline.ts';
import { wilsonInterval } from '../stats/wilson-interval.ts';

/**
 * The configs of a trend, oldest first: the ones given, or, given one, it and its `previous`
 * rounds followed back. Null when a config cannot be read (reported).
 */
export function trendConfigs(files: string[], cwd: string, sink: DiagnosticSink): SurveyConfig[] | null {
  const read = (file: string) => {
    const absolute = path.resolve(cwd, file);
    return readConfig({ file: absolute, displayFile: displayPath(cwd, absolute), cwd }, sink);
  };
  const configs: SurveyConfig[] = [];
  if (files.length === 1) {
    const seen = new Set<string>();
    let next: string | null = files[0]!;
    while (next !== null) {
      const config = read(next);
      if (config === null) return null;
      if (seen.has(config.file)) {
        sink.report(diagnostic(configPosition(config, 'previous'), say.FND006.previousCycle(config.displayFile)));
        return null;
      }
      seen.add(config.file);
      configs.unshift(config);
      next = config.previous;
    }
  } else {
    for (const file of files) {
      const config = read(file);
      if (config === null) return null;
      configs.push(config);
    }
  }
  return configs;
}

/** Each round's codebook, read and checked; null when one cannot be used (reported). */
export async function trendCodebooks(configs: readonly SurveyConfig[], sink: DiagnosticSink): Promise<Codebook[] | null> {
  const codebooks: Codebook[] = [];
  for (const config of configs) {
    const codebook = await codebookOf(config, sink);
    if (codebook === null) return null;
    codebooks.push(codebook);
  }
  return codebooks;
}

/**
 * Round `i` (before the latest) tallied into the latest round's codebook: its codes mapped along the
 * chain of codebookChanges (composeMappings); a split code maps to nothing there.
 */
export function intoLatest(configs: readonly SurveyConfig[], codebooks: readonly Codebook[], i: number): IntoCodebook {
  const last = configs.length - 1;
  const mappings = composeMappings(configs, codebooks, i);
  return {
    codebook: codebooks[last]!,
    mappings: mappings.map((m) => (m.kind === 'split' ? { ...m, to: [] } : m)).filter((m) => m.kind !== 'split'),
    currentRound: roundName(configs[last]!),
    at: configPosition(configs[last]!, 'previous'),
  };
}

const roundName = (c: SurveyConfig) => (c.round === '' ? c.id : `round ${c.round}`);

async function codebookOf(config: SurveyConfig, sink: DiagnosticSink): Promise<Codebook | null> {
  const file = await readCodebook(config.codebook.path, config.codebook.displayPath, sink);
  return file === null ? null : validateCodebook(file.entries, config.data.separator, config.codebook.displayPath, sink);
}

/**
 * Where each code of round `i` ends up in the last round: a set of codes, or 'split' / 'retired'.
 * Mappings come from the config of the round that follows; codes kept by name map to themselves.
 */
function composeMappings(configs: readonly SurveyConfig[], codebooks: readonly Codebook[], i: number): CodebookMapping[] {
  const last = codebooks.length - 1;
  const at = configs[last]!.codebookChanges[0]?.at ?? { file: configs[last]!.displayFile, line: 1, column: 1 };
  const out: CodebookMapping[] = [];
  for (const theme of codebooks[i]!.themes) {
    let codes: Set<string> | 'split' | 'retired' = new Set([theme.code]);
    for (let k = i + 1; k <= last && codes instanceof Set; k++) {
      const next = new Set<string>();
      for (const code of codes) {
        const mapping = configs[k]!.codebookChanges.find((m) => m.from.includes(code));
        if (mapping === undefined) {
          if (codebooks[k]!.index.has(code)) next.add(code);
          else codes = 'retired';
        } else if (mapping.kind === 'split') codes = 'split';
        else if (mapping.kind === 'retired') codes = 'retired';
        else for (const to of mapping.to) next.add(to);
        if (!(codes instanceof Set)) break;
      }
      if (codes instanceof Set) codes = next;
    }
    if (codes === 'split') out.push({ kind: 'split', from: [theme.code], to: [], at });
    else if (codes === 'retired') out.push({ kind: 'retired', from: [theme.code], to: [], at });
    else if (!(codes.size === 1 && codes.has(theme.code))) out.push({ kind: 'renamed', from: [theme.code], to: [...codes], at });
  }
  return out;
}

export async function analyzeTrend(files: string[], cwd: string, sink: DiagnosticSink): Promise<TrendResults | 'config' | 'data'> {
  const configs = trendConfigs(files, cwd, sink);
  if (configs === null) return 'config';
  if (configs.length < 2) {
    sink.report(diagnostic(configPosition(configs[0]!, 'previous'), say.FND006.trendOneRound()));
    return 'config';
  }
  const codebooks = await trendCodebooks(configs, sink);
  if (codebooks === null) return 'config';
  const last = configs.length - 1;
  const latest = codebooks[last]!;

  const notComparable: Set<string>[] = [];
  // Latest codes measured in each round: kept by name or the target of a (composed) mapping. A
  // latest code outside the set did not exist then and gets a null point, never 0 (CONTRACT.md,
  // Additions), even when it is the parent of codes that did (roll-up would give it a count).
  const measured: Set<string>[] = [];
  const sinks = configs.map(() => collect());
  const silent: DiagnosticSink = { report: () => {} };
  // Issue #19: each round's data are read once. A round before the latest is tallied at once into the
  // latest codebook (its trend points; its diagnostics are the ones reported), into its own (the
  // change since the round before it) and into the next round's (the change to the next round), as
  // `findings run` on those rounds would tally them. The latest round is read as `run` reads it.
  const chained = (k: number) => k >= 1 && configs[k]!.previous === configs[k - 1]!.file;
  type Read = (Round & { translation: Translation | null }) | Stopped;
  const reads: (() => Promise<Read[] | Stopped>)[] = [];
  for (let i = 0; i < configs.length; i++) {
    const config = configs[i]!;
    const mappings = i === last ? [] : composeMappings(configs, codebooks, i);
    const changed = new Set(mappings.flatMap((m) => m.from));
    measured.push(
      new Set([
        ...codebooks[i]!.themes.map((theme) => theme.code).filter((code) => !changed.has(code) && latest.index.has(code)),
        ...mappings.flatMap((m) => (m.kind === 'renamed' ? m.to : [])),
      ]),
    );
    const split = new Set(mappings.filter((m) => m.kind === 'split').flatMap((m) => m.from));
    // A split code's parts cannot be told apart in the older round: those parts get no point there.
    const parts = new Set<string>();
    for (let k = i + 1; k <= last; k++) for (const m of configs[k]!.codebookChanges) if (m.kind === 'split') for (const to of m.to) parts.add(to);
    notComparable.push(i === last || split.size === 0 ? new Set() : parts);
    if (i === last) {
      reads.push(async () => {
        const round = await readRound(config.file, cwd, sinks[i]!);
        return 'stopped' in round ? round : [round];
      });
      continue;
    }
    const views: RoundView[] = [{ into: intoLatest(configs, codebooks, i), sink: sinks[i]! }];
    if (chained(i)) views.push({ into: null, sink: silent });
    if (chained(i + 1)) {
      const next = configs[i + 1]!;
      views.push({
        into: { codebook: codebooks[i + 1]!, mappings: next.codebookChanges, currentRound: roundName(next), at: configPosition(next, 'previous') },
        sink: silent,
      });
    }
    reads.push(() => readRoundViews(config.file, cwd, sinks[i]!, views));
  }
  // Issue #19: the rounds are read at once, as many as there are cores (each read's own scanner
  // thread runs beside the others' rule and tally work). Each round's diagnostics are held and
  // replayed in round order, up to the first round that stops, so what is reported is what reading
  // them one after another reports.
  const done = await inParallel(reads, Math.max(1, availableParallelism()));
  const rounds: (Round & { translation: Translation | null })[] = [];
  for (let i = 0; i < configs.length; i++) {
    for (const d of sinks[i]!.diagnostics) sink.report(d);
    const views = done[i]!;
    if ('stopped' in views) return views.stopped;
    const round = views[0]!;
    if ('stopped' in round) return round.stopped;
    rounds.push(round);
  }
  // The change between consecutive rounds, as `findings run` on the later one gives it (results.change).
  const changes: ChangeResult[] = [];
  for (let k = 1; k <= last; k++) {
    if (!chained(k)) continue;
    const views = done[k]! as Read[];
    const current = k === last ? views[0]! : views[1]!;
    const before = (done[k - 1]! as Read[]).at(-1)!;
    if ('stopped' in current) return current.stopped;
    if ('stopped' in before) return before.stopped;
    changes.push(changeSince(current, before));
  }

  const confidence = configs[last]!.report.confidence;
  const { minBase } = configs[last]!.report;
  const tallyOf = (round: Round): RoundTally => ({
    id: round.config.id,
    round: round.config.round || round.config.id,
    title: round.config.title,
    state: round.state,
    segments: round.segments,
  });
  const questionOptions = { confidence, minBase, weighted: false };
  const questionsOf = rounds.map((round) => tallyQuestions(round.state, round.config.questions, round.segments, questionOptions));
  // First round against the last, not only consecutive ones: both already tallied in the latest codebook.
  let firstToLast: ChangeResult | null = null;
  if (last >= 2 && rounds[0]!.translation !== null) {
    firstToLast = compareRounds(tallyOf(rounds[last]!), tallyOf(rounds[0]!), latest, rounds[0]!.translation, { confidence, minBase });
    firstToLast.questions = compareQuestions(questionsOf[last]!, questionsOf[0]!, confidence);
  }
  const questions: TrendQuestion[] = questionsOf[last]!.map((question) => ({
    id: question.id,
    label: question.label,
    points: rounds.map((round, i) => {
      const asked = questionsOf[i]!.find((candidate) => candidate.id === question.id);
      if (asked === undefined || asked.topBox === null) return { round: round.config.round, base: null, topBox: null, mean: null };
      const { respondents, proportion, ci } = asked.topBox;
      return { round: round.config.round, base: asked.base, topBox: { respondents, proportion, ci }, mean: asked.mean };
    }),
  }));
  // Issue 15: every segment of any round, the latest round's first; a round without one has a null point.
  const segments: { id: string; label: string }[] = [];
  for (const round of [...rounds].reverse()) {
    for (const segment of round.segments) if (!segments.some((known) => known.id === segment.id)) segments.push({ id: segment.id, label: segment.label });
  }
  const segmentSeries = (code: string, t: number): TrendSegmentSeries[] =>
    segments.map((segment) => ({
      segment: segment.id,
      points: rounds.map((round, i) => {
        const index = round.segments.findIndex((candidate) => candidate.id === segment.id);
        const sums = index === -1 ? undefined : round.state.segments[index];
        if (sums === undefined) return { round: round.config.round, respondents: null, base: null, proportion: null, ci: null, lowBase: false };
        const base = sums.respondents;
        const lowBase = base < minBase;
        if (notComparable[i]!.has(code) || !measured[i]!.has(code))
          return { round: round.config.round, respondents: null, base, proportion: null, ci: null, lowBase };
        const x = sums.mentions[t] ?? 0;
        return { round: round.config.round, respondents: x, base, proportion: base > 0 ? x / base : null, ci: wilsonInterval(x, base, confidence), lowBase };
      }),
    }));
  return {
    schemaVersion: 1,
    confidence,
    segments,
    rounds: rounds.map((round) => ({
      id: round.config.id,
      round: round.config.round,
      title: round.config.title,
      respondents: round.state.segments.reduce((a, s) => a + s.respondents, 0),
    })),
    themes: latest.themes.map((theme, t) => ({
      code: theme.code,
      label: theme.label,
      parent: theme.parent,
      color: theme.color,
      points: rounds.map((round, i) => {
        const base = round.state.segments.reduce((a, s) => a + s.respondents, 0);
        if (notComparable[i]!.has(theme.code)) return { round: round.config.round, respondents: 0, base, proportion: null, ci: null };
        if (!measured[i]!.has(theme.code)) return { round: round.config.round, respondents: null, base, proportion: null, ci: null };
        const x = round.state.segments.reduce((a, s) => a + (s.mentions[t] ?? 0), 0);
        return { round: round.config.round, respondents: x, base, proportion: base > 0 ? x / base : null, ci: wilsonInterval(x, base, confidence) };
      }),
      bySegment: segmentSeries(theme.code, t),
    })),
    changes,
    firstToLast,
    questions,
    settings: { alpha: configs[last]!.report.alpha, minBase: configs[last]!.report.minBase },
    note: trendNote(configs),
  };
}

/**
 * The trend's study note (issue 18): the latest round's `report.note`, then, oldest first, the note
 * of each earlier round that says something else ("Round 2014: ..."), so no round's note is dropped.
 * Null when no round has one.
 */
export function trendNote(configs: readonly SurveyConfig[]): string | null {
  const latest = configs[configs.length - 1]?.report.note?.trim() || null;
  const seen = new Set(latest === null ? [] : [latest]);
  const parts = latest === null ? [] : [latest];
  for (const config of configs.slice(0, -1)) {
    const note = config.report.note?.trim() || null;
    if (note === null || seen.has(note)) continue;
    seen.add(note);
    parts.push(`${config.round === '' ? config.id : `Round ${config.round}`}: ${note}`);
  }
  return parts.length === 0 ? null : parts.join(' ');
}

/** Run the jobs with at most `limit` under way at once; their results in the jobs' order. */
async function inParallel<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const k = next++;
      results[k] = await jobs[k]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
