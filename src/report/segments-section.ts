import { isolate } from '../format/isolate.ts';
import { themeOrder } from '../charts/theme-order.ts';
import type { Results, SegmentTest } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatInterval } from '../format/format-interval.ts';
import { formatPercent } from '../format/format-percent.ts';
import type { Cell, RenderedChart, ReportBlock, ReportOptions } from './report-types.ts';
import { onlyCells, tableView } from './report-limits.ts';
import { isWeightedTable, letterPairs, lettersBySegment, segmentLetter } from './pairwise-letters.ts';
import { segmentSummaries } from './segment-summaries.ts';
import { segmentCell } from '../format/segment-cell.ts';
import { codingCaveat, oneCoderNote, quotedWithCaveat, themeRowLabel } from './theme-caveats.ts';

const LOW_BASE_MARK = '†';

/** What the groups of a crosstab are called: segments, or (issue 16) a banner's groups. */
export interface GroupWords {
  heading: string;
  id: string;
  one: string;
  many: string;
  /** Issue 19: the CSV table with every cell of the crosstab, named when the report prints only part of it. */
  file: string;
}

const SEGMENT_WORDS: GroupWords = {
  heading: 'Themes by segment',
  id: 'themes-by-segment',
  one: 'segment',
  many: 'segments',
  file: 'tables/themes-by-segment.csv',
};

/**
 * "Themes by segment", the segment comparisons: what the tests support, in one paragraph (how many
 * themes differ between segments after the Benjamini–Hochberg adjustment, and that the rest show no
 * detectable difference); one sentence per segment on the themes it mentioned most (in words, not
 * percentages, for a low base); the grouped chart; and a table of each segment's share per theme, with
 * the test's method, its adjusted p and a plain verdict ("differs between segments" only below alpha,
 * else "no detectable difference"). Low-base segments are marked and footnoted. Omitted when the data
 * have fewer than two segments. Issue 19: a very wide study's table and sentences cover the most
 * mentioned themes and the largest segments (report-limits.ts), with a note naming the full table's
 * file; the tests' paragraph still counts every theme.
 */
export function segmentsSection(
  all: Results,
  charts: readonly RenderedChart[],
  plurals: Record<string, string> = {},
  /** Issue 16: a banner's crosstab (report/banners-section.ts): its heading and what its groups are called. */
  g: GroupWords = SEGMENT_WORDS,
  options: ReportOptions = {},
): ReportBlock[] {
  if (all.segments.length < 2) return [];
  const { alpha, minBase } = all.settings;
  const confidence = formatConfidence(all.confidence);
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: g.heading, id: g.id }];
  if (all.themes.length > 0) blocks.push({ kind: 'paragraph', text: testsSummary(all, g) });
  // Issue 19: beyond REPORT_LIMITS, the sentences and the table are of the largest segments and the most mentioned themes.
  const summarised = g === SEGMENT_WORDS;
  const view = tableView(all, { file: g.file, many: g.many, subject: 'The table below shows' }, options);
  const results = view.results;
  const fewer = results.segments.length < all.segments.length;
  if (view.note !== null && all.themes.length > 0) {
    const also = summarised && fewer ? ` The sentences below are of the same ${results.segments.length} ${g.many}.` : '';
    blocks.push({ kind: 'paragraph', role: 'note', text: `${view.note}${also}` });
  }
  // The sentences name each printed segment's most mentioned themes among all themes, not only the printed ones.
  const sentences = !fewer ? all : { ...all, segments: results.segments, themes: all.themes.map(onlyCells(all.segments, results.segments)) };
  const summaries = summarised ? segmentSummaries(sentences, plurals) : [];
  if (summaries.length > 0) blocks.push({ kind: 'list', items: summaries.map((summary) => summary.text) });
  const chart = charts.find((candidate) => candidate.name === 'themes-by-segment');
  if (chart !== undefined) blocks.push({ kind: 'figure', chart });
  if (results.themes.length === 0) return blocks;

  // Significance letters, as crosstab tools print them (pairwise-letters.ts): column k is letter k, and
  // a cell carries the letters of the segments whose share it exceeds. On a weighted table the cells
  // are weighted, and so are the letters (Rao–Scott on each pair, themes[].weightedPairwise).
  const weightedTable = isWeightedTable(results);
  const head = [
    'Theme',
    ...results.segments.map(
      (segment, index) => `${isolate(segment.label)} (n = ${segment.respondents})${segment.lowBase ? LOW_BASE_MARK : ''} (${segmentLetter(index)})`,
    ),
    'Result',
  ];
  const rows = themeOrder(results.themes).map(({ theme, depth }): Cell[] => {
    const letters = lettersBySegment(results, letterPairs(weightedTable, theme), alpha);
    const lettersOf = (segment: string): string => {
      const above = letters.get(segment);
      return above === undefined ? '' : ` ${above}`;
    };
    const cells = results.segments.map((segment, segmentIndex) => {
      const cell = segmentCell(theme, segment.id, segmentIndex);
      if (cell === undefined) return 'n/a';
      const mark = cell.lowBase && !segment.lowBase ? LOW_BASE_MARK : '';
      // At 0 or 1 the logit interval collapses to a point: the Wilson interval of the count stands instead.
      const share = cell.weighted?.proportion ?? null;
      if (weightedTable && cell.weighted !== null && share !== null && share > 0 && share < 1) {
        // Weights as the headline: the segment's weighted share and interval, its unweighted count beside it.
        return [
          `${formatPercent(cell.weighted.proportion)} (${cell.respondents}/${cell.base})${mark}${lettersOf(segment.id)}`,
          formatInterval(cell.weighted.ci),
        ];
      }
      const letterText = lettersOf(segment.id);
      return [`${formatPercent(cell.proportion)} (${cell.respondents}/${cell.base})${mark}${letterText}`, formatInterval(cell.ci)];
    });
    // Issue 17: the test and its p-values are in the methods appendix (segmentTestsTable); the body gives the verdict in words.
    return [themeRowLabel(theme.label, depth, [codingCaveat(results, theme.code)]), ...cells, verdict(theme.segmentTest, alpha, g)];
  });
  blocks.push({
    kind: 'table',
    caption: weightedTable
      ? `Weighted share of each ${g.one} mentioning each theme: weighted % (unweighted n/base), ${confidence} CI`
      : `Share of each ${g.one}'s respondents mentioning each theme: % (n/base), ${confidence} CI`,
    head,
    rows,
    numeric: head.map((_, index) => index > 0 && index <= results.segments.length),
    rowHeader: true,
  });
  const notes: string[] = [];
  if (results.segments.some((segment) => segment.lowBase) || results.themes.some((theme) => theme.bySegment.some((cell) => cell.lowBase))) {
    notes.push(`${LOW_BASE_MARK} Base below ${minBase}: shown for completeness, not interpreted, never a key finding.`);
  }
  notes.push(
    `"Differs between ${g.many}" where the ${g.many}' shares differ by more than chance would explain, allowing for the number of themes checked; the test of each theme is in the methods appendix.`,
    weightedTable
      ? `Letters: a share followed by a ${g.one}'s letter is clearly higher than that ${g.one}'s weighted share (each pair of ${g.many} compared on the weighted data: methods appendix); ${g.many} with a base below ${minBase} are not compared two at a time.`
      : `Letters: a share followed by a ${g.one}'s letter is clearly higher than that ${g.one}'s share; ${g.many} with a base below ${minBase} are not compared two at a time.`,
  );
  const oneCoder = oneCoderNote(results);
  if (oneCoder !== null) notes.push(oneCoder);
  blocks.push({ kind: 'paragraph', role: 'footnote', text: notes.join(' ') });
  return blocks;
}

