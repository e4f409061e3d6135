import type { TopLevelSpec } from 'vega-lite';
import type { TrendResults } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatPercent } from '../format/format-percent.ts';
import { isolate } from './bidi.ts';
import { labelExpr } from './label-expr.ts';
import { themeColors } from './theme-colors.ts';
import { theme } from './theme.ts';
import { wrapLabel } from './wrap-label.ts';

const COLUMNS = 3;
const CELL_WIDTH = 150;
const CELL_HEIGHT = 96;
const HEADER_WIDTH = 150;
/** Every point gets its percentage up to this many rounds; beyond, only the first and the last. */
const LABEL_ALL_UP_TO = 4;

type TrendTheme = TrendResults['themes'][number];

/** Where a point's label sits: the corner of the point it starts from. */
type Corner = 'above-right' | 'below-right' | 'above-left' | 'below-left';
const CORNERS: readonly Corner[] = ['above-right', 'below-right', 'above-left', 'below-left'];
/** The label's gap from its point: clear of the interval rule (x) and of the point (y). */
const LABEL_GAP_X = 5;
const LABEL_GAP_Y = 3;
/** A label (10 px text and its gap) needs this share of the panel's 0–100% height above or below its point. */
const LABEL_ROOM = (10 + LABEL_GAP_Y + 2) / CELL_HEIGHT;

/**
 * The corner beside a point where its label crosses no line: the segment to the next point leaves
 * the point to the right, up or down, so the other right-hand corner is free (both are free at the
 * last point); likewise the segment from the previous point on the left. Right of the point is
 * preferred; a corner without room inside the panel (a label above 85% or below 15%) is avoided,
 * trying the left side next. A point with no free corner inside the panel (a peak near 100%, a
 * trough near 0%) keeps its free corner and reaches past the panel's edge.
 */
export function labelCorner(previous: number | null, value: number, next: number | null): Corner {
  const roomAbove = value <= 1 - LABEL_ROOM;
  const roomBelow = value >= LABEL_ROOM;
  // The free vertical side on each side of the point ('either' when no segment leaves that way).
  const side = (neighbour: number | null): 'above' | 'below' | 'either' => (neighbour === null ? 'either' : neighbour > value ? 'below' : 'above');
  const fits = (vertical: 'above' | 'below') => (vertical === 'above' ? roomAbove : roomBelow);
  for (const [horizontal, neighbour] of [
    ['right', next],
    ['left', previous],
  ] as const) {
    const free = side(neighbour);
    if (free === 'either') {
      if (roomAbove) return `above-${horizontal}`;
      if (roomBelow) return `below-${horizontal}`;
    } else if (fits(free)) return `${free}-${horizontal}`;
  }
  const right = side(next);
  return right === 'below' ? 'below-right' : 'above-right';
}

/**
 * Small multiples, one panel per theme (in reading order: top-level themes by their share in the
 * latest round, each followed by its sub-themes): the share of respondents mentioning it in each
 * round, oldest first, as a line in the theme's colour with each round's Wilson interval as a vertical
 * rule and the percentages as direct labels. Every panel has the same 0–100% scale, so panels compare.
 */
