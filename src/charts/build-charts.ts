import type { TopLevelSpec } from 'vega-lite';
import type { QuestionResult, Results, ThemeResult } from '../model.ts';
import { changeVerdict } from '../format/change-verdict.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatInterval } from '../format/format-interval.ts';
import { formatPercent } from '../format/format-percent.ts';
import { formatPoints } from '../format/format-points.ts';
import { segmentNoun } from '../format/segment-noun.ts';
import { changeChart, changeOrder } from './change-chart.ts';
import { chartView } from './chart-view.ts';
import { cooccurrenceChart } from './cooccurrence-chart.ts';
import { optionAlt, optionChart, optionTable } from './option-chart.ts';
import { likertChartName } from './likert-chart-name.ts';
import { likertChart } from './likert-chart.ts';
import { relatedPair } from './related-pair.ts';
import { themeOrder } from './theme-order.ts';
import { themePrevalenceChart } from './theme-prevalence-chart.ts';
import { themesBySegmentChart } from './themes-by-segment-chart.ts';
import { segmentCell } from '../format/segment-cell.ts';
import { guardVegaNames } from './guard-vega-names.ts';
import { type ChartFrame, roundFrame } from './file-spec.ts';

/** The figures a chart draws, as a table for screen readers and anyone who wants the numbers. */
export interface ChartTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** Per column: right-aligned figures. */
  numeric: boolean[];
}

export interface ChartSpec {
  /** Kebab-case file stem: `charts/<name>.svg`. */
  name: string;
  title: string;
  /** One-sentence text alternative written from the data. */
  alt: string;
  spec: TopLevelSpec;
  /** The chart's data as a table; the first cell of each row names the row. */
  table?: ChartTable;
  /** Issue 17: what the standalone chart file adds around the chart (title, base, source, note: file-spec.ts). */
  frame?: ChartFrame;
}

/**
 * Every chart the results support, in report order, each with a file name, a title, a text
 * alternative and its data as a table. Charts without data are skipped: no themes, no prevalence
 * chart; fewer than two segments, no by-segment chart; fewer than two themes (or no defined pair), no
 * heatmap; one Likert chart per question that somebody answered; the change chart only when the
 * results compare with a previous round.
 */
