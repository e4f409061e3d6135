/**
 * Issue 14: exports of five QDA programs (fixtures/qda-*, written for this project with the traits
 * of real exports: no <Cases>, one-line XML, repeated code names, namespace variants, an empty
 * <Sets/>, document groups as sets, highlights exports naming codes by label or path).
 *
 * For each: `findings inspect` prints a config; `findings run` accepts it after at most filling in
 * the codebook path; the tallies equal the counts made by hand from the fixture (each folder's
 * README shows the count; they are repeated here beside each expected value).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Results } from '../../src/model.ts';
import { readCodebook } from '../../src/ingest/read-codebook.ts';
import { formatQdc } from '../../src/output/format-qdc.ts';
import { validateCodebook } from '../../src/validate/validate-codebook.ts';
import { codeNames } from '../../src/validate/rules/ambiguous-code.ts';
import { repoRoot, runCli } from '../helpers/run-cli.ts';
import { tempStudy } from '../helpers/temp-study.ts';

interface HandCount {
  base: number;
  /** [segment id, respondents] in report order. */
  segments: [string, number][];
  /** [code, respondents in all, respondents per segment in the order above]. */
  themes: [string, number, number[]][];
}

interface Program {
  folder: string;
  data: string;
  /** What to write in place of inspect's `codebook: codebook.csv` placeholder (excerpt exports only). */
  codebook: string | null;
  hand: HandCount;
}

