import type { TopLevelSpec } from 'vega-lite';
import { guardVegaNames } from './guard-vega-names.ts';
import { textWidth } from './text-width.ts';
import { wrapLabel } from './wrap-label.ts';

/**
 * The widest a chart for phones may be, in CSS px: a 390 px phone's column (the report's side
 * padding is 16 px) less a little room, so the narrow chart is drawn at its own size and its 11 px
 * text never shrinks below 10 px.
 */
const NARROW_WIDTH = 350;
/** Narrower than this a plot says too little; such a chart scrolls sideways on a phone instead. */
const MIN_PLOT = 110;

type Loose = Record<string, unknown>;

/**
 * The same chart laid out for a phone, or null when the wide one already fits or cannot be made to
 * fit: the plot narrowed by the width the rendered chart overflows `target` (axis labels keep their
 * size and wrapping), a small-multiples chart in fewer columns, and the title and subtitle wrapped
 * to the width. `renderedWidth` is the width of the wide chart's SVG. The report shows this
 * rendering on narrow screens, chosen by CSS (render-html.ts), never by script.
 *
 * @example
 * narrowSpec({ ...spec, width: 330 }, 568); // { ...spec, width: 112, title: <wrapped> }
 */
function narrowSpec(spec: TopLevelSpec, renderedWidth: number, target = NARROW_WIDTH): TopLevelSpec | null {
  const overflow = Math.ceil(renderedWidth - target);
  if (!(overflow > 0)) return null;
  const loose = spec as unknown as Loose;
  let narrowed: Loose | null = null;
  // Long axis labels wrap to a narrower column, so the plot keeps room (the overflow left is taken from the plot).
  const rewrapped = rewrapLabels(loose) as Loose;
  const saved = labelColumn(loose) - labelColumn(rewrapped);
  if (typeof loose.width === 'number') {
    const width = Math.min(loose.width, loose.width - overflow + saved);
    if (width >= MIN_PLOT) narrowed = { ...rewrapped, width };
    if (narrowed !== null && isObject(rewrapped.height) && typeof rewrapped.height.step === 'number') {
      // Rows grow with the label's lines (13 px each), as the chart functions size them.
      narrowed.height = { ...rewrapped.height, step: Math.max(rewrapped.height.step, maxLines(rewrapped) * 13 + 12) };
    }
  } else if (typeof loose.columns === 'number' && isObject(loose.spec) && typeof loose.spec.width === 'number') {
    const columns = loose.columns;
    const inner = loose.spec.width;
    const spacing = isObject(loose.spacing) && typeof loose.spacing.column === 'number' ? loose.spacing.column : 20;
    // What is not panels: the row labels, padding, the legend.
    const rest = renderedWidth - columns * inner - (columns - 1) * spacing;
    for (let count = columns - 1; count >= 1 && narrowed === null; count--) {
      const width = Math.floor((target - rest - (count - 1) * spacing) / count);
      if (width >= MIN_PLOT) narrowed = { ...loose, columns: count, spec: { ...loose.spec, width: Math.min(width, inner) } };
    }
  }
  if (narrowed === null) return null;
  narrowed.title = wrapTitle(loose.title, target - 28);
  if (Array.isArray(narrowed.layer)) narrowed.layer = narrowed.layer.map(narrowLegend);
  // Issue #20: the rewrapped labels and titles are data text too (guardVegaNames is idempotent).
  return guardVegaNames(narrowed) as unknown as TopLevelSpec;
}

/**
 * Renders the phone layout of a chart (narrowSpec), narrowing again while it still overflows
 * (labels past the bars, a legend); null when the wide chart fits or no layout keeps its smallest
 * text at 10 px or more in a 390 px phone's column.
 */
export async function renderNarrow(
  spec: TopLevelSpec,
  wideSvg: string,
  render: (spec: TopLevelSpec) => Promise<string>,
  target = NARROW_WIDTH,
): Promise<string | null> {
  let width = svgWidth(wideSvg);
  let current: TopLevelSpec = spec;
  for (let pass = 0; pass < 3; pass++) {
    const next = narrowSpec(current, width, target);
    if (next === null) return null;
    const svg = await render(next);
    width = svgWidth(svg);
    // A little wider than `target` is fine while the smallest text still shows at 10 px or more in a phone's column.
    if (width <= target || (smallestText(svg) * PHONE_COLUMN) / width >= 10) return svg;
    current = next;
  }
  return null;
}

