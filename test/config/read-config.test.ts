import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model.ts';
import { configPosition, readConfig } from '../../src/config/read-config.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-config-'));
writeFileSync(path.join(dir, 'codebook.csv'), 'code,label\na,A\n');
writeFileSync(path.join(dir, 'data.csv'), 'id,seg,themes\n1,x,a\n');

function load(text: string, name = 'survey.yaml') {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const diagnostics: Diagnostic[] = [];
  const config = readConfig({ file, displayFile: name, cwd: dir }, { report: (d) => void diagnostics.push(d) });
  return { config, diagnostics, brief: diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`) };
}

const minimal = `id: r1
codebook: codebook.csv
data:
  path: data.csv
  columns: { id: id, segment: seg, themes: themes }
`;

describe('readConfig', () => {
  it('fills every optional key with its documented default', () => {
    const { config, diagnostics } = load(minimal);
    expect(diagnostics).toEqual([]);
    expect(config).toMatchObject({
      id: 'r1',
      title: 'r1',
      round: '',
      previous: null,
      data: { separator: ';', delimiter: null, columns: { weight: null }, displayPath: 'data.csv' },
      segments: [],
      questions: [],
      reliability: [],
      report: { confidence: 0.95, minBase: 5, keyFindings: 5, alpha: 0.05, note: null },
    });
    expect(config!.data.path).toBe(path.join(dir, 'data.csv'));
  });

  it('reads the same config written as JSON', () => {
    const { config, diagnostics } = load(
      JSON.stringify({ id: 'r1', codebook: 'codebook.csv', data: { path: 'data.csv', columns: { id: 'id', segment: 'seg', themes: 'themes' } } }),
      'survey.json',
    );
    expect(diagnostics).toEqual([]);
    expect(config!.id).toBe('r1');
  });

  it('accepts a number where a label is expected (round: 2014)', () => {
    expect(load(`${minimal}round: 2014\n`).config!.round).toBe('2014');
  });

  it('reports every problem in one pass, each at its own line and column', () => {
    const { config, brief } = load(`id: R 1
codebook: codebook.csv
data:
  path: data.csv
  columns: { id: id, segment: seg }
reprot: { minBase: 3 }
questions:
  - id: q
    column: q
    levels: [1, 2, 3]
    topBox: two
`);
    expect(config).toBeNull();
    expect(brief).toEqual([
      '1:5 FND006 id "R 1" should be lowercase letters, digits and hyphens, starting with a letter or digit',
      '5:12 FND005 missing required key "data.columns.themes"',
      '6:1 FND003 unknown key "reprot" (did you mean "report"?)',
      '11:13 FND004 questions[0].topBox should be a whole number, not the text "two"',
    ]);
  });

  it('rejects duplicate keys', () => {
    const { brief } = load(`${minimal}id: r2\n`);
    expect(brief).toHaveLength(1);
    expect(brief[0]).toMatch(/^6:1 FND002 duplicate key/);
  });

  it('caps alias expansion (anchors used to blow up its size) with one diagnostic', () => {
    // The walker only descends where the format allows, so expansion is bounded by the format's
    // depth; a long list of aliases to a large anchored mapping still hits the cap.
    const levels = Array.from({ length: 50 }, (_, i) => i).join(', ');
    const aliases = Array.from({ length: 1000 }, () => '*q').join(', ');
    const { config, diagnostics } = load(`${minimal}questions: [&q { id: q, column: q, levels: [${levels}] }, ${aliases}]\n`);
    expect(config).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['FND002']);
    expect(diagnostics[0]!.message).toMatch(/more than 20000 values/);
  });

  it('names a missing file and a folder given as a file', () => {
    expect(load(minimal.replace('data.csv', 'nope.csv')).brief).toEqual(['4:9 FND007 data.path: nope.csv does not exist (looked for nope.csv)']);
    expect(load(minimal.replace('data.csv', '.')).brief[0]).toMatch(/FND007 data.path: \. is a folder/);
  });

  it('checks question levels, labels and top box against each other', () => {
    const { brief } = load(`${minimal}questions:
  - { id: q, column: q, levels: [1, 3, 2], labels: [a, b], topBox: 3 }
`);
    expect(brief).toEqual([
      '7:33 FND006 questions[0].levels must be distinct and in increasing order',
      '7:52 FND006 questions[0].labels has 2 labels for 3 levels',
      '7:68 FND006 questions[0].topBox (3) must be smaller than the number of levels (3)',
    ]);
  });
});

describe('configPosition', () => {
  const text = `id: r1
codebook: codebook.csv
data:
  path: data.csv
  primaryCoder: &coder B
  columns: { id: id, segment: seg, themes: themes }
questions:
  - { id: q1, column: q1col, levels: [1, 2, 3] }
  - id: q2
    column: q2col
    levels: [1, 2]
round: *coder
`;

  it('points at the value of a key, in objects, flow mappings and lists, from positions kept when the YAML was parsed', () => {
    const { config, diagnostics } = load(text, 'positions.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Counted by hand in the text above (1-based line and column of each value).
    const at = (key: string) => {
      const { line, column } = configPosition(config!, key);
      return `${line}:${column}`;
    };
    // The file is gone: positions come from the parsed config, not from reading the file again.
    rmSync(path.join(dir, 'positions.yaml'));
    expect(at('data.path')).toBe('4:9');
    expect(at('data.columns.segment')).toBe('6:31');
    expect(at('questions[0].column')).toBe('8:23');
    expect(at('questions[1].column')).toBe('10:13');
    expect(at('data.primaryCoder')).toBe('5:24'); // the value B, after its anchor
    // An alias points where the user wrote it, not at its anchor.
    expect(at('round')).toBe('12:8');
    // A key the file leaves to its default points at the top of the file.
    expect(at('report.minBase')).toBe('1:1');
    expect(configPosition(config!, 'data.path').file).toBe('positions.yaml');
  });
});
