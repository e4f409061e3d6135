/**
 * findings as a library: the pipeline's stages for a notebook or a script, the same ones the CLI runs.
 *
 *   const analysis = await analyzeRound('surveys/rpa-2014.yaml', process.cwd(), sink);  // config to Results
 *   const files = await renderReport(analysis);                                        // Results to report files
 *
 * Each stage takes a diagnostics sink (`{ report(diagnostic) {...} }`) and reports the data's problems
 * to it as values; none prints, none exits. See pipeline.ts for the stages in order.
 */
export { configPosition, displayPath, readConfig, type ConfigSource } from './config/read-config.ts';
export { analyzeRound, readRound, type ReadOptions, type Round, type Stopped } from './pipeline.ts';
export { analyzeTrend } from './rounds/analyze-trend.ts';
export { renderReport } from './report/render-report.ts';
export { buildCharts, type ChartSpec, type ChartTable } from './charts/build-charts.ts';
export { renderSvg } from './charts/render-svg.ts';
export { formatResultsJson } from './report/format-results-json.ts';
export { formatPercent } from './format/format-percent.ts';
export { formatInterval } from './format/format-interval.ts';
export { exitCodeFor } from './messages.ts';
export type * from './model.ts';
