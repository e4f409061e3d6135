import type { Results } from '../model.ts';
import { escapeHtml } from './escape-html.ts';
import { isolatedRuns } from '../format/isolate.ts';
import { reportDocument } from './report-document.ts';
import type { Cell, Inline, RenderedChart, ReportBlock, ReportOptions } from './report-types.ts';

/** Calm and print-friendly; system fonts only, so the page makes no request of any kind. */
const CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --faint: #eaeef2; --note: #fff8e6; --note-rule: #9a6700; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #ffffff; color: var(--ink); font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
h1 { font-size: 2rem; line-height: 1.25; margin: 0 0 0.75rem; }
h2 { font-size: 1.4rem; line-height: 1.3; margin: 3rem 0 1rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.125rem; margin: 2.25rem 0 0.75rem; }
p, ul, ol { margin: 0 0 1rem; }
li { margin-bottom: 0.4rem; }
a { color: #0b5cad; }
:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
.meta { color: var(--muted); font-size: 1.05rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 1.25rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.note { background: var(--note); border-left: 4px solid var(--note-rule); padding: 0.75rem 1rem; border-radius: 0 4px 4px 0; }
.footnote { color: var(--muted); font-size: 0.875rem; }
.quote { display: block; margin: 0.3rem 0 0.2rem; padding-left: 0.75rem; border-left: 3px solid var(--rule); font-style: italic; }
.quote .by { font-style: normal; color: var(--muted); }
nav.contents { border: 1px solid var(--faint); border-radius: 6px; padding: 0.75rem 1.25rem; margin: 1.5rem 0 0; background: #fbfcfd; }
nav.contents h2 { font-size: 1rem; margin: 0 0 0.4rem; padding: 0; border: 0; }
nav.contents ol { margin: 0; padding-left: 1.25rem; columns: 2 14rem; }
nav.contents li { margin: 0.1rem 0; }
.table-wrap { overflow-x: auto; margin: 1rem 0 0.5rem; max-width: 100%;
  /* Scroll shadows (no script): a shade at an edge where more of the table lies beyond it. */
  background: linear-gradient(to right, #fff 30%, rgba(255, 255, 255, 0)) left / 2.5rem 100% no-repeat local,
    linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)) right / 2.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.22), rgba(0, 0, 0, 0)) right / 0.9rem 100% no-repeat scroll; }
