import type { Results } from '../model.ts';
import { changeSection } from './change-section.ts';
import { cooccurrenceSection } from './cooccurrence-section.ts';
import { keyFindingsSection } from './key-findings-section.ts';
import { methodsAppendix } from './methods-appendix.ts';
import { methodsSection } from './methods-section.ts';
import { questionsSection } from './questions-section.ts';
import { rejectedRowsSection } from './rejected-rows-section.ts';
import { reliabilitySection } from './reliability-section.ts';
import type { RenderedChart, ReportBlock, ReportOptions } from './report-types.ts';
import { segmentsSection } from './segments-section.ts';
import { bannersSection } from './banners-section.ts';
import { themesSection } from './themes-section.ts';
import { titleSection } from './title-section.ts';
import { warningsSection } from './warnings-section.ts';

/**
 * The report as blocks, in the order findings reports are read: the title block (study, round, who
 * was asked, n per segment, the note) and contents; the key findings; segment comparisons; the themes
 * in full and how they co-occur; closed questions; what changed since the previous round; coder
 * agreement; rejected rows and warnings when there are any; any chart no section placed; and methods
 * and limitations last. Every section reports what was heard; none recommends.
 */
export function reportDocument(results: Results, charts: readonly RenderedChart[], options: ReportOptions = {}): ReportBlock[] {
  const plurals = options.plurals ?? {};
  const blocks: ReportBlock[] = [
    ...titleSection(results, plurals),
    ...keyFindingsSection(results, options),
    { kind: 'contents' },
    ...segmentsSection(results, charts, plurals, undefined, options),
    ...bannersSection(results, options), // issue 16
    ...themesSection(results, charts, options),
    ...cooccurrenceSection(results, charts),
    ...questionsSection(results, charts),
    ...changeSection(results, charts, plurals),
    ...reliabilitySection(results),
    ...rejectedRowsSection(results),
    ...warningsSection(results),
  ];
  const placed = new Set(blocks.flatMap((block) => (block.kind === 'figure' ? [block.chart.name] : [])));
  const others = charts.filter((chart) => !placed.has(chart.name));
  if (others.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: 'More charts', id: 'more-charts' });
    for (const chart of others) blocks.push({ kind: 'figure', chart });
  }
  blocks.push(...methodsSection(results), ...methodsAppendix(results, options));
  return blocks;
}
