import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../model.ts';
import { formatPercent } from '../format/format-percent.ts';
import { parseHex } from './contrast-ratio.ts';
import { isolate } from './bidi.ts';
import { labelExpr } from './label-expr.ts';
import { markUnreliable, unreliableNote, unreliableThemes } from './reliability-mark.ts';
import { readableTextColor } from './readable-text-color.ts';
import { relatedPair } from './related-pair.ts';
import { themeOrder } from './theme-order.ts';
import { textWidth } from './text-width.ts';
import { theme } from './theme.ts';
import { wrapLabel } from './wrap-label.ts';

const CELL = 34;
const LABEL_WIDTH = 200;
const HEAD_WIDTH = 210;
const HEAD_LINE_HEIGHT = 13;
/** ColorBrewer Blues, 9 classes (Cynthia Brewer, colorbrewer2.org), interpolated in RGB like Vega does. */
export const BLUES = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'] as const;

/** The colour Vega gives `t` in [0, 1] on a piecewise RGB scale over `stops` (d3's interpolateRgb, rounded). */
export function blues(t: number): string {
  const at = Math.min(1, Math.max(0, t)) * (BLUES.length - 1);
  const index = Math.min(BLUES.length - 2, Math.floor(at));
  const from = parseHex(BLUES[index] ?? '#ffffff');
  const to = parseHex(BLUES[index + 1] ?? '#ffffff');
  const local = at - index;
  return `#${from
    .map((channel, i) =>
      Math.round(channel + ((to[i] ?? 0) - channel) * local)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * Heatmap of theme pairs: cell colour and cell text are the same figure (issue 17), the Jaccard index
 * (respondents mentioning both / mentioning either), printed as a percentage; the count mentioning
 * both is in the tooltip and the data table. Each pair appears once, in the lower triangle,
 * themes in the prevalence chart's order, row labels on the left and column labels on the diagonal. Pairs of a theme and its own sub-theme are left out: a
 * sub-theme always co-occurs with its parent, so their overlap says nothing. Undefined indexes (neither
 * theme mentioned) are left blank.
 */
export function cooccurrenceChart(results: Results): TopLevelSpec {
  const ordered = themeOrder(results.themes).map(({ theme: row }) => row);
  const rank = new Map(ordered.map((row, index) => [row.code, index]));
  const values = results.cooccurrence.flatMap((pair) => {
    const rankA = rank.get(pair.a);
    const rankB = rank.get(pair.b);
    if (rankA === undefined || rankB === undefined || rankA === rankB) return [];
    if (pair.jaccard === null || relatedPair(results.themes, pair.a, pair.b)) return [];
    // Lower triangle: the row is the later theme in reading order, the column the earlier.
    const [column, row] = rankA < rankB ? [pair.a, pair.b] : [pair.b, pair.a];
    return [
      {
        row,
        column,
        jaccard: pair.jaccard,
        share: formatPercent(pair.jaccard),
        respondents: pair.respondents,
        pair: `${labelOf(results, row)} + ${labelOf(results, column)}`,
      },
    ];
  });
  const maxJaccard = Math.max(0.05, ...values.map((value) => value.jaccard));
  // Each number in black or white, whichever reads better on its own cell's blue (WCAG AA, 4.5:1).
  const cells = values.map((value) => ({ ...value, fill: blues(value.jaccard / maxJaccard), textColor: readableTextColor(blues(value.jaccard / maxJaccard)) }));
  // A full lower triangle in reading order: row i holds the pairs of theme i with the themes before it.
  const rows = ordered.slice(1).map((row) => row.code);
  const columns = ordered.slice(0, -1).map((row) => row.code);
  const unreliable = unreliableThemes(results);
  const labels = new Map(ordered.map((row) => [row.code, wrapLabel(markUnreliable(isolate(row.label), row.code, unreliable), LABEL_WIDTH, 11)]));
  // Column labels sit on the diagonal, above each column's first cell, and run up and to the right
  // over the empty upper triangle: one line each, clear of their neighbours, and the chart does not
  // grow downwards with long labels.
  // Two lines where possible: the next label along the diagonal is about 48 px away.
  const columnHeads = columns.map((code, index) => {
    const label = markUnreliable(isolate(labelOf(results, code)), code, unreliable);
    let lines = wrapLabel(label, HEAD_WIDTH, 11);
    if (lines.length > 2) lines = wrapLabel(label, textWidth(label, 11) / 2 + 24, 11);
    return { column: code, row: rows[index] ?? '', label: lines, lines: lines.length };
  });
  // Vega stacks a label's lines downwards from its anchor; lift each block by its extra lines, so
  // every label sits wholly above its column.
  const lineCounts = [...new Set(columnHeads.map((head) => head.lines))].sort((a, b) => a - b);
  const maxLines = Math.max(1, ...rows.map((code) => labels.get(code)?.length ?? 1));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Which themes come up together',
      subtitle: [
        `Base: ${results.base.respondents} respondents`,
        'Colour and number: of the respondents mentioning either theme, the share mentioning both',
        'A theme and its own sub-theme are not paired',
        ...unreliableNote([...rows, ...columns], unreliable),
      ],
    },
    width: { step: CELL },
    height: { step: Math.max(CELL, maxLines * 13 + 8) },
    data: { values: cells },
    encoding: {
      x: {
        field: 'column',
        type: 'nominal',
        sort: columns,
        scale: { domain: columns },
        axis: null,
      },
      y: {
        field: 'row',
        type: 'nominal',
        sort: rows,
        scale: { domain: rows },
        axis: { title: null, ticks: false, domain: false, labelPadding: 6, labelExpr: labelExpr(labels) },
      },
    },
    layer: [
      ...lineCounts.map((count) => ({
        data: { values: columnHeads.filter((head) => head.lines === count) },
        mark: {
          type: 'text' as const,
          angle: 320,
          align: 'left' as const,
          baseline: 'bottom' as const,
          dx: 2,
          dy: -2 - (count - 1) * HEAD_LINE_HEIGHT,
          lineHeight: HEAD_LINE_HEIGHT,
          fontSize: 11,
          color: '#333333',
        },
        encoding: {
          y: { field: 'row', type: 'nominal' as const, sort: rows, bandPosition: 0 },
          text: { field: 'label' },
        },
      })),
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 2 },
        encoding: {
          color: {
            field: 'jaccard',
            type: 'quantitative',
            scale: { range: [...BLUES], interpolate: 'rgb', domain: [0, maxJaccard], nice: false },
            legend: { title: 'Share mentioning both', format: '.0%', orient: 'bottom', direction: 'horizontal', gradientLength: 160 },
          },
          tooltip: [
            { field: 'pair', title: 'Themes' },
            { field: 'respondents', title: 'Respondents mentioning both' },
            { field: 'share', title: 'Of those mentioning either' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 11, baseline: 'middle' },
        encoding: {
          text: { field: 'share' },
          color: { condition: { test: "datum.textColor === '#ffffff'", value: '#ffffff' }, value: '#000000' },
        },
      },
    ],
    config: { ...theme, axis: { ...theme.axis, grid: false } },
  };
}

function labelOf(results: Results, code: string): string {
  return results.themes.find((row) => row.code === code)?.label ?? code;
}
