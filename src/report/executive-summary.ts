import type { ChangeFigure, Interval, QuestionChange, QuestionResult, Results, SegmentThemeResult, ThemeResult } from '../model.ts';
import { changeVerdict } from '../format/change-verdict.ts';
import { formatPercent } from '../format/format-percent.ts';
import { changePoints, formatPointsInterval } from '../format/format-points.ts';
import { agreementFlagOf } from './agreement-caveat.ts';
import { questionHeadline } from './question-headline.ts';
import { segmentPlurals } from './segment-plural.ts';
import { earlierFigureCaveat } from './theme-caveats.ts';

/** A theme and a closed question that measure the same idea (config `report.pairs`). */
interface ThemeQuestionPair {
  theme: string;
  question: string;
}

/** Where a summary sentence comes from; the tiers of the ranking rule, in order. */
type SummarySource = 'change' | 'question' | 'segment' | 'theme';

export interface SummaryItem {
  source: SummarySource;
  /** The theme codes and question ids the sentence states (a pair states one of each). */
  themes: string[];
  questions: string[];
  /** One plain sentence: no test names, no p-values (those are in the methods appendix and the tables). */
  text: string;
}

export interface SummaryOptions {
  /** How many sentences (report.keyFindings, default 5). */
  count?: number;
  /** Verb phrases by theme code (the codebook's `statement` column). */
  statements?: Record<string, string>;
  /** Plural nouns by segment id (the config's `plural`). */
  plurals?: Record<string, string>;
  pairs?: readonly ThemeQuestionPair[];
}

const TIERS: readonly SummarySource[] = ['change', 'question', 'segment', 'theme'];

/**
 * The executive summary that opens a round's report: what leadership asks first, in plain words.
 *
 * Candidates come from every source of findings, each in a tier:
 *  1. `change`: themes and closed questions (top box) whose share among all respondents rose or
 *     fell since the previous round (the same verdict as the change tables: adjusted for the number
 *     of themes compared, both bases adequate), largest change first;
 *  2. `question`: every closed question's top box, in config order;
 *  3. `segment`: themes whose share differs between segments after the adjustment (most certain
 *     first), then changes within one segment that survive it (largest first);
 *  4. `theme`: the most mentioned themes, by their headline share.
 * Where a theme and a closed question measure the same idea (`pairs`), one sentence gives both, in
 * the earliest tier either would take. Selection: first the best candidate of every non-empty tier,
 * then the remaining slots in tier order, up to `count`; the sentences are shown in tier order.
 * Nothing is said from a low base, nor of a theme the coders agreed on too little; a theme with only
 * moderate coder agreement is hedged.
 */
