/** Bundles src/charts/render-svg.ts as the CommonJS script the chart workers load (chart-script.ts). */
export function bundleChartScript(outfile: string): Promise<void>;
