/**
 * issue 16: horizontal bars for a single or multi question, one per option in the config's order:
 * the option's share of the answered base with its Wilson interval as a rule and the percentage as
 * a direct label. The subtitle states the base ("of the 18 respondents who answered"; for multi,
 * that a respondent may choose several, so the bars add to more than 100%). Unweighted figures: the
 * report's table carries the weighted ones.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { QuestionResult, Results } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatPercent } from '../format/format-percent.ts';
import { isolate } from './bidi.ts';
import { labelExpr } from './label-expr.ts';
import { theme } from './theme.ts';
import { wrapLabel } from './wrap-label.ts';

const LABEL_WIDTH = 190;
const PLOT_WIDTH = 330;
const STEP = 26;
const LINE_HEIGHT = 13;
const COLOR = '#4e79a7';

/** The chart's data as a table (build-charts.ts's ChartTable; declared here to keep the import one way). */
interface OptionTable {
  caption: string;
  head: string[];
  rows: string[][];
  numeric: boolean[];
}

/** The base sentence of a single or multi question's figures. */
export function optionBase(question: QuestionResult): string {
  const who = `${question.base} respondent${question.base === 1 ? '' : 's'} who answered`;
  return question.type === 'multi' ? `of the ${who} (each could choose several, so the shares add to more than 100%)` : `of the ${who}`;
}

export function optionChart(results: Results, question: QuestionResult): TopLevelSpec {
  const options = question.options ?? [];
  const labels = new Map<string, string[]>();
  const values = options.map((option, i) => {
    const id = `o${i}`;
    labels.set(id, wrapLabel(isolate(option.label), LABEL_WIDTH, 11));
    return {
      id,
      label: option.label,
      proportion: option.proportion ?? 0,
      lower: option.ci?.[0] ?? null,
      upper: option.ci?.[1] ?? null,
      end: option.ci?.[1] ?? option.proportion ?? 0,
      text: option.proportion === null ? 'no base' : formatPercent(option.proportion),
      count: `${option.respondents} of ${question.base}`,
    };
  });
  const maxLines = Math.max(1, ...[...labels.values()].map((label) => label.length));
  const step = Math.max(STEP, maxLines * LINE_HEIGHT + 12);
  const weightedNote = results.settings.weighted ? ' (unweighted)' : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: question.label,
      subtitle: [`Share ${optionBase(question)}${weightedNote}, with ${formatConfidence(results.confidence)} intervals`],
    },
    width: PLOT_WIDTH,
    height: { step },
    data: { values },
    encoding: {
      y: {
        field: 'id',
        type: 'nominal',
        sort: values.map((value) => value.id),
        scale: { paddingInner: Math.min(0.6, 1 - 18 / step), paddingOuter: 0.2 },
        axis: { title: null, ticks: false, domain: false, labelPadding: 8, labelExpr: labelExpr(labels) },
      },
    },
    layer: [
      {
        mark: { type: 'bar', color: COLOR },
        encoding: {
          x: {
            field: 'proportion',
            type: 'quantitative',
            scale: { domain: [0, 1], nice: false },
            axis: { title: `Respondents (base ${question.base})`, format: '.0%', tickCount: 5, grid: true, domain: false },
          },
          tooltip: [
            { field: 'label', title: 'Answer' },
            { field: 'count', title: 'Respondents' },
            { field: 'text', title: 'Share' },
          ],
        },
      },
      {
        mark: { type: 'rule', color: '#262626', strokeWidth: 1.25 },
        encoding: { x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, fontSize: 11, color: '#262626' },
        encoding: { x: { field: 'end', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
    config: theme,
  };
}

export function optionTable(results: Results, question: QuestionResult): OptionTable {
  const label = new Map(results.segments.map((segment) => [segment.id, segment.label]));
  const options = question.options ?? [];
  const row = (name: string, base: number, counts: Record<string, number>): string[] => [
    name,
    String(base),
    ...options.map(({ key }) => {
      const count = counts[key] ?? 0;
      return `${count} (${formatPercent(base > 0 ? count / base : null)})`;
    }),
  ];
  return {
    caption: `Answers to "${question.label}": count (% ${optionBase(question)})`,
    head: ['Group', 'Answered', ...options.map((option) => option.label)],
    rows: [
      row('All respondents', question.base, question.counts),
      ...question.bySegment
        .filter((segment) => segment.base > 0)
        .map((segment) => row(`${label.get(segment.segment) ?? segment.segment}${segment.lowBase ? ' (low base)' : ''}`, segment.base, segment.counts)),
    ],
    numeric: [false, true, ...options.map(() => true)],
  };
}

export function optionAlt(question: QuestionResult): string {
  const parts = (question.options ?? []).map((option) => `${option.label} ${formatPercent(option.proportion)}`);
  return `Bar chart of the answers to "${question.label}", share ${optionBase(question)}: ${parts.join(', ')}.`;
}
