import { escapeHtml } from './escape-html.ts';
import { escapeMarkdown } from './escape-markdown.ts';

/** One report of `run --by`, as the index lists it. */
export interface SubsetEntry {
  /** The column's value (data text: escaped wherever it lands). */
  value: string;
  /** Folder of the subset's report, relative to the output folder. */
  folder: string;
  /** The subset's respondents (its base) and whether that is below report.minBase. */
  respondents: number;
  lowBase: boolean;
}

export interface ByIndex {
  title: string;
  column: string;
  /** The overall report's respondents. */
  respondents: number;
  minBase: number;
  subsets: readonly SubsetEntry[];
  /** Respondents with a blank cell in the column: in the overall report, and in a subset of their own ("blank"). */
  blank: string;
}

/**
 * Issue 16: the index page of `run --by` (index.md and index.html): the overall report, then one
 * line per value of the column with its base and a link to its report; low bases are marked.
 */
export function renderByIndex(index: ByIndex): { md: string; html: string } {
  const name = (value: string) => (value === index.blank ? `(blank ${index.column})` : value);
  const lowNote = `† Base below ${index.minBase}: the report is written, and its figures are flagged as low base.`;
  const md = [
    `# ${escapeMarkdown(index.title)}: one report per ${escapeMarkdown(index.column)}`,
    '',
    `[Overall report](report.md): all ${index.respondents} respondents.`,
    '',
    `| ${escapeMarkdown(index.column)} | Respondents | Report |`,
    '| --- | ---: | --- |',
    ...index.subsets.map(
      (s) => `| ${escapeMarkdown(name(s.value))} | ${s.respondents}${s.lowBase ? '†' : ''} | [${s.folder}/report.md](${s.folder}/report.md) |`,
    ),
    '',
    ...(index.subsets.some((s) => s.lowBase) ? [lowNote, ''] : []),
  ].join('\n');
  // escapeHtml and escapeMarkdown remove bidi controls too (issue #20).
  const h = (text: string) => escapeHtml(text);
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(index.title)}: one report per ${h(index.column)}</title>`,
    '<style>body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}th,td{padding:.3rem .6rem;border-bottom:1px solid #ccc;text-align:left}td.n{text-align:right}</style>',
    '</head>',
    '<body>',
    `<h1>${h(index.title)}: one report per ${h(index.column)}</h1>`,
    `<p><a href="report.html">Overall report</a>: all ${index.respondents} respondents.</p>`,
    '<table>',
    `<thead><tr><th scope="col">${h(index.column)}</th><th scope="col">Respondents</th><th scope="col">Report</th></tr></thead>`,
    '<tbody>',
    ...index.subsets.map(
      (s) =>
        `<tr><th scope="row">${h(name(s.value))}</th><td class="n">${s.respondents}${s.lowBase ? '†' : ''}</td><td><a href="${escapeHtml(encodeURI(`${s.folder}/report.html`))}">${escapeHtml(s.folder)}/</a></td></tr>`,
    ),
    '</tbody>',
    '</table>',
    ...(index.subsets.some((s) => s.lowBase) ? [`<p>${h(lowNote)}</p>`] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { md, html };
}
