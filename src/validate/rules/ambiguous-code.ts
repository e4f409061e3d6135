/**
 * Rule ambiguous-code (FND227), with unknown-theme (FND207): in excerpt layouts (issue 14) a code
 * cell may hold the code, its label, its REFI-QDA name, or its path (`competencies/programming`,
 * also written `competencies\programming` as MAXQDA does or `competencies > programming`, and
 * with NVivo's leading `Codes\` or `Nodes\` folder), each
 * matched exactly after trimming. A text that names two codes this way is ambiguous: write the code
 * or the path.
 */
import type { Codebook } from '../../model.ts';
import type { ExcerptRule } from '../rule-types.ts';

export interface CodeNames {
  /** Codebook indexes by label, REFI-QDA name or path (paths normalised by pathKey). */
  lookup(text: string): number[];
}

/** A path written with "/", "\" or ">" between its parts, as one key: parts trimmed, joined by "/". */
function pathKey(text: string): string | null {
  if (!/[\\/>]/.test(text)) return null;
  const parts = text.split(/[\\/>]/).map((p) => p.trim());
  return parts.some((p) => p === '') ? null : parts.join('/');
}

export function codeNames(codebook: Codebook): CodeNames {
  const exact = new Map<string, Set<number>>();
  const paths = new Map<string, Set<number>>();
  const add = (map: Map<string, Set<number>>, key: string | null, index: number) => {
    if (key === null || key === '') return;
    let set = map.get(key);
    if (set === undefined) map.set(key, (set = new Set()));
    set.add(index);
  };
  const chain = (index: number): number[] => {
    const out: number[] = [];
    for (let i: number | undefined = index; i !== undefined; ) {
      out.unshift(i);
      const parent: string | null = codebook.themes[i]!.parent;
      i = parent === null ? undefined : codebook.index.get(parent);
      if (out.length > codebook.themes.length) break;
    }
    return out;
  };
  codebook.themes.forEach((theme, i) => {
    add(exact, theme.label.trim(), i);
    if (theme.qda !== undefined) add(exact, theme.qda.name.trim(), i);
    const ancestors = chain(i).map((k) => codebook.themes[k]!);
    for (const pick of [(t: typeof theme) => t.code, (t: typeof theme) => t.label, (t: typeof theme) => t.qda?.name ?? t.label]) {
      if (ancestors.length > 1) add(paths, pathKey(ancestors.map(pick).join('/')), i);
    }
  });
  return {
    lookup(text) {
      const trimmed = text.trim();
      const direct = exact.get(trimmed);
      if (direct !== undefined) return [...direct];
      const key = pathKey(trimmed);
      if (key === null) return [];
      // NVivo writes a code's path from its folder: "Codes\competencies\programming" (older versions "Nodes\…").
      const found = paths.get(key) ?? paths.get(key.replace(/^(Codes|Nodes)\//, '')) ?? exact.get(key.replace(/^(Codes|Nodes)\//, ''));
      return [...(found ?? [])];
    },
  };
}

/** A rule of the excerpt layouts (validate-excerpts.ts). */
export const rule: ExcerptRule = { code: 'FND227', layout: 'excerpts' };
