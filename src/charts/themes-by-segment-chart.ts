import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatPercent } from '../format/format-percent.ts';
import { isolate } from './bidi.ts';
import { labelExpr } from './label-expr.ts';
import { markUnreliable, unreliableNote, unreliableThemes } from './reliability-mark.ts';
import { segmentColors } from './segment-colors.ts';
import { themeOrder } from './theme-order.ts';
import { textWidth } from './text-width.ts';
import { theme } from './theme.ts';
import { wrapLabel } from './wrap-label.ts';

/** A low-base segment's bars: its own colour (segment-colors.ts), faded. */
const LOW_BASE_OPACITY = 0.45;
const LABEL_WIDTH = 190;
const PLOT_WIDTH = 310;
const BAR = 11;
const LINE_HEIGHT = 13;

/**
 * Grouped horizontal bars: per theme (in the prevalence chart's order), one bar per segment with its
 * Wilson interval and percentage. Each segment has the colour of its id in every round (issue 17:
 * segment-colors.ts). Segments below the minimum base keep their colour, faded, and are named in the
 * subtitle as shown for completeness, so no one reads a difference into three people.
 */
export function themesBySegmentChart(results: Results): TopLevelSpec {
  const ordered = themeOrder(results.themes);
  const colors = segmentColors(results.segments.map((segment) => segment.id));
  const segments = results.segments.map((segment) => ({
    ...segment,
    legend: `${isolate(segment.label)} (n = ${segment.respondents}${segment.lowBase ? ', low base' : ''})`,
    color: colors.get(segment.id) ?? '#1f4e7a',
  }));
  const bySegmentId = new Map(segments.map((segment) => [segment.id, segment]));
  const labels = new Map<string, string[]>();
  const unreliable = unreliableThemes(results);
  const values = ordered.flatMap(({ theme: row, depth }) => {
    labels.set(row.code, wrapLabel(markUnreliable(depth > 0 ? `↳ ${isolate(row.label)}` : isolate(row.label), row.code, unreliable), LABEL_WIDTH, 11));
    return row.bySegment.flatMap((cell) => {
      const segment = bySegmentId.get(cell.segment);
      if (segment === undefined) return [];
      const lowBase = cell.lowBase || segment.lowBase;
      return [
        {
          code: row.code,
          theme: row.label,
          segment: segment.legend,
          proportion: cell.proportion ?? 0,
          lower: cell.ci?.[0] ?? null,
          upper: cell.ci?.[1] ?? null,
          end: cell.ci?.[1] ?? cell.proportion ?? 0,
          text: cell.proportion === null ? 'no base' : formatPercent(cell.proportion),
          count: `${cell.respondents} of ${cell.base}`,
          lowBase,
        },
      ];
    });
  });
  const maxLines = Math.max(1, ...[...labels.values()].map((label) => label.length));
  const groupHeight = Math.max(segments.length * (BAR + 2), maxLines * LINE_HEIGHT + 6);
  const step = groupHeight + 16;
  const low = segments.filter((segment) => segment.lowBase);
  const subtitle = [
    `Share of each segment's respondents mentioning each theme, with ${formatConfidence(results.confidence)} intervals`,
    `Base: ${segments.map((segment) => `${isolate(segment.label)} n = ${segment.respondents}`).join(', ')}`,
  ];
  if (low.length > 0) {
    const names = low.map((segment) => isolate(segment.label)).join(', ');
    subtitle.push(`${names}: base below ${results.settings.minBase}, shown for completeness`);
  }
  subtitle.push(
    ...unreliableNote(
      ordered.map(({ theme: row }) => row.code),
      unreliable,
    ),
  );
  const yOffset = { field: 'segment', type: 'nominal', sort: segments.map((segment) => segment.legend) } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Themes by stakeholder segment', subtitle },
    width: PLOT_WIDTH,
    height: step * ordered.length,
    data: { values },
    encoding: {
      y: {
        field: 'code',
        type: 'nominal',
        sort: ordered.map(({ theme: row }) => row.code),
        scale: { paddingInner: 16 / step, paddingOuter: 8 / step },
        axis: { title: null, ticks: false, domain: false, labelPadding: 8, labelExpr: labelExpr(labels) },
      },
      yOffset: { ...yOffset, scale: { paddingInner: 0.15 } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          opacity: { condition: { test: 'datum.lowBase', value: LOW_BASE_OPACITY }, value: 1 },
          x: {
            field: 'proportion',
            type: 'quantitative',
            scale: { domain: [0, 1], nice: false },
            axis: { title: 'Respondents in the segment mentioning the theme', format: '.0%', tickCount: 5, domain: false },
          },
          color: {
            field: 'segment',
            type: 'nominal',
            sort: segments.map((segment) => segment.legend),
            scale: { domain: segments.map((segment) => segment.legend), range: segments.map((segment) => segment.color) },
            legend: { title: null, orient: 'top', direction: 'horizontal', columns: legendColumns(segments.map((s) => s.legend)) },
          },
          tooltip: [
            { field: 'theme', title: 'Theme' },
            { field: 'segment', title: 'Segment' },
            { field: 'count', title: 'Respondents' },
            { field: 'text', title: 'Share' },
          ],
        },
      },
      {
        mark: { type: 'rule', color: '#262626', strokeWidth: 1 },
        encoding: {
          x: { field: 'lower', type: 'quantitative' },
          x2: { field: 'upper' },
          // A low base has a wide interval; a faint rule keeps it from drawing the eye.
          opacity: { condition: { test: 'datum.lowBase', value: 0.4 }, value: 1 },
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 11 },
        encoding: {
          x: { field: 'end', type: 'quantitative' },
          text: { field: 'text' },
          color: { condition: { test: 'datum.lowBase', value: '#6f6f6f' }, value: '#262626' },
        },
      },
    ],
    config: theme,
  };
}

/** One legend row when the entries fit across the chart, else stacked. */
function legendColumns(entries: readonly string[]): number {
  const width = entries.reduce((sum, entry) => sum + textWidth(entry, 11) + 36, 0);
  // The legend starts at the plot's left edge, not the chart's.
  return width <= PLOT_WIDTH + 60 ? entries.length : 1;
}
