/**
 * Rule duplicate-id (FND204): respondent ids are unique. Remembers the line of each id's first
 * use, so the message can point at it. `show` renders the id (privacy.respondentIds: shown, hashed or left out).
 */
export function duplicateId(seen: Map<string, number>, id: string, line: number, show: (id: string) => string = (x) => ` "${x}"`): string | null {
  const first = seen.get(id);
  if (first !== undefined) return `duplicate respondent id${show(id)} (first used on line ${first})`;
  seen.set(id, line);
  return null;
}
