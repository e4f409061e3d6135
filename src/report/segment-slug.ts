import { stripBidi } from '../format/strip-bidi.ts';

/** The longest slug a subset's folder gets (a long value is cut, then told apart by a number if it clashes). */
const MAX_SLUG = 60;

/**
 * Issue 16: the folder name of each `run --by` subset, from its value: letters and digits of the
 * value (accents folded, bidi and control characters removed), lowercase, everything else a single
 * hyphen, at most 60 characters; "blank" for the group of blank cells and "value" when nothing is
 * left. Values that come out the same (North and north, a/b and a.b) get -2, -3, … in the order
 * given, so every subset has its own folder. Never `.`, `..`, a slash or an empty name.
 */
export function segmentSlugs(values: readonly string[], blank: string): string[] {
  const used = new Set<string>();
  return values.map((value) => {
    const base = value === blank ? 'blank' : slugOf(value);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  });
}

function slugOf(value: string): string {
  const folded = stripBidi(value)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const slug = folded
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug === '' ? 'value' : slug;
}