const PROGRAMS: Program[] = [
  {
    // NVivo: no cases, each source a respondent; segments from the sets Students {A, B}, Teachers {C, D}.
    // A: competencies/programming, motivation. B: cs_as_programming/programming, competencies/teamwork,
    // competencies/programming. C: competencies/programming + cs_as_programming/programming (one selection). D: nothing.
    folder: 'qda-nvivo',
    data: 'interviews.qdpx',
    codebook: null,
    hand: {
      base: 4,
      segments: [
        ['Students', 2],
        ['Teachers', 2],
      ],
      themes: [
        ['competencies', 3, [2, 1]], // A, B | C (roll-up of programming and teamwork)
        ['competencies/programming', 3, [2, 1]], // A, B | C
        ['teamwork', 1, [1, 0]], // B
        ['cs_as_programming', 2, [1, 1]], // B | C
        ['cs_as_programming/programming', 2, [1, 1]], // B | C
        ['motivation', 1, [1, 0]], // A
      ],
    },
  },
  {
    // NVivo coding summary (codes by path from the "Codes" folder, Codes\competencies\programming); no
    // segment column: one group. Interview D has no coding, so it is not in the export.
    folder: 'qda-nvivo',
    data: 'coding-summary.csv',
    codebook: 'interviews.qdpx',
    hand: {
      base: 3,
      segments: [['all', 3]],
      themes: [
        ['competencies', 3, [3]], // A, B, C
        ['competencies/programming', 3, [3]], // A, B, C
        ['teamwork', 1, [1]], // B
        ['cs_as_programming', 2, [2]], // B, C
        ['cs_as_programming/programming', 2, [2]], // B, C
        ['motivation', 1, [1]], // A
      ],
    },
  },
  {
    // ATLAS.ti quotations as a workbook: codes by label, two in one cell (one per line), segment from
    // "Document Groups". The same quotations as the project, so the same count.
    folder: 'qda-atlasti',
    data: 'quotations.xlsx',
    codebook: 'interviews.qdpx',
    hand: {
      base: 3,
      segments: [
        ['Funders', 2],
        ['Nonprofits', 1],
      ],
      themes: [
        ['project-structure', 2, [2, 0]], // D1, D2
        ['community-benefit', 2, [1, 1]], // D1 | D3
        ['Communication', 2, [1, 1]], // D2 | D3
      ],
    },
  },
  {
    // ATLAS.ti: document groups Funders {D1, D2}, Nonprofits {D3}. D1: structure, benefit. D2: communication,
    // structure. D3: benefit, communication twice (one mention).
    folder: 'qda-atlasti',
    data: 'interviews.qdpx',
    codebook: null,
    hand: {
      base: 3,
      segments: [
        ['Funders', 2],
        ['Nonprofits', 1],
      ],
      themes: [
        ['project-structure', 2, [2, 0]], // D1, D2
        ['community-benefit', 2, [1, 1]], // D1 | D3
        ['Communication', 2, [1, 1]], // D2 | D3
      ],
    },
  },
  {
    // MAXQDA: source variable Group: Int 1 funder, Int 2 nonprofit, Int 3 nonprofit, Int 4 funder (nothing coded).
    // Int 1: support, structure. Int 2: support. Int 3: structure, role.
    folder: 'qda-maxqda',
    data: 'interviews.qdpx',
    codebook: null,
    hand: {
      base: 4,
      segments: [
        ['funder', 2],
        ['nonprofit', 2],
      ],
      themes: [
        ['wanted-to-know-more', 2, [1, 1]], // Int 1 | Int 3
        ['project-structure', 2, [1, 1]], // Int 1 | Int 3
        ['their-possible-role', 1, [0, 1]], // Int 3
        ['support-continuing', 2, [1, 1]], // Int 1 | Int 2
      ],
    },
  },
  {
    // MAXQDA coded segments (codes by label and by path "Parent\Child"), segment from "Document group";
    // Int 4 has no segment in the export, so it is not a respondent here.
    folder: 'qda-maxqda',
    data: 'coded-segments.csv',
    codebook: 'codebook.qdc',
    hand: {
      base: 3,
      segments: [
        ['funder', 1],
        ['nonprofit', 2],
      ],
      themes: [
        ['wanted-to-know-more', 2, [1, 1]], // Int 1 | Int 3
        ['project-structure', 2, [1, 1]], // Int 1 | Int 3
        ['their-possible-role', 1, [0, 1]], // Int 3
        ['support-continuing', 2, [1, 1]], // Int 1 | Int 2
      ],
    },
  },
  {
    // QualCoder-style: no cases, no sets, no variables: one group. alice: training, mentors. bob: mentors,
    // training/too short, training. carol: training/too short.
    folder: 'qda-qualcoder',
    data: 'interviews.qdpx',
    codebook: null,
    hand: {
      base: 3,
      segments: [['all', 3]],
      themes: [
        ['training', 3, [3]], // alice, bob, carol (roll-up)
        ['too-short', 2, [2]], // bob, carol
        ['mentors', 2, [2]], // alice, bob
      ],
    },
  },
  {
    // Taguette project: empty <Sets/>, one group. interview-1: structure, communication. interview-2:
    // communication twice. interview-3: nothing (in the base).
    folder: 'qda-taguette',
    data: 'interviews.qdpx',
    codebook: null,
    hand: {
      base: 3,
      segments: [['all', 3]],
      themes: [
        ['project-structure', 1, [1]], // interview-1
        ['Communication', 2, [2]], // interview-1, interview-2
      ],
    },
  },
  {
    // Taguette highlights CSV (tags by label); interview-3 has no highlight, so it is not in the export.
    folder: 'qda-taguette',
    data: 'highlights.csv',
    codebook: 'interviews.qdpx',
    hand: {
      base: 2,
      segments: [['all', 2]],
      themes: [
        ['project-structure', 1, [1]], // interview-1
        ['Communication', 2, [2]], // interview-1, interview-2
      ],
    },
  },
];

/** Copy a fixture folder, run `findings inspect` on its data, save the config (codebook filled in), run it. */
async function inspectAndRun(program: Program): Promise<{ inspected: string; results: Results; report: string; stderr: string }> {
  const inspected = await runCli(['inspect', `fixtures/${program.folder}/${program.data}`]);
  expect(inspected.stderr).toBe('');
  expect(inspected.exit).toBe(0);
  expect(inspected.stdout).not.toContain('CHOOSE');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-qda-'));
  cpSync(path.join(repoRoot, 'fixtures', program.folder), dir, { recursive: true });
  let yaml = inspected.stdout;
  if (program.codebook !== null) {
    expect(yaml).toMatch(/^codebook: codebook\.csv /m);
    yaml = yaml.replace(/^codebook: codebook\.csv .*$/m, `codebook: ${program.codebook}`);
  }
  writeFileSync(path.join(dir, 'inspected.yaml'), yaml);
  const run = await runCli(['run', 'inspected.yaml', '--out', 'report', '--quiet'], dir);
  expect(run.stderr.split('\n').filter((line) => / error /.test(line))).toEqual([]);
  expect(run.exit).toBe(0);
  const results = JSON.parse(readFileSync(path.join(dir, 'report', 'results.json'), 'utf8')) as Results;
  return { inspected: inspected.stdout, results, report: readFileSync(path.join(dir, 'report', 'report.md'), 'utf8'), stderr: run.stderr };
}

