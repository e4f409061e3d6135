/**
 * Turn raw codebook entries into a Codebook, checking its structure: every code non-empty, free of
 * white space and of the themes separator, and unique; colours well formed; every parent known; no
 * cycle among parents. Reports every problem; returns null when there is any.
 */
import type { Codebook, DiagnosticSink, RawTheme, Theme } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { nearest } from './nearest.ts';

const COLOR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

export function validateCodebook(entries: RawTheme[], separator: string, displayFile: string, sink: DiagnosticSink): Codebook | null {
  let ok = true;
  const fail = (...args: Parameters<typeof diagnostic>) => {
    ok = false;
    sink.report(diagnostic(...args));
  };
  if (entries.length === 0) {
    fail({ file: displayFile, line: 1, column: 1 }, say.FND107.noCodes());
    return null;
  }
  const firstAt = new Map<string, number>();
  const themes: Theme[] = [];
  for (const entry of entries) {
    const { code } = entry;
    if (code === '') fail(entry.at.code, say.FND105.empty());
    else if (/\s/.test(code)) fail(entry.at.code, say.FND105.whiteSpace(code));
    else if (code.includes(separator)) fail(entry.at.code, say.FND105.separator(code, separator));
    const earlier = firstAt.get(code);
    if (earlier !== undefined && code !== '') {
      fail(entry.at.code, say.FND102(code, entries[earlier]!.at.code.line));
    } else {
      firstAt.set(code, themes.length);
    }
    let color: string | null = null;
    if (entry.color !== '') {
      if (!COLOR.test(entry.color)) fail(entry.at.color, say.FND106(entry.color, code));
      else color = expandColor(entry.color);
    }
    themes.push({
      code,
      label: entry.label === '' ? code : entry.label,
      description: entry.description,
      parent: entry.parent === '' ? null : entry.parent,
      color,
      statement: entry.statement === '' ? null : entry.statement,
    });
  }
  if (!ok) return null;

  const index = new Map(themes.map((t, i) => [t.code, i]));
  themes.forEach((theme, i) => {
    if (theme.parent !== null && !index.has(theme.parent)) {
      fail(entries[i]!.at.parent, say.FND103(theme.parent, theme.code, nearest(theme.parent, index.keys())));
    }
  });
  if (!ok) return null;

  // Roll-up lists: each theme and its ancestors. A walk longer than the codebook is a cycle.
  const rollup: number[][] = [];
  const reported = new Set<number>();
  themes.forEach((theme, i) => {
    const chain = [i];
    let parent = theme.parent;
    while (parent !== null) {
      const p = index.get(parent)!;
      if (chain.includes(p)) {
        const cycle = chain.slice(chain.indexOf(p)).concat(p).map((k) => themes[k]!.code);
        if (!cycle.some((_, k) => reported.has(index.get(cycle[k]!)!))) {
          fail(entries[i]!.at.parent, say.FND104(cycle));
          for (const c of cycle) reported.add(index.get(c)!);
        }
        break;
      }
      chain.push(p);
      parent = themes[p]!.parent;
    }
    rollup.push(chain.sort((a, b) => a - b));
  });
  if (!ok) return null;
  return { themes, index, rollup };
}

function expandColor(color: string): string {
  const hex = color.slice(1).toLowerCase();
  return hex.length === 3 ? `#${hex[0]}${hex[0]}${hex[1]}${hex[1]}${hex[2]}${hex[2]}` : `#${hex}`;
}