export function buildCharts(full: Results): ChartSpec[] {
  // Charts draw a readable part of very large studies; the notes say what was left out.
  const { results, notes } = chartView(full);
  const charts: ChartSpec[] = [];
  const ranked = themeOrder(results.themes)
    .map(({ theme }) => theme)
    .filter((theme) => theme.proportion !== null)
    .sort((a, b) => (b.proportion ?? 0) - (a.proportion ?? 0) || b.respondents - a.respondents);
  if (results.themes.length > 0) {
    charts.push({
      name: 'theme-prevalence',
      title: 'How often each theme came up',
      alt: prevalenceAlt(results, ranked),
      spec: themePrevalenceChart(results),
      table: prevalenceTable(results),
      frame: roundFrame(results, 'How often each theme came up'),
    });
  }
  if (results.segments.length >= 2 && results.themes.length > 0) {
    charts.push({
      name: 'themes-by-segment',
      title: 'Themes by stakeholder segment',
      alt: bySegmentAlt(results),
      spec: themesBySegmentChart(results),
      table: bySegmentTable(results),
      frame: roundFrame(results, 'Themes by stakeholder segment'),
    });
  }
  const pairs = results.cooccurrence.filter((pair) => pair.jaccard !== null && pair.a !== pair.b && !relatedPair(results.themes, pair.a, pair.b));
  if (results.themes.length >= 2 && pairs.length > 0) {
    const top = [...pairs].sort((a, b) => (b.jaccard ?? 0) - (a.jaccard ?? 0) || b.respondents - a.respondents)[0];
    charts.push({
      name: 'cooccurrence',
      title: 'Which themes come up together',
      alt:
        top === undefined
          ? 'Heatmap of how often pairs of themes are mentioned by the same respondents.'
          : `Heatmap of how often pairs of themes are mentioned by the same respondents: ${labelOf(results, top.a)} and ${labelOf(results, top.b)} overlap most (Jaccard index ${(top.jaccard ?? 0).toFixed(2)}, ${top.respondents} respondents mention both).`,
      spec: cooccurrenceChart(results),
      frame: roundFrame(results, 'Which themes come up together'),
      table: {
        caption: 'Pairs of themes mentioned by the same respondents',
        head: ['Theme', 'With theme', 'Respondents mentioning both', 'Jaccard index'],
        rows: [...pairs]
          .sort((a, b) => (b.jaccard ?? 0) - (a.jaccard ?? 0) || b.respondents - a.respondents)
          .map((pair) => [labelOf(results, pair.a), labelOf(results, pair.b), String(pair.respondents), (pair.jaccard ?? 0).toFixed(2)]),
        numeric: [false, false, true, true],
      },
    });
  }
  for (const question of results.questions) {
    if (question.base <= 0) continue;
    // issue 16: bars of each option's share for single and multi questions (the base stated); numeric questions have no chart.
    if (question.type === 'single' || question.type === 'multi') {
      charts.push({
        name: likertChartName(question.id),
        title: question.label,
        alt: optionAlt(question),
        spec: optionChart(results, question),
        table: optionTable(results, question),
        frame: roundFrame(results, question.label, answeredBase(question)),
      });
      continue;
    }
    if (question.type === 'numeric') continue;
    charts.push({
      name: likertChartName(question.id),
      title: question.label,
      alt: likertAlt(question),
      spec: likertChart(results, question.id),
      table: likertTable(results, question),
      frame: roundFrame(results, question.label, answeredBase(question)),
    });
  }
  if (results.change !== null && results.change.themes.length > 0) {
    const change = results.change;
    const previous = change.previousRound || change.previous;
    charts.push({
      name: 'change',
      title: `What changed since ${previous}`,
      alt: changeAlt(results),
      spec: changeChart(results),
      frame: roundFrame(
        results,
        `What changed since ${previous}`,
        `Base: ${previous} ${change.themes[0]?.previous.base ?? 0} respondents, ${results.survey.round || 'this round'} ${change.themes[0]?.current.base ?? 0} respondents`,
      ),
      table: {
        caption: `Share of respondents mentioning each theme in ${previous} and ${results.survey.round || 'this round'}`,
        head: ['Theme', previous, results.survey.round || 'This round', 'Change (points)'],
        rows: changeOrder(results, change.themes).map(({ change: row, depth }) => [
          depth > 0 ? `↳ ${row.label}` : row.label,
          row.previous.respondents === null ? 'not coded' : `${formatPercent(row.previous.proportion)} (${row.previous.respondents}/${row.previous.base})`,
          row.current.respondents === null ? 'not coded' : `${formatPercent(row.current.proportion)} (${row.current.respondents}/${row.current.base})`,
          row.status === 'new'
            ? 'new code, no earlier figure'
            : row.status === 'retired'
              ? 'retired'
              : formatPoints(row.previous.proportion, row.current.proportion),
        ]),
        numeric: [false, true, true, true],
      },
    });
  }
  if (notes.length > 0) {
    for (const chart of charts) {
      const title = (chart.spec as { title?: { subtitle?: string | string[] } }).title;
      if (title !== undefined && typeof title === 'object') {
        title.subtitle = [...(Array.isArray(title.subtitle) ? title.subtitle : title.subtitle ? [title.subtitle] : []), ...notes];
      }
      chart.alt = `${chart.alt} ${notes.join('. ')}.`;
    }
  }
  // Issue #20: a data name such as "toString" must not become a Vega operator (guard-vega-names.ts).
  return charts.map((chart) => ({ ...chart, spec: guardVegaNames(chart.spec) }));
}

/** A question chart's base: the respondents who answered (as the Likert chart's subtitle words it, so the file does not repeat it). */
function answeredBase(question: QuestionResult): string {
  return `Base: ${question.base} respondents who answered${question.missing > 0 ? ` (${question.missing} left it blank)` : ''}`;
}

function prevalenceTable(results: Results): ChartTable {
  const confidence = formatConfidence(results.confidence);
  return {
    caption: `Respondents mentioning each theme, of ${results.base.respondents}`,
    head: ['Theme', 'Respondents', 'Share', `${confidence} CI`],
    rows: themeOrder(results.themes).map(({ theme, depth }) => [
      depth > 0 ? `↳ ${theme.label}` : theme.label,
      `${theme.respondents} of ${theme.base}`,
      formatPercent(theme.proportion),
      formatInterval(theme.ci),
    ]),
    numeric: [false, true, true, true],
  };
}

