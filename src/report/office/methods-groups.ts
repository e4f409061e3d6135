import type { ReportBlock } from '../report-types.ts';
import { inlineText } from './inline-text.ts';

/**
 * The lists of a report document's "Methods and limitations" section (heading id `methods`), each
 * under the heading it sits under ("How the figures were made", "Limitations"), as plain text: the
 * methods slide's content, in the document's own words.
 */
export function methodsGroups(blocks: readonly ReportBlock[]): { heading: string; items: string[] }[] {
  const start = blocks.findIndex((block) => block.kind === 'heading' && block.id === 'methods');
  if (start < 0) return [];
  const groups: { heading: string; items: string[] }[] = [];
  let heading = blocks[start]?.kind === 'heading' ? (blocks[start] as { text: string }).text : 'Methods';
  for (const block of blocks.slice(start + 1)) {
    if (block.kind === 'heading' && block.level <= 2) break;
    if (block.kind === 'heading') heading = block.text;
    if (block.kind === 'list') groups.push({ heading, items: block.items.map(inlineText) });
  }
  return groups;
}