export function executiveSummary(results: Results, options: SummaryOptions = {}): SummaryItem[] {
  const limit = Math.max(0, Math.floor(options.count ?? 5));
  if (limit === 0) return [];
  const statements = options.statements ?? {};
  const nouns = segmentPlurals(results, options.plurals ?? {});
  const { alpha, minBase } = results.settings;
  const themeByCode = new Map(results.themes.map((theme) => [theme.code, theme]));
  const questionById = new Map(results.questions.map((question) => [question.id, question]));
  const pairs = (options.pairs ?? []).filter((pair) => themeByCode.has(pair.theme) && questionById.has(pair.question));
  const pairOfTheme = new Map(pairs.map((pair) => [pair.theme, pair.question]));
  const pairOfQuestion = new Map(pairs.map((pair) => [pair.question, pair.theme]));
  const unreliable = (code: string) => agreementFlagOf(results, code) === 'unreliable';
  const previousRound = results.change?.previousRound || results.change?.previous || 'the previous round';
  const questionChanges = new Map((results.change?.questions ?? []).map((question) => [question.id, question]));
  const significant = (figure: ChangeFigure, lowBase = false) => {
    const verdict = changeVerdict(figure, alpha, minBase, lowBase);
    return verdict === 'rose' || verdict === 'fell' ? verdict : null;
  };

  const tiers = new Map<SummarySource, SummaryItem[]>(TIERS.map((tier) => [tier, []]));
  const said = new Set<string>();
  const add = (source: SummarySource, item: Omit<SummaryItem, 'source'>) => {
    const key = [...item.themes.map((t) => `t:${t}`), ...item.questions.map((q) => `q:${q}`)].join('|');
    if (said.has(key)) return;
    said.add(key);
    tiers.get(source)!.push({ source, ...item });
  };

  // 1. Changes since the previous round, all respondents.
  const changes: { size: number; item: Omit<SummaryItem, 'source'> }[] = [];
  for (const theme of results.change?.themes ?? []) {
    const verdict = significant(theme);
    if (verdict === null || unreliable(theme.code)) continue;
    const questionId = pairOfTheme.get(theme.code);
    const question = questionId === undefined ? undefined : questionById.get(questionId);
    let text = hedge(results, theme.code, themeChangeSentence(theme, verdict, previousRound, verb(theme.code, theme.label, statements)));
    // Issue 17: an earlier figure that differs from the earlier report (a merged or renamed code) says so.
    const earlier = earlierFigureCaveat(theme, previousRound, results.survey.round || 'this round');
    if (earlier !== null) text = `${text.replace(/\.$/, '')} (${earlier}).`;
    if (question !== undefined)
      text = `${text.replace(/\.$/, '')}; ${askedDirectly(question, questionChanges.get(question.id), previousRound, alpha, minBase)}.`;
    changes.push({
      size: Math.abs(changePoints(theme.previous.proportion, theme.current.proportion) ?? 0),
      item: { themes: [theme.code], questions: question === undefined ? [] : [question.id], text },
    });
  }
  for (const change of results.change?.questions ?? []) {
    const verdict = significant(change.topBox);
    const question = questionById.get(change.id);
    if (verdict === null || question === undefined || pairOfQuestion.has(change.id)) continue;
    changes.push({
      size: Math.abs(changePoints(change.topBox.previous.proportion, change.topBox.current.proportion) ?? 0),
      item: { themes: [], questions: [change.id], text: `${capitalize(questionChangeSentence(question, change, verdict, previousRound))}.` },
    });
  }
  changes.sort((a, b) => b.size - a.size);
  for (const { item } of changes) add('change', item);
  // A pair whose question changed but whose theme did not still reads as one sentence.
  for (const { item } of changes) for (const q of item.questions) if (pairOfQuestion.has(q)) said.add(`t:${pairOfQuestion.get(q)}|q:${q}`);

  // 2. Every closed question's top box, with its paired theme.
  for (const question of results.questions) {
    if (question.topBox === null) {
      // Issue 16: a single, multi, nps or numeric question has no top box: its own headline (question-headline.ts).
      const text = questionHeadline(results, question);
      if (text !== null) add('question', { themes: [], questions: [question.id], text });
      continue;
    }
    if (question.topBox.proportion === null || question.base < minBase) continue;
    const code = pairOfQuestion.get(question.id);
    const theme = code === undefined ? undefined : themeByCode.get(code);
    if (theme !== undefined && theme.proportion !== null && theme.base >= minBase && !unreliable(theme.code)) {
      const weighted = headline(results, theme) !== theme.proportion ? ', weighted' : '';
      const mention = `${formatPercent(headline(results, theme))} of respondents ${verb(theme.code, theme.label, statements)} unprompted (${theme.respondents} of ${theme.base}${weighted})`;
      const text = hedge(
        results,
        theme.code,
        `${capitalize(mention)}; ${askedDirectly(question, questionChanges.get(question.id), previousRound, alpha, minBase)}.`,
      );
      add('question', { themes: [theme.code], questions: [question.id], text });
    } else {
      add('question', { themes: [], questions: [question.id], text: `${capitalize(topBoxSentence(question))}.` });
    }
  }

  // 3. Segment differences that survive the adjustment, then changes within a segment.
  const differences = results.themes
    .filter((theme) => theme.segmentTest?.pAdjusted != null && theme.segmentTest.pAdjusted < alpha && !unreliable(theme.code))
    .sort((a, b) => (a.segmentTest?.pAdjusted ?? 1) - (b.segmentTest?.pAdjusted ?? 1));
  for (const theme of differences) {
    const cells = theme.bySegment.filter((cell) => !cell.lowBase && cell.base >= minBase && cell.proportion !== null);
    if (cells.length < 2) continue;
    const high = cells.reduce((best, cell) => ((cell.proportion ?? 0) > (best.proportion ?? 0) ? cell : best));
    const low = cells.reduce((best, cell) => ((cell.proportion ?? 0) < (best.proportion ?? 0) ? cell : best));
    if (!((high.proportion ?? 0) > (low.proportion ?? 0))) continue;
    const share = (cell: SegmentThemeResult) => `${formatPercent(cell.proportion)} (${cell.respondents} of ${cell.base})`;
    const text = `${capitalize(nouns.get(high.segment) ?? high.segment)} ${verb(theme.code, theme.label, statements)} more often than ${nouns.get(low.segment) ?? low.segment}: ${share(high)} against ${share(low)}.`;
    add('segment', { themes: [theme.code], questions: [], text: hedge(results, theme.code, text) });
  }
  const segmentChanges: { size: number; item: Omit<SummaryItem, 'source'> }[] = [];
  for (const theme of results.change?.themes ?? []) {
    if (unreliable(theme.code)) continue;
    for (const cell of theme.bySegment) {
      const verdict = significant(cell, cell.lowBase);
      if (verdict === null) continue;
      const noun = nouns.get(cell.segment) ?? cell.segment;
      const sentence = themeChangeSentence(cell, verdict, previousRound, verb(theme.code, theme.label, statements), noun);
      segmentChanges.push({
        size: Math.abs(changePoints(cell.previous.proportion, cell.current.proportion) ?? 0),
        item: { themes: [theme.code], questions: [], text: hedge(results, theme.code, sentence) },
      });
    }
  }
  segmentChanges.sort((a, b) => b.size - a.size);
  for (const { item } of segmentChanges) {
    const key = `${item.text}`;
    if (!said.has(key)) {
      said.add(key);
      tiers.get('segment')!.push({ source: 'segment', ...item });
    }
  }

  // 4. The most mentioned themes, by headline share.
  const position = new Map(results.themes.map((theme, index) => [theme.code, index]));
  const ranked = results.themes
    .filter((theme) => theme.proportion !== null && theme.ci !== null && theme.respondents > 0 && theme.base >= minBase && !unreliable(theme.code))
    .sort(
      (a, b) =>
        (headline(results, b) ?? -1) - (headline(results, a) ?? -1) ||
        b.respondents - a.respondents ||
        (position.get(a.code) ?? 0) - (position.get(b.code) ?? 0),
    );
  const stated = new Set([...tiers.get('change')!, ...tiers.get('question')!].flatMap((item) => item.themes));
  for (const theme of ranked) {
    if (stated.has(theme.code)) continue;
    add('theme', { themes: [theme.code], questions: [], text: hedge(results, theme.code, themeSentence(results, theme, statements)) });
  }

  return select(tiers, limit);
}

