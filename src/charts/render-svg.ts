import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { textWidth } from './text-width.ts';

/** The part of Vega's scenegraph text item the width function reads. */
interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

/** vega re-exports vega-scenegraph's `textMetrics` at run time; vega's typings do not declare it. */
const { textMetrics } = vega as unknown as {
  textMetrics: { width: (item: TextItem, text: unknown) => number };
};

function measure(item: TextItem, text: unknown): number {
  const fontSize = item.fontSize ?? 11;
  const value = text === null || text === undefined ? '' : String(text).trim();
  return textWidth(value, fontSize, item.fontWeight);
}

/** FNV-1a, 32 bit: a short, stable fingerprint of the spec for element ids. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/**
 * Vega numbers clip paths and gradients with process-wide counters ("clip7", "gradient_3"), so the
 * same spec rendered twice would differ, and two charts inlined in one HTML page could share an id.
 * Renumber them from the spec's fingerprint, in order of appearance.
 */
function stableIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  const renamed = svg.replace(/(\s)id="([^"]+)"/g, (_match, space: string, id: string) => {
    const next = ids.get(id) ?? `${prefix}-${ids.size + 1}`;
    ids.set(id, next);
    return `${space}id="${next}"`;
  });
  return renamed
    .replace(/url\(#([^)]+)\)/g, (match, id: string) => {
      const next = ids.get(id);
      return next === undefined ? match : `url(#${next})`;
    })
    .replace(/href="#([^"]+)"/g, (match, id: string) => {
      const next = ids.get(id);
      return next === undefined ? match : `href="#${next}"`;
    });
}

/**
 * Renders a Vega-Lite spec to an SVG string in Node, with no canvas: vega-lite compiles the spec, a
 * headless Vega view (`renderer: 'none'`) lays it out and serialises it. Text is measured with DejaVu
 * Sans advance widths (src/charts/text-width.ts) instead of Vega's 0.8 em guess, so layout matches
 * the font the chart names. The same spec gives byte-identical SVG, with element ids unique to it.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // Process-wide in Vega; idempotent, so setting it on every call is safe.
  textMetrics.width = measure;
  const vegaSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  try {
    return stableIds(await view.toSVG(), `chart-${fingerprint(JSON.stringify(spec))}`);
  } finally {
    view.finalize();
  }
}
