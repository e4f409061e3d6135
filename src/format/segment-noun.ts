/**
 * A segment's label as a plural noun inside a sentence: "Funders" -> "funders", "Public agencies" ->
 * "public agencies", while acronyms and proper names keep their capitals ("NGOs", "LA County staff").
 * results.json carries the segment label, not the config's `plural`; this is the fallback for that.
 *
 * @example
 * segmentNoun('Funders'); // "funders"
 * segmentNoun('NGOs'); // "NGOs"
 */
export function segmentNoun(label: string): string {
  const firstWord = label.split(/\s+/)[0] ?? '';
  // A second capital in the first word ("NGOs", "LA") marks an acronym or a name: leave it alone.
  if (/^\p{Lu}[^\p{Lu}]*$/u.test(firstWord)) return label.charAt(0).toLowerCase() + label.slice(1);
  return label;
}
