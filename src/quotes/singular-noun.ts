/**
 * The singular of a segment's plural noun, for quote attributions ("— a funder"):
 * "funders" -> "funder", "public agencies" -> "public agency", "NGOs" -> "NGO". Only the last
 * word changes. English has exceptions this does not know; a segment's `singular:` in the config
 * overrides it.
 *
 * @example
 * singularNoun('public agencies'); // 'public agency'
 */
export function singularNoun(plural: string): string {
  const match = /^(.*?)(\S+)$/s.exec(plural.trim());
  if (match === null) return plural;
  const [, head, word] = match as unknown as [string, string, string];
  return head + singularWord(word);
}

function singularWord(word: string): string {
  const lower = word.toLowerCase();
  if (lower === 'people') return word.slice(0, 1) + (word === word.toUpperCase() ? 'ERSON' : 'erson');
  if (/[^aeiou]ies$/i.test(word)) return `${word.slice(0, -3)}${word.endsWith('IES') ? 'Y' : 'y'}`;
  if (/(ss|sh|ch|x|z)es$/i.test(word)) return word.slice(0, -2);
  if (/[^s]s$/i.test(word) && !/(us|is)$/i.test(word)) return word.slice(0, -1);
  return word;
}
