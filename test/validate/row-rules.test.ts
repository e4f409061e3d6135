/**
 * The row rules are one list (src/validate/row-rules.ts) that the validator applies and the fast
 * reader's scanner answers for: these tests fail when a rule exists that the scanner neither checks
 * nor hands to papaparse, and show that a new `cell` rule needs no edit of the validator or the scanner.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCANNED_RULES } from '../../src/ingest/fast/scan-block.ts';
import { readConfig } from '../../src/config/read-config.ts';
import { chooseSource } from '../../src/ingest/read-source.ts';
import { catalogue, type Code } from '../../src/messages.ts';
import type { Diagnostic, SurveyConfig } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { excerptRules, rowRules, type RowRule } from '../../src/validate/row-rules.ts';
import { ruleFiles } from '../../src/validate/rules/index.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { CODEBOOK, tempStudy } from '../helpers/temp-study.ts';

const codeOf = new Map<string, string>(Object.entries(catalogue).map(([code, entry]) => [entry.ruleId, code]));

function config(file: string): SurveyConfig {
  const absolute = path.join(repoRoot, file);
  const parsed = readConfig({ file: absolute, displayFile: file, cwd: repoRoot }, { report: () => {} });
  if (parsed === null) throw new Error(`${file} does not read`);
  return parsed;
}

describe('the row rules', () => {
  it('list every rule file of src/validate/rules/, each declaring the rule it is named after', () => {
    const files = readdirSync(path.join(repoRoot, 'src/validate/rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.length).toBeGreaterThan(5);
    expect(ruleFiles).toHaveLength(files.length); // every file declares `export const rule` (scripts/rule-index.mjs lists only those)
    const declared = new Set(ruleFiles.map((rule) => rule.code));
    const listed = new Set([...rowRules, ...excerptRules].map((rule) => rule.code));
    for (const file of files) {
      const code = codeOf.get(file.slice(0, -3));
      expect(code, `${file} is named after no catalogue rule`).toBeDefined();
      expect(declared.has(code as Code), `${file} declares no rule of its own code ${code}`).toBe(true);
      expect(listed.has(code as Code), `${file} (${code}) is in neither rowRules nor the excerpt rules`).toBe(true);
    }
    expect(excerptRules.map((rule) => rule.code).sort()).toEqual(['FND218', 'FND219', 'FND220', 'FND227']);
  });

  it('each say how the scanner meets them, and the scanner does as they say', () => {
    for (const rule of rowRules) {
      if (rule.scanner === 'bytes') expect(SCANNED_RULES.has(rule.code), `${rule.code} says bytes, but scan-block.ts's SCANNED_RULES lacks it`).toBe(true);
      if (rule.scanner === 'cell') expect(rule.cell, `${rule.code} says cell but has no check`).toBeDefined();
      if (rule.scanner === 'papaparse') expect(rule.applies, `${rule.code} would keep the fast reader from every file`).toBeDefined();
    }
    const codes = new Set(rowRules.map((rule) => rule.code));
    expect([...SCANNED_RULES].filter((code) => !codes.has(code as Code))).toEqual([]);
  });

  it('choose papaparse while a rule the scanner cannot tell applies, the fast reader otherwise', () => {
    expect(chooseSource(config('surveys/rpa-2014.yaml'))).toBe('fast-csv'); // the default study: data, quotes and a second coder
    // Issue 19: one-hot theme columns (FND225) and platform exports (FND312) are scanned from bytes.
    expect(chooseSource(config('fixtures/bad-invalid-tick/survey.yaml'))).toBe('fast-csv');
    expect(chooseSource(config('fixtures/bad-unfinished-response/survey.yaml'))).toBe('fast-csv');
    expect(chooseSource(config('fixtures/bad-invalid-option-tick/survey.yaml'))).toBe('papaparse'); // a multi question's option columns: FND232
    expect(chooseSource(config('fixtures/rpa-excerpts/survey.yaml'))).toBe('excerpts');
    const strict: RowRule = { code: 'FND207', scanner: 'papaparse', applies: () => true };
    expect(chooseSource(config('surveys/rpa-2014.yaml'), {}, [...rowRules, strict])).toBe('papaparse');
    expect(chooseSource(config('surveys/rpa-2014.yaml'), { reader: 'papaparse' })).toBe('papaparse');
  });

  it('read the default study through the fast reader to the same results as papaparse, quotes and coder agreement included', async () => {
    const fast = await analyzeRound('surveys/rpa-2014.yaml', repoRoot, { report: () => {} });
    const reference = await analyzeRound('surveys/rpa-2014.yaml', repoRoot, { report: () => {} }, { reader: 'papaparse' });
    if ('stopped' in fast || 'stopped' in reference) throw new Error('stopped');
    expect(fast.results.quotes?.length).toBeGreaterThan(0);
    expect(fast.results.reliability).not.toBeNull();
    expect(fast.results).toEqual(reference.results);
  });
});

describe('a new cell rule', () => {
  // A throwaway rule: ids may not start with "x". It borrows FND231's catalogue entry (no new code
  // for a test), which SCANNED_RULES lacks, so the scanner must apply it through cellChecks.
  const throwaway: RowRule = {
    code: 'FND231',
    scanner: 'cell',
    cell: { column: 'id', check: (id) => (id.startsWith('x') ? { code: 'FND231', text: `id "${id}" starts with x` } : null) },
  };
  afterEach(() => {
    const at = (rowRules as RowRule[]).indexOf(throwaway);
    if (at !== -1) (rowRules as RowRule[]).splice(at, 1);
  });

  it('is applied by the validator and the scanner alike, with no edit of either', async () => {
    const rows = ['id,segment,themes'];
    for (let i = 0; i < 400; i++)
      rows.push(`${i % 7 === 0 ? 'x' : 'r'}${i},${i % 2 === 0 ? 'funder' : 'nonprofit'},${i % 3 === 0 ? 'role' : 'benefit;structure'}`);
    const files = {
      'codebook.csv': CODEBOOK,
      'data.csv': `${rows.join('\n')}\n`,
      'survey.yaml': 'id: rule\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n',
    };
    (rowRules as RowRule[]).push(throwaway);
    const fast = await tempStudy(files);
    const papaparse = await analyzeRound('survey.yaml', fast.dir, { report: () => {} }, { reader: 'papaparse' });
    if ('stopped' in fast.analysis || 'stopped' in papaparse) throw new Error('stopped');
    const rejected = fast.diagnostics.filter((d: Diagnostic) => d.code === 'FND231');
    expect(rejected).toHaveLength(58); // ids x0, x7, ..., x399: ceil(400 / 7) = 58
    expect(rejected[0]).toMatchObject({ line: 2, column: 1, message: 'id "x0" starts with x' });
    expect(fast.analysis.results.ledger).toMatchObject({ rowsRead: 400, rowsUsed: 342, rowsRejected: 58 });
    expect(fast.analysis.results.themes).toEqual(papaparse.results.themes);
    expect(fast.analysis.results.ledger).toEqual(papaparse.results.ledger);
  });
});
