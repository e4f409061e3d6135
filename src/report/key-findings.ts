import { isolate } from '../format/isolate.ts';
import type { Finding, Interval, Results, SegmentThemeResult, ThemeResult } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatInterval } from '../format/format-interval.ts';
import { formatPercent } from '../format/format-percent.ts';
import { formatPValue } from '../format/format-p-value.ts';
import { segmentNoun } from '../format/segment-noun.ts';
import { segmentPlurals } from './segment-plural.ts';
import { agreementFlagOf, hedgeFinding } from './agreement-caveat.ts';

interface Difference {
  theme: ThemeResult;
  high: SegmentThemeResult;
  low: SegmentThemeResult;
  pAdjusted: number;
}

/**
 * The sentences that open the report. Themes are ranked by the share of all respondents mentioning
 * them ("40 of 44 respondents (91%, 95% CI 79–96%) mentioned "Support continuing"."). A theme whose
 * segment test is significant after the Benjamini–Hochberg adjustment (adjusted p below
 * `settings.alpha`) also gets a sentence comparing the segments that mention it most and least, both
 * with an adequate base; up to half the findings are kept for such differences. Nothing is ever said
 * from a low base, nor of a theme the coders agreed on too little (results.reliability flag
 * 'unreliable'); a theme with tentative agreement is hedged (hedgeFinding). Findings come in order
 * of the theme's prevalence, overall before segment.
 *
 * `statements` gives verb phrases by theme code (the codebook's `statement` column); without one the
 * sentence says `mentioned "<label>"`. `plurals` gives segment nouns by id (the config's `plural`).
 */
export function keyFindings(results: Results, count = 5, statements: Record<string, string> = {}, plurals: Record<string, string> = {}): Finding[] {
  const limit = Math.max(0, Math.floor(count));
  if (limit === 0) return [];
  const { minBase, alpha } = results.settings;
  const position = new Map(results.themes.map((theme, index) => [theme.code, index]));
  // With report.weighted (the default when a weight column exists) the weighted share is the headline.
  const headline = (theme: ThemeResult): number | null => (weightedHeadline(results, theme) ? theme.weighted!.proportion : theme.proportion);
  const byPrevalence = (a: ThemeResult, b: ThemeResult): number =>
    (headline(b) ?? -1) - (headline(a) ?? -1) || b.respondents - a.respondents || (position.get(a.code) ?? 0) - (position.get(b.code) ?? 0);
  const ranked = [...results.themes].sort(byPrevalence);
  const rank = new Map(ranked.map((theme, index) => [theme.code, index]));

  // A theme the coders agreed on too little (Krippendorff's alpha below 0.667) is never a key finding.
  const unreliable = (theme: ThemeResult) => agreementFlagOf(results, theme.code) === 'unreliable';
  const overall = ranked.filter(
    (theme) => theme.proportion !== null && theme.ci !== null && theme.respondents > 0 && theme.base >= minBase && !unreliable(theme),
  );
  const differences: Difference[] = [];
  for (const theme of ranked) {
    const pAdjusted = theme.segmentTest?.pAdjusted ?? null;
    if (pAdjusted === null || !(pAdjusted < alpha) || unreliable(theme)) continue;
    const cells = theme.bySegment.filter((cell) => !cell.lowBase && cell.base >= minBase && cell.proportion !== null && cell.ci !== null);
    const high = cells.reduce<SegmentThemeResult | undefined>(
      (best, cell) => (best === undefined || (cell.proportion ?? 0) > (best.proportion ?? 0) ? cell : best),
      undefined,
    );
    const low = cells.reduce<SegmentThemeResult | undefined>(
      (best, cell) => (best === undefined || (cell.proportion ?? 0) < (best.proportion ?? 0) ? cell : best),
      undefined,
    );
    if (high === undefined || low === undefined || high === low || !((high.proportion ?? 0) > (low.proportion ?? 0))) continue;
    differences.push({ theme, high, low, pAdjusted });
  }
  differences.sort((a, b) => a.pAdjusted - b.pAdjusted || (rank.get(a.theme.code) ?? 0) - (rank.get(b.theme.code) ?? 0));

  const reserved = Math.min(differences.length, Math.floor(limit / 2));
  const overallTaken = Math.min(overall.length, limit - reserved);
  const differencesTaken = Math.min(differences.length, limit - overallTaken);
  const chosen = [
    ...overall.slice(0, overallTaken).map((theme) => ({ rank: rank.get(theme.code) ?? 0, order: 0, finding: overallFinding(results, theme, statements) })),
    ...differences
      .slice(0, differencesTaken)
      .map((difference) => ({ rank: rank.get(difference.theme.code) ?? 0, order: 1, finding: differenceFinding(results, difference, statements, plurals) })),
  ];
  return chosen.sort((a, b) => a.rank - b.rank || a.order - b.order).map(({ finding }) => hedgeFinding(results, finding));
}

