/**
 * Interview data as researchers code them: the excerpt-level twin of the default study gives the
 * same tallies as its respondent rows; a three-coder excerpt study; a REFI-QDA project (.qdpx) read
 * into a report. Golden results.json and report.md for each, in fixtures/<name>/expected/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { renderReport } from '../../src/report/render-report.ts';
import { goldenPath, repoRoot, runCli } from '../helpers/run-cli.ts';
import { tempStudy } from '../helpers/temp-study.ts';
import { resultsSchemaErrors } from '../helpers/results-schema.ts';

async function analyze(config: string) {
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound(config, repoRoot, { report: (d) => void diagnostics.push(d) });
  if ('stopped' in analysis) throw new Error(`${config} stopped: ${JSON.stringify(diagnostics)}`);
  return { analysis, diagnostics };
}

describe.each([
  ['rpa-excerpts', 'fixtures/rpa-excerpts/survey.yaml', []],
  ['excerpts-three-coders', 'fixtures/excerpts-three-coders/survey.yaml', []],
  ['qdpx', 'fixtures/qdpx/survey.yaml', ['FND310']],
  // issue 14: no cases, segments from sets, repeated names, a code group; and a project with no grouping (one group)
  ['qda-nvivo', 'fixtures/qda-nvivo/survey.yaml', ['FND314', 'FND314']],
  ['qda-qualcoder', 'fixtures/qda-qualcoder/survey.yaml', []],
])('fixture %s', (name, config, codes) => {
  it('gives golden results.json and report.md', async () => {
    const { analysis, diagnostics } = await analyze(config);
    expect(diagnostics.map((d) => d.code)).toEqual(codes);
    const files = await renderReport(analysis);
    expect(resultsSchemaErrors(JSON.parse(files.get('results.json') as string))).toEqual([]);
    await expect(files.get('results.json')).toMatchFileSnapshot(goldenPath(name, 'results.json'));
    await expect(files.get('report.md')).toMatchFileSnapshot(goldenPath(name, 'report.md'));
  });
});

describe('the excerpt-level twin of the default study', () => {
  it('gives the same tallies as its respondent-level twin (themes, segments, co-occurrence, questions)', async () => {
    const rows = (await analyze('surveys/rpa-2014.yaml')).analysis.results;
    const excerpts = (await analyze('fixtures/rpa-excerpts/survey.yaml')).analysis.results;
    expect(excerpts.themes).toEqual(rows.themes);
    expect(excerpts.segments).toEqual(rows.segments);
    expect(excerpts.base).toEqual(rows.base);
    expect(excerpts.cooccurrence).toEqual(rows.cooccurrence);
    expect(excerpts.questions).toEqual(rows.questions);
    // 44 respondent rows, then 415 excerpt rows of coders A and B.
    expect(excerpts.ledger).toMatchObject({ rowsRead: 459, rowsUsed: 459, rowsRejected: 0 });
  });

  it('quotes the same excerpts as the default study, which reads them beside its respondent rows', async () => {
    const rows = (await analyze('surveys/rpa-2014.yaml')).analysis.results;
    const excerpts = (await analyze('fixtures/rpa-excerpts/survey.yaml')).analysis.results;
    expect(rows.quotes!.length).toBeGreaterThan(14);
    expect(excerpts.quotes).toEqual(rows.quotes);
    expect(JSON.stringify(rows.quotes)).not.toMatch(/R0\d\d/); // no respondent id in any quote
  });
});

describe('quotes', () => {
  it('quotes.enabled: false keeps quotes out of results.json and the report', async () => {
    const config = readFileSync(path.join(repoRoot, 'fixtures/bad-quote-masked/survey.yaml'), 'utf8')
      .replaceAll('../small/', `${path.join(repoRoot, 'fixtures/small')}/`)
      .replace('path: excerpts.csv', `path: ${path.join(repoRoot, 'fixtures/bad-quote-masked/excerpts.csv')}`)
      .replace('quotes:\n', 'quotes:\n  enabled: false\n');
    const study = await tempStudy({ 'survey.yaml': config });
    expect(study.diagnostics).toEqual([]); // nothing quoted, so nothing masked
    const { results } = study.analysis as { results: Results };
    expect(results.quotes).toEqual([]);
    const files = await renderReport(study.analysis as Awaited<ReturnType<typeof analyze>>['analysis']);
    expect(files.get('report.md')).not.toContain('“');
  });
});

describe('REFI-QDA project (.qdpx)', () => {
  it('imports codes with hierarchy and colours, cases with their segment, and coders', async () => {
    const { results } = (await analyze('fixtures/qdpx/survey.yaml')).analysis;
    expect(results.themes.map((t) => [t.code, t.label, t.parent, t.color, t.respondents])).toEqual([
      ['wanted-to-know-more', 'Wanted to know more', null, '#005fa9', 3],
      ['project-structure', 'Project structure', 'wanted-to-know-more', '#103f6a', 1],
      ['their-possible-role', 'Their possible role', 'wanted-to-know-more', '#0b4e89', 1],
      ['community-benefit', 'Community benefit', null, '#b04613', 1],
      ['support-continuing', 'Support continuing', null, '#10a47a', 3],
      ['Communication', 'Communication', null, '#aa8722', 1],
    ]);
    expect(results.segments.map((s) => [s.id, s.respondents])).toEqual([
      ['funder', 3],
      ['nonprofit', 2],
    ]);
    expect(results.base.respondents).toBe(5); // Interview 05 has no coded text and stays in the base
    expect(results.reliability).toMatchObject({ coders: ['Ana', 'Ben'], units: 4, primaryCoder: 'Ana' });
    // By hand: community-benefit, Ana 0,0,1,0 and Ben 0,0,0,0 over the four cases both coded:
    // A_o = 6/8, kappa = (0.75 - 0.75) / (1 - 0.75) = 0, alpha = 1 - 7 * 2 / (8^2 - 7^2 - 1^2) = 0.
    expect(results.reliability!.themes.find((t) => t.code === 'community-benefit')).toMatchObject({ percentAgreement: 0.75, cohenKappa: 0, krippendorffAlpha: 0, flag: 'unreliable' });
  });

  it('cuts selections by Unicode code points of LF-normalised text: an emoji before a selection does not shift it', async () => {
    const { results } = (await analyze('fixtures/qdpx/survey.yaml')).analysis;
    const text = (code: string) => results.quotes!.filter((q) => q.theme === code).map((q) => q.text);
    // Interview 01 has "👍" (two UTF-16 units, one code point) before this selection, 58–158.
    expect(text('project-structure')).toEqual(["Who actually makes the decisions there? I'd want to see how it is governed before our board commits."]);
    // Interview 02 is a file in the archive with CRLF line ends and two emoji before the second selection.
    expect(text('their-possible-role')).toEqual(['What would our role be? We have the relationships but not the grant writers.']);
    expect(text('Communication')).toEqual(['Tell people what you have done. Communication is everything. Email me at [email].']);
  });

  it('runs into a report through the CLI, warning where a quote was masked', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-qdpx-')), 'report');
    const cli = await runCli(['run', 'fixtures/qdpx/survey.yaml', '--out', out, '--quiet']);
    expect(cli.exit).toBe(0);
    expect(cli.stderr).toBe(
      'fixtures/qdpx/interviews.qdpx!/project.qde:70:7  warning  quote under "Communication" had 1 e-mail address masked before reporting; check that nothing else identifies the speaker  FND310 quote-masked\n0 errors, 1 warning\n',
    );
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Results;
    expect(resultsSchemaErrors(results)).toEqual([]);
    expect(results.inputs.map((i) => [i.role, i.file])).toEqual([
      ['config', 'fixtures/qdpx/survey.yaml'],
      ['codebook', 'fixtures/qdpx/interviews.qdpx'],
      ['data', 'fixtures/qdpx/interviews.qdpx'],
    ]);
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('## Coder agreement');
  });

  const config = 'id: t\ndata:\n  layout: qdpx\n  path: p.qdpx\n  segmentVariable: group\n';
  const zip = (qde: string) => zipSync({ 'project.qde': strToU8(qde) });

  it('reports malformed or foreign XML in project.qde at its position, never a stack trace', async () => {
    const broken = await tempStudy({ 'survey.yaml': config, 'p.qdpx': zip('<?xml version="1.0"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="x">\n  <Cases>\n</Project>\n') });
    expect(broken.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual(['p.qdpx!/project.qde:4:1 FND217']);
    const foreign = await tempStudy({ 'survey.yaml': config, 'p.qdpx': zip('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>') });
    expect(foreign.diagnostics.map((d) => d.message)).toEqual(['project.qde is not a REFI-QDA project: its root element is <CodeBook>, not <Project>']);
    const empty = await tempStudy({ 'survey.yaml': config, 'p.qdpx': zipSync({ 'readme.txt': strToU8('hello') }) });
    expect(empty.diagnostics.map((d) => [d.code, d.message])).toEqual([['FND217', 'not a REFI-QDA project: the archive holds no project.qde']]);
  });

  it('says so when the project has neither cases nor sources (no respondents)', async () => {
    const qde = '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="a" isCodable="true"/></Codes></CodeBook><Variables><Variable guid="d0000000-0000-4000-8000-000000000001" name="group" typeOfVariable="Text"/></Variables></Project>';
    const study = await tempStudy({ 'survey.yaml': config, 'p.qdpx': zip(qde) });
    expect(study.analysis).toEqual({ stopped: 'data' });
    expect(study.diagnostics.map((d) => [d.code, d.message])).toEqual([['FND202', 'p.qdpx has no cases and no sources: each case (or, without cases, each source) is a respondent']]);
  });

  it('names the case variables when data.segmentVariable matches none', async () => {
    const qde = '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="a" isCodable="true"/></Codes></CodeBook><Variables><Variable guid="d0000000-0000-4000-8000-000000000001" name="Group" typeOfVariable="Text"/></Variables></Project>';
    const study = await tempStudy({ 'survey.yaml': config, 'p.qdpx': zip(qde) });
    expect(study.analysis).toEqual({ stopped: 'config' });
    expect(study.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([['FND006', 5, 'data.segmentVariable "group" is not a variable of p.qdpx (its variables: "Group")']]);
  });

  // ../shared beside the repository (or beside the folder of worktrees).
  const schema = [path.resolve(repoRoot, '..', 'shared'), path.resolve(repoRoot, '..', '..', 'shared')].map((d) => path.join(d, 'refi-qda', 'Project-mrt2019.xsd')).find(existsSync) ?? '';
  const canValidate = spawnSync('xmllint', ['--version']).status === 0 && existsSync(schema);
  it.skipIf(!canValidate)('hand-written project.qde files validate against Project-mrt2019.xsd', () => {
    // (The qda-* fixtures are left out: their namespace variants and empty <Sets/> are invalid on purpose; qda-nvivo and qda-qualcoder are checked.)
    for (const folder of ['qdpx', 'bad-qdpx-unknown-reference', 'bad-selection-out-of-range', 'bad-source-without-case', 'bad-repeated-code-name', 'bad-respondent-in-two-sets', 'qda-nvivo', 'qda-qualcoder']) {
      const run = spawnSync('xmllint', ['--noout', '--schema', schema, path.join(repoRoot, 'fixtures', folder, 'project.qde')], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
    }
  });
});
