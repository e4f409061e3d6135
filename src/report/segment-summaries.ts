import type { Results, ThemeResult } from '../model.ts';
import { formatPercent } from '../format/format-percent.ts';
import { hedgedCount } from './hedged-count.ts';
import { segmentPlurals } from './segment-plural.ts';
import { segmentCell } from '../format/segment-cell.ts';
import { quotedWithCaveat } from './theme-caveats.ts';

export interface SegmentSummary {
  segment: string;
  lowBase: boolean;
  /** The themes the sentence names, most mentioned first. */
  themes: { code: string; respondents: number; base: number }[];
  /**
   * Issue 17: for a low-base segment, the themes where it stands out most from everyone else (`standOut`):
   * its count and base, and the other respondents' count and base.
   */
  standsOut?: { code: string; respondents: number; base: number; others: number; othersBase: number }[];
  text: string;
}

const MOST = 3;
const MOST_WITH_TIES = 5;

/**
 * One sentence per segment naming the themes its respondents mentioned most, with counts, bases and
 * percentages, in the same rounding as the tables: "The themes funders mentioned most: "Support
 * continuing" (18 of 20, 90%), ...". Themes tied with the third are kept, up to five. A segment below
 * the minimum base gets words, never a percentage: "Among the 4 public agencies, too few for
 * percentages, most mentioned "Support continuing" and half mentioned "Project structure"." followed by
 * the themes where it stands out most from everyone else (issue 17: `standOut`): "They stood out most
 * on "Focus on federal dollars" (half of them mentioned it, against 3 of the 40 other respondents)." The
 * sentences describe each segment; they compare nothing (differences between segments are the tests'
 * to claim).
 */
export function segmentSummaries(results: Results, plurals: Record<string, string> = {}): SegmentSummary[] {
  const nouns = segmentPlurals(results, plurals);
  const position = new Map(results.themes.map((theme, index) => [theme.code, index]));
  const { minBase } = results.settings;
  return results.segments.flatMap((segment, segmentIndex): SegmentSummary[] => {
    const cells = results.themes
      .flatMap((theme) => {
        const cell = segmentCell(theme, segment.id, segmentIndex);
        return cell === undefined || cell.base === 0 || cell.respondents === 0 ? [] : [{ theme, cell }];
      })
      .sort((a, b) => b.cell.respondents - a.cell.respondents || (position.get(a.theme.code) ?? 0) - (position.get(b.theme.code) ?? 0));
    const cutoff = cells[MOST - 1]?.cell.respondents ?? 0;
    const chosen = cells.filter((entry, index) => index < MOST || entry.cell.respondents === cutoff).slice(0, MOST_WITH_TIES);
    if (chosen.length === 0) return [];
    const noun = nouns.get(segment.id) ?? segment.label;
    const lowBase = segment.lowBase || segment.respondents < minBase;
    const themes = chosen.map(({ theme, cell }) => ({ code: theme.code, respondents: cell.respondents, base: cell.base }));
    if (!lowBase) {
      const parts = chosen.map(({ theme, cell }) => `${quoted(results, theme)} (${cell.respondents} of ${cell.base}, ${formatPercent(cell.proportion)})`);
      return [{ segment: segment.id, lowBase, themes, text: `The themes ${noun} mentioned most: ${join(parts)}.` }];
    }
    // Consecutive themes with the same word share it: "most mentioned A and B, and half mentioned C".
    const groups: { word: string; labels: string[] }[] = [];
    for (const { theme, cell } of chosen) {
      const word = hedgedCount(cell.respondents, cell.base);
      const last = groups[groups.length - 1];
      if (last !== undefined && last.word === word) last.labels.push(quoted(results, theme));
      else groups.push({ word, labels: [quoted(results, theme)] });
    }
    const clauses = groups.map((group) => `${group.word} mentioned ${join(group.labels)}`);
    let text = `Among the ${segment.respondents} ${noun}, too few for percentages, ${clauses.length > 1 ? `${clauses.slice(0, -1).join(', ')}, and ${clauses[clauses.length - 1]}` : clauses[0]}.`;
    // Issue 17: where the small group stands out most, in words for the group and counts for the rest.
    const standsOut = standOut(results, segment.id, segmentIndex);
    if (standsOut.length > 0) {
      const parts = standsOut.map(({ theme, cell, others, othersBase }) => {
        const word = hedgedCount(cell.respondents, cell.base);
        const who = word === 'all' ? 'all of them' : word === 'one' ? 'one of them' : `${word} of them`;
        return `${quoted(results, theme)} (${who} mentioned it, against ${others} of the ${othersBase} other respondents)`;
      });
      text += ` They stood out most on ${join(parts)}.`;
    }
    return [
      {
        segment: segment.id,
        lowBase,
        themes,
        text,
        standsOut: standsOut.map(({ theme, cell, others, othersBase }) => ({
          code: theme.code,
          respondents: cell.respondents,
          base: cell.base,
          others,
          othersBase,
        })),
      },
    ];
  });
}

/** How far, at least, a small group's share must exceed everyone else's for `standOut` to name the theme. */
const STAND_OUT_GAP = 0.2;
const STAND_OUT_MOST = 2;

/**
 * Issue 17: the themes where a segment stands out most: its share of mentions minus the share among
 * all other respondents (unweighted counts), largest first, at least 20 points, at most two; ties in
 * codebook order. Empty when no theme clears the gap.
 */
function standOut(results: Results, segment: string, segmentIndex: number) {
  return results.themes
    .flatMap((theme, index) => {
      const cell = segmentCell(theme, segment, segmentIndex);
      if (cell === undefined || cell.base === 0 || cell.respondents === 0) return [];
      const others = theme.respondents - cell.respondents;
      const othersBase = theme.base - cell.base;
      if (othersBase <= 0) return [];
      const gap = cell.respondents / cell.base - others / othersBase;
      return gap >= STAND_OUT_GAP ? [{ theme, cell, others, othersBase, gap, index }] : [];
    })
    .sort((a, b) => b.gap - a.gap || a.index - b.index)
    .slice(0, STAND_OUT_MOST);
}

/** Issue 17: a theme's label in quotes, with its coding caveat when the coders agreed too little or only moderately. */
function quoted(results: Results, theme: ThemeResult): string {
  return quotedWithCaveat(results, theme.code, theme.label);
}

function join(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
