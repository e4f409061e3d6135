/**
 * Issue 16: SPSS .sav files. fixtures/spss/survey.sav is written by PSPP from survey.sps (the test
 * regenerates it when pspp is installed and compares what is read); the config `findings inspect`
 * proposes runs, and its figures equal R's on the file as haven reads it (test/ingest/spss/r/survey.R,
 * the R call beside each value). A damaged file is FND240, never a stack trace.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/model.ts';
import { analyzeRound } from '../../../src/pipeline.ts';
import { readSav } from '../../../src/ingest/formats/read-sav.ts';
import { repoRoot, runCli } from '../../helpers/run-cli.ts';
import { resultsSchemaErrors } from '../../helpers/results-schema.ts';

const FIXTURE = path.join(repoRoot, 'fixtures/spss/survey.sav');

async function readAll(file: string) {
  const rows: string[][] = [];
  let header: string[] = [];
  const read = await readSav(
    file,
    (h) => (header = h.cells),
    (batch) => void rows.push(...batch.rows),
  );
  return { read, header, rows };
}

function hasPspp(): boolean {
  try {
    execFileSync('pspp', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('reading a .sav', () => {
  it('gives names, cells as text, and user- and system-missing values as blanks', async () => {
    const { read, header, rows } = await readAll(FIXTURE);
    expect(read.ok).toBe(true);
    expect(header).toEqual(['resp_id', 'region', 'role', 'sat', 'tick_funding', 'tick_training', 'tick_network', 'recommend', 'wt', 'comment']);
    expect(rows).toHaveLength(24);
    // R07: ticks are -1, user-missing: blank cells.
    expect(rows[6]).toEqual(['R07', '1', '1', '5', '', '', '', '10', '1.3', 'ok']);
    // R04: sat is 9, user-missing; R10: recommend is 99, user-missing.
    expect(rows[3]![3]).toBe('');
    expect(rows[9]![7]).toBe('');
    // Very long string (over 255 bytes) and non-ASCII text come through whole.
    expect(rows[23]![9]).toHaveLength(257);
    expect(rows[8]![9]).toBe('Grüße aus dem Süden');
    if (!read.ok) return;
    expect(read.meta.weight).toBe('wt');
    const region = read.meta.variables.find((v) => v.name === 'region')!;
    expect(region.label).toBe('Région du répondant');
    expect(region.valueLabels.map((l) => l.label)).toEqual(['Nord', 'Süd', 'Île-de-France']);
  });

  it.skipIf(!hasPspp())(
    'reads the same from a .sav PSPP writes afresh from survey.sps',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-pspp-'));
      copyFileSync(path.join(repoRoot, 'fixtures/spss/survey.sps'), path.join(dir, 'survey.sps'));
      execFileSync('pspp', ['survey.sps'], { cwd: dir, stdio: 'ignore' });
      const fresh = await readAll(path.join(dir, 'survey.sav'));
      const committed = await readAll(FIXTURE);
      expect(fresh.header).toEqual(committed.header);
      expect(fresh.rows).toEqual(committed.rows);
      expect(fresh.read.ok && fresh.read.meta.variables).toEqual(committed.read.ok && committed.read.meta.variables);
    },
    60_000,
  );

  it('reports a damaged, truncated, empty or foreign file as a message, never a throw', async () => {
    const bytes = readFileSync(FIXTURE);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-badsav-'));
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(0), /the file is empty/],
      ['csv', Buffer.from('id,segment\n1,a\n'), /does not start with "\$FL2"/],
      ['zsav', Buffer.concat([Buffer.from('$FL3'), bytes.subarray(4)]), /zlib-compressed \.zsav/],
      ['half', bytes.subarray(0, 300), /damaged or truncated/],
      ['cases', bytes.subarray(0, bytes.length - 40), /truncated|damaged/],
    ];
    for (const [name, content, message] of cases) {
      writeFileSync(path.join(dir, `${name}.sav`), content);
      const { read } = await readAll(path.join(dir, `${name}.sav`));
      expect(read.ok, name).toBe(false);
      if (!read.ok) expect(read.message, name).toMatch(message);
    }
  });

  it('never throws on a damaged copy of the fixture (random bytes overwritten)', async () => {
    const bytes = readFileSync(FIXTURE);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-fuzzsav-'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(bytes.length),
        async (edits, cut) => {
          const copy = Buffer.from(bytes.subarray(0, Math.max(4, cut)));
          for (const [at, value] of edits) if (at >= 4 && at < copy.length) copy[at] = value;
          const file = path.join(dir, `f${n++}.sav`);
          writeFileSync(file, copy);
          const { read } = await readAll(file);
          expect(typeof read.ok).toBe('boolean');
        },
      ),
      { seed: 240, numRuns: 150 },
    );
  }, 120_000);
});

describe('a .sav from inspect to report', () => {
  it('runs from the config inspect proposes, and every figure equals R', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-savrun-'));
    copyFileSync(FIXTURE, path.join(dir, 'survey.sav'));
    const inspected = await runCli(['inspect', 'survey.sav'], dir);
    expect(inspected.exit).toBe(0);
    const yaml = inspected.stdout;
    expect(yaml).toContain('    type: rating');
    expect(yaml).toContain('    type: nps');
    expect(yaml).toContain('labels: ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]');
    expect(yaml).toContain('  - { id: "2", label: "Süd" }');
    expect(yaml).toContain('banners: ["role"]');
    expect(yaml).toContain('    type: single');
    expect(yaml).toContain('    columns: ["tick_funding", "tick_training", "tick_network"]');
    expect(yaml).toContain('    labels: ["funding", "training", "networking"]');
    // The codebook inspect lists in comments; the config runs as proposed, question types included.
    const codebook = yaml
      .split('\n')
      .filter((line) => line.startsWith('#   ') && /^# {3}[a-z]+,/.test(line))
      .map((line) => line.slice(4));
    writeFileSync(path.join(dir, 'codebook.csv'), `${codebook.join('\n')}\n`);
    writeFileSync(path.join(dir, 'survey.yaml'), yaml);
    const diagnostics: Diagnostic[] = [];
    const analysis = await analyzeRound('survey.yaml', dir, { report: (d) => void diagnostics.push(d) });
    expect(diagnostics).toEqual([]);
    if ('stopped' in analysis) throw new Error('stopped');
    const r = analysis.results;
    expect(resultsSchemaErrors(r)).toEqual([]);
    expect(r.ledger).toEqual({ rowsRead: 24, rowsUsed: 24, rowsRejected: 0, rejected: [] });
    expect(r.segments.map((s) => [s.id, s.label, s.respondents])).toEqual([
      ['1', 'Nord', 8],
      ['2', 'Süd', 8],
      ['3', 'Île-de-France', 8],
    ]);
    const funding = r.themes.find((t) => t.code === 'funding')!;
    // sum(d$funding) of nrow(d); prop.test(14, 24, correct = FALSE)$conf.int
    expect([funding.respondents, funding.base]).toEqual([14, 24]);
    expect(funding.ci![0]).toBeCloseTo(0.388346658652288, 12);
    expect(funding.ci![1]).toBeCloseTo(0.755323973901882, 12);
    // svymean(~funding, design): 0.5666666666667, SE 0.10541; confint(svyciprop(~funding, design, method = "logit"))
    expect(funding.weighted!.proportion).toBeCloseTo(0.5666666666667, 12);
    expect(funding.weighted!.se).toBeCloseTo(0.10541, 5);
    expect(funding.weighted!.ci![0]).toBeCloseTo(0.34984263308385, 10);
    expect(funding.weighted!.ci![1]).toBeCloseTo(0.760652286875342, 10);
    // Weighted headline: svychisq(~funding + region, design): F = 0.2094581994991, p = 0.811709497789
    expect(funding.segmentTest!.method).toBe('rao-scott');
    expect(funding.segmentTest!.statistic).toBeCloseTo(0.2094581994991, 8);
    expect(funding.segmentTest!.p).toBeCloseTo(0.811709497789, 8);
    const sat = r.questions.find((q) => q.id === 'sat')!;
    // length(na.omit(sat)), mean, sd, median; 9 is user-missing (3 cases)
    expect([sat.base, sat.missing]).toEqual([21, 3]);
    expect(sat.label).toBe('Overall, the programme met our needs');
    expect(sat.mean).toBeCloseTo(3.47619047619048, 12);
    expect(sat.sd).toBeCloseTo(1.28914885172534, 12);
    expect(sat.median).toBe(4);
    // prop.test(sum(sat >= 4), 21, correct = FALSE)$conf.int
    expect(sat.topBox!.respondents).toBe(12);
    expect(sat.topBox!.ci![0]).toBeCloseTo(0.36546554369306, 12);
    expect(sat.topBox!.ci![1]).toBeCloseTo(0.75530031074624, 12);
    // svymean(~sat, design, na.rm = TRUE)
    expect(sat.weighted!.mean).toBeCloseTo(3.545454545455, 11);
    const recommend = r.questions.find((q) => q.id === 'recommend')!;
    // length(na.omit(rec)), mean(rec), sd(rec), median(rec); 99 is user-missing (2 cases)
    expect([recommend.base, recommend.missing]).toEqual([22, 2]);
    expect(recommend.mean).toBeCloseTo(7.36363636363636, 12);
    expect(recommend.sd).toBeCloseTo(2.40129835010849, 12);
    expect(recommend.median).toBe(8);
    // As the nps question inspect proposes (survey.R): 9 promoters, 6 passives, 7 detractors of 22;
    // NPS = 9/22 - 7/22 = 0.0909090909090909, multinomial Wald interval -0.263417455941835 to 0.445235637760017
    expect(recommend.type).toBe('nps');
    expect([recommend.nps!.promoters, recommend.nps!.passives, recommend.nps!.detractors]).toEqual([9, 6, 7]);
    expect(recommend.nps!.score.score).toBeCloseTo(0.0909090909090909, 12);
    expect(recommend.nps!.score.ci![0]).toBeCloseTo(-0.263417455941835, 12);
    expect(recommend.nps!.score.ci![1]).toBeCloseTo(0.445235637760017, 12);
    // role as the single question inspect proposes (survey.R): prop.test(sum(role == k), 24, correct = FALSE)$conf.int;
    // fisher.test(table(role, region))$p.value = 0.999999999999988
    const role = r.questions.find((x) => x.id === 'role')!;
    expect(role.type).toBe('single');
    expect(role.options!.map((o) => [o.label, o.respondents])).toEqual([
      ['Funder', 9],
      ['Nonprofit', 9],
      ['Public agency', 6],
    ]);
    expect(role.options![0]!.ci![0]).toBeCloseTo(0.21159367559548778, 12);
    expect(role.options![0]!.ci![1]).toBeCloseTo(0.5729003755732572, 12);
    expect(role.options![2]!.ci![0]).toBeCloseTo(0.11999366228595, 12);
    expect(role.options![2]!.ci![1]).toBeCloseTo(0.44899444005154, 12);
    expect(role.segmentTest!.p).toBeCloseTo(0.999999999999988, 9);
    // The tick group as the multi question inspect proposes: R07 (-1, user-missing, on all three) did not answer;
    // prop.test(ticked, 23, correct = FALSE)$conf.int for funding 14, training 10, networking 9.
    const tick = r.questions.find((x) => x.id === 'tick')!;
    expect(tick.type).toBe('multi');
    expect([tick.base, tick.missing]).toEqual([23, 1]);
    expect(tick.options!.map((o) => [o.label, o.respondents])).toEqual([
      ['funding', 14],
      ['training', 10],
      ['networking', 9],
    ]);
    expect(tick.options![0]!.ci![0]).toBeCloseTo(0.407855223913817, 12);
    expect(tick.options![0]!.ci![1]).toBeCloseTo(0.778423772075221, 12);
    expect(tick.options![1]!.ci![0]).toBeCloseTo(0.256346353256742, 12);
    expect(tick.options![2]!.ci![1]).toBeCloseTo(0.592144776086183, 12);
    // The banner from the second labelled single-choice variable (role: 9, 9, 6).
    expect(r.banners![1]!.groups.map((g) => [g.id, g.respondents])).toEqual([
      ['1', 9],
      ['2', 9],
      ['3', 6],
    ]);
  }, 60_000);

  it('takes the question, level, segment and banner labels from the file where the config gives none', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-savlabels-'));
    copyFileSync(FIXTURE, path.join(dir, 'survey.sav'));
    copyFileSync(path.join(repoRoot, 'fixtures/spss/codebook.csv'), path.join(dir, 'codebook.csv'));
    writeFileSync(
      path.join(dir, 'survey.yaml'),
      [
        'id: s',
        'codebook: codebook.csv',
        'data:',
        '  path: survey.sav',
        '  format: spss',
        '  columns: { id: resp_id, segment: region }',
        '  themeColumns: { columns: { funding: tick_funding, training: tick_training, network: tick_network } }',
        'segments: [ { id: "3", label: IDF } ]',
        'banners: [role]',
        'questions:',
        '  - { id: sat, column: sat, levels: [1, 2, 3, 4, 5] }',
        '  - { id: rec, column: recommend, label: Recommend, levels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], labels: [a, b, c, d, e, f, g, h, i, j, k] }',
        '',
      ].join('\n'),
    );
    const diagnostics: Diagnostic[] = [];
    const analysis = await analyzeRound('survey.yaml', dir, { report: (d) => void diagnostics.push(d) });
    if ('stopped' in analysis) throw new Error('stopped');
    const r = analysis.results;
    // Listed segment keeps the config's label; the others take the value labels.
    expect(r.segments.map((s) => s.label)).toEqual(['IDF', 'Nord', 'Süd']);
    expect(r.banners![1]!.groups.map((g) => g.label)).toEqual(['Funder', 'Nonprofit', 'Public agency']);
    expect(r.questions[0]!.label).toBe('Overall, the programme met our needs');
    expect(r.questions[0]!.levels!.map((l) => l.label)).toEqual(['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree']);
    expect(r.questions[1]!.label).toBe('Recommend');
    expect(r.questions[1]!.levels!.map((l) => l.label)[10]).toBe('k');
  });

  it('refuses a .sav over limits.maxFileBytes or limits.maxColumns as for a CSV (FND216, FND215)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-savlimits-'));
    copyFileSync(FIXTURE, path.join(dir, 'survey.sav'));
    copyFileSync(path.join(repoRoot, 'fixtures/spss/codebook.csv'), path.join(dir, 'codebook.csv'));
    const base = [
      'id: s',
      'codebook: codebook.csv',
      'data:',
      '  path: survey.sav',
      '  format: spss',
      '  columns: { id: resp_id, segment: region }',
      '  themeColumns: { columns: { funding: tick_funding } }',
    ].join('\n');
    for (const [limits, code] of [
      ['limits: { maxFileBytes: 1000 }', 'FND216'],
      ['limits: { maxColumns: 5 }', 'FND215'],
    ] as const) {
      writeFileSync(path.join(dir, 'survey.yaml'), `${base}\n${limits}\n`);
      const diagnostics: Diagnostic[] = [];
      const analysis = await analyzeRound('survey.yaml', dir, { report: (d) => void diagnostics.push(d) });
      expect(analysis).toEqual({ stopped: 'data' });
      expect(diagnostics.map((d) => d.code)).toEqual([code]);
    }
  });
});
