/**
 * Issue #20, class 6: texts that reach the renderers are bounded. A 300,000-character codebook label
 * aborted the PNG renderer (exit 134) and 3,000,000 characters took 24 GB; now a label over 500
 * characters (a description or statement over 5,000) is cut with warning FND320, and a config title,
 * label or note over 5,000 characters is FND006. The run renders every chart.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

function study(label: string, extra = ''): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-texts-'));
  writeFileSync(path.join(dir, 'codebook.csv'), `code,label\nbig,${label}\nsmall,Small\n`);
  writeFileSync(path.join(dir, 'data.csv'), 'id,segment,themes\nA,a,big\nB,b,big;small\nC,a,small\n');
  writeFileSync(
    path.join(dir, 'survey.yaml'),
    `id: t\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n${extra}`,
  );
  return dir;
}

describe('bounded texts', () => {
  it('a 300,000-character label: FND320, cut to 500 characters, every chart rendered', async () => {
    const dir = study('L'.repeat(300_000));
    const { exit, stderr } = await runCli(['run', 'survey.yaml', '--out', 'out', '--quiet', '--png'], dir);
    expect(stderr).toContain('codebook.csv:2:1  warning  the label of "big" is 300000 characters; the report shows its first 500  FND320 text-truncated');
    expect(exit).toBe(0);
    const results = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8'));
    expect(results.themes.find((t: { code: string }) => t.code === 'big').label).toBe(`${'L'.repeat(499)}…`);
    expect(
      readFileSync(path.join(dir, 'out', 'charts', 'theme-prevalence.png'))
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');
  }, 60_000);

  it('a label of exactly 500 characters is kept whole, without a warning', async () => {
    const dir = study('M'.repeat(500));
    const { exit, stderr } = await runCli(['check', 'survey.yaml'], dir);
    expect(stderr).not.toContain('FND320');
    expect(exit).toBe(0);
  });

  it('a 1,000,000-character config title: FND006, exit 2', async () => {
    const dir = study('Big', `title: ${'T'.repeat(1_000_000)}\n`);
    const { exit, stderr } = await runCli(['check', 'survey.yaml'], dir);
    expect(stderr).toContain('title is 1000000 characters; at most 5000  FND006');
    expect(exit).toBe(2);
  });
});
