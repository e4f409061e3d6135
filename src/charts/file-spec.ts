import type { TopLevelSpec } from 'vega-lite';
import type { Results, TrendResults } from '../model.ts';
import { isolate, neutraliseBidi } from './bidi.ts';
import { guardVegaNames } from './guard-vega-names.ts';
import { textWidth } from './text-width.ts';
import { theme } from './theme.ts';
import { wrapLabel } from './wrap-label.ts';

/**
 * What a chart file for slides says about itself (issue 17): its title, its base, where the figures
 * come from and the study note. The report around an embedded chart says all of this in its own
 * headings, so only the standalone files (charts/<name>.svg, .png, .vl.json) carry it.
 */
export interface ChartFrame {
  /** The chart's title, as the report's figure caption gives it. */
  title: string;
  /** "Base: 44 respondents", with the weighted base when the study is weighted. */
  base: string;
  /** "Source: <study title>, <round label>; findings". */
  source: string;
  /** The study note (`report.note`, e.g. that the data are synthetic), or null. */
  note: string | null;
  /** Further lines under the chart (a legend for marks the chart draws, e.g. unreliable coding); none by default. */
  notes?: string[];
}

/** The chart theme's padding (theme.ts): text is wrapped to the SVG width less twice this. */
const PADDING = 12;
const FOOT_SIZE = 11;
const FOOT_LINE = 14;
const FOOT_COLOR = '#4d4d4d';
/** Space between the chart and the lines under it. */
const SPACING = 14;
/** The first foot line's baseline under the top of its line: where Vega sets 11 px text with baseline "top". */
const FOOT_ASCENT = 9;
const LEGEND_CHANNELS = ['color', 'fill', 'stroke', 'opacity', 'fillOpacity', 'strokeOpacity', 'shape', 'size', 'strokeDash', 'strokeWidth'] as const;

/** A count in words' company: "44 respondents", "1 respondent". */
function respondents(count: number): string {
  return `${count} respondent${count === 1 ? '' : 's'}`;
}

/** A weighted base to one decimal, trailing zero dropped ("41.3", "44"). */
function weightedFigure(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** The frame of a round's chart: base `base` (respondents the chart counts; the round's base by default). */
export function roundFrame(results: Results, title: string, base?: string): ChartFrame {
  const round = results.survey.round;
  let line = base ?? `Base: ${respondents(results.base.respondents)}`;
  if (base === undefined && results.settings.weighted) line += `; weighted base ${weightedFigure(results.base.weighted)}`;
  return {
    title,
    base: line,
    source: `Source: ${isolate(results.survey.title)}${round ? `, ${isolate(round)}` : ''}; findings`,
    note: results.survey.note,
  };
}

/** The frame of the trend chart: every round's base, the latest round's study title, the rounds. */
export function trendFrame(trend: TrendResults, title: string): ChartFrame {
  const latest = trend.rounds[trend.rounds.length - 1];
  const rounds = trend.rounds.map((round) => round.round);
  const span = rounds.length > 1 ? `rounds ${rounds.slice(0, -1).join(', ')} and ${rounds[rounds.length - 1]}` : (rounds[0] ?? '');
  return {
    title,
    base: `Base: ${trend.rounds.map((round) => `${isolate(round.round)} ${respondents(round.respondents)}`).join(', ')}`,
    source: `Source: ${isolate(latest?.title ?? 'Trend')}${span ? `, ${span}` : ''}; findings`,
    note: trend.note,
  };
}

type Loose = Record<string, unknown>;

function lines(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((line) => (typeof line === 'string' ? [line] : []));
  return [];
}

/** The lines under a file's chart: base (unless the subtitle gives it), source, note, further notes; wrapped to `room`. */
function footLines(frame: ChartFrame, subtitle: readonly string[], room: number): string[] {
  return [
    ...(subtitle.includes(frame.base) ? [] : [frame.base]),
    frame.source,
    ...(frame.note === null || frame.note.trim() === '' ? [] : [frame.note]),
    ...(frame.notes ?? []),
  ].flatMap((line) => wrapLabel(line, room, FOOT_SIZE));
}

/** The room text has in a chart `width` px wide: the width less the padding on both sides. */
function roomIn(width: number): number {
  return Math.max(120, (Number.isFinite(width) ? width : 400) - 2 * PADDING);
}

/**
 * The standalone-file variant of a chart: the frame's title on top (bold, in place of the spec's
 * own), the spec's subtitle under it, the chart, and under the chart its base, the source line,
 * the study note and any further notes, each wrapped to the width of `embedded` (the report's
 * rendering of the same spec, so the text never widens the chart). Built with vconcat: the chart
 * keeps its own layout, a text view follows it, moved left by the embedded chart's axis extent so
 * it starts where the title starts. A base line the subtitle already gives is not repeated.
 */
