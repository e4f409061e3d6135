import { isolate } from '../format/isolate.ts';
import { changeOrder } from '../charts/change-chart.ts';
import type { ChangeFigure, ChangeResult, CodebookChange, Results, ThemeChange } from '../model.ts';
import { changeFindings, changeSentence } from './change-findings.ts';
import { changeVerdict } from '../format/change-verdict.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatPercent } from '../format/format-percent.ts';
import { formatPoints, formatPointsInterval } from '../format/format-points.ts';
import { formatPValue } from '../format/format-p-value.ts';
import type { Cell, RenderedChart, ReportBlock } from './report-types.ts';
import { segmentPlurals } from './segment-plural.ts';
import { codingCaveat, earlierFigureCaveat, themeRowLabel } from './theme-caveats.ts';

/**
 * "What changed since <previous round>": what was compared and how; one sentence per change that
 * survives the Benjamini–Hochberg adjustment with adequate bases (`changeFindings`), or a plain
 * statement that none does; the dumbbell chart; a table of every theme (both rounds' n/base and %,
 * the difference in points with its interval, p, adjusted p and the verdict); the same per segment;
 * and the codebook differences between the rounds. Omitted when the results compare with no round.
 */
export function changeSection(results: Results, charts: readonly RenderedChart[], plurals: Record<string, string> = {}): ReportBlock[] {
  const change = results.change;
  if (change === null) return [];
  const { alpha, minBase } = results.settings;
  const confidence = formatConfidence(results.confidence);
  const previous = change.previousRound || change.previous;
  const current = results.survey.round || 'this round';
  const nouns = segmentPlurals(results, plurals);
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: `What changed since ${previous}`, id: 'what-changed' }];
  const previousBase = change.themes[0]?.previous.base;
  const currentBase = change.themes[0]?.current.base ?? results.base.respondents;
  blocks.push({
    kind: 'paragraph',
    text: `Round ${current} (${currentBase} respondents) against round ${previous}${previousBase === undefined ? '' : ` (${previousBase} respondents)`}. The respondents need not be the same people. A change is reported below only where it is larger than chance would explain, allowing for the number of themes compared, and both bases are at least ${minBase}; the tests are in the methods appendix.`,
  });
  const findings = changeFindings(change, {
    alpha,
    minBase,
    confidence: results.confidence,
    segments: nouns,
    caveats: (theme) => [codingCaveat(results, theme.code), earlierFigureCaveat(theme, previous, current)],
  });
  // Codes measured in one round only are stated as such, never as a change (CONTRACT.md, Additions).
  const unmeasured = measuredOnceSentences(change.themes, current, previous);
  if (findings.length > 0) {
    blocks.push({ kind: 'list', items: findings.map((finding) => finding.text) });
  } else {
    blocks.push({
      kind: 'paragraph',
      text: `No theme's share changed clearly since ${previous}, allowing for the number of themes compared. That does not show that nothing changed, only that these data cannot tell.`,
    });
  }
  if (unmeasured.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Codes that exist in one round only are not compared, and are not counted in the adjustment:' });
    blocks.push({ kind: 'list', items: unmeasured });
  }
  const chart = charts.find((candidate) => candidate.name === 'change');
  if (chart !== undefined) blocks.push({ kind: 'figure', chart });
  if (change.themes.length === 0) return blocks;

  const ordered = changeOrder(results, change.themes);
  // Issue 17: the body table says what changed in plain columns; the p-values and the per-segment tables are in the methods appendix (changeTestsBlocks).
  const head = ['Theme', previous, current, `Change, points (likely range)`, 'Result'];
  blocks.push({
    kind: 'table',
    caption: `Share of all respondents mentioning each theme, ${previous} and ${current}: % (n/base)`,
    head,
    rows: ordered.map(({ change: row, depth }): Cell[] => {
      const [before, after, points, , , verdict] = figureCells(row, alpha, minBase, false);
      // Issue 17: an earlier figure that differs from the earlier report says so beside it; other codebook notes stay with the label.
      const earlier = earlierFigureCaveat(row, previous, current);
      return [
        themeRowLabel(row.label, depth, [codingCaveat(results, row.code), earlier === null ? row.mapping : null]),
        withCaveat(before!, earlier),
        after!,
        points!,
        verdict!,
      ];
    }),
    numeric: [false, true, true, true, false],
    rowHeader: true,
  });
  blocks.push({
    kind: 'paragraph',
    role: 'footnote',
    text: `Change: ${current} minus ${previous}, in percentage points of the rounded shares, with its ${confidence} likely range. "Rose" or "fell" only where the change is larger than chance would explain after allowing for the number of themes compared, so a range that excludes 0 can stand beside "no detectable change". Each segment's changes and the tests are in the methods appendix.`,
  });
  if (change.questions !== undefined && change.questions.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: 'Closed questions', id: 'what-changed-questions' });
    const stated = change.questions.flatMap((question) => {
      const verdict = changeVerdict(question.topBox, alpha, minBase);
      if (verdict !== 'rose' && verdict !== 'fell') return [];
      const sentence = changeSentence(question.label, question.topBox, verdict, 'respondents who answered', results.confidence);
      return [sentence.replace(/^Mentions of /, 'Agreement with ')];
    });
    if (stated.length > 0) blocks.push({ kind: 'list', items: stated });
    blocks.push({
      kind: 'table',
      caption: `Closed questions, ${previous} and ${current}: the top answers % (n/answered), and the mean answer`,
      head: ['Question', previous, current, `Change, points (likely range)`, 'Result', `Mean, ${previous} → ${current}`],
      rows: change.questions.map((question): Cell[] => {
        const [before, after, points, , , verdict] = figureCells(question.topBox, alpha, minBase, false);
        return [question.label, before!, after!, points!, verdict!, means(question)];
      }),
      numeric: [false, true, true, true, false, true],
      rowHeader: true,
    });
  }
  blocks.push({ kind: 'heading', level: 3, text: 'Codebook changes', id: 'what-changed-codebook' });
  if (change.codebook.length === 0) {
    blocks.push({ kind: 'paragraph', text: `The codebook is the same in both rounds.` });
  } else {
    blocks.push({ kind: 'list', items: change.codebook.map(codebookChangeText) });
  }
  return blocks;
}

