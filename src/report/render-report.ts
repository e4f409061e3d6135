import type { Analysis, ReportFormat } from '../model.ts';

/**
 * Everything a report folder holds, as relative path -> content: results.json, report.md,
 * report.html, charts/<name>.vl.json, .svg and .png (2x, for slides), tables/<name>.csv. Pure apart
 * from rendering; the same analysis gives byte-identical files. `formats` (default the config's
 * `report.formats`) chooses among them and adds report.docx, slides.pptx and tables.xlsx (issue 18).
 */
export async function renderReport(
  analysis: Analysis,
  formats: readonly ReportFormat[] = analysis.config.report.formats,
): Promise<Map<string, string | Uint8Array>> {
  // Loaded here, not at the top: vega takes ~0.4 s to import and `findings check` never needs it.
  const [{ buildCharts }, { renderSvg }, { renderPng }, { formatResultsJson }, { renderMarkdown }, { renderHtml }, { renderTables }, { renderNarrow }] =
    await Promise.all([
      import('../charts/build-charts.ts'),
      import('../charts/render-svg.ts'),
      import('../charts/render-png.ts'),
      import('./format-results-json.ts'),
      import('./render-markdown.ts'),
      import('./render-html.ts'),
      import('./render-tables.ts'),
      import('../charts/narrow-spec.ts'),
    ]);
  const { results, codebook, config } = analysis;
  const statements: Record<string, string> = Object.create(null); // issue #20: a code "__proto__" is a key like any other
  for (const theme of codebook.themes) if (theme.statement !== null) statements[theme.code] = theme.statement;
  const plurals: Record<string, string> = Object.create(null);
  for (const segment of config.segments) plurals[segment.id] = segment.plural;
  const specs = buildCharts(results);
  const charts = [];
  const pngs: Promise<Uint8Array>[] = [];
  // PNGs render on the thread pool while the rest renders, two at a time (one per core of a small
  // machine): all at once would hold a pixmap and a set of fonts each.
  const lanes: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
  for (const chart of specs) {
    const svg = await renderSvg(chart.spec);
    // Issue 17: a second layout for phones, chosen by the page's CSS.
    charts.push({ ...chart, svg, narrowSvg: await renderNarrow(chart.spec, svg, renderSvg) });
    const lane = pngs.length % lanes.length;
    const png = lanes[lane]!.then(() => renderPng(svg));
    lanes[lane] = png;
    pngs.push(png);
  }
  const tables = renderTables(results);
  // Issue 17: the methods appendix links every table and chart file of the folder.
  const linked = [
    ...(formats.includes('csv') ? tables.map((table) => `tables/${table.name}`) : []),
    ...charts.flatMap((chart) => [`charts/${chart.name}.svg`, `charts/${chart.name}.png`]),
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
  const files = new Map<string, string | Uint8Array>();
  files.set('results.json', formatResultsJson(results));
  files.set('report.md', renderMarkdown(results, charts, options));
  files.set('report.html', renderHtml(results, charts, options));
  const images = await Promise.all(pngs);
  charts.forEach((chart, i) => {
    files.set(`charts/${chart.name}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
    files.set(`charts/${chart.name}.svg`, chart.svg);
    files.set(`charts/${chart.name}.png`, images[i]!);
  });
  for (const table of tables) files.set(`tables/${table.name}`, table.csv);
  // Issue 18: keep the formats asked for and add the office files, from the same document and charts.
  const { applyReportFormats } = await import('./office/apply-report-formats.ts');
  await applyReportFormats(files, formats, { kind: 'round', results, charts, options });
  return files;
}
