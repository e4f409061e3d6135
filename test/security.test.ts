/**
 * Nothing lost, nothing leaked (issue #9): hostile text stays text in every output, inputs are never
 * modified, reports hold no machine paths, an interrupted run leaves the previous report intact,
 * respondent ids can be hashed or left out, limits stop huge fields and wide files with a message,
 * and a study of 1,000 codes and 500 segments does not go quadratic.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/model.ts';
import { analyzeRound } from '../src/pipeline.ts';
import { renderReport } from '../src/report/render-report.ts';
import { CHROMIUM_ARGS, findChromium } from '../src/report/find-chromium.ts';
import { repoRoot, runCli } from './helpers/run-cli.ts';

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
    .sort();
}
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const temp = (name: string) => path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-sec-')), name);

describe('hostile text', async () => {
  const out = temp('hostile');
  const run = await runCli(['run', 'fixtures/hostile/survey.yaml', '--out', out, '--quiet']);

  it('runs', () => expect(run.exit).toBe(0));

  it('is escaped in report.html: no tag, handler or frame from the data becomes markup', () => {
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<iframe|<img|<b>funders|<i>no/i);
    expect(html).toContain('&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;');
  });

  it.skipIf(findChromium() === null)('shows as text in a real browser, and runs nothing', async () => {
    const browser = await chromium.launch({ executablePath: findChromium()!, args: [...CHROMIUM_ARGS] });
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`file://${path.join(out, 'report.html')}`);
      expect(await page.locator('script, iframe, img').count()).toBe(0);
      expect(await page.locator('a[href^="javascript:"], a[href*="evil.example"]').count()).toBe(0);
      expect(await page.textContent('body')).toContain("<script>alert('label')</script>");
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('cannot inject links, HTML or table columns in report.md', () => {
    const md = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(md).not.toMatch(/(?<!\\)\[click me\]\(/);
    expect(md).not.toMatch(/(?<!\\)<(script|img|iframe|b|i)\b/);
  });

  it('is neutralised in tables/*.csv: formula cells start with a quote, numbers stay numbers', () => {
    for (const file of listFiles(out).filter((f) => f.endsWith('.csv'))) {
      const csv = readFileSync(path.join(out, file), 'utf8');
      for (const line of csv.split('\n')) {
        for (const cell of line.split(',')) {
          const text = cell.replace(/^"/, '');
          if (/^[=+@]/.test(text) || /^-[^\d.]/.test(text)) throw new Error(`${file}: formula cell ${cell}`);
        }
      }
    }
    expect(readFileSync(path.join(out, 'tables', 'themes.csv'), 'utf8')).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
  });
});

describe('files and paths', () => {
  it('never modifies an input, and writes no machine path, user or environment value into a report', async () => {
    const inputs = ['surveys/rpa-2015.yaml', 'surveys/rpa-2014.yaml', 'fixtures/rpa/2015.csv', 'fixtures/rpa/2014.csv', 'fixtures/rpa/codebook-2015.csv'];
    const before = inputs.map((f) => sha(path.join(repoRoot, f)));
    const out = temp('report');
    expect((await runCli(['run', 'surveys/rpa-2015.yaml', '--out', out, '--quiet'])).exit).toBe(0);
    expect(inputs.map((f) => sha(path.join(repoRoot, f)))).toEqual(before);
    const secrets = [repoRoot, os.tmpdir(), os.homedir(), out].filter((s) => s.length > 4);
    for (const file of listFiles(out).filter((f) => !f.endsWith('.png'))) {
      const text = readFileSync(path.join(out, file), 'utf8');
      for (const secret of secrets) expect(text.includes(secret), `${file} contains ${secret}`).toBe(false);
    }
  });

  it('rejects an id that would leave the output folder', async () => {
    const { exit, stderr } = await runCli(['check', 'fixtures/bad-config-invalid-value--path-id/survey.yaml']);
    expect(exit).toBe(2);
    expect(stderr).toContain('id "../../etc" should be lowercase letters');
  });
  // A run killed at each step of the swap: test/security/output-folder.test.ts (issue #20).
});

describe('privacy of respondent ids', () => {
  async function duplicateMessage(mode: string): Promise<string> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-privacy-'));
    writeFileSync(path.join(dir, 'data.csv'), 'id,segment,themes\nR-7,a,x\nR-7,b,x\n');
    writeFileSync(path.join(dir, 'codebook.csv'), 'code,label\nx,X\n');
    writeFileSync(
      path.join(dir, 'survey.yaml'),
      `id: p\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\nprivacy: { respondentIds: ${mode} }\n`,
    );
    const out = path.join(dir, 'out');
    const { stderr } = await runCli(['run', 'survey.yaml', '--out', out, '--allow-errors', '--quiet'], dir);
    const results = readFileSync(path.join(out, 'results.json'), 'utf8');
    expect(results.includes('R-7')).toBe(mode === 'show');
    expect(stderr.includes('R-7')).toBe(mode === 'show');
    return JSON.parse(results).ledger.rejected[0].message;
  }

  it('shows, hashes or leaves out ids in every output with one switch', async () => {
    expect(await duplicateMessage('show')).toBe('duplicate respondent id "R-7" (first used on line 2)');
    // printf 'R-7' | sha256sum | cut -c1-12
    expect(await duplicateMessage('hash')).toBe(
      `duplicate respondent id #${createHash('sha256').update('R-7').digest('hex').slice(0, 12)} (first used on line 2)`,
    );
    expect(await duplicateMessage('omit')).toBe('duplicate respondent id (first used on line 2)');
  });
});

describe('limits', () => {
  function study(data: string | Buffer): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-limits-'));
    writeFileSync(path.join(dir, 'data.csv'), data);
    writeFileSync(path.join(dir, 'codebook.csv'), 'code,label\nx,X\n');
    writeFileSync(
      path.join(dir, 'survey.yaml'),
      'id: l\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n',
    );
    return path.join(dir, 'survey.yaml');
  }
  const codes = async (config: string) => {
    const diagnostics: Diagnostic[] = [];
    await analyzeRound(config, path.dirname(config), { report: (d) => void diagnostics.push(d) });
    return diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
  };

  it('stop a 10 MB field with a message (default limit 1 Mi characters)', async () => {
    expect(await codes(study(`id,segment,themes\nA,a,x\nB,b,"${'x'.repeat(10 * 1024 * 1024)}"\nC,a,x\n`))).toEqual(['3:5 FND214']);
  });

  it('stop a header of 100,000 columns with a message (default limit 10,000)', async () => {
    const header = ['id', 'segment', 'themes', ...Array.from({ length: 100_000 - 3 }, (_, i) => `c${i}`)].join(',');
    expect(await codes(study(`${header}\nA,a,x\n`))).toEqual(['1:1 FND215']);
  });
});

describe('scale', () => {
  it('1,000 codes and 500 segments: no quadratic step (analysis and report rendering)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-scale-'));
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    writeFileSync(
      path.join(dir, 'codebook.csv'),
      `code,label,parent\n${Array.from({ length: 1000 }, (_, i) => `c${i},Code ${i},${i >= 100 ? `c${i % 100}` : ''}`).join('\n')}\n`,
    );
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const themes = new Set<string>();
      const k = 1 + Math.floor(random() * 4);
      while (themes.size < k) themes.add(`c${Math.floor(random() * 1000)}`);
      return `R${i},s${Math.floor(random() * 500)},${[...themes].join(';')}`;
    });
    writeFileSync(path.join(dir, 'data.csv'), `id,segment,themes\n${rows.join('\n')}\n`);
    writeFileSync(
      path.join(dir, 'survey.yaml'),
      'id: scale\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n',
    );
    const analysis = await analyzeRound(path.join(dir, 'survey.yaml'), dir, { report: () => {} });
    if ('stopped' in analysis) throw new Error('stopped');
    expect(analysis.results.segments).toHaveLength(500);
    expect(analysis.results.themes[0]!.segmentTest?.reason).toMatch(/more than report.maxTestSegments/);
    const files = await renderReport(analysis);
    expect(files.get('charts/themes-by-segment.vl.json')).toContain('The 10 largest of 500 segments');
  }, 120_000);
});