/** What the segment tests support, and no more. */
function testsSummary(results: Results, g: GroupWords): string {
  const { alpha } = results.settings;
  const tested = results.themes.filter((theme) => theme.segmentTest?.pAdjusted !== null && theme.segmentTest?.pAdjusted !== undefined);
  const differ = tested.filter((theme) => (theme.segmentTest?.pAdjusted ?? 1) < alpha);
  const untested = results.themes.length - tested.length;
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  let text = `Each theme was checked for a difference between ${g.many}, allowing for the ${count(tested.length, 'theme')} checked. `;
  if (differ.length === 0) {
    text += `No theme differs clearly between ${g.many}; that is not evidence that the ${g.many} agree, only that these data cannot tell them apart.`;
  } else {
    const names = differ.map((theme) => quotedWithCaveat(results, theme.code, theme.label));
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    text += `${differ.length === 1 ? 'One theme differs' : `${differ.length} themes differ`} between ${g.many}: ${list}. `;
    const rest = tested.length - differ.length;
    if (rest > 0) text += `For the other ${count(rest, 'theme')} there is no clear difference, which is not evidence that the ${g.many} agree.`;
  }
  if (untested > 0) text += ` ${count(untested, 'theme')} could not be tested (nobody, or everybody, mentioned ${untested === 1 ? 'it' : 'them'}).`;
  return text.trim();
}

export function pText(p: string): string {
  return p.startsWith('<') ? p : `= ${p}`;
}

export function testName(test: SegmentTest | null): string {
  if (test === null || test.method === null) return 'not tested';
  if (test.method === 'fisher') return "Fisher's exact";
  if (test.method === 'fisher-monte-carlo') return `Fisher's exact by Monte Carlo (${test.replicates ?? 0} tables)`;
  if (test.method === 'rao-scott') {
    const f = test.statistic === null ? '' : `, F = ${test.statistic.toFixed(2)}`;
    const dfs = test.ndf === undefined || test.ddf === undefined ? '' : `, df = ${test.ndf.toFixed(2)}, ${test.ddf.toFixed(1)}`;
    return `Rao–Scott (weighted)${f}${dfs}`;
  }
  const statistic = test.statistic === null ? '' : `, χ² = ${test.statistic.toFixed(2)}`;
  const df = test.df === null ? '' : `, df = ${test.df}`;
  return `Chi-square${statistic}${df}`;
}

function verdict(test: SegmentTest | null, alpha: number, g: GroupWords): string {
  if (test === null || test.pAdjusted === null) {
    return test?.reason !== undefined && test.reason !== '' ? `not testable: ${test.reason}` : 'not testable';
  }
  return test.pAdjusted < alpha ? `differs between ${g.many}` : 'no detectable difference';
}
