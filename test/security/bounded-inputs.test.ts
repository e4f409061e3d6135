/**
 * Issue #20, class 6: bounded resources. Inputs are generated at run time and never committed.
 * - a header of 50 MB of commas is refused (FND215) from a scan of its bytes, counting delimiters
 *   before any parser builds cells (it took 92 s and 1.1 GB before);
 * - zip bombs (an .xlsx sheet, a .qdpx project.qde and a source inflating about 1,000 times) are
 *   refused from the central directory's sizes before anything inflates;
 * - limits.maxFileBytes applies to a .qdpx as a whole.
 * The wall time and peak memory of these cases, measured with /usr/bin/time -v, are in the README.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { zipBomb } from '../helpers/zip-bomb.ts';

async function diagnose(config: string): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  await analyzeRound(config, path.dirname(config), { report: (d) => void diagnostics.push(d) });
  return diagnostics;
}

describe('bounded inputs', () => {
  it('a 50 MB header of commas: FND215 from a scan of its bytes (no cells built)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-header-'));
    writeFileSync(path.join(dir, 'data.csv'), Buffer.concat([Buffer.from('id,segment,themes'), Buffer.alloc(50 * 1024 * 1024, ','), Buffer.from('\nA,a,x\n')]));
    writeFileSync(path.join(dir, 'codebook.csv'), 'code,label\nx,X\n');
    writeFileSync(
      path.join(dir, 'survey.yaml'),
      'id: h\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n',
    );
    const diagnostics = await diagnose(path.join(dir, 'survey.yaml'));
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      '1:1 FND215 the header has 52428803 columns, more than limits.maxColumns (10000); the file is not read',
    ]);
  }, 30_000);

  it('an .xlsx whose sheet inflates 1,000 times: FND224 before SheetJS or fflate inflates it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-bomb-'));
    writeFileSync(path.join(dir, 'workbook.xlsx'), await zipBomb([{ name: 'xl/worksheets/sheet1.xml', inflated: 256 * 1024 * 1024 }]));
    copyFileSync(path.join(repoRoot, 'fixtures/formats/codebook.csv'), path.join(dir, 'codebook.csv'));
    writeFileSync(path.join(dir, 'survey.yaml'), readFileSync(path.join(repoRoot, 'fixtures/formats/workbook.yaml')));
    const diagnostics = await diagnose(path.join(dir, 'survey.yaml'));
    expect(diagnostics.map((d) => d.code)).toEqual(['FND224']);
    expect(diagnostics[0]!.message).toMatch(
      /^workbook\.xlsx is an archive entry "xl\/worksheets\/sheet1\.xml" that inflates \d{3,4} times \(\d+ to 268435456 bytes; a zip bomb\?\), more than 200 times, so not a readable \.xlsx workbook$/,
    );
  }, 60_000);

  for (const name of ['project.qde', 'sources/interview.txt']) {
    it(`a .qdpx whose ${name} inflates 1,000 times: FND217 before anything inflates`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-bomb-'));
      writeFileSync(path.join(dir, 'interviews.qdpx'), await zipBomb([{ name, inflated: 256 * 1024 * 1024 }]));
      writeFileSync(path.join(dir, 'survey.yaml'), readFileSync(path.join(repoRoot, 'fixtures/qdpx/survey.yaml')));
      const diagnostics = await diagnose(path.join(dir, 'survey.yaml'));
      expect(diagnostics.map((d) => d.code)).toEqual(['FND217']);
      expect(diagnostics[0]!.message).toContain(`interviews.qdpx is an archive entry "${name}" that inflates`);
      expect(diagnostics[0]!.message).toContain('a zip bomb?');
    }, 60_000);
  }

  it('limits.maxFileBytes applies to a .qdpx as a whole', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-qdpx-'));
    copyFileSync(path.join(repoRoot, 'fixtures/qdpx/interviews.qdpx'), path.join(dir, 'interviews.qdpx'));
    const size = readFileSync(path.join(dir, 'interviews.qdpx')).length;
    writeFileSync(
      path.join(dir, 'survey.yaml'),
      `${readFileSync(path.join(repoRoot, 'fixtures/qdpx/survey.yaml'), 'utf8')}limits: { maxFileBytes: ${size - 1} }\n`,
    );
    const diagnostics = await diagnose(path.join(dir, 'survey.yaml'));
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      `FND217 interviews.qdpx is ${size} bytes, more than limits.maxFileBytes (${size - 1}); it is not read`,
    ]);
  });
});
