import { stripBidi } from './strip-bidi.ts';

/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: Unicode's own isolation of a run of text (UAX #9). */
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Issue 17: a piece of data text (a segment's noun, a label) marked as isolated inside a sentence the
 * report builds: its bidi controls removed (strip-bidi.ts), then wrapped in FSI … PDI, so a
 * right-to-left noun cannot carry the figures beside it into its own direction ("11 المجيبون بنعم,
 * 5 לא בטוחים" keeps 11 with the first group). The writers turn the marks into `<bdi>` in HTML and
 * keep them as characters in Markdown and office files, where they do the same; anywhere else
 * escapeHtml and escapeMarkdown drop them like any other control.
 *
 * @example
 * isolate('\u202Eלא בטוחים'); // "\u2068לא בטוחים\u2069"
 */
export function isolate(text: string): string {
  return `${FSI}${stripBidi(text)}${PDI}`;
}

/**
 * Text split into runs at the marks `isolate` adds: `isolated` runs were data text, the others the
 * report's own words. Every run has its bidi controls removed, so a stray mark in data (an FSI
 * without its PDI, an override) reorders nothing.
 *
 * @example
 * isolatedRuns('9 of 20 \u2068funders\u2069 said'); // [{ text: '9 of 20 ', isolated: false }, { text: 'funders', isolated: true }, { text: ' said', isolated: false }]
 */
export function isolatedRuns(text: string): { text: string; isolated: boolean }[] {
  // Most text (a table cell of figures) holds no mark: one run, no regular expression.
  if (!text.includes(FSI)) return [{ text: stripBidi(text), isolated: false }];
  const runs: { text: string; isolated: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(/\u2068([^\u2068\u2069]*)\u2069/g)) {
    if (match.index > at) runs.push({ text: stripBidi(text.slice(at, match.index)), isolated: false });
    runs.push({ text: stripBidi(match[1]!), isolated: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) runs.push({ text: stripBidi(text.slice(at)), isolated: false });
  return runs;
}

/**
 * Text for a plain-text writer (Markdown, an office file): each run escaped by `escapeRun`, the isolated
 * ones wrapped in FSI … PDI again, and quoted runs of the report's own words ("Support continuing")
 * isolated too, as report.html isolates them.
 *
 * @example
 * keepIsolates('said "\u202Eא"', (s) => s); // 'said "\u2068א\u2069"'
 */
export function keepIsolates(text: string, escapeRun: (text: string) => string, quoted = true): string {
  // A run after the first is escaped as the middle of a text, not its start: Markdown's start-of-block
  // rules ("4." would start a list) do not apply to it.
  if (!text.includes(FSI) && (!quoted || !text.includes('"'))) return escapeRun(stripBidi(text));
  const middle = (run: string, index: number): string => (index === 0 ? escapeRun(run) : escapeRun(`a${run}`).slice(1));
  return isolatedRuns(text)
    .map((run, index) => {
      if (run.isolated) return `${FSI}${middle(run.text, index)}${PDI}`;
      const escaped = middle(run.text, index);
      return quoted ? escaped.replace(/"([^"\n]*)"/g, `"${FSI}$1${PDI}"`) : escaped;
    })
    .join('');
}
