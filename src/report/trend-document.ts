import { trendOrder } from '../charts/trend-chart.ts';
import type { ChangeResult, TrendResults } from '../model.ts';
import { changeSentence } from './change-findings.ts';
import { changeVerdict } from '../format/change-verdict.ts';
import { codebookChangeText } from './change-section.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatInterval } from '../format/format-interval.ts';
import { formatPercent } from '../format/format-percent.ts';
import { formatPoints, formatPointsInterval } from '../format/format-points.ts';
import { formatPValue } from '../format/format-p-value.ts';
import type { Cell, Inline, RenderedChart, ReportBlock } from './report-types.ts';
import { trendSummary } from './trend-summary.ts';
import { trendFigureCaveat } from './theme-caveats.ts';

export interface TrendSettings {
  /** Level for "rose" and "fell", on the Benjamini–Hochberg adjusted p (default 0.05). */
  alpha: number;
  /** Bases below this are not interpreted (default 5). */
  minBase: number;
  /** Issue 17: how many sentences the summary holds (default 5). */
  keyFindings?: number;
}

/** "Summary": trendSummary's sentences, or that no change survives the adjustment. */
function trendSummaryBlocks(trend: TrendResults, settings: TrendSettings): ReportBlock[] {
  const sentences = trendSummary(trend, settings, settings.keyFindings ?? 5);
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: 'Summary', id: 'summary' }];
  if (sentences.length > 0) blocks.push({ kind: 'list', items: sentences });
  if (!sentences.some((sentence) => sentence.startsWith('Since '))) {
    blocks.push({ kind: 'paragraph', text: 'No theme or closed question changed clearly between the rounds: every comparison is in the tables below.' });
  }
  blocks.push({
    kind: 'paragraph',
    role: 'footnote',
    text: `Chosen by a fixed rule (see Methods): changes since the first round and since the previous round first, then the closed questions, then the most mentioned themes. A "likely range" is the ${formatConfidence(trend.confidence)} confidence interval.`,
  });
  return blocks;
}

/** Issue 17: a figure with the caveat that qualifies it on a line below, or the figure alone. */
function withCaveat(figure: Cell, caveat: string | null): Cell {
  if (caveat === null) return figure;
  return [...(typeof figure === 'string' ? [figure] : figure), caveat];
}

/** A sentence with a caveat after it, in brackets. */
function sentenceWithCaveat(sentence: string, caveat: string | null): string {
  return caveat === null ? sentence : `${sentence} (${caveat.charAt(0).toUpperCase()}${caveat.slice(1)}.)`;
}

/** The round a change leads to: the round after its previous one. */
function roundsOf(trend: TrendResults, change: ChangeResult, index: number): { from: string; to: string } {
  const at = trend.rounds.findIndex((round) => round.id === change.previous || round.round === change.previousRound);
  const from = change.previousRound || trend.rounds[at >= 0 ? at : index]?.round || change.previous;
  const to = trend.rounds[(at >= 0 ? at : index) + 1]?.round ?? 'the next round';
  return { from, to };
}

/**
 * The trend report as blocks: title block (the rounds and their bases, the study note) and contents; the changes
 * between consecutive rounds that survive the Benjamini–Hochberg adjustment with adequate bases, as
 * sentences (nothing said of the others); the small-multiples chart and a table of every theme's
 * share per round; a table of every consecutive change; methods and limitations last.
 */