function bySegmentTable(results: Results): ChartTable {
  return {
    caption: "Share of each segment's respondents mentioning each theme: % (n/base)",
    head: ['Theme', ...results.segments.map((segment) => `${segment.label} (n = ${segment.respondents}${segment.lowBase ? ', low base' : ''})`)],
    rows: themeOrder(results.themes).map(({ theme, depth }) => [
      depth > 0 ? `↳ ${theme.label}` : theme.label,
      ...results.segments.map((segment, segmentIndex) => {
        const cell = segmentCell(theme, segment.id, segmentIndex);
        return cell === undefined ? 'n/a' : `${formatPercent(cell.proportion)} (${cell.respondents}/${cell.base})`;
      }),
    ]),
    numeric: [false, ...results.segments.map(() => true)],
  };
}

function likertTable(results: Results, question: QuestionResult): ChartTable {
  const levels =
    question.levels.length > 0
      ? question.levels
      : Object.keys(question.counts)
          .map(Number)
          .sort((a, b) => a - b)
          .map((level) => ({ level, label: String(level) }));
  const label = new Map(results.segments.map((segment) => [segment.id, segment.label]));
  const row = (name: string, base: number, counts: Record<string, number>): string[] => [
    name,
    String(base),
    ...levels.map(({ level, key }: { level: number; key?: string }) => {
      const count = counts[key ?? String(level)] ?? 0;
      return `${count} (${formatPercent(base > 0 ? count / base : null)})`;
    }),
  ];
  return {
    caption: `Answers to "${question.label}": count (% of answers)`,
    head: ['Group', 'Answered', ...levels.map(({ label: text }) => text)],
    rows: [
      row('All respondents', question.base, question.counts),
      ...question.bySegment
        .filter((segment) => segment.base > 0)
        .map((segment) => row(`${label.get(segment.segment) ?? segment.segment}${segment.lowBase ? ' (low base)' : ''}`, segment.base, segment.counts)),
    ],
    numeric: [false, true, ...levels.map(() => true)],
  };
}

function changeAlt(results: Results): string {
  const change = results.change;
  if (change === null) return 'No comparison with a previous round.';
  const previous = change.previousRound || change.previous;
  const current = results.survey.round || 'this round';
  const changed = change.themes.filter((row) => {
    const verdict = changeVerdict(row, results.settings.alpha, results.settings.minBase);
    return verdict === 'rose' || verdict === 'fell';
  });
  let sentence = `Dumbbell chart of ${change.themes.length} themes, the share of respondents mentioning each in ${previous} (n = ${change.themes[0]?.previous.base ?? 0}) and ${current} (n = ${change.themes[0]?.current.base ?? 0})`;
  const added = change.themes.filter((row) => row.status === 'new');
  const retired = change.themes.filter((row) => row.status === 'retired');
  if (added.length > 0)
    sentence += `; new in ${current}, with no earlier figure: ${added.map((row) => `${row.label} ${formatPercent(row.current.proportion)}`).join(', ')}`;
  if (retired.length > 0)
    sentence += `; not in the ${current} codebook: ${retired.map((row) => `${row.label} (${formatPercent(row.previous.proportion)} in ${previous})`).join(', ')}`;
  if (changed.length === 0) {
    sentence += `; no change survives the adjustment for the number of themes compared`;
  } else {
    const parts = changed.map(
      (row) =>
        `${row.label} ${(row.difference ?? 0) > 0 ? 'rose' : 'fell'} from ${formatPercent(row.previous.proportion)} to ${formatPercent(row.current.proportion)}`,
    );
    sentence += `; ${changed.length === 1 ? 'one change survives' : `${changed.length} changes survive`} the adjustment for the number of themes compared: ${parts.join('; ')}`;
  }
  return `${sentence}.`;
}

function prevalenceAlt(results: Results, ranked: ThemeResult[]): string {
  const [first, second, third] = ranked;
  const last = ranked[ranked.length - 1];
  if (first === undefined) return `Bar chart of ${results.themes.length} themes: no respondents to count.`;
  const parts = [
    `Bar chart of ${ranked.length} themes among ${results.base.respondents} respondents: ${first.label} is the most mentioned theme (${first.respondents} of ${first.base}, ${formatPercent(first.proportion)})`,
  ];
  const next = [second, third].filter((theme): theme is ThemeResult => theme !== undefined && theme !== last);
  if (next.length > 0) parts.push(`followed by ${next.map((theme) => `${theme.label} (${formatPercent(theme.proportion)})`).join(' and ')}`);
  let sentence = parts.join(', ');
  if (last !== undefined && last !== first) {
    sentence +=
      last.respondents === 0
        ? `; nobody mentions ${last.label}`
        : `; ${last.label} is mentioned least (${last.respondents} of ${last.base}, ${formatPercent(last.proportion)})`;
  }
  return `${sentence}.`;
}