function fixed(value: number): string {
  return Math.abs(value) < 0.005 ? '0.00' : value.toFixed(2).replace('-', '−');
}

function means(question: NonNullable<ChangeResult['questions']>[number]): string {
  return question.mean.previous === null || question.mean.current === null ? 'n/a' : `${fixed(question.mean.previous)} → ${fixed(question.mean.current)}`;
}

/**
 * The technical side of "What changed", for the methods appendix: every theme's test (p and
 * Benjamini–Hochberg adjusted p), the same per segment, and the closed questions' tests.
 */
export function changeTestsBlocks(results: Results): ReportBlock[] {
  const change = results.change;
  if (change === null || change.themes.length === 0) return [];
  const { alpha, minBase } = results.settings;
  const confidence = formatConfidence(results.confidence);
  const previous = change.previousRound || change.previous;
  const current = results.survey.round || 'this round';
  const ordered = changeOrder(results, change.themes);
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 3, text: `Changes since ${previous}: tests`, id: 'methods-change-tests' }];
  const head = ['Theme', previous, current, `Change, points (${confidence} CI, unadjusted)`, 'p', 'BH-adjusted p', 'Result'];
  blocks.push({
    kind: 'table',
    caption: `Two-proportion tests of each theme's share, ${previous} and ${current}: % (n/base)`,
    head,
    rows: ordered.map(({ change: row, depth }): Cell[] => {
      const [before, ...rest] = figureCells(row, alpha, minBase, false);
      return [themeRowLabel(row.label, depth, [codingCaveat(results, row.code)]), withCaveat(before!, earlierFigureCaveat(row, previous, current)), ...rest];
    }),
    numeric: [false, true, true, true, true, true, false],
    rowHeader: true,
  });

  const segmentLabel = new Map(results.segments.map((segment) => [segment.id, segment.label]));
  const segmentOrder = new Map(results.segments.map((segment, index) => [segment.id, index]));
  const segmentRows = ordered.flatMap(({ change: row, depth }) =>
    [...row.bySegment]
      .sort((a, b) => (segmentOrder.get(a.segment) ?? Infinity) - (segmentOrder.get(b.segment) ?? Infinity))
      .map((cell): Cell[] => {
        const [before, ...rest] = figureCells(cell, alpha, minBase, cell.lowBase);
        return [
          themeRowLabel(row.label, depth, [codingCaveat(results, row.code)]),
          `${isolate(segmentLabel.get(cell.segment) ?? cell.segment)}${cell.lowBase ? '†' : ''}`,
          withCaveat(before!, earlierFigureCaveat(row, previous, current)),
          ...rest,
        ];
      }),
  );
  if (segmentRows.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: `Changes since ${previous} by segment`, id: 'what-changed-by-segment' });
    blocks.push({
      kind: 'table',
      caption: `Share of each segment's respondents mentioning each theme, ${previous} and ${current}: % (n/base)`,
      head: ['Theme', 'Segment', ...head.slice(1)],
      rows: segmentRows,
      numeric: [false, false, true, true, true, true, true, false],
      rowHeader: true,
    });
  }
  const notes = [
    `Change: ${current} minus ${previous}, in percentage points of the rounded shares; its interval is the ${confidence} Wald interval of the unrounded difference, not adjusted for the number of themes compared. p: two-proportion z-test; BH-adjusted p: Benjamini–Hochberg across the themes of the table (for segments, within each segment). "Rose" or "fell" only where the adjusted p is below ${alpha}: the verdict is adjusted and the interval is not, so an interval that excludes 0 can stand beside "no detectable change".`,
  ];
  if (segmentRows.length > 0) notes.push(`† Base below ${minBase} in either round: shown for completeness, not interpreted.`);
  blocks.push({ kind: 'paragraph', role: 'footnote', text: notes.join(' ') });

  const questions = change.questions ?? [];
  if (questions.length > 0) {
    blocks.push({
      kind: 'table',
      caption: `Tests of the closed questions, ${previous} and ${current}: top box % (n/answered), and mean`,
      head: [
        'Question',
        previous,
        current,
        `Change, points (${confidence} CI, unadjusted)`,
        'BH-adjusted p',
        'Result',
        `Mean, ${previous} → ${current}`,
        `Difference of means (${confidence} CI)`,
        'Welch p',
      ],
      rows: questions.map((question): Cell[] => {
        const [before, after, points, , adjusted, verdict] = figureCells(question.topBox, alpha, minBase, false);
        const difference =
          question.mean.difference === null
            ? 'n/a'
            : [fixed(question.mean.difference), question.mean.ci === null ? 'n/a' : `${fixed(question.mean.ci[0])} to ${fixed(question.mean.ci[1])}`];
        return [question.label, before!, after!, points!, adjusted!, verdict!, means(question), difference, formatPValue(question.mean.p, alpha)];
      }),
      numeric: [false, true, true, true, true, false, true, true, true],
      rowHeader: true,
    });
    blocks.push({
      kind: 'paragraph',
      role: 'footnote',
      text: `Top box: the share of those who answered choosing one of the question's top levels, compared as a theme (two-proportion z-test; p adjusted by Benjamini–Hochberg across the questions; the interval is not adjusted). Mean: Welch's t-test of the difference of means, with its ${confidence} t interval.`,
    });
  }

  return blocks;
}