describe('exports of five QDA programs: inspect, run, the hand counts', () => {
  it.each(PROGRAMS.map((p) => [`${p.folder}/${p.data}`, p] as const))('%s', async (_name, program) => {
    const { inspected, results } = await inspectAndRun(program);
    expect(inspected).toMatch(program.data.endsWith('.qdpx') ? /^ {2}layout: qdpx$/m : /^ {2}layout: excerpts$/m);
    expect(results.base.respondents).toBe(program.hand.base);
    expect(results.segments.map((s) => [s.id, s.respondents])).toEqual(program.hand.segments);
    expect(results.themes.map((t) => [t.code, t.respondents, t.bySegment.map((c) => c.respondents)])).toEqual(program.hand.themes);
  });

  it('inspect names what a project holds: sources, codes, codings, cases, variables and sets', async () => {
    const nvivo = await runCli(['inspect', 'fixtures/qda-nvivo/interviews.qdpx']);
    // Counted in project.qde: 4 TextSource (3 with selections), 6 Code, 7 Coding, no Case.
    expect(nvivo.stdout).toContain('# 4 sources (3 coded), 6 codes, 7 codings, 0 cases, users: "coder1".');
    expect(nvivo.stdout).toContain('sets of sources or cases: "Students", "Teachers"; sets of codes (code groups): "Skills".');
    const maxqda = await runCli(['inspect', 'fixtures/qda-maxqda/interviews.qdpx']);
    expect(maxqda.stdout).toMatch(/^ {2}segmentVariable: Group {3}# a variable of each source$/m);
    const qdc = await runCli(['inspect', 'fixtures/qda-maxqda/codebook.qdc']);
    expect(qdc.exit).toBe(0);
    expect(qdc.stdout).toContain('a REFI-QDA codebook (namespace "urn:QDA-XML:codebook:0:4"), 4 codes, 0 sets.');
  });

  it('a project without cases and without any grouping gives a one-group report that says so', async () => {
    const { results, report } = await inspectAndRun(PROGRAMS.find((p) => p.folder === 'qda-qualcoder')!);
    expect(results.settings.segmentSource).toBe('none');
    expect(results.segments.map((s) => s.label)).toEqual(['All respondents']);
    expect(results.themes.map((t) => t.segmentTest)).toEqual(results.themes.map(() => null));
    expect(report).toContain('**Segments.** None: the config names no segment source, so every respondent is in one group');
  });

  it('NVivo: repeated names are warnings at the real column of one-line XML; the set of codes is a code group', async () => {
    const { results, report, stderr } = await inspectAndRun(PROGRAMS[0]!);
    const qde = readFileSync(path.join(repoRoot, 'fixtures/qda-nvivo/project.qde'), 'utf8');
    expect(qde).not.toContain('\n');
    const column = (guid: string) => qde.indexOf(`<Code guid="${guid}"`) + 1;
    expect(results.warnings.map((w) => [w.code, w.line, w.column])).toEqual([
      ['FND314', 1, column('c0000000-0000-4000-8000-000000000002')],
      ['FND314', 1, column('c0000000-0000-4000-8000-000000000005')],
    ]);
    expect(column('c0000000-0000-4000-8000-000000000005')).toBeGreaterThan(500);
    expect(stderr).toContain(`interviews.qdpx!/project.qde:1:${column('c0000000-0000-4000-8000-000000000005')}  warning`);
    expect(results.codeGroups).toEqual([{ name: 'Skills', codes: ['competencies/programming', 'teamwork'] }]);
    expect(report).toContain('| Skills | programming, teamwork |'.replace('programming', 'competencies/programming'));
  });
});

describe('segments of a project without cases', () => {
  it('from a side file of respondents joined by source name (data.respondents)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-qda-side-'));
    cpSync(path.join(repoRoot, 'fixtures/qda-qualcoder'), dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'survey.yaml'),
      'id: side\ndata:\n  layout: qdpx\n  path: interviews.qdpx\n  respondents: { path: respondents.csv, columns: { id: name, segment: role } }\n',
    );
    const run = await runCli(['run', 'survey.yaml', '--out', 'report', '--quiet'], dir);
    expect(run.exit).toBe(0);
    const results = JSON.parse(readFileSync(path.join(dir, 'report', 'results.json'), 'utf8')) as Results;
    // respondents.csv: alice staff; bob, carol volunteer. Hand count as in qda-qualcoder, split by role.
    expect(results.segments.map((s) => [s.id, s.respondents])).toEqual([
      ['staff', 1],
      ['volunteer', 2],
    ]);
    expect(results.themes.map((t) => [t.code, t.bySegment.map((c) => c.respondents)])).toEqual([
      ['training', [1, 2]],
      ['too-short', [0, 2]],
      ['mentors', [1, 1]],
    ]);
  });

  it('codings of a case spread over several sources count once for the case; the variable comes before the sets', async () => {
    const code = (n: number) => `<Coding guid="20000000-0000-4000-8000-00000000000${n}"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>`;
    const source = (n: number, coded: boolean) =>
      `<TextSource guid="f0000000-0000-4000-8000-00000000000${n}" name="S${n}"><PlainTextContent>Text ${n}.</PlainTextContent>${coded ? `<PlainTextSelection guid="10000000-0000-4000-8000-00000000000${n}" startPosition="0" endPosition="4">${code(n)}</PlainTextSelection>` : ''}</TextSource>`;
    const qde =
      '<Project xmlns="urn:QDA-XML:project:1:0" name="x"><CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="a" isCodable="true"/></Codes></CodeBook>' +
      '<Variables><Variable guid="d0000000-0000-4000-8000-000000000001" name="group" typeOfVariable="Text"/></Variables>' +
      '<Cases><Case guid="e0000000-0000-4000-8000-000000000001" name="Ann"><SourceRef targetGUID="f0000000-0000-4000-8000-000000000001"/><SourceRef targetGUID="f0000000-0000-4000-8000-000000000002"/></Case>' +
      '<Case guid="e0000000-0000-4000-8000-000000000002" name="Bo"><VariableValue><VariableRef targetGUID="d0000000-0000-4000-8000-000000000001"/><TextValue>own</TextValue></VariableValue><SourceRef targetGUID="f0000000-0000-4000-8000-000000000003"/></Case></Cases>' +
      `<Sources>${source(1, true)}${source(2, true)}${source(3, false)}</Sources>` +
      '<Sets><Set guid="50000000-0000-4000-8000-000000000001" name="G"><MemberCase targetGUID="e0000000-0000-4000-8000-000000000001"/><MemberCase targetGUID="e0000000-0000-4000-8000-000000000002"/></Set></Sets></Project>';
    const study = await tempStudy({
      'survey.yaml': 'id: x\ndata:\n  layout: qdpx\n  path: p.qdpx\n  segmentVariable: group\n  segmentSets: [G]\n',
      'p.qdpx': zipSync({ 'project.qde': strToU8(qde) }),
    });
    expect(study.diagnostics).toEqual([]);
    const { results } = study.analysis as { results: Results };
    // Ann: two sources, both coded "a": one respondent mentioning "a" once; segment from the set G (no variable value).
    // Bo: variable group = own; nothing coded.
    expect(results.segments.map((s) => [s.id, s.respondents])).toEqual([
      ['G', 1],
      ['own', 1],
    ]);
    expect(results.themes.map((t) => [t.code, t.respondents, t.bySegment.map((c) => c.respondents)])).toEqual([['a', 1, [1, 0]]]);
  });

  it('lists the sets of sources when data.segmentSets names one the project lacks', async () => {
    const study = await tempStudy({
      'survey.yaml': 'id: x\ndata:\n  layout: qdpx\n  path: p.qdpx\n  segmentSets: [Funder]\n',
      'p.qdpx': readFileSync(path.join(repoRoot, 'fixtures/qda-atlasti/interviews.qdpx')),
    });
    expect(study.analysis).toEqual({ stopped: 'config' });
    expect(study.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['FND006', 5, 'data.segmentSets: "Funder" is not a set of p.qdpx (its sets of sources or cases: "Funders", "Nonprofits")'],
    ]);
  });

  it('segment is optional for respondent rows and excerpt rows too; listing segments without a source is an error', async () => {
    const rows = await tempStudy({
      'survey.yaml': 'id: x\ncodebook: c.csv\ndata:\n  path: d.csv\n  columns: { id: id, themes: themes }\n',
      'c.csv': 'code,label\na,A\nb,B\n',
      'd.csv': 'id,themes\n1,a\n2,a;b\n3,\n',
    });
    expect(rows.diagnostics).toEqual([]);
    const { results } = rows.analysis as { results: Results };
    expect(results.segments.map((s) => [s.id, s.respondents])).toEqual([['all', 3]]);
    expect(results.themes.map((t) => [t.code, t.respondents])).toEqual([
      ['a', 2],
      ['b', 1],
    ]); // rows 1, 2 | row 2
    const listed = await tempStudy({
      'survey.yaml': 'id: x\ncodebook: c.csv\ndata:\n  path: d.csv\n  columns: { id: id, themes: themes }\nsegments:\n  - { id: a }\n',
      'c.csv': 'code,label\na,A\n',
      'd.csv': 'id,themes\n1,a\n',
    });
    expect(listed.diagnostics.map((d) => [d.code, d.line])).toEqual([['FND006', 7]]); // the `- { id: a }` line of segments:
  });
});

