/**
 * The default study, end to end: a fresh run reproduces the committed reports/rpa-2014/ byte for
 * byte (determinism and golden output in one; PNG charts by size, as their pixels depend on fonts), results.json validates against the published JSON
 * Schema, the ledger balances, and the report says the data are synthetic.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/run-cli.ts';
import { resultsSchemaErrors } from '../helpers/results-schema.ts';

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
    .sort();
}

describe('default study (surveys/rpa-2014.yaml)', async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'findings-golden-'));
  const run = await runCli(['run', 'surveys/rpa-2014.yaml', '--out', out, '--quiet']);
  const committed = path.join(repoRoot, 'reports', 'rpa-2014');

  it('runs cleanly', () => {
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.exit).toBe(0);
  });

  it('reproduces the committed report byte for byte', () => {
    const fresh = listFiles(out);
    expect(fresh).toEqual(listFiles(committed));
    for (const file of fresh) {
      const a = readFileSync(path.join(out, file));
      const b = readFileSync(path.join(committed, file));
      if (file.endsWith('.png')) {
        // PNG pixels depend on the machine's font rasteriser; check it is a PNG of the same size instead.
        expect(a.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
        expect(a.readUInt32BE(16)).toBe(b.readUInt32BE(16));
        expect(a.readUInt32BE(20)).toBe(b.readUInt32BE(20));
        continue;
      }
      expect(a.equals(b), `${file} differs from the committed golden copy (npm run golden:update rewrites it; review the diff)`).toBe(true);
    }
  });

  it('writes results.json that validates against schema/results.schema.json', () => {
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(resultsSchemaErrors(results)).toEqual([]);
  });

  it('accounts for every row and meets the study brief', () => {
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    const { ledger } = results;
    expect(ledger.rowsRead).toBe(ledger.rowsUsed + ledger.rowsRejected);
    expect(results.base.respondents).toBeGreaterThanOrEqual(40);
    expect(results.segments.length).toBeGreaterThanOrEqual(2);
    expect(results.questions.length).toBeGreaterThanOrEqual(1);
    expect(results.themes.some((t: { parent: string | null }) => t.parent !== null)).toBe(true);
    expect(results.themes.every((t: { weighted: unknown }) => t.weighted !== null)).toBe(true);
  });

  it('says plainly that the data are synthetic, in the report and its first screen', () => {
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    const md = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(md.slice(0, 1500)).toMatch(/synthetic/i);
    expect(html).toMatch(/synthetic/i);
  });

  it('renders every chart without a label cut short', () => {
    for (const file of listFiles(out).filter((f) => f.endsWith('.svg'))) {
      const svg = readFileSync(path.join(out, file), 'utf8');
      expect(svg, file).not.toContain('…');
      expect(svg, file).toMatch(/^<svg/);
    }
  });
});
