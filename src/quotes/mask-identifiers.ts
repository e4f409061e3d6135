/**
 * De-identify a quote before it reaches any output: e-mail addresses become "[email]", telephone
 * numbers "[phone]", and every configured name or organisation (`quotes.mask`) "[name]".
 *
 * Names match case-insensitively as whole words (not inside a longer word: masking "Ann" leaves
 * "Annual" alone), with any white space between their words; the longest name wins where names
 * overlap, and all are replaced in one pass, so a replacement is never masked again. Telephone
 * numbers: North American forms ((213) 555-0123, 213-555-0123, 213.555.0123, 213 555 0123, with or
 * without a leading 1 or +1, and the local 555-0123) and international numbers written with a
 * leading + (at least 7 digits). Years, year ranges ("2014-2015"), money and counts are left alone.
 *
 * @example
 * maskIdentifiers('Call Ellah Ronen at (213) 555-0123 or ellah@example.org', ['Ellah Ronen']).text;
 * // 'Call [name] at [phone] or [email]'
 */
export interface Masked {
  text: string;
  emails: number;
  phones: number;
  names: number;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PHONE = new RegExp(
  [
    String.raw`(?:\+?1[\s.-]?)?\(\d{3}\)\s?\d{3}[\s.-]\d{4}`,
    String.raw`(?:\+?1[\s.-])?\d{3}([.-])\d{3}\1\d{4}`,
    String.raw`(?:\+?1\s)?\d{3} \d{3} \d{4}`,
    String.raw`\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}`,
    String.raw`\d{3}-\d{4}`,
  ]
    .map((p) => `(?<![\\d+])(?:${p})(?!\\d)`)
    .join('|'),
  'g',
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regular expression for all names, longest first, whole words, case-insensitive; null without names. */
function namePattern(names: readonly string[]): RegExp | null {
  const words = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((n) => n.split(/\s+/).map(escapeRegExp).join('\\s+'));
  if (words.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${words.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}

const patterns = new Map<string, RegExp | null>();

export function maskIdentifiers(text: string, names: readonly string[]): Masked {
  let emails = 0;
  let phones = 0;
  let found = 0;
  let out = text.replace(EMAIL, () => {
    emails++;
    return '[email]';
  });
  out = out.replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, '').length;
    if (digits < 7) return match;
    phones++;
    return '[phone]';
  });
  const key = JSON.stringify(names);
  if (!patterns.has(key)) patterns.set(key, namePattern(names));
  const pattern = patterns.get(key)!;
  if (pattern !== null) {
    out = out.replace(pattern, () => {
      found++;
      return '[name]';
    });
  }
  return { text: out, emails, phones, names: found };
}