describe('codes by name, label or path (excerpt layouts)', () => {
  it('finds a code by label, REFI-QDA name or path (/, \\ or >), exactly after trimming; a shared name is ambiguous', async () => {
    const diagnostics: Diagnostic[] = [];
    const file = await readCodebook(path.join(repoRoot, 'fixtures/qda-nvivo/interviews.qdpx'), 'nvivo', { report: (d) => void diagnostics.push(d) });
    const codebook = validateCodebook(file!.entries, ';', 'nvivo', { report: (d) => void diagnostics.push(d) }, file!.groups)!;
    const names = codeNames(codebook);
    const code = (text: string) => names.lookup(text).map((i) => codebook.themes[i]!.code);
    expect(code(' motivation ')).toEqual(['motivation']);
    expect(code('competencies/programming')).toEqual(['competencies/programming']);
    expect(code('cs_as_programming \\ programming')).toEqual(['cs_as_programming/programming']);
    expect(code('competencies > teamwork')).toEqual(['teamwork']);
    expect(code('programming')).toEqual(['competencies/programming', 'cs_as_programming/programming']);
    expect(code('Programming')).toEqual([]); // exact: case counts
  });
});

describe('codebook --qdc from a REFI-QDA codebook', () => {
  // ../shared beside the repository (or beside the folder of worktrees).
  const schema =
    [path.resolve(repoRoot, '..', 'shared'), path.resolve(repoRoot, '..', '..', 'shared')]
      .map((d) => path.join(d, 'refi-qda', 'Codebook.xsd'))
      .find(existsSync) ?? '';
  const canValidate = spawnSync('xmllint', ['--version']).status === 0 && existsSync(schema);

  it.skipIf(!canValidate)('keeps every original GUID, name, colour and set, validates against Codebook.xsd, and re-imports to the same codebook', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-qda-qdc-'));
    cpSync(path.join(repoRoot, 'fixtures/qda-nvivo'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'survey.yaml'), 'id: nvivo\ndata:\n  layout: qdpx\n  path: interviews.qdpx\n');
    const cli = await runCli(['codebook', 'survey.yaml', '--qdc', 'out.qdc'], dir);
    expect(cli.exit).toBe(0);
    const xml = readFileSync(path.join(dir, 'out.qdc'), 'utf8');
    const lint = spawnSync('xmllint', ['--noout', '--schema', schema, path.join(dir, 'out.qdc')], { encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
    // Every <Code guid name> of the project, read from its text, is in the .qdc as it was.
    const qde = readFileSync(path.join(repoRoot, 'fixtures/qda-nvivo/project.qde'), 'utf8');
    const pairs = (text: string) => [...text.matchAll(/<Code guid="([^"]+)" name="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(pairs(xml)).toEqual(pairs(qde));
    expect(xml).toContain('color="#1F77B4"');
    expect(xml).toMatch(
      /<Set guid="50000000-0000-4000-8000-000000000003" name="Skills">\s*<MemberCode guid="c0000000-0000-4000-8000-000000000002"\/>\s*<MemberCode guid="c0000000-0000-4000-8000-000000000003"\/>/,
    );
    const load = async (file: string) => {
      const sink = { report: () => {} };
      const read = await readCodebook(file, 'f', sink);
      return validateCodebook(read!.entries, ';', 'f', sink, read!.groups)!;
    };
    const original = await load(path.join(dir, 'interviews.qdpx'));
    const back = await load(path.join(dir, 'out.qdc'));
    expect(back.themes).toEqual(original.themes);
    expect(back.groups).toEqual(original.groups);
    expect(formatQdc(back)).toBe(xml); // a second round trip changes nothing
  });
});