export function trendChart(trend: TrendResults): TopLevelSpec {
  const ordered = trendOrder(trend.themes);
  const colors = themeColors(trend.themes);
  const rounds = trend.rounds.map((round) => round.round);
  const heads = new Map<string, string[]>();
  const values = ordered.flatMap(({ theme: row, depth }) => {
    heads.set(row.code, wrapLabel(depth > 0 ? `↳ ${isolate(row.label)}` : isolate(row.label), HEADER_WIDTH, 11, 'bold'));
    const defined = row.points.filter((point) => point.proportion !== null);
    const first = defined[0];
    const last = defined[defined.length - 1];
    return defined.map((point, index) => ({
      code: row.code,
      label: row.label,
      round: point.round,
      proportion: point.proportion ?? 0,
      lower: point.ci?.[0] ?? point.proportion,
      upper: point.ci?.[1] ?? point.proportion,
      text: rounds.length <= LABEL_ALL_UP_TO || point === first || point === last ? formatPercent(point.proportion) : '',
      // Issue 17: the label goes into a corner beside its point that neither line segment enters.
      corner: labelCorner(defined[index - 1]?.proportion ?? null, point.proportion ?? 0, defined[index + 1]?.proportion ?? null),
      count: `${point.respondents} of ${point.base}`,
      color: colors.get(row.code) ?? '#4e79a7',
    }));
  });
  const x = {
    field: 'round',
    type: 'ordinal' as const,
    sort: rounds,
    scale: { domain: rounds, type: 'point' as const, padding: 0.45 },
    axis: { title: null, labelAngle: 0, ticks: false, domain: false, labelPadding: 4 },
  };
  const y = { type: 'quantitative' as const, scale: { domain: [0, 1], nice: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Themes across rounds',
      subtitle: [
        `Share of respondents mentioning each theme, with ${formatConfidence(trend.confidence)} intervals`,
        `Base: ${trend.rounds.map((round) => `${round.round} n = ${round.respondents}`).join(', ')}`,
      ],
    },
    data: { values },
    columns: COLUMNS,
    facet: {
      field: 'code',
      type: 'nominal',
      sort: ordered.map(({ theme: row }) => row.code),
      header: {
        title: null,
        labelExpr: labelExpr(heads),
        labelAnchor: 'start',
        labelAlign: 'left',
        labelFontSize: 11,
        labelFontWeight: 'bold',
        labelColor: '#1f1f1f',
        labelLineHeight: 13,
        labelPadding: 4,
        labelBaseline: 'top',
        labelLimit: 0,
      },
    },
    spacing: { row: 16, column: 22 },
    spec: {
      width: CELL_WIDTH,
      height: CELL_HEIGHT,
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: {
            x,
            y: { field: 'lower', ...y, axis: { format: '.0%', values: [0, 0.5, 1], title: null, grid: true, domain: false, ticks: false } },
            y2: { field: 'upper' },
            color: { field: 'color', type: 'nominal', scale: null, legend: null },
          },
        },
        {
          mark: { type: 'line', strokeWidth: 2 },
          encoding: { x, y: { field: 'proportion', ...y }, color: { field: 'color', type: 'nominal', scale: null, legend: null } },
        },
        {
          mark: { type: 'point', filled: true, size: 36, opacity: 1 },
          encoding: {
            x,
            y: { field: 'proportion', ...y },
            color: { field: 'color', type: 'nominal', scale: null, legend: null },
            tooltip: [
              { field: 'label', title: 'Theme' },
              { field: 'round', title: 'Round' },
              { field: 'count', title: 'Respondents' },
              { field: 'text', title: 'Share' },
            ],
          },
        },
        // Each label in its corner (labelCorner), clear of the point's interval rule; a white halo
        // keeps it readable over the grid.
        ...CORNERS.flatMap((corner) =>
          [{ stroke: '#ffffff', strokeWidth: 3 }, {}].map((halo) => ({
            transform: [{ filter: `datum.corner === '${corner}'` }],
            mark: {
              type: 'text' as const,
              fontSize: 10,
              dx: corner.endsWith('right') ? LABEL_GAP_X : -LABEL_GAP_X,
              dy: corner.startsWith('above') ? -LABEL_GAP_Y : LABEL_GAP_Y,
              align: corner.endsWith('right') ? ('left' as const) : ('right' as const),
              baseline: corner.startsWith('above') ? ('bottom' as const) : ('top' as const),
              color: '#262626',
              ...halo,
            },
            encoding: { x, y: { field: 'proportion', ...y }, text: { field: 'text' } },
          })),
        ),
      ],
    },
    // Every panel its own round axis: no axis hangs under an empty slot of the last row (issue 17).
    resolve: { axis: { x: 'independent' } },
    config: { ...theme, axis: { ...theme.axis, labelFontSize: 10 }, view: { stroke: '#d9d9d9' } },
  };
}

/** Themes in reading order: top-level by the latest round's share (descending; ties in given order), each followed by its sub-themes. */
export function trendOrder(themes: readonly TrendTheme[]): { theme: TrendTheme; depth: number }[] {
  const codes = new Set(themes.map((row) => row.code));
  const position = new Map(themes.map((row, index) => [row.code, index]));
  const latest = (row: TrendTheme): number => row.points[row.points.length - 1]?.proportion ?? -1;
  const children = new Map<string | null, TrendTheme[]>();
  for (const row of themes) {
    const key = row.parent !== null && codes.has(row.parent) && row.parent !== row.code ? row.parent : null;
    children.set(key, [...(children.get(key) ?? []), row]);
  }
  const rank = (a: TrendTheme, b: TrendTheme): number => latest(b) - latest(a) || (position.get(a.code) ?? 0) - (position.get(b.code) ?? 0);
  const ordered: { theme: TrendTheme; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number): void => {
    for (const row of [...(children.get(parent) ?? [])].sort(rank)) {
      if (seen.has(row.code)) continue;
      seen.add(row.code);
      ordered.push({ theme: row, depth });
      visit(row.code, depth + 1);
    }
  };
  visit(null, 0);
  for (const row of [...themes].sort(rank)) if (!seen.has(row.code)) ordered.push({ theme: row, depth: 0 });
  return ordered;
}
