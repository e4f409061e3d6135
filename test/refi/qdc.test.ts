/**
 * REFI-QDA codebooks (.qdc): export is deterministic and valid against the published schema
 * (../shared/refi-qda/Codebook.xsd, checked with xmllint from Debian's libxml2-utils), and a
 * codebook survives export and import unchanged.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Codebook, Diagnostic } from '../../src/model.ts';
import { readCodebook } from '../../src/ingest/read-codebook.ts';
import { codeFromName, splitDescription } from '../../src/ingest/read-qdc.ts';
import { codeGuid } from '../../src/output/code-guid.ts';
import { formatQdc } from '../../src/output/format-qdc.ts';
import { validateCodebook } from '../../src/validate/validate-codebook.ts';
import { repoRoot, runCli } from '../helpers/run-cli.ts';

// ../shared beside the repository (or beside the folder of worktrees).
const schemas = [path.resolve(repoRoot, '..', 'shared', 'refi-qda'), path.resolve(repoRoot, '..', '..', 'shared', 'refi-qda')].find(existsSync) ?? '';
const xmllint = spawnSync('xmllint', ['--version']).status === 0;
const canValidate = xmllint && existsSync(path.join(schemas, 'Codebook.xsd'));
if (!canValidate) console.warn(`skipping XSD validation: ${xmllint ? `${schemas} is absent` : 'xmllint is not installed (apt-get install libxml2-utils)'}`);

async function load(file: string): Promise<{ codebook: Codebook | null; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const sink = { report: (d: Diagnostic) => void diagnostics.push(d) };
  const read = await readCodebook(file, path.basename(file), sink);
  return { codebook: read === null ? null : validateCodebook(read.entries, ';', path.basename(file), sink), diagnostics };
}

function temp(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-qdc-')), name);
  writeFileSync(file, text);
  return file;
}

describe('REFI-QDA codebook (.qdc)', () => {
  it('gives each code a stable name-based UUID (version 5), as Python computes it', () => {
    // /usr/bin/python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, 'findings:code:structure'))"
    expect(codeGuid('structure')).toBe('25cfcfd9-a2d7-5129-b57d-7812d678368e');
    expect(codeGuid('beyond-money')).toBe('30b33a75-a024-5ee8-a828-526a11e66256');
    expect(codeGuid('café')).toBe('71832b6c-66b8-559c-9698-b2c188fae5d2');
  });

  for (const codebookFile of ['fixtures/rpa/codebook.csv', 'fixtures/rpa/codebook-2015.csv', 'fixtures/small/codebook.csv']) {
    it(`round-trips ${codebookFile}: export, import, the same codebook`, async () => {
      const { codebook } = await load(path.join(repoRoot, codebookFile));
      const xml = formatQdc(codebook!);
      expect(formatQdc(codebook!)).toBe(xml); // deterministic
      const back = await load(temp('codebook.qdc', xml));
      expect(back.diagnostics).toEqual([]);
      // The re-import knows each code's REFI-QDA GUID and name (the derived GUID, the code): the rest is unchanged.
      expect(back.codebook!.themes.map((t) => t.qda)).toEqual(codebook!.themes.map((t) => ({ guid: codeGuid(t.code), name: t.code })));
      expect(back.codebook!.themes.map(({ qda: _qda, ...rest }) => rest)).toEqual(codebook!.themes);
      expect(back.codebook!.rollup).toEqual(codebook!.rollup);
    });
  }

  it('nests children, writes colours as #RRGGBB and leaves out an empty set list', async () => {
    const { codebook } = await load(path.join(repoRoot, 'fixtures/small/codebook.csv'));
    const xml = formatQdc(codebook!);
    expect(xml).toContain('<Code guid="');
    expect(xml).toMatch(
      /<Code guid="[^"]+" name="questions" isCodable="true" color="#1F5F8B">\n\s+<Description>Any question about how the collaborative works\n\nLabel: Wanted to know more<\/Description>\n\s+<Code guid="[^"]+" name="structure"/,
    );
    expect(xml).not.toContain('<Sets');
  });

  it.skipIf(!canValidate)('exports codebooks that validate against Codebook.xsd (xmllint --schema)', async () => {
    for (const codebookFile of ['fixtures/rpa/codebook.csv', 'fixtures/small/codebook.csv']) {
      const { codebook } = await load(path.join(repoRoot, codebookFile));
      const file = temp('codebook.qdc', formatQdc(codebook!));
      const out = execFileSync('xmllint', ['--noout', '--schema', path.join(schemas, 'Codebook.xsd'), file], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(out).toBe('');
    }
    // Awkward text survives escaping and still validates: quotes, ampersands, angle brackets.
    const awkward = temp('awkward.csv', 'code,label,description,color\na&b,"Say ""no"" <loudly>",Tom & Jerry > 1,#abc\n');
    const { codebook } = await load(awkward);
    const file = temp('awkward.qdc', formatQdc(codebook!));
    expect(spawnSync('xmllint', ['--noout', '--schema', path.join(schemas, 'Codebook.xsd'), file]).status).toBe(0);
    expect((await load(file)).codebook!.themes.map(({ qda: _qda, ...rest }) => rest)).toEqual(codebook!.themes);
  });

  it('reads a codebook written by a QDA tool: names with spaces become codes, the name the label', async () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">
  <Codes>
    <Code guid="{C0000000-0000-4000-8000-000000000001}" name="Wanted to know more" isCodable="false" color="#005fa9">
      <Code guid="c0000000-0000-4000-8000-000000000002" name="Project structure" isCodable="true"><Description>How it is run.</Description></Code>
    </Code>
    <Code guid="c0000000-0000-4000-8000-000000000003" name="Café &amp; community" isCodable="true"/>
  </Codes>
  <Sets><Set guid="a0000000-0000-4000-8000-000000000001" name="x"><MemberCode guid="c0000000-0000-4000-8000-000000000002"/></Set></Sets>
</CodeBook>`;
    const { codebook, diagnostics } = await load(temp('nvivo.qdc', xml));
    expect(diagnostics).toEqual([]);
    expect(codebook!.themes).toEqual([
      {
        code: 'wanted-to-know-more',
        label: 'Wanted to know more',
        description: '',
        parent: null,
        color: '#005fa9',
        statement: null,
        qda: { guid: '{C0000000-0000-4000-8000-000000000001}', name: 'Wanted to know more' },
      },
      {
        code: 'project-structure',
        label: 'Project structure',
        description: 'How it is run.',
        parent: 'wanted-to-know-more',
        color: null,
        statement: null,
        qda: { guid: 'c0000000-0000-4000-8000-000000000002', name: 'Project structure' },
      },
      {
        code: 'cafe-community',
        label: 'Café & community',
        description: '',
        parent: null,
        color: null,
        statement: null,
        qda: { guid: 'c0000000-0000-4000-8000-000000000003', name: 'Café & community' },
      },
    ]);
    expect(codeFromName('structure')).toBe('structure');
    expect(splitDescription('Text.\n\nLabel: L\nStatement: s')).toEqual({ description: 'Text.', label: 'L', statement: 's' });
    expect(splitDescription('Label: only')).toEqual({ description: '', label: 'only', statement: null });
    expect(splitDescription('Two\n\nparagraphs')).toEqual({ description: 'Two\n\nparagraphs', label: null, statement: null });
  });

  it('reports malformed or foreign XML with its position, never a stack trace', async () => {
    const broken = await load(
      temp(
        'broken.qdc',
        '<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n  <Codes>\n    <Code name="a" guid="x" isCodable="true">\n  </Codes>\n</CodeBook>\n',
      ),
    );
    expect(broken.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['FND110', 5, 3]]);
    const foreign = await load(temp('foreign.qdc', '<?xml version="1.0"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>\n'));
    expect(foreign.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['FND110', 2, 'not a REFI-QDA codebook: its root element is <Project>, not <CodeBook>'],
    ]);
    const namespace = await load(temp('ns.qdc', '<CodeBook xmlns="urn:other"><Codes><Code guid="x" name="a" isCodable="true"/></Codes></CodeBook>'));
    expect(namespace.diagnostics.map((d) => d.message)).toEqual(['not a REFI-QDA codebook: its namespace is "urn:other", not "urn:QDA-XML:codebook:1.0"']);
    const binary = await load(temp('binary.qdc', '\u0000\u0001PK'));
    expect(binary.diagnostics.map((d) => d.code)).toEqual(['FND110']);
    const nameless = await load(
      temp('nameless.qdc', '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="x" isCodable="true"/></Codes></CodeBook>'),
    );
    expect(nameless.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([['FND110', 2, '<Code> has no name attribute']]);
    const duplicate = await load(
      temp(
        'dup.qdc',
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code guid="x" name="a" isCodable="true"/>\n<Code guid="y" name="a" isCodable="true"/></Codes></CodeBook>',
      ),
    );
    expect(duplicate.diagnostics.map((d) => [d.code, d.line])).toEqual([['FND102', 3]]);
  });

  it('findings codebook --qdc writes the config codebook; a codebook: path ending in .qdc is read as one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-qdc-cli-'));
    const out = path.join(dir, 'rpa.qdc');
    const cli = await runCli(['codebook', 'surveys/rpa-2014.yaml', '--qdc', out]);
    expect(cli).toMatchObject({ exit: 0, stderr: '' });
    expect(cli.stdout).toMatch(/^wrote .*rpa\.qdc \(14 codes, REFI-QDA codebook 1\.0\)\n$/);
    const config = readFileSync(path.join(repoRoot, 'fixtures/small/survey.yaml'), 'utf8')
      .replace('codebook: codebook.csv', `codebook: ${path.join(dir, 'small.qdc')}`)
      .replace('path: responses.csv', `path: ${path.join(repoRoot, 'fixtures/small/responses.csv')}`);
    writeFileSync(path.join(dir, 'survey.yaml'), config);
    const small = await load(path.join(repoRoot, 'fixtures/small/codebook.csv'));
    writeFileSync(path.join(dir, 'small.qdc'), formatQdc(small.codebook!));
    const viaQdc = await runCli(['run', path.join(dir, 'survey.yaml'), '--out', path.join(dir, 'a'), '--quiet']);
    const viaCsv = await runCli(['run', 'fixtures/small/survey.yaml', '--out', path.join(dir, 'b'), '--quiet']);
    expect([viaQdc.exit, viaCsv.exit]).toEqual([0, 0]);
    const themes = (folder: string) => JSON.parse(readFileSync(path.join(dir, folder, 'results.json'), 'utf8')).themes;
    expect(themes('a')).toEqual(themes('b'));
    expect(await runCli(['codebook', 'fixtures/bad-config-syntax/survey.yaml', '--qdc', out])).toMatchObject({ exit: 2 });
    expect(await runCli(['codebook', 'surveys/rpa-2014.yaml'])).toMatchObject({ exit: 2 });
  });
});
