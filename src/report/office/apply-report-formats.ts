import type { ReportFormat, Results, TrendResults } from '../../model.ts';
import { reportDocument } from '../report-document.ts';
import type { RenderedChart, ReportBlock, ReportOptions } from '../report-types.ts';
import type { TrendSettings } from '../trend-document.ts';
import type { StreamedFile } from '../../output/write-folder-atomically.ts';

/** What the office files are made from: a round's results (through its report document) or a trend's document. */
export type OfficeSource =
  | { kind: 'round'; results: Results; charts: readonly RenderedChart[]; options: ReportOptions }
  | { kind: 'trend'; trend: TrendResults; charts: readonly RenderedChart[]; blocks: readonly ReportBlock[]; settings: TrendSettings };

/** The format each file of a report folder belongs to; charts/ (but their PNGs) belong to every format (null). */
function formatOf(name: string): ReportFormat | null {
  if (name === 'results.json' || name === 'trend.json') return 'json';
  if (name === 'report.md') return 'md';
  if (name === 'report.html') return 'html';
  if (name.startsWith('tables/')) return 'csv';
  if (name.startsWith('charts/') && name.endsWith('.png')) return 'png';
  return null;
}

/**
 * A report folder cut to the formats asked for (`report.formats`, `run --docx --pptx --xlsx`):
 * the files of html, md, json and csv not asked for are left out (charts/ always stay: every
 * format shows them), and report.docx, slides.pptx and tables.xlsx are added when asked for. The
 * office files are made from the same document and charts as report.html (the charts' PNGs are
 * the ones in charts/), and only when asked for: their libraries load then and not otherwise.
 */
export async function applyReportFormats(
  files: Map<string, string | Uint8Array | StreamedFile>,
  formats: readonly ReportFormat[],
  source: OfficeSource,
): Promise<void> {
  const wanted = new Set(formats);
  // The charts' PNGs (rendered when png, docx or pptx is asked for: pngWanted) go into the office files even when charts/*.png are not written.
  const images = new Map<string, Uint8Array>();
  for (const chart of source.charts) {
    const png = files.get(`charts/${chart.name}.png`);
    if (png instanceof Uint8Array) images.set(chart.name, png);
  }
  for (const name of [...files.keys()]) {
    const format = formatOf(name);
    if (format !== null && !wanted.has(format)) files.delete(name);
  }
  if (!wanted.has('docx') && !wanted.has('pptx') && !wanted.has('xlsx')) return;
  const blocks = source.kind === 'round' ? reportDocument(source.results, source.charts, source.options) : source.blocks;
  const title = blocks[0]?.kind === 'heading' ? blocks[0].text : 'Findings report';
  if (wanted.has('docx')) {
    const { renderDocx } = await import('./render-docx.ts');
    files.set('report.docx', await renderDocx(blocks, images, title));
  }
  if (wanted.has('pptx')) {
    const [{ renderPptx }, { roundDeck }, { trendDeck }] = await Promise.all([
      import('./render-pptx.ts'),
      import('./round-deck.ts'),
      import('./trend-deck.ts'),
    ]);
    const deck =
      source.kind === 'round'
        ? roundDeck(source.results, source.charts, blocks, source.options)
        : trendDeck(source.trend, source.charts, blocks, source.settings);
    files.set('slides.pptx', await renderPptx(deck, images));
  }
  if (wanted.has('xlsx')) {
    const [{ renderWorkbook }, { roundSheets }, { trendSheets }] = await Promise.all([
      import('./render-workbook.ts'),
      import('./round-sheets.ts'),
      import('./trend-sheets.ts'),
    ]);
    const sheets = source.kind === 'round' ? roundSheets(source.results, blocks) : trendSheets(source.trend, blocks, source.settings);
    files.set('tables.xlsx', await renderWorkbook(sheets, title));
  }
}

/** Whether the charts' PNGs are needed: written (png) or embedded in an office file (docx, pptx). */
export function pngWanted(formats: readonly ReportFormat[]): boolean {
  return formats.includes('png') || formats.includes('docx') || formats.includes('pptx');
}
