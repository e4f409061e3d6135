import type { TopLevelSpec } from 'vega-lite';
import type { Results, ThemeChange } from '../model.ts';
import { changeVerdict } from '../format/change-verdict.ts';
import { formatPercent } from '../format/format-percent.ts';
import { isolate } from './bidi.ts';
import { labelExpr } from './label-expr.ts';
import { markUnreliable, unreliableNote, unreliableThemes } from './reliability-mark.ts';
import { themeColors } from './theme-colors.ts';
import { theme } from './theme.ts';
import { wrapLabel } from './wrap-label.ts';

const LABEL_WIDTH = 190;
const PLOT_WIDTH = 330;
const STEP = 26;
const LINE_HEIGHT = 13;
/** The previous round: a hollow grey ring (4.5:1 on white), so the rounds differ in shape as well as colour. */
export const PREVIOUS_COLOR = '#767676';
/** The line joining the two rounds (3.4:1 on white). */
export const JOIN_COLOR = '#8c8c8c';

/** A theme of the comparison in reading order, with its depth under a parent. */
interface Row {
  change: ThemeChange;
  depth: number;
}

/**
 * Dumbbell chart of the change since the previous round: per theme, a hollow grey ring for the
 * previous round and a dot in the theme's colour for this one, joined by a line, each with its
 * percentage as a direct label on its own side. Top-level themes run from most to least mentioned
 * this round, each sub-theme after its parent. A change that survives the Benjamini–Hochberg
 * adjustment (with both bases adequate) is marked ▲ or ▼ beside the current share, so the chart
 * reads the same in greyscale. Returns an empty chart with a note when there is no comparison.
 */