export function fileSpec(spec: TopLevelSpec, frame: ChartFrame, embedded: string): TopLevelSpec {
  const { $schema, config, title, ...body } = spec as unknown as Loose;
  const room = roomIn(svgWidth(embedded));
  // The root group's origin: the padding plus whatever the chart draws left of its plot.
  const origin = Number(/<g\b[^>]*\stransform="translate\(([-\d.]+),/.exec(embedded)?.[1] ?? PADDING);
  const left = Number.isFinite(origin) ? Math.min(0, PADDING - origin) : 0;
  const titleObject: Loose = typeof title === 'object' && title !== null && !Array.isArray(title) ? (title as Loose) : {};
  const subtitle = lines(titleObject.subtitle);
  const foot = footLines(frame, subtitle, room);
  const footer = {
    data: { values: [{ foot }] },
    width: 1,
    height: foot.length * FOOT_LINE,
    view: { stroke: null, fill: null },
    mark: { type: 'text', x: left, y: 0, align: 'left', baseline: 'top', fontSize: FOOT_SIZE, lineHeight: FOOT_LINE, color: FOOT_COLOR },
    encoding: { text: { field: 'foot' } },
  };
  const file: Loose = {
    $schema,
    title: {
      ...titleObject,
      text: wrapLabel(frame.title, room, 14, 'bold'),
      subtitle: subtitle.flatMap((line) => wrapLabel(line, room, 12)),
    },
    vconcat: [body, footer],
    spacing: SPACING,
    // The chart's legends stay with the chart, above the text under it (a shared legend would go below all).
    resolve: { legend: Object.fromEntries(LEGEND_CHANNELS.map((channel) => [channel, 'independent'])) },
    config,
  };
  // Issue #20: the frame's text is data text too.
  return guardVegaNames(file as unknown as TopLevelSpec);
}

/** Text for SVG: the five characters XML gives meaning escaped. */
function escapeSvg(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The head Vega gives a chart's SVG: its size twice, then the background rect (render-svg.ts). */
const SVG_HEAD =
  /^(<svg\b[^>]*\swidth="([\d.]+)" height=")([\d.]+)(" viewBox="0 0 [\d.]+ )([\d.]+)("><rect width="[\d.]+" height=")([\d.]+)(" fill="[^"]*"\/>)/;

/**
 * The standalone file's SVG without a second Vega layout (issue 19): the report's own drawing
 * (`embedded`, rendered from `spec`), made taller, with the lines fileSpec puts under the chart
 * (base, source, note, further notes) drawn under it as one SVG text of 11 px lines, where the
 * rendered fileSpec puts them: at the left padding, 14 px under the chart. Null when the file
 * variant would differ from the drawing in more than those lines: the spec's own title is not the
 * frame's, or a title or subtitle line is wider than fileSpec wraps to; the caller then renders
 * fileSpec instead. Same text handling as fileSpec: wrapped to the chart's width, bidi controls
 * removed but the isolates (neutraliseBidi), escaped.
 */
export function fileSvg(spec: TopLevelSpec, frame: ChartFrame, embedded: string): string | null {
  const { title, config } = spec as unknown as Loose;
  if (typeof title !== 'object' || title === null || Array.isArray(title)) return null;
  const { text, subtitle: given } = title as Loose;
  const own = lines(text);
  if (own.length !== 1 || own[0] !== frame.title) return null;
  const head = SVG_HEAD.exec(embedded);
  if (head === null || !embedded.endsWith('</svg>')) return null;
  const room = roomIn(Number(head[2]));
  const subtitle = lines(given);
  if (textWidth(frame.title, 14, 'bold') > room || subtitle.some((line) => textWidth(line, 12) > room)) return null;
  const foot = footLines(frame, subtitle, room).map(neutraliseBidi);
  // Under the chart's lowest pixel, in whole pixels as Vega lays out the cells of a concat.
  const top = Math.ceil(Number(head[3]) - PADDING) + SPACING;
  const taller = String(top + foot.length * FOOT_LINE + PADDING);
  const left = titleLeft(embedded) ?? PADDING;
  const font = typeof (config as Loose | undefined)?.font === 'string' ? ((config as Loose).font as string) : (theme.font as string);
  const spans = foot.map((line, i) => (i === 0 ? `<tspan>${escapeSvg(line)}</tspan>` : `<tspan x="0" dy="${FOOT_LINE}">${escapeSvg(line)}</tspan>`));
  const drawn = `<g class="mark-text role-foot"><text text-anchor="start" transform="translate(${left},${top + FOOT_ASCENT})" font-family="${escapeSvg(font)}" font-size="${FOOT_SIZE}px" fill="${FOOT_COLOR}">${spans.join('')}</text></g>`;
  return `${head[1]}${taller}${head[4]}${taller}${head[6]}${taller}${head[8]}${embedded.slice(head[0].length, -'</svg>'.length)}${drawn}</svg>`;
}

/** Where a rendered chart's title starts, from the left edge of its SVG (null when it has none): the foot lines start there too. */
function titleLeft(svg: string): number | null {
  const root = /^<svg\b[^>]*>(?:<rect\b[^>]*\/>)?<g\b[^>]*\stransform="translate\(([-\d.]+),/.exec(svg);
  // The chart's own title is the root group's, drawn after everything in it (a facet's panel titles come first).
  const title = [...svg.matchAll(/<g class="mark-group role-title"><g transform="translate\(([-\d.]+),/g)].at(-1);
  if (root === null || title === undefined) return null;
  const left = Number(root[1]) + Number(title[1]);
  return Number.isFinite(left) ? left : null;
}

/** The width of a rendered chart's SVG, in px (NaN when it has none). */
function svgWidth(svg: string): number {
  return Number(/<svg\b[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? Number.NaN);
}
