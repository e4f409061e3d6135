import type { Results } from '../model.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import { keepIsolates } from '../format/isolate.ts';
import { reportDocument } from './report-document.ts';
import type { Cell, Inline, RenderedChart, ReportBlock, ReportOptions } from './report-types.ts';

/**
 * The report as Markdown (CommonMark with GitHub tables), for `reports/<id>/report.md`. Charts are
 * images at `charts/<name>.svg` with their text alternative. All text, data and prose alike, goes
 * through `escapeMarkdown`, so a label cannot become a link, HTML, emphasis or a table column.
 */
export function renderMarkdown(results: Results, charts: readonly RenderedChart[], options: ReportOptions = {}): string {
  return markdownPage(reportDocument(results, charts, options));
}

/** Any report document (the round report, the trend report) as Markdown. */
export function markdownPage(blocks: readonly ReportBlock[]): string {
  const parts = blocks.map((block) => markdownBlock(block, blocks)).filter((part) => part !== '');
  return `${parts.join('\n\n')}\n`;
}

function markdownBlock(block: ReportBlock, all: readonly ReportBlock[]): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`;
    case 'paragraph': {
      const text = inline(block.text);
      if (block.role === 'note') return `> ${text}`;
      if (block.role === 'footnote') return `*${text}*`;
      return text;
    }
    case 'list':
      return block.items.map((item, index) => `${block.ordered === true ? `${index + 1}.` : '-'} ${inline(item)}`).join('\n');
    case 'facts':
      return block.items.map((item) => `- **${escapeMarkdown(item.term)}:** ${inline(item.value)}`).join('\n');
    case 'table': {
      const row = (cells: readonly Cell[]): string => `| ${cells.map((cell) => prose(typeof cell === 'string' ? cell : cell.join(', '))).join(' | ')} |`;
      const rule = `| ${block.head.map((_, index) => (block.numeric[index] === true ? '---:' : '---')).join(' | ')} |`;
      return [`**${prose(block.caption)}**`, '', row(block.head), rule, ...block.rows.map(row)].join('\n');
    }
    case 'figure':
      return `![${escapeMarkdown(block.chart.alt)}](charts/${encodeURI(block.chart.name)}.svg)`;
    case 'links':
      return block.items.map((item) => `- [${escapeMarkdown(item.text)}](${encodeURI(item.href)})`).join('\n');
    case 'contents': {
      const start = all.indexOf(block);
      const headings = all.slice(start + 1).filter((candidate) => candidate.kind === 'heading' && candidate.level === 2);
      return ['**Contents**', '', ...headings.map((heading) => (heading.kind === 'heading' ? `- [${escapeMarkdown(heading.text)}](#${heading.id})` : ''))].join(
        '\n',
      );
    }
  }
}

/**
 * Issue 17: the report's own text, escaped, with the data text the sentence builders marked
 * (format/isolate.ts) and every quoted run isolated by Unicode's isolate marks (FSI … PDI): Markdown
 * has no <bdi>, and the marks do the same wherever the text is shown.
 */
function prose(text: string): string {
  return keepIsolates(text, escapeMarkdown, false);
}

function inline(text: Inline): string {
  if (typeof text === 'string') return prose(text);
  return text
    .map((run) => {
      if (typeof run === 'string') return prose(run);
      if ('code' in run) {
        // A code span cannot hold backslash escapes; fence it with more backticks than it contains.
        const longest = Math.max(0, ...(run.code.match(/`+/g) ?? []).map((ticks) => ticks.length));
        const fence = '`'.repeat(longest + 1);
        return `${fence}${run.code.includes('`') ? ` ${run.code} ` : run.code}${fence}`;
      }
      if ('quote' in run) return `“\u2068${escapeMarkdown(run.quote)}\u2069” (\u2068${escapeMarkdown(run.by)}\u2069)`;
      return `**${escapeMarkdown(run.strong)}**`;
    })
    .join('');
}
