/** The code a REFI-QDA code name (or a QDA program's tag) stands for: the name itself when it has no white space, else a slug of it. */
export function codeFromName(name: string): string {
  const trimmed = name.trim();
  if (trimmed !== '' && !/\s/.test(trimmed)) return trimmed;
  const slug = trimmed
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? trimmed : slug;
}
