import type { Results } from '../model.ts';
import { cooccurrenceSection } from './cooccurrence-section.ts';
import { keyFindingsSection } from './key-findings-section.ts';
import { methodsSection } from './methods-section.ts';
import { questionsSection } from './questions-section.ts';
import { rejectedRowsSection } from './rejected-rows-section.ts';
import type { RenderedChart, ReportBlock, ReportOptions } from './report-types.ts';
import { segmentsSection } from './segments-section.ts';
import { themesSection } from './themes-section.ts';
import { titleSection } from './title-section.ts';
import { warningsSection } from './warnings-section.ts';

/**
 * The report as blocks, in reading order: title block and contents, key findings, themes, themes by
 * segment, closed questions, co-occurrence, rejected rows and warnings when there are any, any chart
 * no section placed, and methods last.
 */
export function reportDocument(results: Results, charts: readonly RenderedChart[], options: ReportOptions = {}): ReportBlock[] {
  const blocks: ReportBlock[] = [
    ...titleSection(results),
    ...keyFindingsSection(results, options),
    ...themesSection(results, charts),
    ...segmentsSection(results, charts),
    ...questionsSection(results, charts),
    ...cooccurrenceSection(results, charts),
    ...rejectedRowsSection(results),
    ...warningsSection(results),
  ];
  const placed = new Set(blocks.flatMap((block) => (block.kind === 'figure' ? [block.chart.name] : [])));
  const others = charts.filter((chart) => !placed.has(chart.name));
  if (others.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: 'More charts', id: 'more-charts' });
    for (const chart of others) blocks.push({ kind: 'figure', chart });
  }
  blocks.push(...methodsSection(results));
  return blocks;
}
