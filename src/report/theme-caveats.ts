import type { Results, ThemeChange } from '../model.ts';
import type { Cell } from './report-types.ts';

/**
 * Issue 17: the caveats that qualify a theme's figures, stated beside them wherever they appear, in
 * plain words (the coefficients are in the methods appendix):
 *  - coding: the coders agreed too little on the theme (Krippendorff's α below the tentative
 *    threshold, results.reliability flag 'unreliable'), or only moderately ('tentative');
 *  - codebook changes: a theme whose earlier figure was mapped from other codes (merged), or reported
 *    under another label (renamed), so that figure differs from the earlier round's own report.
 * Low bases are marked by the tables themselves (†); a round coded by one coder gets one note per
 * table (`oneCoderNote`), since it qualifies every theme alike.
 */
export function codingCaveat(results: Results, code: string): string | null {
  const flag = results.reliability?.themes.find((theme) => theme.code === code)?.flag ?? null;
  if (flag === 'unreliable') return 'coders often disagreed on this theme: read with caution';
  if (flag === 'tentative') return 'tentative: coders agreed only moderately on this theme';
  return null;
}

/**
 * A theme's row label in a table: its label ("↳ " before a sub-theme), with each caveat on a line of
 * its own below it (a quieter line in HTML, after a comma in Markdown).
 *
 * @example
 * themeRowLabel('More than "winning money"', 1, ['coders often disagreed on this theme: read with caution']);
 * // ['↳ More than "winning money"', 'coders often disagreed on this theme: read with caution']
 */
export function themeRowLabel(label: string, depth: number, caveats: readonly (string | null)[]): Cell {
  const text = depth > 0 ? `↳ ${label}` : label;
  const lines = caveats.filter((caveat): caveat is string => caveat !== null && caveat !== '');
  return lines.length === 0 ? text : [text, ...lines];
}

/**
 * A label in a sentence with its coding caveat in brackets: '"More than "winning money"" (coders
 * often disagreed on this theme: read with caution)'; the quoted label alone without one.
 */
export function quotedWithCaveat(results: Results, code: string, label: string): string {
  const caveat = codingCaveat(results, code);
  return caveat === null ? `"${label}"` : `"${label}" (${caveat})`;
}

/**
 * The caveat beside a theme's earlier-round figure when the codebook changed between the rounds, from
 * the comparison's own note (compare-rounds.ts, which names themes by label): a merged theme's earlier
 * figure counts the codes merged into it, and a renamed theme's was reported under its old label.
 * Null when the earlier figure is the one the earlier report printed.
 *
 * @example
 * earlierFigureCaveat({ mapping: 'merged from “A” and “B”; its figure …' }, '2014', '2015');
 * // 'counts “A” and “B”, merged in 2015: differs from the 2014 report'
 */
export function earlierFigureCaveat(theme: Pick<ThemeChange, 'mapping' | 'label'>, previousRound: string, currentRound: string): string | null {
  const mapping = theme.mapping ?? '';
  const merged = /^merged from (.+?)(?:;|$)/.exec(mapping);
  if (merged !== null) {
    // The labels merged in, the theme's own label left out: “A” and “B” into “B” reads "includes “A”".
    const labels = [...merged[1]!.matchAll(/“(.*?)”/g)].map((match) => match[1]!);
    const others = labels.filter((label) => label !== theme.label);
    const named = others.length > 0 ? others : labels;
    const list = named.length === 0 ? merged[1]! : joinQuoted(named);
    return `the ${previousRound} figure includes ${list}, merged in ${currentRound}; the ${previousRound} report counted ${named.length === 1 ? 'it' : 'them'} separately`;
  }
  const renamed = /^renamed from (.+?)(?:;|$)/.exec(mapping);
  if (renamed !== null) return `the ${previousRound} report gave this figure under ${renamed[1]}, renamed in ${currentRound}`;
  return null;
}

function joinQuoted(labels: readonly string[]): string {
  const quoted = labels.map((label) => `“${label}”`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/**
 * The note for a round whose themes one coder coded and nobody checked: it qualifies every theme
 * figure of the round, so each theme table says it once. Null when a second coder checked the coding,
 * or when the round has no themes.
 */
export function oneCoderNote(results: Results): string | null {
  if (results.reliability !== null || results.themes.length === 0) return null;
  return 'One coder coded every response and no second coder checked the coding, so how far these figures depend on one reading is not known.';
}

/**
 * In a trend, the caveat beside a theme's figure for round `roundIndex` (oldest first) when a later
 * codebook change merged other codes into it or renamed it: every round's figure is mapped onto the
 * latest codebook, so that figure can differ from the round's own report. Each change between
 * consecutive rounds (trend.changes[j]: round j to round j + 1) maps the rounds before it.
 *
 * @example
 * trendFigureCaveat(trend, 'community-benefit', 0);
 * // 'the 2014 figure includes “More than "winning money"”, merged in 2015; the 2014 report counted it separately'
 */
export function trendFigureCaveat(
  trend: { rounds: readonly { round: string }[]; changes: readonly { themes: readonly Pick<ThemeChange, 'code' | 'mapping' | 'label'>[] }[] },
  code: string,
  roundIndex: number,
): string | null {
  const round = trend.rounds[roundIndex]?.round;
  if (round === undefined) return null;
  for (let j = roundIndex; j < trend.changes.length; j++) {
    const theme = trend.changes[j]?.themes.find((candidate) => candidate.code === code);
    const to = trend.rounds[j + 1]?.round;
    if (theme === undefined || to === undefined) continue;
    const caveat = earlierFigureCaveat(theme, round, to);
    if (caveat !== null) return caveat;
  }
  return null;
}