export function trendDocument(trend: TrendResults, charts: readonly RenderedChart[], settings: TrendSettings): ReportBlock[] {
  const { alpha, minBase } = settings;
  const confidence = formatConfidence(trend.confidence);
  const first = trend.rounds[0];
  const last = trend.rounds[trend.rounds.length - 1];
  const title = `${last?.title ?? 'Survey'}: ${trend.rounds.length} rounds${first !== undefined && last !== undefined && first !== last ? `, ${first.round} to ${last.round}` : ''}`;
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 1, text: title, id: 'top' },
    {
      kind: 'facts',
      items: [
        { term: 'Rounds', value: trend.rounds.map((round) => `${round.round} (${round.respondents} respondents)`).join(', ') },
        { term: 'Themes', value: String(trend.themes.length) },
      ],
    },
    // Issue 18: the study note where a round's report shows it (title-section.ts), in the same words.
    ...(trend.note !== null && trend.note.trim() !== ''
      ? [{ kind: 'paragraph', role: 'note', text: [{ strong: 'Note:' }, ` ${trend.note.trim()}`] } satisfies ReportBlock]
      : []),
    // Issue 17: the first screen answers what changed and how the closed questions were answered.
    ...trendSummaryBlocks(trend, settings),
    { kind: 'contents' },
    { kind: 'heading', level: 2, text: 'What changed from round to round', id: 'changes' },
  ];
  const sentences = trend.changes.flatMap((change, index) => {
    const { from, to } = roundsOf(trend, change, index);
    return change.themes.flatMap((theme) => {
      if (theme.status === 'new') {
        return [
          `New code in ${to}: "${theme.label}" ${formatPercent(theme.current.proportion)} (${theme.current.respondents}/${theme.current.base}), no earlier figure.`,
        ];
      }
      const verdict = changeVerdict(theme, alpha, minBase);
      if (verdict !== 'rose' && verdict !== 'fell') return [];
      const sentence = changeSentence(theme.label, theme, verdict, 'respondents', trend.confidence);
      return [
        sentenceWithCaveat(`From ${from} to ${to}, ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`, trendFigureCaveat(trend, theme.code, index)),
      ];
    });
  });
  blocks.push({
    kind: 'paragraph',
    text: `Each theme's share is compared between consecutive rounds with a two-proportion test; p-values are adjusted across the themes of each comparison (Benjamini–Hochberg), and a change is stated only where the adjusted p is below ${alpha} and both bases are at least ${minBase}. The rounds need not ask the same people.`,
  });
  if (sentences.length > 0) blocks.push({ kind: 'list', items: sentences });
  else
    blocks.push({
      kind: 'paragraph',
      text: 'No change between consecutive rounds survives the adjustment for the number of themes compared. That does not show that nothing changed, only that these data cannot tell.',
    });

  blocks.push({ kind: 'heading', level: 2, text: 'Themes across rounds', id: 'themes' });
  const chart = charts.find((candidate) => candidate.name === 'trend');
  if (chart !== undefined) blocks.push({ kind: 'figure', chart });
  const ordered = trendOrder(trend.themes);
  blocks.push({
    kind: 'table',
    caption: `Share of respondents mentioning each theme per round: % (n/base), ${confidence} CI`,
    head: ['Theme', ...trend.rounds.map((round) => round.round)],
    rows: ordered.map(({ theme, depth }): Cell[] => [
      depth > 0 ? `↳ ${theme.label}` : theme.label,
      ...trend.rounds.map((round, roundIndex): Cell => {
        const point = theme.points.find((candidate) => candidate.round === round.round);
        if (point === undefined) return 'n/a';
        // A round in which the code did not exist: no figure, never 0%.
        if (point.respondents === null) return 'not coded';
        // Issue 17: a figure mapped from codes merged or renamed later says so beside it.
        return withCaveat(
          [`${formatPercent(point.proportion)} (${point.respondents}/${point.base})`, formatInterval(point.ci)],
          trendFigureCaveat(trend, theme.code, roundIndex),
        );
      }),
    ]),
    numeric: [false, ...trend.rounds.map(() => true)],
    rowHeader: true,
  });

  // Issue 15: each segment's series, with its first round against its last where the trend has one.
  const segments = trend.segments ?? [];
  if (segments.length > 1) {
    blocks.push({ kind: 'heading', level: 2, text: 'Themes across rounds by segment', id: 'segments' });
    const firstRound = trend.rounds[0]!.round;
    const lastRound = trend.rounds[trend.rounds.length - 1]!.round;
    const endToEnd = trend.firstToLast ?? null;
    segments.forEach((segment, k) => {
      const compared = endToEnd !== null && trend.rounds.length > 2;
      const head = [
        'Theme',
        ...trend.rounds.map((round) => round.round),
        ...(compared ? [`${firstRound} to ${lastRound}, points (${confidence} CI, unadjusted)`, 'Result'] : []),
      ];
      blocks.push({
        kind: 'table',
        caption: `${segment.label}: share mentioning each theme per round, % (n/base), ${confidence} CI`,
        head,
        rows: ordered.map(({ theme, depth }): Cell[] => {
          const series = theme.bySegment?.[k];
          const cells = trend.rounds.map((round, roundIndex): Cell => {
            const point = series?.points.find((candidate) => candidate.round === round.round);
            if (point === undefined || point.base === null) return 'no such segment';
            if (point.respondents === null) return 'not coded';
            const mark = point.lowBase ? ' †' : '';
            return withCaveat(
              [`${formatPercent(point.proportion)} (${point.respondents}/${point.base})${mark}`, formatInterval(point.ci)],
              trendFigureCaveat(trend, theme.code, roundIndex),
            );
          });
          const change = compared
            ? endToEnd!.themes.find((candidate) => candidate.code === theme.code)?.bySegment.find((cell) => cell.segment === segment.id)
            : undefined;
          const tail: Cell[] = !compared
            ? []
            : change === undefined || change.difference === null
              ? ['n/a', 'n/a']
              : [[formatPoints(change.previous.proportion, change.current.proportion), formatPointsInterval(change.ci)], changeVerdict(change, alpha, minBase)];
          return [depth > 0 ? `↳ ${theme.label}` : theme.label, ...cells, ...tail];
        }),
        numeric: head.map((_, index) => index > 0 && index <= trend.rounds.length + (compared ? 1 : 0)),
        rowHeader: true,
      });
    });
    blocks.push({
      kind: 'paragraph',
      role: 'footnote',
      text: `† Base below ${minBase}: shown, not interpreted. "Not coded": the code did not exist in that round (no figure, never 0%). The first-to-last comparison of a segment is the same two-proportion test as the overall one, with p adjusted by Benjamini–Hochberg across the themes of that segment.`,
    });
  }

  if (trend.changes.length > 0) {
    const rank = new Map(ordered.map(({ theme }, index) => [theme.code, index]));
    blocks.push({ kind: 'heading', level: 2, text: 'Changes between consecutive rounds', id: 'change-table' });
    blocks.push({
      kind: 'table',
      caption: 'Every change between consecutive rounds, current minus previous',
      head: ['Theme', 'Rounds', 'From', 'To', `Difference, points (${confidence} CI, unadjusted)`, 'BH-adjusted p', 'Result'],
      rows: trend.changes.flatMap((change, index) => {
        const { from, to } = roundsOf(trend, change, index);
        return [...change.themes]
          .sort((a, b) => (rank.get(a.code) ?? Infinity) - (rank.get(b.code) ?? Infinity))
          .map((theme): Cell[] => [
            theme.label,
            `${from} → ${to}`,
            theme.previous.respondents === null
              ? 'not coded'
              : withCaveat(
                  `${formatPercent(theme.previous.proportion)} (${theme.previous.respondents}/${theme.previous.base})`,
                  trendFigureCaveat(trend, theme.code, index),
                ),
            theme.current.respondents === null
              ? 'not coded'
              : `${formatPercent(theme.current.proportion)} (${theme.current.respondents}/${theme.current.base})`,
            theme.status === 'compared' ? [formatPoints(theme.previous.proportion, theme.current.proportion), formatPointsInterval(theme.ci)] : 'n/a',
            formatPValue(theme.pAdjusted, alpha),
            changeVerdict(theme, alpha, minBase),
          ]);
      }),
      numeric: [false, false, true, true, true, true, false],
      rowHeader: true,
    });
  }

  const firstToLast = trend.firstToLast ?? null;
  if (firstToLast !== null && trend.rounds.length > 2) {
    const rank = new Map(ordered.map(({ theme }, index) => [theme.code, index]));
    const first = trend.rounds[0]!.round;
    const lastRound = trend.rounds[trend.rounds.length - 1]!.round;
    blocks.push({ kind: 'heading', level: 2, text: `From ${first} to ${lastRound}`, id: 'first-to-last' });
    const stated = firstToLast.themes.flatMap((theme) => {
      const verdict = changeVerdict(theme, alpha, minBase);
      return verdict === 'rose' || verdict === 'fell'
        ? [sentenceWithCaveat(changeSentence(theme.label, theme, verdict, 'respondents', trend.confidence), trendFigureCaveat(trend, theme.code, 0))]
        : [];
    });
    blocks.push(
      stated.length > 0
        ? { kind: 'list', items: stated }
        : {
            kind: 'paragraph',
            text: `No theme's share changed detectably between ${first} and ${lastRound} after the adjustment for the number of themes compared.`,
          },
    );
    const share = (side: { respondents: number | null; base: number; proportion: number | null }): string =>
      side.respondents === null ? 'not coded' : `${formatPercent(side.proportion)} (${side.respondents}/${side.base})`;
    const row = (
      label: string,
      figure: ChangeResult['themes'][number] | NonNullable<ChangeResult['questions']>[number]['topBox'],
      caveat: string | null = null,
    ): Cell[] => [
      label,
      withCaveat(share(figure.previous), caveat),
      share(figure.current),
      figure.difference === null ? 'n/a' : [formatPoints(figure.previous.proportion, figure.current.proportion), formatPointsInterval(figure.ci)],
      formatPValue(figure.pAdjusted, alpha),
      changeVerdict(figure, alpha, minBase),
    ];
    blocks.push({
      kind: 'table',
      caption: `Every theme and closed question (top box), ${first} against ${lastRound}, current minus first`,
      head: ['Theme or question', first, lastRound, `Difference, points (${confidence} CI, unadjusted)`, 'BH-adjusted p', 'Result'],
      rows: [
        ...[...firstToLast.themes]
          .sort((a, b) => (rank.get(a.code) ?? Infinity) - (rank.get(b.code) ?? Infinity))
          .map((theme) => row(theme.label, theme, trendFigureCaveat(trend, theme.code, 0))),
        ...(firstToLast.questions ?? []).map((question) => row(`${question.label} (top box)`, question.topBox)),
      ],
      numeric: [false, true, true, true, true, false],
      rowHeader: true,
    });
  }

  const questions = trend.questions ?? [];
  if (questions.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: 'Closed questions across rounds', id: 'questions' });
    blocks.push({
      kind: 'table',
      caption: `Top box per round: % (n/answered), ${confidence} CI; mean`,
      head: ['Question', ...trend.rounds.map((round) => round.round)],
      rows: questions.map((question): Cell[] => [
        question.label,
        ...trend.rounds.map((round): Cell => {
          const point = question.points.find((candidate) => candidate.round === round.round);
          if (point === undefined || point.topBox === null) return 'not asked';
          const mean = point.mean === null ? 'n/a' : point.mean.toFixed(2);
          return [`${formatPercent(point.topBox.proportion)} (${point.topBox.respondents}/${point.base})`, `${formatInterval(point.topBox.ci)}; mean ${mean}`];
        }),
      ]),
      numeric: [false, ...trend.rounds.map(() => true)],
      rowHeader: true,
    });
  }

  const methods: Inline[] = [
    [
      { strong: 'What was counted.' },
      " In every round, a respondent mentions a theme when its code, or a sub-theme's, appears in their themes cell; each share is of all respondents of that round.",
    ],
    [
      { strong: 'Intervals.' },
      ` ${confidence} Wilson score intervals without continuity correction (`,
      { code: 'prop.test(x, n, correct = FALSE)$conf.int' },
      ').',
    ],
    [
      { strong: 'Changes.' },
      ' Two-proportion z-test without continuity correction (',
      { code: 'prop.test(c(x2, x1), c(n2, n1), correct = FALSE)' },
      `), the Wald interval of the difference, and Benjamini–Hochberg adjustment across the themes of each pair of rounds (`,
      { code: 'p.adjust(p, "BH")' },
      `). Differences are of the rounded percentages, so a sentence adds up; intervals are of the unrounded difference.`,
    ],
    [
      { strong: 'Limitations.' },
      ' Themes count mentions in interviews, not prevalence in a population. Different people may answer in different rounds, so a change may reflect who was asked as much as what changed; and "no detectable change" is not evidence that nothing changed.',
    ],
  ];
  const codebookChanges = trend.changes.flatMap((change, index) => {
    const { from, to } = roundsOf(trend, change, index);
    return change.codebook.map((entry) => `${from} → ${to}: ${codebookChangeText(entry)}`);
  });
  blocks.push({ kind: 'heading', level: 2, text: 'Methods and limitations', id: 'methods' }, { kind: 'list', items: methods });
  if (codebookChanges.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: 'Codebook changes', id: 'methods-codebook' }, { kind: 'list', items: codebookChanges });
  }
  return blocks;
}