/**
 * "New code in 2015: "Annual summit" 9% (4/44), no earlier figure." and "Retired in 2015:
 * "Loans" 12% (5/41) in 2014, no current figure." for the themes measured in one round only.
 */
function measuredOnceSentences(themes: readonly ThemeChange[], current: string, previous: string): string[] {
  return themes.flatMap((theme) => {
    if (theme.status === 'new') {
      return [
        `New code in ${current}: "${theme.label}" ${formatPercent(theme.current.proportion)} (${theme.current.respondents}/${theme.current.base}), no earlier figure.`,
      ];
    }
    if (theme.status === 'retired') {
      return [
        `Not in the ${current} codebook: "${theme.label}" ${formatPercent(theme.previous.proportion)} (${theme.previous.respondents}/${theme.previous.base}) in ${previous}, no current figure.`,
      ];
    }
    return [];
  });
}

/** A figure with the caveat that qualifies it on a line below (Issue 17), or the figure alone. */
function withCaveat(figure: Cell, caveat: string | null): Cell {
  if (caveat === null) return figure;
  return [...(typeof figure === 'string' ? [figure] : figure), caveat];
}

function figureCells(figure: ChangeFigure, alpha: number, minBase: number, lowBase: boolean): Cell[] {
  const share = (side: ChangeFigure['previous']): string =>
    side.respondents === null ? 'not coded' : `${formatPercent(side.proportion)} (${side.respondents}/${side.base})`;
  return [
    share(figure.previous),
    share(figure.current),
    [formatPoints(figure.previous.proportion, figure.current.proportion), formatPointsInterval(figure.ci)],
    formatPValue(figure.p, alpha),
    formatPValue(figure.pAdjusted, alpha),
    changeVerdict(figure, alpha, minBase, lowBase),
  ];
}

/**
 * One codebook difference as a line: "federal-funding renamed to federal-dollars", "beyond-money,
 * community-benefit merged into community-benefit", with the comparison's own note when it adds one.
 *
 * @example
 * codebookChangeText({ kind: 'renamed', from: ['a'], to: ['b'], note: '' }); // "a renamed to b"
 */
export function codebookChangeText(change: CodebookChange): string {
  const from = change.from.join(', ');
  const to = change.to.join(', ');
  let text: string;
  switch (change.kind) {
    case 'renamed':
      text = `${from} renamed to ${to}`;
      break;
    case 'merged':
      text = `${from} merged into ${to}`;
      break;
    case 'split':
      text = `${from} split into ${to}`;
      break;
    case 'added':
      text = `${to} added`;
      break;
    case 'retired':
      text = `${from} retired`;
      break;
    case 'vanished':
      text = `${from} vanished without a mapping`;
      break;
  }
  // Issue 17: the comparison's note names the themes by their labels; the codes are the fallback.
  const note = change.note.trim();
  return note === '' ? text : note;
}
