/**
 * Map a previous round's codebook onto the current one, so the previous round's data can be tallied
 * "as if it had been coded with this round's codebook" and the two rounds compared theme by theme.
 *
 * A previous code maps to: the codes its `codebookChanges` entry names (renamed, merged), to the
 * same code when both codebooks have it, or to nothing comparable (split: the parts cannot be told
 * apart in the old data; retired; or vanished, a code this round lacks that no entry maps, which is
 * warned about). Retired and vanished codes keep a slot of their own after the current codebook's
 * themes, so the comparison can still report them (with 0 in the current round). Roll-up follows the
 * current codebook's hierarchy.
 */
import type { Codebook, CodebookChange, CodebookMapping, DiagnosticSink, Position, Theme } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { nearest } from './nearest.ts';

export interface Translation {
  /** Codebook to validate the previous round's data with: its own codes, translated roll-up. */
  previous: Codebook;
  /** Size of the tallied theme space: the current themes, then the extra slots. */
  size: number;
  /** Previous-round codes kept in slots of their own (retired or vanished), in slot order. */
  extras: { theme: Theme; kind: 'retired' | 'vanished' }[];
  /** Current codes that cannot be compared (targets of a split). */
  notComparable: Set<string>;
  /** How each current code relates to the previous round, for the report ("renamed from x"). */
  notes: Map<string, string>;
  /**
   * Current codes the previous codebook did not contain and no mapping targets: not measured in the
   * previous round (CONTRACT.md, Additions), even where roll-up from mapped children would give a count.
   */
  added: Set<string>;
  /** The codebook differences, for results.change.codebook. */
  changes: CodebookChange[];
}

export function translateCodebook(
  previous: Codebook,
  current: Codebook,
  mappings: readonly CodebookMapping[],
  labels: { previousRound: string; currentRound: string },
  /** Where to point a warning about a vanished code: the current config's `previous` key. */
  at: Position,
  sink: DiagnosticSink,
): Translation | null {
  let ok = true;
  const targets = new Map<string, string[] | 'retired' | 'split'>();
  const notComparable = new Set<string>();
  const notes = new Map<string, string>();
  const changes: CodebookChange[] = [];
  const mentionedTargets = new Set<string>();

  for (const mapping of mappings) {
    for (const code of mapping.from) {
      if (!previous.index.has(code)) {
        ok = false;
        sink.report(diagnostic(mapping.at, say.FND109.notPrevious(code, labels.previousRound, nearest(code, previous.index.keys()))));
      }
    }
    for (const code of mapping.to) {
      mentionedTargets.add(code);
      if (!current.index.has(code)) {
        ok = false;
        sink.report(diagnostic(mapping.at, say.FND109.notCurrent(code, nearest(code, current.index.keys()))));
      }
    }
    // Issue 17: notes name themes by their labels (the report's prose never shows a code name).
    const from = quoted(mapping.from, previous);
    const to = quoted(mapping.to, current);
    switch (mapping.kind) {
      case 'renamed':
        targets.set(mapping.from[0]!, mapping.to);
        if (from === to) {
          // Same label, new code: the reader sees one theme.
          notes.set(mapping.to[0]!, `same theme under a new code in ${labels.currentRound}`);
          changes.push({
            kind: 'renamed',
            from: mapping.from,
            to: mapping.to,
            note: `${to} kept its name under a new code in ${labels.currentRound}; compared as one theme`,
          });
        } else {
          notes.set(mapping.to[0]!, `renamed from ${from}`);
          changes.push({ kind: 'renamed', from: mapping.from, to: mapping.to, note: `${from} renamed to ${to}` });
        }
        break;
      case 'merged':
        for (const code of mapping.from) targets.set(code, mapping.to);
        notes.set(mapping.to[0]!, `merged from ${from}; its figure for ${labels.previousRound} counts a respondent who mentioned any of them`);
        changes.push({
          kind: 'merged',
          from: mapping.from,
          to: mapping.to,
          note: `${from} merged into ${to}; its figure for ${labels.previousRound} counts a respondent who mentioned any of them, so it can differ from the ${labels.previousRound} report`,
        });
        break;
      case 'split':
        targets.set(mapping.from[0]!, 'split');
        for (const code of mapping.to) {
          notComparable.add(code);
          notes.set(code, `split from ${from}; not compared`);
        }
        changes.push({
          kind: 'split',
          from: mapping.from,
          to: mapping.to,
          note: `${from} split into ${to}; the parts are not compared with ${labels.previousRound}`,
        });
        break;
      case 'retired':
        for (const code of mapping.from) targets.set(code, 'retired');
        changes.push({ kind: 'retired', from: mapping.from, to: [], note: `${from} retired in ${labels.currentRound}` });
        break;
    }
  }
  if (!ok) return null;

  const extras: Translation['extras'] = [];
  const rollup: number[][] = previous.themes.map((theme) => {
    let target = targets.get(theme.code);
    if (target === undefined) {
      if (current.index.has(theme.code)) target = [theme.code];
      else {
        sink.report(diagnostic(at, say.FND304(theme.code, labels.previousRound)));
        changes.push({
          kind: 'vanished',
          from: [theme.code],
          to: [],
          note: `“${theme.label}” is not in the ${labels.currentRound} codebook (no mapping given)`,
        });
        target = 'retired';
        extras.push({ theme, kind: 'vanished' });
        return [current.themes.length + extras.length - 1];
      }
    }
    if (target === 'split') return [];
    if (target === 'retired') {
      extras.push({ theme, kind: 'retired' });
      return [current.themes.length + extras.length - 1];
    }
    const indexes = new Set<number>();
    for (const code of target) for (const i of current.rollup[current.index.get(code)!]!) indexes.add(i);
    return [...indexes].sort((a, b) => a - b);
  });

  const added = new Set<string>();
  for (const theme of current.themes) {
    if (!previous.index.has(theme.code) && !mentionedTargets.has(theme.code)) {
      added.add(theme.code);
      notes.set(theme.code, `new in ${labels.currentRound}`);
      changes.push({ kind: 'added', from: [], to: [theme.code], note: `“${theme.label}” added in ${labels.currentRound}` });
    }
  }
  return {
    previous: { themes: previous.themes, index: previous.index, rollup },
    size: current.themes.length + extras.length,
    extras,
    notComparable,
    notes,
    added,
    changes,
  };
}

/** Codes as their labels in a codebook, quoted and joined (“Beyond money” and “Community benefit”); an unknown code as itself. */
function quoted(codes: readonly string[], codebook: Codebook): string {
  const names = codes.map((code) => {
    const index = codebook.index.get(code);
    return `“${index === undefined ? code : (codebook.themes[index]?.label ?? code)}”`;
  });
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
