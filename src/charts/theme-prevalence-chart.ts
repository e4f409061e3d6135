import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatPercent } from '../format/format-percent.ts';
import { isolate } from './bidi.ts';
import { labelExpr } from './label-expr.ts';
import { markUnreliable, unreliableNote, unreliableThemes } from './reliability-mark.ts';
import { themeColors } from './theme-colors.ts';
import { themeOrder } from './theme-order.ts';
import { theme } from './theme.ts';
import { wrapLabel } from './wrap-label.ts';

/** Axis labels wrap at this width, so the plot keeps most of the chart's ~560 px. */
const LABEL_WIDTH = 190;
const PLOT_WIDTH = 330;
/** Row height: room for a bar, or for a wrapped label's lines when that needs more. */
const STEP = 26;
const LINE_HEIGHT = 13;

/**
 * Horizontal bars, one per theme: the share of respondents mentioning it, its Wilson interval as a
 * rule and the percentage as a direct label. Top-level themes run from most to least mentioned; each
 * sub-theme follows its parent, marked "↳" and drawn in the parent's colour unless the codebook gives
 * its own. Bars are drawn opaque, so every codebook colour keeps its 3:1 contrast against white.
 * Unweighted figures: the report's table carries the weighted ones.
 */
export function themePrevalenceChart(results: Results): TopLevelSpec {
  const colors = themeColors(results.themes);
  const ordered = themeOrder(results.themes);
  const labels = new Map<string, string[]>();
  const unreliable = unreliableThemes(results);
  const values = ordered.map(({ theme: row, depth }) => {
    const shown = depth > 0 ? `↳ ${row.label}` : row.label;
    labels.set(row.code, wrapLabel(markUnreliable(isolate(shown), row.code, unreliable), LABEL_WIDTH, 11));
    return {
      code: row.code,
      label: row.label,
      proportion: row.proportion ?? 0,
      lower: row.ci?.[0] ?? null,
      upper: row.ci?.[1] ?? null,
      end: row.ci?.[1] ?? row.proportion ?? 0,
      text: row.proportion === null ? 'no base' : formatPercent(row.proportion),
      count: `${row.respondents} of ${row.base}`,
      color: colors.get(row.code) ?? '#4e79a7',
    };
  });
  const maxLines = Math.max(1, ...[...labels.values()].map((label) => label.length));
  const step = Math.max(STEP, maxLines * LINE_HEIGHT + 12);
  const weightedNote = results.settings.weighted ? ' (unweighted)' : '';
  const subtitle = [
    `Share of ${results.base.respondents} respondents mentioning each theme${weightedNote}, with ${formatConfidence(results.confidence)} intervals`,
  ];
  if (ordered.some(({ depth }) => depth > 0)) subtitle.push('↳ marks a sub-theme; its mentions also count for its parent theme');
  subtitle.push(
    ...unreliableNote(
      ordered.map(({ theme: row }) => row.code),
      unreliable,
    ),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'How often each theme came up',
      subtitle,
    },
    width: PLOT_WIDTH,
    height: { step },
    data: { values },
    encoding: {
      y: {
        field: 'code',
        type: 'nominal',
        sort: values.map((value) => value.code),
        // Bars stay about 18 px thick however tall wrapped labels make the rows.
        scale: { paddingInner: Math.min(0.6, 1 - 18 / step), paddingOuter: 0.2 },
        axis: { title: null, ticks: false, domain: false, labelPadding: 8, labelExpr: labelExpr(labels) },
      },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: {
            field: 'proportion',
            type: 'quantitative',
            scale: { domain: [0, 1], nice: false },
            axis: { title: 'Respondents mentioning the theme', format: '.0%', tickCount: 5, grid: true, domain: false },
          },
          color: { field: 'color', type: 'nominal', scale: null, legend: null },
          tooltip: [
            { field: 'label', title: 'Theme' },
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
