/** Test helpers: read the tables back out of the rendered report, unescaped, as a reader would see them. */

export interface ParsedTable {
  caption: string;
  head: string[];
  rows: string[][];
}

/** Removes Markdown backslash escapes. */
export function unescapeMarkdown(text: string): string {
  // Issue 17: data text in a cell (a segment's label) carries Unicode isolate marks; the tests read the words.
  return text.replace(/[\u2068\u2069]/g, '').replace(/\\([\\`*_{}[\]<>()#+\-!|&~.=:])/g, '$1');
}

/** GitHub-style pipe tables, each with the bold caption line just above it. */
export function markdownTables(markdown: string): ParsedTable[] {
  const lines = markdown.split('\n');
  const tables: ParsedTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('| ') || !/^\|( ?-{3,}:? ?\|)+$/.test(lines[i + 1] ?? '')) continue;
    const captionLine = lines[i - 2] ?? '';
    const caption = unescapeMarkdown(captionLine.replace(/^\*\*|\*\*$/g, ''));
    const cells = (line: string): string[] =>
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((cell) => unescapeMarkdown(cell));
    const head = cells(lines[i]!);
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j]!.startsWith('| '); j++) rows.push(cells(lines[j]!));
    tables.push({ caption, head, rows });
    i = j;
  }
  return tables;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * HTML tables; stacked lines in a cell (`<br>`) are joined with ", " as in Markdown. The charts' data
 * tables (inside `<details class="chart-data">`) are left out unless `chartData` is true.
 */
export function htmlTables(html: string, chartData = false): ParsedTable[] {
  const text = (fragment: string): string => unescapeHtml(fragment.replace(/<br>/g, ', ').replace(/<[^>]+>/g, ''));
  const source = chartData ? html : html.replace(/<details class="chart-data">[\s\S]*?<\/details>/g, '');
  return [...source.matchAll(/<table(?: class="long")?>([\s\S]*?)<\/table>/g)].map((match) => {
    const body = match[1] ?? '';
    const caption = text(/<caption>([\s\S]*?)<\/caption>/.exec(body)?.[1] ?? '');
    const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => text(cell[1] ?? '')),
    );
    return { caption, head: rows[0] ?? [], rows: rows.slice(1) };
  });
}
