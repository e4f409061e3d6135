import type { TopLevelSpec } from 'vega-lite';
import type { QuestionResult, Results } from '../model.ts';
import { formatPercent } from '../format/format-percent.ts';
import { divergingColors } from './diverging-colors.ts';
import { tint } from './ensure-contrast.ts';
import { isolate } from './bidi.ts';
import { labelExpr } from './label-expr.ts';
import { readableTextColor } from './readable-text-color.ts';
import { textWidth } from './text-width.ts';
import { theme } from './theme.ts';

const PLOT_WIDTH = 360;
const STEP = 34;

interface Row {
  key: string;
  /** Row label lines: the group, then its base. */
  label: string[];
  base: number;
  lowBase: boolean;
  counts: Record<string, number>;
}

/**
 * Diverging stacked bars for one closed question: levels below the scale's midpoint to the left of
 * zero, above it to the right, a neutral middle level split half on each side. One bar for all
 * respondents, then one per segment; low-base segments are faded and say so. Each row's bar has a dark
 * outline (the light middle levels alone would not stand out against white) and each label is black
 * or white, whichever contrasts more with its level's colour. Shares are of the row's
 * answered base (missing answers left out). Returns a spec with a note and no bars when the question
 * is unknown or nobody answered it.
 */
export function likertChart(results: Results, questionId: string): TopLevelSpec {
  const question = results.questions.find((candidate) => candidate.id === questionId);
  const levels = question === undefined ? [] : levelsOf(question);
  const segmentLabel = new Map(results.segments.map((segment) => [segment.id, segment.label]));
  const rows: Row[] =
    question === undefined
      ? []
      : [
          { key: '__all__', label: ['All respondents', `n = ${question.base}`], base: question.base, lowBase: false, counts: question.counts },
          ...question.bySegment.map((segment) => ({
            key: segment.segment,
            label: [isolate(segmentLabel.get(segment.segment) ?? segment.segment), `n = ${segment.base}${segment.lowBase ? ', low base' : ''}`],
            base: segment.base,
            lowBase: segment.lowBase,
            counts: segment.counts,
          })),
        ].filter((row) => row.base > 0);
  const colors = divergingColors(levels.length);
  const low = levels[0]?.level ?? 0;
  const high = levels[levels.length - 1]?.level ?? 0;
  const midpoint = (low + high) / 2;
  const values = rows.flatMap((row) => {
    const shares = levels.map(({ level, key }) => (row.counts[key ?? String(level)] ?? 0) / row.base);
    // Start left of zero by everything below the midpoint plus half the neutral level.
    let start = -levels.reduce((sum, { level }, index) => {
      const share = shares[index] ?? 0;
      return sum + (level < midpoint ? share : level === midpoint ? share / 2 : 0);
    }, 0);
    return levels.map(({ level, label, key }, index) => {
      const share = shares[index] ?? 0;
      const segment = {
        row: row.key,
        level: label,
        order: index,
        start,
        end: start + share,
        share,
        count: `${row.counts[key ?? String(level)] ?? 0} of ${row.base}`,
        // A label only where it fits inside its own segment (the x domain of 2 spans the plot).
        text: (share * PLOT_WIDTH) / 2 >= textWidth(formatPercent(share), 11) + 2 ? formatPercent(share) : '',
        // Low-base rows are drawn at half opacity, so their labels sit on a paler fill.
        textColor: readableTextColor(row.lowBase ? tint(colors[index] ?? '#cccccc', 0.5) : (colors[index] ?? '#cccccc')),
        lowBase: row.lowBase,
      };
      start += share;
      return segment;
    });
  });
  // One dark outline around each row's whole bar: the light middle levels alone would not stand out
  // against white at 3:1, the outline does.
  const outlines = rows.map((row) => {
    const own = values.filter((value) => value.row === row.key);
    return { row: row.key, start: own[0]?.start ?? 0, end: own[own.length - 1]?.end ?? 0 };
  });
  const labels = new Map(rows.map((row) => [row.key, row.label]));
  const levelLabels = levels.map(({ label }) => label);
  const lowRows = rows.filter((row) => row.lowBase);
  const subtitle = [
    question === undefined
      ? `No question "${questionId}" in these results`
      : rows.length === 0
        ? 'Nobody answered this question'
        : `Share of answers at each level: lower levels left of zero, higher right${levels.length % 2 === 1 ? ', the middle split' : ''}`,
  ];
  if (question !== undefined && rows.length > 0) {
    subtitle.push(`Base: ${question.base} respondents who answered${question.missing > 0 ? ` (${question.missing} left it blank)` : ''}`);
  }
  if (lowRows.length > 0) {
    subtitle.push(
      `${lowRows.map((row) => isolate(segmentLabel.get(row.key) ?? row.key)).join(', ')}: base below ${results.settings.minBase}, shown for completeness`,
    );
  }
  const columns = legendColumns(levelLabels);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: question?.label ?? questionId, subtitle },
    width: PLOT_WIDTH,
    height: { step: STEP },
    data: { values },
    encoding: {
      y: {
        field: 'row',
        type: 'nominal',
        sort: rows.map((row) => row.key),
        scale: { paddingInner: 0.3 },
        axis: { title: null, ticks: false, domain: false, labelPadding: 8, labelExpr: labelExpr(labels) },
      },
    },
    layer: [
      // The zero line first, so the neutral level's bar and label sit on top of it.
      {
        mark: { type: 'rule', color: '#4d4d4d', strokeWidth: 1 },
        encoding: { x: { datum: 0, type: 'quantitative', scale: { domain: [-1, 1], nice: false } } },
      },
      {
        mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1 },
        encoding: {
          x: {
            field: 'start',
            type: 'quantitative',
            scale: { domain: [-1, 1], nice: false },
            axis: {
              title: 'Share of answers',
              values: [-1, -0.5, 0, 0.5, 1],
              labelExpr: "format(abs(datum.value), '.0%')",
              grid: true,
              domain: false,
            },
          },
          x2: { field: 'end' },
          color: {
            field: 'level',
            type: 'nominal',
            sort: levelLabels,
            scale: { domain: levelLabels, range: colors },
            legend: { title: null, orient: 'top', direction: 'horizontal', columns },
          },
          opacity: { condition: { test: 'datum.lowBase', value: 0.5 }, value: 1 },
          tooltip: [
            { field: 'level', title: 'Level' },
            { field: 'count', title: 'Answers' },
            { field: 'share', title: 'Share', format: '.0%' },
          ],
        },
      },
      {
        data: { values: outlines },
        mark: { type: 'bar', fillOpacity: 0, stroke: '#4d4d4d', strokeWidth: 1 },
        encoding: {
          x: { field: 'start', type: 'quantitative' },
          x2: { field: 'end' },
        },
      },
      {
        mark: { type: 'text', fontSize: 11, baseline: 'middle' },
        encoding: {
          x: { datum: { expr: '(datum.start + datum.end) / 2' }, type: 'quantitative' },
          text: { field: 'text' },
          color: { condition: { test: "datum.textColor === '#ffffff'", value: '#ffffff' }, value: '#000000' },
        },
      },
    ],
    config: { ...theme, axisY: { grid: false } },
  };
}

function levelsOf(question: QuestionResult): { level: number; label: string; key?: string }[] {
  if (question.levels.length > 0) return question.levels;
  // Older results without the level labels: the count keys are the levels.
  return Object.keys(question.counts)
    .map(Number)
    .sort((a, b) => a - b)
    .map((level) => ({ level, label: String(level) }));
}

/**
 * All levels in one legend row, in level order, when the row fits within about the chart's width
 * (the legend starts at the plot's left edge); otherwise one level per line.
 */
function legendColumns(labels: readonly string[]): number {
  const row = labels.reduce((sum, label) => sum + textWidth(label, 11) + 30, 0);
  return row <= PLOT_WIDTH + 200 ? Math.max(1, labels.length) : 1;
}