export function changeChart(results: Results): TopLevelSpec {
  const change = results.change;
  const rows = change === null ? [] : changeOrder(results, change.themes);
  const colors = themeColors(results.themes);
  const { alpha, minBase } = results.settings;
  const labels = new Map<string, string[]>();
  const unreliable = unreliableThemes(results);
  const values = rows.map(({ change: row, depth }) => {
    labels.set(row.code, wrapLabel(markUnreliable(depth > 0 ? `↳ ${isolate(row.label)}` : isolate(row.label), row.code, unreliable), LABEL_WIDTH, 11));
    const verdict = changeVerdict(row, alpha, minBase);
    const previous = row.previous.proportion;
    const current = row.current.proportion;
    const rising = previous !== null && current !== null && current >= previous;
    const mark = verdict === 'rose' ? ' ▲' : verdict === 'fell' ? ' ▼' : '';
    return {
      code: row.code,
      label: row.label,
      previous,
      current,
      low: previous === null || current === null ? null : Math.min(previous, current),
      high: previous === null || current === null ? null : Math.max(previous, current),
      // A code measured in one round only has one dot, labelled as such (CONTRACT.md, Additions).
      previousText: row.status === 'new' ? '' : row.status === 'retired' ? `${formatPercent(previous)} (retired)` : formatPercent(previous),
      currentText: row.status === 'new' ? `${formatPercent(current)} (new code)` : row.status === 'retired' ? '' : `${formatPercent(current)}${mark}`,
      // Each label on the outer side of its own dot.
      previousAlign: rising ? 'right' : 'left',
      previousDx: rising ? -9 : 9,
      currentAlign: rising ? 'left' : 'right',
      currentDx: rising ? 9 : -9,
      color: colors.get(row.code) ?? '#4e79a7',
      significant: mark !== '',
      counts:
        row.status === 'new'
          ? `new code: ${row.current.respondents} of ${row.current.base}, no earlier figure`
          : row.status === 'retired'
            ? `${row.previous.respondents} of ${row.previous.base}, retired`
            : `${row.previous.respondents} of ${row.previous.base} → ${row.current.respondents} of ${row.current.base}`,
    };
  });
  const previousRound = change?.previousRound || change?.previous || 'previous round';
  const currentRound = results.survey.round || 'this round';
  const previousBase = change?.themes[0]?.previous.base ?? 0;
  const currentBase = change?.themes[0]?.current.base ?? results.base.respondents;
  const maxLines = Math.max(1, ...[...labels.values()].map((label) => label.length));
  const step = Math.max(STEP, maxLines * LINE_HEIGHT + 10);
  const subtitle =
    change === null
      ? ['No previous round to compare with']
      : [
          `Share of respondents mentioning each theme: ○ ${previousRound} (n = ${previousBase}), ● ${currentRound} (n = ${currentBase})`,
          `▲ ▼ a change that survives the Benjamini–Hochberg adjustment (adjusted p < ${alpha})`,
        ];
  if (rows.some(({ depth }) => depth > 0)) subtitle.push('↳ marks a sub-theme; its mentions also count for its parent theme');
  // The current round's coding: the flag is the current round's reliability.
  subtitle.push(
    ...unreliableNote(
      rows.map(({ change: row }) => row.code),
      unreliable,
    ),
  );
  // Room left of 0% for the label of a share near zero; ticks stay at 0–100%.
  const x = { type: 'quantitative' as const, scale: { domain: [-0.12, 1], nice: false, zero: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `What changed since ${previousRound}`, subtitle },
    width: PLOT_WIDTH,
    height: { step },
    data: { values },
    encoding: {
      y: {
        field: 'code',
        type: 'nominal',
        sort: values.map((value) => value.code),
        axis: { title: null, ticks: false, domain: false, labelPadding: 8, labelExpr: labelExpr(labels) },
      },
    },
    layer: [
      {
        mark: { type: 'rule', color: JOIN_COLOR, strokeWidth: 2 },
        encoding: {
          x: {
            field: 'low',
            ...x,
            axis: { title: 'Respondents mentioning the theme', format: '.0%', values: [0, 0.2, 0.4, 0.6, 0.8, 1], grid: true, domain: false },
          },
          x2: { field: 'high' },
        },
      },
      {
        mark: { type: 'point', shape: 'circle', filled: false, size: 90, strokeWidth: 2, color: PREVIOUS_COLOR, opacity: 1 },
        encoding: {
          x: { field: 'previous', ...x },
          tooltip: [
            { field: 'label', title: 'Theme' },
            { field: 'previousText', title: previousRound },
          ],
        },
      },
      {
        mark: { type: 'point', shape: 'circle', filled: true, size: 100, opacity: 1 },
        encoding: {
          x: { field: 'current', ...x },
          color: { field: 'color', type: 'nominal', scale: null, legend: null },
          tooltip: [
            { field: 'label', title: 'Theme' },
            { field: 'currentText', title: currentRound },
            { field: 'counts', title: 'Respondents' },
          ],
        },
      },
      ...(['left', 'right'] as const).flatMap((align) => [
        {
          transform: [{ filter: `datum.previous !== null && datum.previousAlign === '${align}'` }],
          mark: { type: 'text' as const, align, baseline: 'middle' as const, dx: align === 'left' ? 9 : -9, fontSize: 11, color: '#595959' },
          encoding: { x: { field: 'previous', ...x }, text: { field: 'previousText' } },
        },
        {
          transform: [{ filter: `datum.current !== null && datum.currentAlign === '${align}'` }],
          mark: { type: 'text' as const, align, baseline: 'middle' as const, dx: align === 'left' ? 9 : -9, fontSize: 11, color: '#1f1f1f' },
          encoding: { x: { field: 'current', ...x }, text: { field: 'currentText' } },
        },
      ]),
    ],
    config: theme,
  };
}

/**
 * The comparison's themes in reading order: top-level themes by this round's share (descending; ties
 * by codebook order), each followed by its sub-themes. Parents come from this round's codebook; a
 * theme only the previous round had is top-level.
 */
export function changeOrder(results: Results, themes: readonly ThemeChange[]): Row[] {
  const parentOf = new Map(results.themes.map((row) => [row.code, row.parent]));
  const codes = new Set(themes.map((row) => row.code));
  const position = new Map(themes.map((row, index) => [row.code, index]));
  const children = new Map<string | null, ThemeChange[]>();
  for (const row of themes) {
    const parent = parentOf.get(row.code) ?? null;
    const key = parent !== null && codes.has(parent) && parent !== row.code ? parent : null;
    children.set(key, [...(children.get(key) ?? []), row]);
  }
  const rank = (a: ThemeChange, b: ThemeChange): number =>
    (b.current.proportion ?? -1) - (a.current.proportion ?? -1) || (position.get(a.code) ?? 0) - (position.get(b.code) ?? 0);
  const ordered: Row[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number): void => {
    for (const row of [...(children.get(parent) ?? [])].sort(rank)) {
      if (seen.has(row.code)) continue;
      seen.add(row.code);
      ordered.push({ change: row, depth });
      visit(row.code, depth + 1);
    }
  };
  visit(null, 0);
  for (const row of [...themes].sort(rank)) if (!seen.has(row.code)) ordered.push({ change: row, depth: 0 });
  return ordered;
}
