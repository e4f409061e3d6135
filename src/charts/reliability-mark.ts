import type { Results } from '../model.ts';
import { wrapLabel } from './wrap-label.ts';

/** The mark beside a theme whose coding is unreliable (issue 17). */
const UNRELIABLE_MARK = '†';

/**
 * Themes whose coding is unreliable, as the report decides it (report/agreement-caveat.ts): the
 * reliability flag 'unreliable', Krippendorff's alpha below the config's tentative threshold
 * (results.reliability.thresholds.tentative, 0.667 by default). Empty without a second coder.
 */
export function unreliableThemes(results: Results): Set<string> {
  return new Set((results.reliability?.themes ?? []).filter((theme) => theme.flag === 'unreliable').map((theme) => theme.code));
}

/** A chart label with the mark appended when its theme's coding is unreliable. */
export function markUnreliable(label: string, code: string, unreliable: ReadonlySet<string>): string {
  return unreliable.has(code) ? `${label} ${UNRELIABLE_MARK}` : label;
}

/** The legend note is wrapped to this width (12 px subtitle text), so it never widens a chart. */
const NOTE_WIDTH = 440;

/**
 * The legend note for the mark, as subtitle lines wrapped to NOTE_WIDTH; none when no theme the
 * chart shows is marked. In plain words: the methods appendix gives the agreement figures and the
 * threshold (Krippendorff's alpha below results.reliability.thresholds.tentative).
 */
export function unreliableNote(shown: Iterable<string>, unreliable: ReadonlySet<string>): string[] {
  const codes = [...new Set(shown)].filter((code) => unreliable.has(code));
  if (codes.length === 0) return [];
  const one = codes.length === 1;
  return wrapLabel(
    `${UNRELIABLE_MARK} Unreliable coding: the coders agreed too little on ${one ? 'this theme' : 'these themes'} to draw conclusions from ${one ? 'its' : 'their'} figures`,
    NOTE_WIDTH,
    12,
  );
}
