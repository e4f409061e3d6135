import type { Results } from '../model.ts';
import { keyFindings } from './key-findings.ts';
import { questionHeadline } from './question-headline.ts';
import type { Inline, ReportBlock, ReportOptions } from './report-types.ts';

/**
 * "Key findings": the sentences from `keyFindings`, each followed by a representative quote on its
 * theme where the results carry de-identified quotes, or why there are none.
 */
export function keyFindingsSection(results: Results, options: ReportOptions = {}): ReportBlock[] {
  const findings = keyFindings(results, options.keyFindings ?? 5, options.statements ?? {}, options.plurals ?? {});
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: 'Key findings', id: 'key-findings' }];
  // issue 16: one headline per closed question (question-headline.ts), after the themes' findings.
  const headlines =
    (options.keyFindings ?? 5) > 0 ? results.questions.map((question) => questionHeadline(results, question)).filter((text) => text !== null) : [];
  const questionBlocks: ReportBlock[] =
    headlines.length === 0
      ? []
      : [
          { kind: 'paragraph', text: 'From the closed questions:' },
          { kind: 'list', items: headlines },
        ];
  if (findings.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: `No theme was mentioned by respondents in a base of at least ${results.settings.minBase}, so there is nothing to state with confidence.`,
    });
    blocks.push(...questionBlocks);
    return blocks;
  }
  const quotes = results.quotes ?? [];
  const used = new Set<string>();
  blocks.push({
    kind: 'list',
    items: findings.map((finding): Inline => {
      // One quote per finding, never the same quote twice.
      const quote = quotes.find((candidate) => candidate.theme === finding.theme && !used.has(candidate.text));
      if (quote === undefined) return finding.text;
      used.add(quote.text);
      return [finding.text, ' ', { quote: quote.text.trim(), by: quote.attribution }];
    }),
  });
  blocks.push(...questionBlocks);
  return blocks;
}
