/**
 * Turn raw codebook entries into a Codebook, checking its structure: every code non-empty, free of
 * white space and of the themes separator, and unique; colours well formed; every parent known; no
 * cycle among parents. Reports every problem; returns null when there is any.
 */
import type { Codebook, DiagnosticSink, Theme } from '../model.ts';
import type { CodebookFile, RawTheme } from '../ingest/read-codebook.ts';
import { diagnostic, didYouMean } from '../messages.ts';
import { nearest } from './nearest.ts';

const COLOR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

export function validateCodebook(
  entries: RawTheme[],
  separator: string,
  displayFile: string,
  sink: DiagnosticSink,
  /** issue 14: REFI-QDA sets of codes (members by GUID), kept as the codebook's code groups. */
  groups: CodebookFile['groups'] = [],
): Codebook | null {
  let ok = true;
  const fail = (...args: Parameters<typeof diagnostic>) => {
    ok = false;
    sink.report(diagnostic(...args));
  };
  if (entries.length === 0) {
    fail('FND107', { file: displayFile, line: 1, column: 1 }, 'the codebook has a header but no codes');
    return null;
  }
  const firstAt = new Map<string, number>();
  const themes: Theme[] = [];
  for (const entry of entries) {
    const { code } = entry;
    if (code === '') fail('FND105', entry.at.code, 'empty code');
    else if (/\s/.test(code)) fail('FND105', entry.at.code, `code "${code}" contains white space`);
    else if (code.includes(separator)) fail('FND105', entry.at.code, `code "${code}" contains the themes separator "${separator}"`);
    const earlier = firstAt.get(code);
    if (earlier !== undefined && code !== '') {
      fail('FND102', entry.at.code, `duplicate code "${code}" (first defined at line ${entries[earlier]!.at.code.line}, column ${entries[earlier]!.at.code.column})`);
    } else {
      firstAt.set(code, themes.length);
    }
    let color: string | null = null;
    if (entry.color !== '') {
      if (!COLOR.test(entry.color)) fail('FND106', entry.at.color, `colour "${entry.color}" of "${code}" is not #rgb or #rrggbb`);
      else color = expandColor(entry.color);
    }
    themes.push({
      code,
      label: entry.label === '' ? code : entry.label,
      description: entry.description,
      parent: entry.parent === '' ? null : entry.parent,
      color,
      statement: entry.statement === '' ? null : entry.statement,
      ...(entry.qda === undefined ? {} : { qda: entry.qda }),
    });
  }
  if (!ok) return null;

  const index = new Map(themes.map((t, i) => [t.code, i]));
  themes.forEach((theme, i) => {
    if (theme.parent !== null && !index.has(theme.parent)) {
      fail('FND103', entries[i]!.at.parent, `parent "${theme.parent}" of "${theme.code}" is not a code in the codebook${didYouMean(nearest(theme.parent, index.keys()))}`);
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
          fail('FND104', entries[i]!.at.parent, `parent links form a cycle: ${cycle.join(' -> ')}`);
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
  if (groups.length === 0) return { themes, index, rollup };
  // Code groups: members by GUID, in codebook order; a member GUID of no code is left out (as QDA tools do).
  const byGuid = new Map(themes.filter((t) => t.qda !== undefined).map((t) => [t.qda!.guid.replace(/[{}]/g, '').toLowerCase(), t.code]));
  const codeGroups = groups.map((group) => {
    const members = new Set(group.members.map((guid) => byGuid.get(guid)).filter((code): code is string => code !== undefined));
    return { name: group.name, guid: group.guid, description: group.description, codes: themes.filter((t) => members.has(t.code)).map((t) => t.code) };
  });
  return { themes, index, rollup, groups: codeGroups.filter((g) => g.codes.length > 0) };
}

function expandColor(color: string): string {
  const hex = color.slice(1).toLowerCase();
  return hex.length === 3 ? `#${hex[0]}${hex[0]}${hex[1]}${hex[1]}${hex[2]}${hex[2]}` : `#${hex}`;
}