function bySegmentAlt(results: Results): string {
  const segments = results.segments.map((segment) => `${segment.label} n = ${segment.respondents}${segment.lowBase ? ', low base' : ''}`);
  let sentence = `Grouped bar chart of ${results.themes.length} themes by segment (${segments.join('; ')})`;
  const label = new Map(results.segments.map((segment) => [segment.id, segment.label]));
  let widest: { theme: ThemeResult; high: string; low: string; highShare: number; lowShare: number } | undefined;
  for (const theme of results.themes) {
    const cells = theme.bySegment.filter((cell) => !cell.lowBase && cell.proportion !== null);
    const high = cells.reduce<(typeof cells)[number] | undefined>(
      (best, cell) => (best === undefined || (cell.proportion ?? 0) > (best.proportion ?? 0) ? cell : best),
      undefined,
    );
    const low = cells.reduce<(typeof cells)[number] | undefined>(
      (best, cell) => (best === undefined || (cell.proportion ?? 0) < (best.proportion ?? 0) ? cell : best),
      undefined,
    );
    if (high === undefined || low === undefined || high === low) continue;
    const gap = (high.proportion ?? 0) - (low.proportion ?? 0);
    if (widest === undefined || gap > widest.highShare - widest.lowShare) {
      widest = { theme, high: high.segment, low: low.segment, highShare: high.proportion ?? 0, lowShare: low.proportion ?? 0 };
    }
  }
  if (widest !== undefined && widest.highShare > widest.lowShare) {
    sentence += `; the widest gap is for ${widest.theme.label}: ${formatPercent(widest.highShare)} of ${segmentNoun(label.get(widest.high) ?? widest.high)} against ${formatPercent(widest.lowShare)} of ${segmentNoun(label.get(widest.low) ?? widest.low)}`;
  }
  return `${sentence}.`;
}

function likertAlt(question: QuestionResult): string {
  // issue 16: a 0-10 recommendation question is read as promoters, passives and detractors.
  if (question.nps != null) {
    const share = (n: number) => formatPercent(question.base > 0 ? n / question.base : null);
    const { promoters, passives, detractors } = question.nps;
    return `Diverging bar chart of ${question.base} answers from 0 to 10 to "${question.label}": ${share(promoters)} promoters (9–10), ${share(passives)} passives (7–8), ${share(detractors)} detractors (0–6); one bar overall and one per segment.`;
  }
  const levels =
    question.levels.length > 0
      ? question.levels
      : Object.keys(question.counts)
          .map(Number)
          .sort((a, b) => a - b)
          .map((level) => ({ level, label: String(level) }));
  const low = levels[0]?.level ?? 0;
  const high = levels[levels.length - 1]?.level ?? 0;
  const midpoint = (low + high) / 2;
  const share = (test: (level: number) => boolean): number =>
    levels
      .filter(({ level }) => test(level))
      .reduce((sum, { level, key }: { level: number; key?: string }) => sum + (question.counts[key ?? String(level)] ?? 0), 0) / question.base;
  const names = (test: (level: number) => boolean): string =>
    levels
      .filter(({ level }) => test(level))
      .map(({ label }) => label)
      .join(' or ');
  let sentence = `Diverging bar chart of ${question.base} answers to "${question.label}": ${formatPercent(share((level) => level > midpoint))} chose ${names((level) => level > midpoint)}, ${formatPercent(share((level) => level < midpoint))} ${names((level) => level < midpoint)}`;
  if (levels.some(({ level }) => level === midpoint))
    sentence += `, ${formatPercent(share((level) => level === midpoint))} ${names((level) => level === midpoint)}`;
  return `${sentence}; one bar overall and one per segment.`;
}

function labelOf(results: Results, code: string): string {
  return results.themes.find((theme) => theme.code === code)?.label ?? code;
}