/** The best of every non-empty tier first, then the rest in tier order, up to `limit`; shown in tier order. */
function select(tiers: ReadonlyMap<SummarySource, SummaryItem[]>, limit: number): SummaryItem[] {
  const taken = new Map<SummarySource, number>(TIERS.map((tier) => [tier, 0]));
  let left = limit;
  for (const tier of TIERS) {
    if (left > 0 && (tiers.get(tier)?.length ?? 0) > 0) {
      taken.set(tier, 1);
      left -= 1;
    }
  }
  for (const tier of TIERS) {
    const extra = Math.min(left, (tiers.get(tier)?.length ?? 0) - (taken.get(tier) ?? 0));
    if (extra > 0) {
      taken.set(tier, (taken.get(tier) ?? 0) + extra);
      left -= extra;
    }
  }
  return TIERS.flatMap((tier) => (tiers.get(tier) ?? []).slice(0, taken.get(tier) ?? 0));
}

/** The share a sentence leads with: the weighted one with report.weighted (strictly between 0 and 1), else the count's. */
function headline(results: Results, theme: ThemeResult): number | null {
  const weighted = theme.weighted;
  if (results.settings.headline === 'weighted' && weighted?.proportion != null && weighted.proportion > 0 && weighted.proportion < 1 && weighted.ci !== null) {
    return weighted.proportion;
  }
  return theme.proportion;
}

function headlineInterval(results: Results, theme: ThemeResult): Interval | null {
  const weighted = theme.weighted;
  if (results.settings.headline === 'weighted' && weighted?.proportion != null && weighted.proportion > 0 && weighted.proportion < 1 && weighted.ci !== null) {
    return weighted.ci;
  }
  return theme.ci;
}

