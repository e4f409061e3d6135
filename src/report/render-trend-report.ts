import { trendFigureCaveat } from './theme-caveats.ts';
import type { ReportFormat, TrendResults } from '../model.ts';
import type { TrendSettings } from './trend-document.ts';
import { guardVegaNames } from '../charts/guard-vega-names.ts';
import { inProcessRenderer, type ChartRenderer } from '../charts/chart-renderer.ts';

/**
 * Everything a trend report folder holds (`findings trend`), as relative path -> content:
 * `trend.json` (the TrendResults, two-space JSON and a final newline), `report.md`, `report.html`
 * (self-contained, the same look as a round's report), `charts/trend.vl.json`, `.svg`, `.png` (2x;
 * with png, docx or pptx) and `tables/trend.csv` (one row per theme × round). Deterministic, like renderReport.
 *
 * `settings` gives the level for "rose"/"fell" and the minimum base (TrendResults does not carry
 * them); the defaults are the config defaults, alpha 0.05 and minBase 5. `formats` chooses the files
 * and adds report.docx, slides.pptx and tables.xlsx (issue 18), as for a round.
 */
export async function renderTrendReport(
  trend: TrendResults,
  settings: Partial<TrendSettings> = {},
  formats: readonly ReportFormat[] = ['html', 'md', 'json', 'csv'],
  renderer: ChartRenderer = inProcessRenderer(),
): Promise<Map<string, string | Uint8Array>> {
  const [{ trendChart, trendOrder }, { trendDocument }, { markdownPage }, { htmlPage }, { csvTable, withStudyNote }, { formatPercent }] = await Promise.all([
    import('../charts/trend-chart.ts'),
    import('./trend-document.ts'),
    import('./render-markdown.ts'),
    import('./render-html.ts'),
    import('./csv-table.ts'),
    import('../format/format-percent.ts'),
  ]);
  const resolved: TrendSettings = { alpha: settings.alpha ?? 0.05, minBase: settings.minBase ?? 5 };
  const spec = guardVegaNames(trendChart(trend)); // issue #20: see charts/guard-vega-names.ts
  const svg = await renderer.svg(spec);
  const { renderNarrow } = await import('../charts/narrow-spec.ts');
  const narrowSvg = await renderNarrow(spec, svg, (narrow) => renderer.svg(narrow));
  const ordered = trendOrder(trend.themes);
  const latest = trend.rounds[trend.rounds.length - 1];
  const top = ordered
    .filter(({ depth }) => depth === 0)
    .slice(0, 3)
    .map(({ theme }) => {
      // The first round the code was measured in (a null point is a round it did not exist in).
      const first = theme.points.find((point) => point.respondents !== null);
      const last = theme.points[theme.points.length - 1];
      return `${theme.label}, ${formatPercent(first?.proportion ?? null)} in ${first?.round ?? ''} and ${formatPercent(last?.proportion ?? null)} in ${last?.round ?? ''}`;
    });
  // Issue 17: the standalone files carry the title, bases, source and study note (charts/file-spec.ts).
  // Issue 19: drawn around the report's own drawing when it can be (fileSvg), not laid out again.
  const { fileSpec, fileSvg, trendFrame } = await import('../charts/file-spec.ts');
  const frame = trendFrame(trend, 'Themes across rounds');
  const standaloneSpec = fileSpec(spec, frame, svg);
  const standaloneSvg = fileSvg(spec, frame, svg) ?? (await renderer.svg(standaloneSpec));
  const chart = {
    name: 'trend',
    frame,
    title: 'Themes across rounds',
    alt: `Line charts, one per theme, of the share of respondents mentioning it in ${trend.rounds.length} rounds (${trend.rounds.map((round) => `${round.round} n = ${round.respondents}`).join(', ')})${top.length > 0 ? `; the most mentioned in ${latest?.round ?? 'the latest round'}: ${top.join('; ')}` : ''}.`,
    spec,
    svg,
    narrowSvg,
    table: {
      caption: 'Share of respondents mentioning each theme per round: % (n/base)',
      head: ['Theme', ...trend.rounds.map((round) => round.round)],
      rows: ordered.map(({ theme, depth }) => [
        depth > 0 ? `↳ ${theme.label}` : theme.label,
        ...trend.rounds.map((round, roundIndex) => {
          const point = theme.points.find((candidate) => candidate.round === round.round);
          if (point === undefined) return 'n/a';
          if (point.respondents === null) return 'not coded';
          // Issue 17: a figure mapped from codes merged or renamed later says so beside it.
          const figure = `${formatPercent(point.proportion)} (${point.respondents}/${point.base})`;
          const caveat = trendFigureCaveat(trend, theme.code, roundIndex);
          return caveat === null ? figure : `${figure}; ${caveat}`;
        }),
      ]),
      numeric: [false, ...trend.rounds.map(() => true)],
    },
  };
  const blocks = trendDocument(trend, [chart], resolved);
  const title = blocks[0]?.kind === 'heading' ? blocks[0].text : 'Trend report';
  const roundId = new Map(trend.rounds.map((round) => [round.round, round.id]));
  const files = new Map<string, string | Uint8Array>();
  files.set('trend.json', `${JSON.stringify(trend, null, 2)}\n`);
  files.set('report.md', markdownPage(blocks));
  files.set('report.html', htmlPage(title, blocks));
  files.set('charts/trend.vl.json', `${JSON.stringify(standaloneSpec, null, 2)}\n`);
  files.set('charts/trend.svg', standaloneSvg);
  // Issue 19: the PNG only when it is written (png) or embedded (docx, pptx); the office files embed the report's drawing (issue 17).
  if (formats.includes('docx') || formats.includes('pptx')) files.set('charts/trend.png', await renderer.png(svg));
  files.set(
    'tables/trend.csv',
    csvTable(
      ...withStudyNote(
        ['code', 'label', 'parent', 'round_id', 'round', 'respondents', 'base', 'proportion', 'ci_lower', 'ci_upper'],
        trend.themes.flatMap((theme) =>
          theme.points.map((point) => [
            theme.code,
            theme.label,
            theme.parent,
            roundId.get(point.round) ?? null,
            point.round,
            point.respondents,
            point.base,
            point.proportion,
            point.ci?.[0] ?? null,
            point.ci?.[1] ?? null,
          ]),
        ),
        trend.note,
      ),
    ),
  );
  // Issue 18: keep the formats asked for and add the office files, from the same document and chart.
  const { applyReportFormats } = await import('./office/apply-report-formats.ts');
  await applyReportFormats(files, formats, { kind: 'trend', trend, charts: [chart], blocks, settings: resolved });
  if (formats.includes('png')) files.set('charts/trend.png', await renderer.png(standaloneSvg));
  return files;
}
