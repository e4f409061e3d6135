import { relatedPair } from '../charts/related-pair.ts';
import type { Results } from '../model.ts';
import type { RenderedChart, ReportBlock } from './report-types.ts';
import { codingCaveat, themeRowLabel } from './theme-caveats.ts';

const TOP_PAIRS = 10;

/**
 * "Co-occurrence": the heatmap and the pairs of themes most often mentioned together, by Jaccard
 * index. A theme paired with its own sub-theme is left out (they co-occur by construction), as are
 * pairs nobody mentioned and pairs no respondent shares. Omitted when there are no pairs.
 */
export function cooccurrenceSection(results: Results, charts: readonly RenderedChart[]): ReportBlock[] {
  const label = new Map(results.themes.map((theme) => [theme.code, theme.label]));
  const pairs = results.cooccurrence
    .filter((pair) => pair.jaccard !== null && pair.respondents > 0 && pair.a !== pair.b && !relatedPair(results.themes, pair.a, pair.b))
    .sort((a, b) => (b.jaccard ?? 0) - (a.jaccard ?? 0) || b.respondents - a.respondents)
    .slice(0, TOP_PAIRS);
  const chart = charts.find((candidate) => candidate.name === 'cooccurrence');
  if (pairs.length === 0 && chart === undefined) return [];
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: 'Co-occurrence', id: 'co-occurrence' }];
  if (chart !== undefined) blocks.push({ kind: 'figure', chart });
  if (pairs.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No respondent mentions two unrelated themes.' });
    return blocks;
  }
  blocks.push({
    kind: 'table',
    caption: `Themes most often mentioned together (the ${pairs.length} pairs with the most overlap)`,
    head: ['Theme', 'With theme', 'Respondents mentioning both', 'Overlap (0 to 1)'],
    rows: pairs.map((pair) => [
      // Issue 17: a theme the coders agreed on too little, or only moderately, says so beside the pair.
      themeRowLabel(label.get(pair.a) ?? pair.a, 0, [codingCaveat(results, pair.a)]),
      themeRowLabel(label.get(pair.b) ?? pair.b, 0, [codingCaveat(results, pair.b)]),
      String(pair.respondents),
      (pair.jaccard ?? 0).toFixed(2),
    ]),
    numeric: [false, false, true, true],
    rowHeader: false,
  });
  blocks.push({
    kind: 'paragraph',
    role: 'footnote',
    text: 'Overlap: respondents mentioning both themes divided by respondents mentioning either (0 = never together, 1 = always together; the Jaccard index, see Methods). A theme and its own sub-theme are not paired.',
  });
  return blocks;
}
