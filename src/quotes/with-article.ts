/**
 * "a" or "an" before a noun phrase, by its sound: vowels, most u- words ("an umbrella group" but "a
 * university"), silent h ("an hour"), and acronyms by the sound of their first letter ("an NGO").
 *
 * @example
 * withArticle('umbrella group'); // 'an umbrella group'
 */
export function withArticle(noun: string): string {
  const first = noun.trim().split(/\s+/)[0] ?? '';
  let an: boolean;
  if (/^[A-Z]{2,}s?$/.test(first)) an = /^[AEFHILMNORSX]/.test(first);
  else if (/^(hour|honest|honou?r|heir)/i.test(first)) an = true;
  else if (/^u/i.test(first)) an = !/^u(ni|s[aeiu]|ti|r[aeiou]|k)/i.test(first);
  else an = /^[aeio]/i.test(first);
  return `${an ? 'an' : 'a'} ${noun.trim()}`;
}
