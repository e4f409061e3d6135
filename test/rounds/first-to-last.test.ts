/**
 * The trend's first round against its last, and closed questions across rounds, for the three
 * default rounds. Expected values: test/rounds/r/first-to-last.R (R 4.2.2).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { analyzeTrend } from '../../src/rounds/analyze-trend.ts';
import { expectClose } from '../stats/expect-close.ts';
import { repoRoot } from '../helpers/run-cli.ts';

describe('trend: first round to last, and closed questions', async () => {
  const trend = await analyzeTrend(['surveys/rpa-2016.yaml'], repoRoot, { report: () => {} });
  if (typeof trend === 'string') throw new Error(trend);
  const firstToLast = trend.firstToLast!;

  it('compares 2014 with 2016 directly', () => {
    expect(firstToLast.previousRound).toBe('2014');
    const structure = firstToLast.themes.find((theme) => theme.code === 'structure')!;
    // c(x1, nrow(d1), x3, nrow(d3)) -> 26 44 9 48
    expect([structure.previous.respondents, structure.previous.base, structure.current.respondents, structure.current.base]).toEqual([26, 44, 9, 48]);
    // prop.test(c(x3, x1), c(n3, n1), correct = FALSE): p, conf.int -> 6.8565298191368074e-05 -0.58588392314908422 -0.22093425866909766
    expectClose(structure.p, 6.8565298191368074e-5, 1e-9);
    expectClose(structure.ci![0], -0.58588392314908422, 1e-9);
    expectClose(structure.ci![1], -0.22093425866909766, 1e-9);
    expect(firstToLast.themes.find((theme) => theme.code === 'summit')!.status).toBe('new');
  });

  it('compares the questions first to last: top box with BH over the questions, mean by Welch', () => {
    const incubate = firstToLast.questions!.find((question) => question.id === 'incubate')!;
    // p -> 0.90807948777504877 0.098712367017664171; p.adjust(p, "BH") -> 0.90807948777504877 0.19742473403532834
    expectClose(incubate.topBox.p, 0.098712367017664171, 1e-9);
    expectClose(incubate.topBox.pAdjusted, 0.19742473403532834, 1e-9);
    // t.test(b, a, var.equal = FALSE): t, df, p -> 1.7586024137812091 81.529317078902238 0.082397469530989947
    expectClose(incubate.mean.t, 1.7586024137812091, 1e-9);
    expectClose(incubate.mean.df, 81.529317078902238, 1e-9);
    expectClose(incubate.mean.p, 0.082397469530989947, 1e-9);
  });

  it('gives each question a series over the rounds (60% → 73% → 77% agree on incubating)', () => {
    const incubate = trend.questions!.find((question) => question.id === 'incubate')!;
    expect(incubate.points.map((point) => [point.topBox?.respondents, point.base])).toEqual([
      [26, 43],
      [33, 45],
      [36, 47],
    ]);
  });

  it('gives each theme a series per segment, null where the code did not exist (issue 15)', () => {
    expect(trend.segments!.map((segment) => segment.id)).toEqual(['funder', 'nonprofit', 'public-agency']);
    const structure = trend.themes.find((theme) => theme.code === 'structure')!;
    const funders = structure.bySegment!.find((series) => series.segment === 'funder')!;
    // c(seg(d1, "funder", "structure"), seg(d2, ...), seg(d3, ...)) -> 13 20 4 21 3 22
    expect(funders.points.map((point) => [point.respondents, point.base])).toEqual([
      [13, 20],
      [4, 21],
      [3, 22],
    ]);
    // prop.test(f2[1], f2[2], correct = FALSE)$conf.int -> 0.076675650527617906 0.40000564690204915
    expectClose(funders.points[1]!.ci![0], 0.076675650527617906, 1e-9);
    expectClose(funders.points[1]!.ci![1], 0.40000564690204915, 1e-9);
    // "summit" is new in 2015: no 2014 point for any segment, never 0.
    // c(seg(d2, "public-agency", "summit"), seg(d3, "public-agency", "summit")) -> 0 5 1 6
    const summit = trend.themes.find((theme) => theme.code === 'summit')!.bySegment!.find((series) => series.segment === 'public-agency')!;
    expect(summit.points.map((point) => [point.respondents, point.base, point.proportion === null, point.lowBase])).toEqual([
      [null, 4, true, true],
      [0, 5, false, false],
      [1, 6, false, false],
    ]);
  });

  it("compares each segment's first round with its last", () => {
    const funders = firstToLast.themes.find((theme) => theme.code === 'structure')!.bySegment.find((cell) => cell.segment === 'funder')!;
    // prop.test(c(f3[1], f1[1]), c(f3[2], f1[2]), correct = FALSE): p, conf.int -> 0.00061838635062318897 -0.76713266790393231 -0.26014005936879508
    expectClose(funders.p, 0.00061838635062318897, 1e-9);
    expectClose(funders.ci![0], -0.76713266790393231, 1e-9);
    expectClose(funders.ci![1], -0.26014005936879508, 1e-9);
  });

  it('writes trend.json that validates against schema/trend.schema.json', () => {
    const checker = new Ajv2020({ allErrors: true, strict: true });
    checker.addSchema(JSON.parse(readFileSync(path.join(repoRoot, 'schema/results.schema.json'), 'utf8')) as object);
    const validate = checker.compile(JSON.parse(readFileSync(path.join(repoRoot, 'schema/trend.schema.json'), 'utf8')) as object);
    expect(validate(JSON.parse(JSON.stringify(trend))), JSON.stringify(validate.errors)).toBe(true);
  });
});
