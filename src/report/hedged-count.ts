/**
 * A count out of a base too small for a percentage, in words: "all", "most", "half", "a few", "one",
 * "none". The report never prints a percentage of a low base in a sentence; it says "most of the 4
 * public agencies" instead of "75%", which would claim a precision four people cannot give.
 *
 * @example
 * hedgedCount(3, 4); // "most"
 * hedgedCount(2, 6); // "a few"
 */
export function hedgedCount(respondents: number, base: number): 'all' | 'most' | 'half' | 'a few' | 'one' | 'none' {
  if (respondents <= 0) return 'none';
  if (respondents >= base) return 'all';
  if (respondents === 1) return 'one';
  if (2 * respondents === base) return 'half';
  return 2 * respondents > base ? 'most' : 'a few';
}
