import type { Results } from '../model.ts';
import type { Inline } from './report-types.ts';

/**
 * Methods items for interview data: how coder agreement shapes the key findings, and how quotes are
 * chosen and de-identified (src/quotes/select-quotes.ts). Empty when the results have neither.
 */
export function interviewMethods(results: Results): Inline[] {
  const items: Inline[] = [];
  const reliability = results.reliability;
  if (reliability !== null) {
    const { tentative, reliable } = reliability.thresholds;
    items.push([
      { strong: 'Agreement and findings.' },
      ` The figures use coder ${reliability.primaryCoder}'s codes. A theme on which the coders' Krippendorff's alpha is below ${tentative} is never a key finding; one between ${tentative} and ${reliable} is stated as tentative (Krippendorff 2004).`,
    ]);
  }
  const quotes = results.quotes ?? [];
  if (quotes.length > 0) {
    const masked = quotes.filter((q) => q.masked).length;
    items.push([
      { strong: 'Quotes.' },
      ` Quoted excerpts illustrate a theme; they are not evidence of how widely it is held. They are chosen by a fixed rule: the primary coder's excerpts coded with the theme or a sub-theme, 20 to 600 characters long, spread across segments and respondents, the length closest to 160 characters preferred. A quote names the speaker's segment only, and not even that for a segment of fewer than ${results.settings.minBase} respondents. E-mail addresses, telephone numbers and the names the study lists are masked before anything is reported${masked > 0 ? ` (${masked} of ${quotes.length} quotes were masked)` : ''}.`,
    ]);
  }
  return items;
}