.scroll-hint { display: none; color: var(--muted); font-size: 0.8rem; margin: 0.75rem 0 -0.6rem; }
.table-wrap th:first-child, .table-wrap td:first-child { position: sticky; left: 0; background: #fff; z-index: 1; }
.table-wrap thead th:first-child { z-index: 2; }
table { border-collapse: collapse; min-width: 60%; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
.sub { color: var(--muted); font-size: 0.85em; }
caption { text-align: left; font-weight: 600; padding: 0 0 0.5rem; }
th, td { padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--faint); text-align: left; vertical-align: top; }
thead th { border-bottom: 1px solid var(--rule); font-weight: 600; vertical-align: bottom; }
tbody th { font-weight: normal; min-width: 9rem; }
.num { text-align: right; }
td.num { white-space: nowrap; }
figure { margin: 1.5rem 0 0.5rem; }
figure svg text { unicode-bidi: plaintext; }
figure svg { display: block; width: var(--w, auto); max-width: 100%; height: auto; }
.chart-narrow { display: none; }
figcaption { color: var(--muted); font-size: 0.875rem; margin-top: 0.5rem; }
details.chart-data { margin: 0 0 1.5rem; font-size: 0.9rem; }
details.chart-data summary { cursor: pointer; color: #0b5cad; width: max-content; max-width: 100%; }
details.chart-data .table-wrap { margin-top: 0.5rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.85em; background: #f6f8fa; padding: 0.1em 0.3em; border-radius: 3px; overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  main { padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.6rem; }
  dl.facts { gap: 0.1rem 0.75rem; font-size: 0.95rem; }
  .scroll-hint { display: block; }
  tbody th { min-width: 7.5rem; }
  th, td { padding: 0.35rem 0.45rem; }
  .has-narrow { display: none; }
  .chart-narrow { display: block; }
  .chart-scroll { overflow-x: auto; }
  .chart-scroll svg { max-width: none; width: auto; }
}
@page { size: A4; margin: 14mm 14mm 16mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  h2 { margin-top: 1.5rem; }
  figure, table, .note, nav.contents, dl.facts { break-inside: avoid; }
  table.long { break-inside: auto; }
  .scroll-hint { display: none; }
  .table-wrap { background: none; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  figure svg { width: var(--pw, auto); }
  .chart-wide { display: block !important; }
  .chart-narrow { display: none !important; }
  .chart-scroll { overflow: visible; }
  details.chart-data { display: none; }
  .table-wrap { overflow: visible; }
  table { width: 100%; font-size: 8.5pt; }
}
`.trim();

/** Charts are drawn for slides at ~560 px; on the page they may grow by a quarter, never past the column. */
const CHART_SCALE = 1.25;
/** In print (8.5 pt text), a table line is about this many CSS px, and half an A4 page's printable height about this many. */
const PRINT_LINE = 16;
const PRINT_HALF_PAGE = 500;
/**
 * In print, a chart is at most this tall (CSS px; an A4 page's printable height is about 1000): it fits
 * one page with its caption, and moving it to the next page never leaves more than about half a page blank.
 */
const PRINT_MAX_HEIGHT = 560;
/** ... and at most the printable width of A4 (182 mm). */
const PRINT_MAX_WIDTH = 680;

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG charts, no script, no font,
 * stylesheet or image fetched from anywhere. Headings go h1 > h2 > h3, tables have scoped header
 * cells and scroll sideways on a narrow screen instead of widening the page, and each chart is a
 * figure whose SVG carries role="img" and its text alternative, followed by its data as a table in a
 * <details>. Printing keeps every chart and table on one page. All data text goes through `escapeHtml`.
 */
export function renderHtml(results: Results, charts: readonly RenderedChart[], options: ReportOptions = {}): string {
  return htmlPage(`${results.survey.title} (${results.survey.round})`, reportDocument(results, charts, options));
}

/** Any report document (the round report, the trend report) as one self-contained page. */
export function htmlPage(title: string, blocks: readonly ReportBlock[]): string {
  const body = blocks.map((block) => htmlBlock(block, blocks)).join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function htmlBlock(block: ReportBlock, all: readonly ReportBlock[]): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level} id="${escapeHtml(block.id)}">${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return block.role === undefined ? `<p>${inline(block.text)}</p>` : `<p class="${block.role}">${inline(block.text)}</p>`;
    case 'list': {
      const tag = block.ordered === true ? 'ol' : 'ul';
      return `<${tag}>\n${block.items.map((item) => `<li>${inline(item)}</li>`).join('\n')}\n</${tag}>`;
    }
    case 'facts':
      return `<dl class="facts">\n${block.items.map((item) => `<dt>${escapeHtml(item.term)}</dt><dd>${inline(item.value)}</dd>`).join('\n')}\n</dl>`;
    case 'table':
      return tableHtml(block);
    case 'links':
      return `<ul class="links">\n${block.items.map((item) => `<li><a href="${escapeHtml(encodeURI(item.href))}">${escapeHtml(item.text)}</a></li>`).join('\n')}\n</ul>`;
    case 'figure': {
      const number = all.filter((candidate) => candidate.kind === 'figure').indexOf(block) + 1;
      const narrow = block.chart.narrowSvg ?? null;
      // Issue 17: on a phone the narrow layout replaces the wide one (CSS, no script); a chart with none scrolls sideways in its box.
      const wide =
        narrow === null
          ? `<div class="chart chart-wide chart-scroll" role="region" aria-label="${escapeHtml(`Figure ${number}, scrolls sideways`)}" tabindex="0">${inlineSvg(block.chart.svg, block.chart.alt)}</div>`
          : `<div class="chart chart-wide has-narrow">${inlineSvg(block.chart.svg, block.chart.alt)}</div>\n<div class="chart chart-narrow">${inlineSvg(narrow, block.chart.alt, 1)}</div>`;
      const lines = [
        `<figure id="figure-${escapeHtml(block.chart.name)}">`,
        wide,
        `<figcaption>Figure ${number}. ${escapeHtml(block.chart.title)}</figcaption>`,
        '</figure>',
      ];
      const table = block.chart.table;
      if (table !== undefined && table.rows.length > 0) {
        lines.push(
          '<details class="chart-data">',
          `<summary>Data table for figure ${number}</summary>`,
          tableHtml({ kind: 'table', caption: table.caption, head: table.head, rows: table.rows, numeric: table.numeric, rowHeader: true }),
          '</details>',
        );
      }
      return lines.join('\n');
    }
    case 'contents': {
      const start = all.indexOf(block);
      const items = all
        .slice(start + 1)
        .flatMap((candidate) => (candidate.kind === 'heading' && candidate.level === 2 ? [candidate] : []))
        .map((heading) => `<li><a href="#${escapeHtml(heading.id)}">${escapeHtml(heading.text)}</a></li>`);
      return `<nav class="contents" aria-labelledby="contents">\n<h2 id="contents">Contents</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</nav>`;
    }
  }
}

/**
 * A table in a horizontal scroll container: on a phone a wide table scrolls inside its box instead of
 * widening the page. The box is focusable and named after the caption, so keyboard users can scroll it.
 */
function tableHtml(block: Extract<ReportBlock, { kind: 'table' }>): string {
  const cls = (index: number): string => (block.numeric[index] === true ? ' class="num"' : '');
  const head = block.head.map((cell, index) => `<th scope="col"${cls(index)} dir="auto">${proseHtml(cell)}</th>`).join('');
  const rows = block.rows.map((row) => {
    const cells = row.map((cell, index) =>
      block.rowHeader && index === 0 ? `<th scope="row" dir="auto">${cellHtml(cell)}</th>` : `<td${cls(index)} dir="auto">${cellHtml(cell)}</td>`,
    );
    return `<tr>${cells.join('')}</tr>`;
  });
  // Issue 17: a table taller in print than about half a page may break between its rows (its head
  // repeats), so no page is left mostly blank before it; a shorter one is never split.
  // A row is as tall as its tallest cell; a long text wraps at about 45 characters a line in print.
  const cellLines = (cell: Cell): number => (typeof cell === 'string' ? [cell] : cell).reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 45)), 0);
  const lines = block.rows.reduce((sum, row) => sum + Math.max(1, ...row.map(cellLines)), 0);
  const long = 40 + lines * PRINT_LINE + block.rows.length * 8 > PRINT_HALF_PAGE ? ' class="long"' : '';
  const hint = block.head.length > 3 ? '<p class="scroll-hint" aria-hidden="true">Scroll the table sideways for more columns →</p>\n' : '';
  return [
    `${hint}<div class="table-wrap" role="region" aria-label="${escapeHtml(block.caption)}" tabindex="0">`,
    `<table${long}>`,
    `<caption>${escapeHtml(block.caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '</div>',
  ].join('\n');
}

/**
 * Issue 17: data text in prose is quoted ("Support continuing", “a quote”); each quoted run is
 * isolated in a <bdi>, so a right-to-left label cannot pull the figures beside it into its own
 * direction ("11 of 20 said "المجيبون بنعم"" keeps 11 beside its own group). Works on escaped HTML.
 */
function isolateQuoted(html: string): string {
  return html.replace(/&quot;([^&<]*?(?:&(?!quot;)[^&<]*?)*)&quot;/g, '&quot;<bdi>$1</bdi>&quot;');
}

/**
 * Issue 17: text of the report's own sentences, escaped, with the data text the sentence builders
 * marked (format/isolate.ts: a segment's noun) and every quoted run each in a <bdi>.
 */
function proseHtml(text: string): string {
  // Most cells hold neither a mark nor a quote: escaped at once (escapeHtml drops any bidi control).
  if (!text.includes('\u2068') && !text.includes('"')) return escapeHtml(text);
  return isolatedRuns(text)
    .map((run) => (run.isolated ? `<bdi>${escapeHtml(run.text)}</bdi>` : isolateQuoted(escapeHtml(run.text))))
    .join('');
}

/** A cell's first line as is, further lines stacked below it in a quieter tone (a caveat, a note). */
function cellHtml(cell: Cell): string {
  if (typeof cell === 'string') return proseHtml(cell);
  const [first = '', ...rest] = cell;
  return [proseHtml(first), ...rest.map((line) => `<br><span class="sub">${proseHtml(line)}</span>`)].join('');
}

function inline(text: Inline): string {
  if (typeof text === 'string') return proseHtml(text);
  return text
    .map((run) => {
      if (typeof run === 'string') return proseHtml(run);
      if ('code' in run) return `<code>${escapeHtml(run.code)}</code>`;
      if ('quote' in run) return `<span class="quote">“<bdi>${escapeHtml(run.quote)}</bdi>” <span class="by">(<bdi>${escapeHtml(run.by)}</bdi>)</span></span>`;
      return `<strong>${escapeHtml(run.strong)}</strong>`;
    })
    .join('');
}

/**
 * Vega's SVG, made fit to sit inside the page: no XML prolog or doctype, no script, event handler or
 * foreignObject (Vega writes none; this keeps the page script-free whatever SVG it is handed), the
 * unused xlink namespace dropped, and role="img" with the text alternative on the root element so
 * assistive technology reads the sentence instead of every tick label.
 */
function inlineSvg(svg: string, alt: string, scale = CHART_SCALE): string {
  let clean = svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/?>/gi, '')
    .replace(/<foreignObject\b[\s\S]*?<\/foreignObject\s*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .trim();
  if (!/\sxlink:/.test(clean.replace(/\sxmlns:xlink="[^"]*"/, ''))) clean = clean.replace(/\sxmlns:xlink="[^"]*"/, '');
  return clean.replace(/<svg\b([^>]*)>/, (_match, attributes: string) => {
    const kept = attributes.replace(/\s(?:role|aria-label|aria-roledescription|focusable|style)="[^"]*"/g, '');
    const width = Number(/\swidth="([\d.]+)"/.exec(attributes)?.[1]);
    const height = Number(/\sheight="([\d.]+)"/.exec(attributes)?.[1]);
    let style = '';
    if (Number.isFinite(width) && width > 0) {
      const print =
        Number.isFinite(height) && height > 0 ? Math.min(width, PRINT_MAX_WIDTH, (PRINT_MAX_HEIGHT * width) / height) : Math.min(width, PRINT_MAX_WIDTH);
      // --w on screen, --pw in print (see CSS): a custom property, so print CSS can override it.
      style = ` style="--w: ${Math.round(width * scale)}px; --pw: ${Math.round(print)}px"`;
    }
    return `<svg${kept}${style} role="img" aria-label="${escapeHtml(alt)}" focusable="false">`;
  });
}
