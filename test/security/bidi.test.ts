/**
 * Issue #20, class 8: bidirectional control characters in labels and segment names cannot reorder
 * the report's own figures: report.html, report.md and every chart SVG hold none of them (before,
 * an RIGHT-TO-LEFT OVERRIDE in a label ran on into the figures after it).
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

describe('bidi controls', () => {
  it('are removed from every label and segment name in report.html, report.md and the chart SVGs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-bidi-'));
    const label = (i: number) => `Label ${CONTROLS[i % CONTROLS.length]}evil${CONTROLS[(i + 5) % CONTROLS.length]} ${i}`;
    writeFileSync(path.join(dir, 'codebook.csv'), `code,label\n${CONTROLS.map((_, i) => `c${i},${label(i)}`).join('\n')}\n`);
    const rows = Array.from({ length: 24 }, (_, i) => `R${i},${i % 2 === 0 ? 'seg\u202Ea' : 'seg\u2067b'},c${i % CONTROLS.length}`);
    writeFileSync(path.join(dir, 'data.csv'), `id,segment,themes\n${rows.join('\n')}\n`);
    writeFileSync(
      path.join(dir, 'survey.yaml'),
      'id: bidi\ntitle: "Study \\u202E21 of 40"\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n',
    );
    const { exit } = await runCli(['run', 'survey.yaml', '--out', 'out', '--quiet'], dir);
    expect(exit).toBe(0);
    const files = [
      'report.html',
      'report.md',
      ...readdirSync(path.join(dir, 'out', 'charts'))
        .filter((f) => f.endsWith('.svg'))
        .map((f) => `charts/${f}`),
    ];
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const text = readFileSync(path.join(dir, 'out', file), 'utf8');
      // Issue 17: report.md isolates data text with its own paired marks (U+2068 … U+2069, src/format/isolate.ts); the data's controls are gone.
      const own = file === 'report.md' ? ['\u2068', '\u2069'] : [];
      if (own.length > 0) expect(text.split('\u2068').length).toBe(text.split('\u2069').length);
      for (const control of CONTROLS.filter((candidate) => !own.includes(candidate)))
        expect(text.includes(control), `${file} holds U+${control.codePointAt(0)!.toString(16).toUpperCase()}`).toBe(false);
      expect(text).toContain('evil');
    }
    expect(readFileSync(path.join(dir, 'out', 'report.html'), 'utf8')).toContain('Study 21 of 40');
  });
});
