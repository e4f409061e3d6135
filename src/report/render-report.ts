import type { Analysis, ReportFormat } from '../model.ts';
import { inProcessRenderer, type ChartRenderer } from '../charts/chart-renderer.ts';
import type { StreamedFile } from '../output/write-folder-atomically.ts';

/** Issue 19: how renderReport gives results.json. */
export interface RenderReportOptions {
  /**
   * As pieces written one after another (results-json-pieces.ts), never one string: for the CLI, which
   * writes the folder. The CSV tables too (render-tables.ts, renderTablePieces): each row is made as it is written.
   */
  streamResultsJson?: boolean;
}

/**
 * Everything a report folder holds, as relative path -> content: results.json, report.md,
 * report.html, charts/<name>.vl.json and .svg, tables/<name>.csv, and charts/<name>.png (2x, for
 * slides) when `png` is asked for. Pure apart from rendering; the same analysis gives byte-identical
 * files. `formats` (default the config's `report.formats`) chooses among them and adds report.docx,
 * slides.pptx and tables.xlsx (issue 18). `renderer` is where charts render (issue 19: a worker
 * started before the data was read, chart-renderer.ts); without one they render in this thread.
 * With `streamResultsJson`, results.json and tables/*.csv are StreamedFiles of the same bytes.
 */
export async function renderReport(analysis: Analysis, formats?: readonly ReportFormat[], renderer?: ChartRenderer): Promise<Map<string, string | Uint8Array>>;
export async function renderReport(
  analysis: Analysis,
  formats: readonly ReportFormat[] | undefined,
  renderer: ChartRenderer | undefined,
  options: RenderReportOptions,
): Promise<Map<string, string | Uint8Array | StreamedFile>>;
export async function renderReport(
  analysis: Analysis,
  formats: readonly ReportFormat[] = analysis.config.report.formats,
  renderer: ChartRenderer = inProcessRenderer(),
  given: RenderReportOptions = {},
): Promise<Map<string, string | Uint8Array | StreamedFile>> {
  // Loaded here, not at the top: `findings check` never needs them. vega loads where the charts render.
  const [
    { buildCharts },
    { formatResultsJson },
    { renderMarkdown },
    { renderHtml },
    { renderTablePieces },
    { applyReportFormats, pngWanted },
    { renderNarrow },
  ] = await Promise.all([
    import('../charts/build-charts.ts'),
    import('./format-results-json.ts'),
    import('./render-markdown.ts'),
    import('./render-html.ts'),
    import('./render-tables.ts'),
    import('./office/apply-report-formats.ts'),
    import('../charts/narrow-spec.ts'),
  ]);
  const { fileSpec, fileSvg } = await import('../charts/file-spec.ts');
  const { resultsJsonPieces } = await import('./results-json-pieces.ts');
  const { results, codebook, config } = analysis;
  const statements: Record<string, string> = Object.create(null); // issue #20: a code "__proto__" is a key like any other
  for (const theme of codebook.themes) if (theme.statement !== null) statements[theme.code] = theme.statement;
  const plurals: Record<string, string> = Object.create(null);
  for (const segment of config.segments) plurals[segment.id] = segment.plural;
  const specs = buildCharts(results);
  renderer.expect(specs.length);
  // Every chart is asked for at once: they render on the renderer's workers while this thread goes on.
  const svgs = specs.map((chart) => renderer.svg(chart.spec));
  const withPng = pngWanted(formats);
  // Issue 17: the office files embed the report's own drawing of each chart (their headings title it).
  const withOffice = withPng && (formats.includes('docx') || formats.includes('pptx'));
  const pngs = withOffice ? svgs.map((svg) => svg.then((text) => renderer.png(text))) : [];
  // Issue 17: the standalone files (charts/<name>.svg, .vl.json, .png) are the file variant: title,
  // base, source line and study note around the chart, wrapped to its width (charts/file-spec.ts).
  // Issue 19: the SVG is drawn around the report's own drawing when it can be (fileSvg), not laid out again.
  const fileCharts = specs.map((chart, i) =>
    svgs[i]!.then(async (svg) => {
      if (chart.frame === undefined) return { spec: chart.spec, svg };
      const spec = fileSpec(chart.spec, chart.frame, svg);
      return { spec, svg: fileSvg(chart.spec, chart.frame, svg) ?? (await renderer.svg(spec)) };
    }),
  );
  const filePngs = formats.includes('png') ? fileCharts.map((file) => file.then((done) => renderer.png(done.svg))) : [];
  // Issue 17: a second layout for phones, chosen by the page's CSS, rendered by the same renderer;
  // only report.html shows it (--pdf prints report.html, so withFlags keeps html for it).
  const withHtml = formats.includes('html');
  const narrows = specs.map((chart, i) =>
    withHtml ? svgs[i]!.then((svg) => renderNarrow(chart.spec, svg, (spec) => renderer.svg(spec))) : Promise.resolve(null),
  );
  const files = new Map<string, string | Uint8Array | StreamedFile>();
  files.set('results.json', given.streamResultsJson === true ? { pieces: () => resultsJsonPieces(results) } : formatResultsJson(results));
  const tables = renderTablePieces(results);
  const charts = await Promise.all(specs.map(async (chart, i) => ({ ...chart, svg: await svgs[i]!, narrowSvg: await narrows[i]! })));
  // Issue 17: the methods appendix links every table and chart file of the folder.
  const linked = [
    ...(formats.includes('csv') ? tables.map((table) => `tables/${table.name}`) : []),
    ...charts.flatMap((chart) => (withPng ? [`charts/${chart.name}.svg`, `charts/${chart.name}.png`] : [`charts/${chart.name}.svg`])),
  ];
  const options = {
    statements,
    plurals,
    keyFindings: config.report.keyFindings,
    pairs: config.report.pairs,
    study: config.study,
    files: linked,
    resultsJson: formats.includes('json'),
  };
  files.set('report.md', renderMarkdown(results, charts, options));
  files.set('report.html', renderHtml(results, charts, options));
  const images = await Promise.all(pngs);
  const standalone = await Promise.all(fileCharts);
  charts.forEach((chart, i) => {
    files.set(`charts/${chart.name}.vl.json`, `${JSON.stringify(standalone[i]!.spec, null, 2)}\n`);
    files.set(`charts/${chart.name}.svg`, standalone[i]!.svg);
    // Read by applyReportFormats for the office files, then replaced by the file variant's PNG below.
    if (withOffice) files.set(`charts/${chart.name}.png`, images[i]!);
  });
  for (const table of tables) files.set(`tables/${table.name}`, given.streamResultsJson === true ? { pieces: table.pieces } : [...table.pieces()].join(''));
  // Issue 18: keep the formats asked for and add the office files, from the same document and charts.
  await applyReportFormats(files, formats, { kind: 'round', results, charts, options });
  const slidePngs = await Promise.all(filePngs);
  slidePngs.forEach((png, i) => files.set(`charts/${charts[i]!.name}.png`, png));
  return files;
}