/** The text column of a 390 px phone: the report's main column less its 16 px side padding. */
const PHONE_COLUMN = 358;

/** The smallest font size in a rendered chart, in px (Vega writes font-size="11px"). */
function smallestText(svg: string): number {
  return Math.min(...[...svg.matchAll(/font-size="([\d.]+)px"/g)].map((match) => Number(match[1])));
}

function svgWidth(svg: string): number {
  return Number(/<svg\b[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? Number.NaN);
}

/** A horizontal legend in at most two columns, so its entries stack instead of widening the chart. */
function narrowLegend(layer: unknown): unknown {
  if (!isObject(layer) || !isObject(layer.encoding)) return layer;
  const color = layer.encoding.color;
  if (!isObject(color) || !isObject(color.legend) || typeof color.legend.columns !== 'number') return layer;
  return { ...layer, encoding: { ...layer.encoding, color: { ...color, legend: { ...color.legend, columns: Math.min(2, color.legend.columns) } } } };
}

/** A title object's text (14 px bold) and subtitle (12 px) wrapped to `width`, line by line. */
function wrapTitle(title: unknown, width: number): unknown {
  const lines = (value: unknown, size: number, weight?: string): unknown => {
    if (typeof value === 'string') return wrapLabel(value, width, size, weight);
    if (Array.isArray(value)) return value.flatMap((line) => (typeof line === 'string' ? wrapLabel(line, width, size, weight) : [line]));
    return value;
  };
  if (typeof title === 'string') return { text: lines(title, 14, 'bold') };
  if (!isObject(title)) return title;
  return { ...title, text: lines(title.text, 14, 'bold'), subtitle: lines(title.subtitle, 12) };
}

/** Narrow charts wrap axis labels at this width (11 px text). */
const NARROW_LABEL = 120;
const BRANCH = /datum\.value === ("(?:[^"\\]|\\.)*") \? ("(?:[^"\\]|\\.)*"|\[(?:"(?:[^"\\]|\\.)*",?)*\]) : /g;

/** Every labelExpr built by label-expr.ts, its labels rewrapped at NARROW_LABEL; other expressions as they are. */
function rewrapLabels(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrapLabels);
  if (!isObject(node)) return node;
  const out: Loose = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'labelExpr' && typeof value === 'string' && value.endsWith('datum.label')) {
      out.labelExpr = value.replace(BRANCH, (_match, key: string, shown: string) => {
        const parsed = JSON.parse(shown) as string | string[];
        const text = Array.isArray(parsed) ? parsed.join(' ') : parsed;
        const lines = wrapLabel(text, NARROW_LABEL, 11);
        return `datum.value === ${key} ? ${JSON.stringify(lines.length === 1 ? lines[0] : lines)
          .replace(/\u2028/g, '\\u2028')
          .replace(/\u2029/g, '\\u2029')} : `;
      });
    } else Object.defineProperty(out, key, { value: rewrapLabels(value), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The widest wrapped label line of a spec's label expressions, in px at 11 px (0 without any). */
function labelColumn(node: unknown): number {
  return Math.max(0, ...labelLines(node).map((line) => textWidth(line, 11)));
}

function maxLines(node: unknown): number {
  let most = 1;
  for (const expression of labelExpressions(node))
    for (const match of expression.matchAll(BRANCH)) {
      const parsed = JSON.parse(match[2] ?? '""') as string | string[];
      most = Math.max(most, Array.isArray(parsed) ? parsed.length : 1);
    }
  return most;
}

function labelLines(node: unknown): string[] {
  return labelExpressions(node).flatMap((expression) =>
    [...expression.matchAll(BRANCH)].flatMap((match) => {
      const parsed = JSON.parse(match[2] ?? '""') as string | string[];
      return Array.isArray(parsed) ? parsed : [parsed];
    }),
  );
}

function labelExpressions(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(labelExpressions);
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'labelExpr' && typeof value === 'string' ? [value] : labelExpressions(value)));
}

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
