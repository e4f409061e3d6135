import { oneCoderNote } from './theme-caveats.ts';
import type { Results } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { executiveSummary } from './executive-summary.ts';
import type { Inline, ReportBlock, ReportOptions } from './report-types.ts';

/**
 * "Summary", the report's first screen: the sentences of `executiveSummary` (changes since the
 * previous round, closed questions, segment differences, the most mentioned themes, by its ranking
 * rule), each followed by a representative quote on its theme where the results carry de-identified
 * quotes. Plain words: tests and p-values are in the tables and the methods appendix.
 */
export function keyFindingsSection(results: Results, options: ReportOptions = {}): ReportBlock[] {
  const items = executiveSummary(results, {
    count: options.keyFindings ?? 5,
    statements: options.statements ?? {},
    plurals: options.plurals ?? {},
    pairs: options.pairs ?? [],
  });
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: 'Summary', id: 'key-findings' }];
  if (items.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: `No theme was mentioned by respondents in a base of at least ${results.settings.minBase}, so there is nothing to state with confidence.`,
    });
    return blocks;
  }
  const quotes = results.quotes ?? [];
  const used = new Set<string>();
  blocks.push({
    kind: 'list',
    items: items.map((item): Inline => {
      // One quote per sentence, never the same quote twice.
      const quote = quotes.find((candidate) => item.themes.includes(candidate.theme) && !used.has(candidate.text));
      if (quote === undefined) return item.text;
      used.add(quote.text);
      return [item.text, ' ', { quote: quote.text.trim(), by: quote.attribution }];
    }),
  });
  if (results.change !== null && !items.some((item) => item.source === 'change')) {
    const previous = results.change.previousRound || results.change.previous;
    blocks.push({
      kind: 'paragraph',
      text: `No theme or closed question changed clearly since ${previous}: every comparison is in "What changed since ${previous}".`,
    });
  }
  blocks.push({
    kind: 'paragraph',
    role: 'footnote',
    text: `Chosen by a fixed rule (see Methods): changes since the previous round first, then the answers to the closed questions, then differences between groups, then the most mentioned themes. A "likely range" is the ${formatConfidence(results.confidence)} confidence interval.${
      // Issue 17: a round one coder coded says so where its theme figures first appear.
      items.some((item) => item.themes.length > 0) && oneCoderNote(results) !== null ? ` ${oneCoderNote(results)}` : ''
    }`,
  });
  return blocks;
}
