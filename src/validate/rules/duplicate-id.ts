/**
 * Rule duplicate-id (FND204): respondent ids are unique. Remembers the line of each id's first
 * use, so the message can point at it.
 */
export function duplicateId(seen: Map<string, number>, id: string, line: number): string | null {
  const first = seen.get(id);
  if (first !== undefined) return `duplicate respondent id "${id}" (first used on line ${first})`;
  seen.set(id, line);
  return null;
}
