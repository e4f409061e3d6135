import type { ReportBlock } from '../report-types.ts';
import { inlineText } from './inline-text.ts';
import type { TextSheet } from './render-workbook.ts';

/**
 * Parts of a report document as lines of a text sheet: the title block (title, facts, the study's
 * note) and the sections whose level-2 heading ids are given (e.g. the key findings and methods),
 * each whole. Tables become one line per row, cells joined by " · ". The text is the document's own,
 * so the workbook says what report.html says.
 */
export function documentLines(blocks: readonly ReportBlock[], sections: readonly string[]): TextSheet['lines'] {
  const lines: TextSheet['lines'] = [];
  let keep = true;
  for (const block of blocks) {
    if (block.kind === 'contents') {
      keep = false;
      continue;
    }
    if (block.kind === 'heading' && block.level <= 2) keep = block.level === 1 || sections.includes(block.id);
    if (!keep) continue;
    switch (block.kind) {
      case 'heading':
        if (lines.length > 0) lines.push({ text: '' });
        lines.push({ text: block.text, heading: true });
        break;
      case 'paragraph':
        lines.push({ text: inlineText(block.text) });
        break;
      case 'list':
        for (const item of block.items) lines.push({ text: `• ${inlineText(item)}` });
        break;
      case 'facts':
        for (const item of block.items) lines.push({ term: item.term, text: inlineText(item.value) });
        break;
      case 'table':
        lines.push({ text: block.caption, heading: true });
        lines.push({ text: block.head.join(' · ') });
        for (const row of block.rows) lines.push({ text: row.map((cell) => (typeof cell === 'string' ? cell : cell.join(' '))).join(' · ') });
        break;
      case 'figure':
        lines.push({ text: `Chart: ${block.chart.title}. ${block.chart.alt}` });
        break;
    }
  }
  return lines;
}
