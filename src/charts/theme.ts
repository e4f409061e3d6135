import type { Config } from 'vega-lite';

/**
 * The house look of every chart, in one place: readable at slide size (11 px labels, 14 px titles),
 * no border, a light grid, DejaVu Sans first so the SVG, the PNG (resvg with system fonts) and a
 * browser agree on text widths. Labels are never cut: limits are off and src/charts/text-width.ts
 * gives Vega true widths for layout.
 */
export const theme: Config = {
  font: 'DejaVu Sans, Verdana, Helvetica, Arial, sans-serif',
  background: '#ffffff',
  padding: 12,
  view: { stroke: null },
  title: {
    anchor: 'start',
    fontSize: 14,
    fontWeight: 'bold',
    color: '#1f1f1f',
    subtitleFontSize: 12,
    subtitleColor: '#4d4d4d',
    subtitlePadding: 6,
    offset: 14,
    limit: 0,
  },
  axis: {
    labelFontSize: 11,
    labelColor: '#333333',
    labelLimit: 0,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: '#333333',
    domainColor: '#9e9e9e',
    tickColor: '#9e9e9e',
    gridColor: '#e8e8e8',
  },
  legend: {
    labelFontSize: 11,
    labelColor: '#333333',
    labelLimit: 0,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: '#333333',
    symbolType: 'square',
  },
  header: { labelFontSize: 12, labelLimit: 0, titleFontSize: 12 },
  text: { fontSize: 11, color: '#333333' },
};
