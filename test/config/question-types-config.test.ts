/**
 * issue 16: questions[].type and its keys in the config: a question without a type is today's rating
 * item (so configs written before types run unchanged, down to the level text), words and scores,
 * reverse scoring, and each misuse a config error (FND006) at the key.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/read-config.ts';
import type { Diagnostic } from '../../src/model.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-qconfig-'));
writeFileSync(path.join(dir, 'codebook.csv'), 'code,label\na,A\n');
writeFileSync(path.join(dir, 'data.csv'), 'id,seg,themes\n1,x,a\n');

function load(questions: string) {
  const file = path.join(dir, 'survey.yaml');
  writeFileSync(file, `id: r1\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: seg, themes: themes }\nquestions:\n${questions}`);
  const diagnostics: Diagnostic[] = [];
  const config = readConfig({ file, displayFile: 'survey.yaml', cwd: dir }, { report: (d) => void diagnostics.push(d) });
  return { config, brief: diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`) };
}

describe('questions[].type', () => {
  it('defaults to rating: numeric levels read as before (the fast reader keeps them)', () => {
    const { config, brief } = load('  - { id: q, column: c, levels: [1, 2, 3, 4, 5] }\n');
    expect(brief).toEqual([]);
    expect(config!.questions[0]).toMatchObject({
      type: 'rating',
      levels: [1, 2, 3, 4, 5],
      keys: ['1', '2', '3', '4', '5'],
      topBox: 2,
      bottomBox: 2,
      words: false,
    });
  });

  it('takes words in order with scores 1..k, or given scores, and reverses', () => {
    const words = load('  - { id: q, column: c, levels: [No, Maybe, Yes] }\n').config!.questions[0]!;
    expect(words).toMatchObject({ levels: [1, 2, 3], keys: ['No', 'Maybe', 'Yes'], words: true, topBox: 2, bottomBox: 1 });
    const scored = load('  - { id: q, column: c, levels: [Low, High], scores: [0, 10] }\n').config!.questions[0]!;
    expect(scored).toMatchObject({ levels: [0, 10], keys: ['Low', 'High'], topBox: 1, bottomBox: 1 });
    const reversed = load('  - { id: q, column: c, levels: [1, 2, 4], reverse: true }\n').config!.questions[0]!;
    expect(reversed).toMatchObject({ levels: [1, 3, 4], keys: ['4', '2', '1'], reverse: true, words: true });
  });

  it('reads nps and numeric without levels, multi by columns or one cell', () => {
    const { config, brief } = load(
      [
        '  - { id: n, type: nps, column: c }',
        '  - { id: x, type: numeric, column: c }',
        '  - { id: m, type: multi, columns: ["Q | A", "Q | B"], other: Q_other }',
        '  - { id: j, type: multi, column: c, levels: [a, b], separator: " " }',
        '',
      ].join('\n'),
    );
    expect(brief).toEqual([]);
    const [n, x, m, j] = config!.questions;
    expect(n).toMatchObject({ type: 'nps', levels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(x).toMatchObject({ type: 'numeric', levels: [] });
    expect(m).toMatchObject({ type: 'multi', optionColumns: ['Q | A', 'Q | B'], labels: ['A', 'B'], other: 'Q_other' });
    expect(j).toMatchObject({ type: 'multi', column: 'c', keys: ['a', 'b'], separator: ' ', optionColumns: [] });
  });

  it('reports each misuse at its key', () => {
    // Line 7 is the question; the column is where the offending key's value (or the entry) starts.
    const misuse = (entry: string, token: string, message: string) =>
      expect(load(`  - ${entry}\n`).brief).toEqual([`7:${entry.indexOf(token) + 5} FND006 ${message}`]);
    misuse('{ id: q, type: nps, column: c, levels: [1, 2] }', '[1, 2]', 'questions[0] is nps: its levels are 0 to 10, not configurable');
    misuse('{ id: q, type: single, column: c, levels: [a, b], reverse: true }', 'true', 'questions[0].reverse is for rating questions; this one is single');
    misuse('{ id: q, type: multi, levels: [a, b] }', '{', 'questions[0] needs "column" (the options joined in one cell) or "columns" (one column per option)');
    misuse('{ id: q, column: c, levels: [a, A] }', '[a, A]', 'questions[0].levels must be distinct (compared without case)');
    misuse(
      '{ id: q, column: c, levels: [a, b, c], topBox: 2, bottomBox: 2 }',
      '2 }',
      'questions[0]: the top box (2) and the bottom box (2) overlap in 3 levels',
    );
    expect(load('  - { id: q, type: ranking, column: c, levels: [a, b] }\n').brief[0]).toMatch(/FND006 .*type/);
  });

  it('recognises an "other" text column among a multi question\'s columns (warning FND335)', () => {
    const { config, brief } = load('  - { id: m, type: multi, columns: ["Q3[SQ001]", "Q3[other]", "Q3[SQ002]"] }\n');
    expect(brief).toEqual([
      '7:50 FND335 column "Q3[other]" of "m" looks like a free-text "other" column; read as its other answers, kept out of the ticks (set other: to say so)',
    ]);
    expect(config!.questions[0]).toMatchObject({ optionColumns: ['Q3[SQ001]', 'Q3[SQ002]'], other: 'Q3[other]' });
  });
});
