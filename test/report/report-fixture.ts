import { buildCharts } from '../../src/charts/build-charts.ts';
import { renderSvg } from '../../src/charts/render-svg.ts';
import type { Results } from '../../src/model.ts';
import type { RenderedChart } from '../../src/report/report-types.ts';

/** The charts of a study, rendered, as the pipeline hands them to the report writers. */
export async function renderedCharts(results: Results): Promise<RenderedChart[]> {
  const charts: RenderedChart[] = [];
  for (const chart of buildCharts(results)) charts.push({ ...chart, svg: await renderSvg(chart.spec) });
  return charts;
}