function themeSentence(results: Results, theme: ThemeResult, statements: Record<string, string>): string {
  const weighted = headline(results, theme) !== theme.proportion;
  return `${formatPercent(headline(results, theme))} of respondents ${verb(theme.code, theme.label, statements)} (${theme.respondents} of ${theme.base}${weighted ? ', weighted' : ''}; likely range ${plainRange(headlineInterval(results, theme))}).`;
}

function themeChangeSentence(figure: ChangeFigure, verdict: 'rose' | 'fell', previousRound: string, phrase: string, noun = 'respondents'): string {
  const points = Math.abs(changePoints(figure.previous.proportion, figure.current.proportion) ?? 0);
  return `Since ${previousRound}, the share of ${noun} who ${phrase} ${verdict} from ${formatPercent(figure.previous.proportion)} to ${formatPercent(figure.current.proportion)} (${figure.current.respondents} of ${figure.current.base}; a ${verdict === 'fell' ? 'drop' : 'rise'} of ${points} point${points === 1 ? '' : 's'}, likely range ${formatPointsInterval(figure.ci, verdict === 'fell')} points).`;
}

/** "agreed that "LA n Sync should continue"", or "chose Yes or Maybe for "..."" when the top levels are not agreement. */
function topBoxPhrase(question: QuestionResult): string {
  const top = question.levels.filter((level) => question.topBox!.levels.includes(level.level)).map((level) => level.label);
  if (top.length > 0 && top.every((label) => /\bagree\b/i.test(label) && !/disagree/i.test(label))) return `agreed that "${question.label}"`;
  if (top.length === 0) return `chose the top answers to "${question.label}"`;
  return `answered ${top.map((label) => `"${label}"`).join(' or ')} to "${question.label}"`;
}

function topBoxSentence(question: QuestionResult): string {
  const top = question.topBox!; // rating questions only (the caller checks)
  return `${formatPercent(top.proportion)} of those who answered ${topBoxPhrase(question)} (${top.respondents} of ${question.base}; likely range ${plainRange(top.ci)})`;
}

/** The second half of a paired sentence: the closed question's top box, and how it moved since the previous round. */
function askedDirectly(question: QuestionResult, change: QuestionChange | undefined, previousRound: string, alpha: number, minBase: number): string {
  const top = question.topBox!; // rating questions only (the caller checks)
  const now = `asked directly, ${formatPercent(top.proportion)} of those who answered ${topBoxPhrase(question)} (${top.respondents} of ${question.base})`;
  if (change === undefined || change.status !== 'compared' || change.topBox.previous.proportion === null) return now;
  const verdict = changeVerdict(change.topBox, alpha, minBase);
  const movement = verdict === 'rose' ? 'up from' : verdict === 'fell' ? 'down from' : 'against';
  const clear = verdict === 'rose' || verdict === 'fell' ? '' : ', no clear change';
  return `${now}, ${movement} ${formatPercent(change.topBox.previous.proportion)} in ${previousRound}${clear}`;
}

function questionChangeSentence(question: QuestionResult, change: QuestionChange, verdict: 'rose' | 'fell', previousRound: string): string {
  return `since ${previousRound}, the share of those who answered who ${topBoxPhrase(question)} ${verdict} from ${formatPercent(change.topBox.previous.proportion)} to ${formatPercent(change.topBox.current.proportion)} (${change.topBox.current.respondents} of ${change.topBox.current.base})`;
}

/** A moderately agreed theme is stated, but as tentative (the coefficient is in the methods appendix). */
function hedge(results: Results, code: string, text: string): string {
  if (agreementFlagOf(results, code) !== 'tentative') return text;
  return `${text.replace(/\.$/, '')} (tentative: the coders agreed only moderately on this theme).`;
}

function verb(code: string, label: string, statements: Record<string, string>): string {
  const statement = Object.hasOwn(statements, code) ? statements[code]?.trim() : undefined;
  return statement !== undefined && statement !== '' ? statement : `mentioned "${label}"`;
}

/** An interval in words, "55% to 83%" (a dash between figures reads as a minus sign to some readers). */
function plainRange(ci: Interval | null): string {
  if (ci === null || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return 'not defined';
  return `${formatPercent(ci[0])} to ${formatPercent(ci[1])}`;
}

function capitalize(text: string): string {
  // A sentence may open with a segment's noun, marked as data text (format/isolate.ts): capitalise after the mark.
  return text.replace(/^(\u2068?)(.)/u, (_match, mark: string, first: string) => `${mark}${first.toUpperCase()}`);
}
