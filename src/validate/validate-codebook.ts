/**
 * Turn raw codebook entries into a Codebook, checking its structure: every code non-empty, free of
 * white space and of the themes separator, and unique; colours well formed; every parent known; no
 * cycle among parents. Reports every problem in one run (issue #20: a misspelt parent and a cycle
 * both); returns null when there is any. Linear in the number of codes.
 */
import type { Codebook, CodebookFile, DiagnosticSink, RawTheme, Theme } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
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
      fail(entry.at.code, say.FND102(code, entries[earlier]!.at.code.line, entries[earlier]!.at.code.column));
    } else {
      firstAt.set(code, themes.length);
    }
    let color: string | null = null;
    if (entry.color !== '') {
      if (!COLOR.test(entry.color)) fail(entry.at.color, say.FND106(entry.color, code));
      else color = expandColor(entry.color);
    }
    // Issue #20: texts that reach the charts and the report are bounded (a 300,000-character label
    // aborted the PNG renderer); a longer one is cut, with a warning that says so.
    const bounded = (text: string, what: string, max: number) => {
      if (text.length <= max) return text;
      sink.report(diagnostic(entry.at.code, say.FND320(what, code, text.length, max)));
      return `${text.slice(0, max - 1)}…`;
    };
    themes.push({
      code,
      label: entry.label === '' ? code : bounded(entry.label, 'label', MAX_LABEL_CHARS),
      description: bounded(entry.description, 'description', MAX_TEXT_CHARS),
      parent: entry.parent === '' ? null : entry.parent,
      color,
      statement: entry.statement === '' ? null : bounded(entry.statement, 'statement', MAX_TEXT_CHARS),
      ...(entry.qda === undefined ? {} : { qda: entry.qda }),
    });
  }
  // Issue #20: every problem in one run. The parent checks run even when codes had errors (a
  // duplicate's first definition stands), and a cycle is looked for even past a misspelt parent.
  const index = new Map<string, number>();
  themes.forEach((t, i) => {
    if (!index.has(t.code)) index.set(t.code, i);
  });
  const parentOf = new Int32Array(themes.length).fill(-1);
  let suggestions = 0;
  themes.forEach((theme, i) => {
    if (theme.parent === null) return;
    const p = index.get(theme.parent);
    if (p !== undefined) {
      parentOf[i] = p;
      return;
    }
    // A suggestion costs a pass over the codes: the first MAX_SUGGESTIONS get one, so a codebook of
    // thousands of misspelt parents is still checked in linear time.
    const hint = suggestions++ < MAX_SUGGESTIONS ? nearest(theme.parent, index.keys()) : null;
    fail(entries[i]!.at.parent, say.FND103(theme.parent, theme.code, hint));
  });

  // Cycles and roll-up lists in one traversal of the parent links (each code has at most one parent):
  // walk up from each code not yet seen until a root, a code already finished, or a code on this very
  // walk (a cycle, reported once at the code whose walk found it). Linear in the number of codes; the
  // roll-up lists (each code and its ancestors) are as long as the codes are deep.
  const state = new Uint8Array(themes.length); // 0 unseen, 1 on the current walk, 2 finished
  const rollup: number[][] = new Array(themes.length);
  const depth = new Int32Array(themes.length);
  const belowCycle = new Uint8Array(themes.length); // in a cycle or under one: no depth, no roll-up
  const walk: number[] = [];
  for (let i = 0; i < themes.length; i++) {
    if (state[i] !== 0) continue;
    walk.length = 0;
    let k = i;
    while (k !== -1 && state[k] === 0) {
      state[k] = 1;
      walk.push(k);
      k = parentOf[k]!;
    }
    const cyclic = k !== -1 && (state[k] === 1 || belowCycle[k] === 1);
    if (k !== -1 && state[k] === 1) {
      const cycle = walk
        .slice(walk.indexOf(k))
        .concat(k)
        .map((c) => themes[c]!.code);
      const shown = cycle.length <= 21 ? cycle : [...cycle.slice(0, 10), `... (${cycle.length - 1} codes in all)`, ...cycle.slice(-10)];
      fail(entries[i]!.at.parent, say.FND104(shown));
    }
    // Finish the walk from the top down, each code's list being its own plus its parent's.
    for (let w = walk.length - 1; w >= 0; w--) {
      const c = walk[w]!;
      state[c] = 2;
      if (cyclic) {
        belowCycle[c] = 1;
        rollup[c] = [];
        continue;
      }
      const p = parentOf[c]!;
      const above = p === -1 || rollup[p] === undefined ? [] : rollup[p]!;
      depth[c] = p === -1 ? 1 : depth[p]! + 1;
      if (depth[c] === MAX_DEPTH + 1) {
        // Reported where a branch first passes the limit (once, not for every code below it).
        fail(entries[c]!.at.parent, say.FND017(themes[c]!.code, MAX_DEPTH, rootOf(p, parentOf, themes)));
      }
      rollup[c] = depth[c]! > MAX_DEPTH ? [] : insertSorted(above, c);
    }
  }
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

/** The longest label and description or statement kept (issue #20); longer ones are cut with FND320. */
const MAX_LABEL_CHARS = 500;
const MAX_TEXT_CHARS = 5000;

/** The deepest a code may be nested (roll-up lists are as long as codes are deep). */
const MAX_DEPTH = 64;

function rootOf(k: number, parentOf: Int32Array, themes: readonly Theme[]): string {
  let steps = 0;
  while (parentOf[k] !== -1 && steps++ <= MAX_DEPTH) k = parentOf[k]!;
  return themes[k]!.code;
}

/** How many unknown parents get a "did you mean" (each costs a pass over every code). */
const MAX_SUGGESTIONS = 50;

/** A copy of the ascending list with `value` inserted in order. */
function insertSorted(list: readonly number[], value: number): number[] {
  const out = new Array<number>(list.length + 1);
  let j = 0;
  let placed = false;
  for (const x of list) {
    if (!placed && value < x) {
      out[j++] = value;
      placed = true;
    }
    out[j++] = x;
  }
  if (!placed) out[j] = value;
  return out;
}

function expandColor(color: string): string {
  const hex = color.slice(1).toLowerCase();
  return hex.length === 3 ? `#${hex[0]}${hex[0]}${hex[1]}${hex[1]}${hex[2]}${hex[2]}` : `#${hex}`;
}