/**
 * Whether a theme's headline figure is its weighted share: report.weighted, and a weighted estimate
 * strictly between 0 and 1 (at 0 or 1 the logit interval collapses to a point, which would overstate
 * the certainty; the Wilson interval of the count is stated instead).
 */
function weightedHeadline(results: Results, theme: ThemeResult): boolean {
  const weighted = theme.weighted;
  return (
    results.settings.headline === 'weighted' &&
    weighted !== null &&
    weighted.proportion !== null &&
    weighted.proportion > 0 &&
    weighted.proportion < 1 &&
    weighted.ci !== null
  );
}

function overallFinding(results: Results, theme: ThemeResult, statements: Record<string, string>): Finding {
  if (weightedHeadline(results, theme)) {
    // "14 of 20 respondents; weighted 68%, 95% CI 47–84%": the weighted share, the unweighted count beside it.
    const weighted = theme.weighted!;
    const ci = weighted.ci as Interval;
    const proportion = weighted.proportion!;
    const text = `${theme.respondents} of ${theme.base} respondents (weighted ${formatPercent(proportion)}, ${formatConfidence(results.confidence)} CI ${formatInterval(ci)}) ${verb(theme, statements)}.`;
    return { theme: theme.code, text, respondents: theme.respondents, base: theme.base, proportion, ci: [ci[0], ci[1]] };
  }
  const ci = theme.ci as Interval;
  const proportion = theme.proportion ?? 0;
  const text = `${theme.respondents} of ${theme.base} respondents (${formatPercent(proportion)}, ${formatConfidence(results.confidence)} CI ${formatInterval(ci)}) ${verb(theme, statements)}.`;
  return { theme: theme.code, text, respondents: theme.respondents, base: theme.base, proportion, ci: [ci[0], ci[1]] };
}

function differenceFinding(
  results: Results,
  { theme, high, low, pAdjusted }: Difference,
  statements: Record<string, string>,
  plurals: Record<string, string>,
): Finding {
  const label = new Map(results.segments.map((segment) => [segment.id, segment.label]));
  const highLabel = label.get(high.segment) ?? high.segment;
  const lowLabel = label.get(low.segment) ?? low.segment;
  const confidence = formatConfidence(results.confidence);
  const figures = (cell: SegmentThemeResult): string =>
    `${cell.respondents} of ${cell.base} (${formatPercent(cell.proportion)}, ${confidence} CI ${formatInterval(cell.ci)})`;
  const method =
    theme.segmentTest?.method === 'fisher'
      ? "Fisher's exact test"
      : theme.segmentTest?.method === 'fisher-monte-carlo'
        ? "Fisher's exact test (Monte Carlo)"
        : theme.segmentTest?.method === 'rao-scott'
          ? 'Rao–Scott test (weighted)'
          : 'chi-square test';
  const p = formatPValue(pAdjusted, results.settings.alpha);
  const pText = p.startsWith('<') ? `p ${p}` : `p = ${p}`;
  const subject = isolate(highLabel.charAt(0).toUpperCase() + highLabel.slice(1));
  const lowNoun = segmentPlurals(results, plurals).get(low.segment) ?? segmentNoun(lowLabel);
  const text = `${subject} ${verb(theme, statements)} more often than ${lowNoun}: ${figures(high)} against ${figures(low)}; ${method}, BH-adjusted ${pText}.`;
  const ci = high.ci as Interval;
  return { theme: theme.code, text, respondents: high.respondents, base: high.base, proportion: high.proportion ?? 0, ci: [ci[0], ci[1]] };
}

function verb(theme: ThemeResult, statements: Record<string, string>): string {
  const statement = Object.hasOwn(statements, theme.code) ? statements[theme.code]?.trim() : undefined;
  return statement !== undefined && statement !== '' ? statement : `mentioned "${theme.label}"`;
}
