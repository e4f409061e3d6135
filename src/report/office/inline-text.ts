import type { Inline } from '../report-types.ts';

/**
 * Inline report text as one plain string, for places that hold no formatting (a spreadsheet cell,
 * speaker notes): code and strong runs as their text, a quote as “…” (attribution).
 */
export function inlineText(text: Inline): string {
  if (typeof text === 'string') return text;
  return text
    .map((run) => {
      if (typeof run === 'string') return run;
      if ('code' in run) return run.code;
      if ('quote' in run) return `“${run.quote}” (${run.by})`;
      return run.strong;
    })
    .join('');
}
