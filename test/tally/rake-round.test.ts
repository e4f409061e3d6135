/**
 * Issue 15: weighting.rake through the whole pipeline, on fixtures/raked. Expected values:
 * test/tally/r/rake-round.R (R 4.2.2, survey 4.1-1), the R call beside each value.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { renderReport } from '../../src/report/render-report.ts';
import { repoRoot } from '../helpers/run-cli.ts';
import { resultsSchemaErrors } from '../helpers/results-schema.ts';
import { expectClose, expectIntervalClose, P_VALUE } from '../stats/expect-close.ts';

const RAKE = 1e-6;

async function analyze(config: string): Promise<{ results: Results; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound(config, repoRoot, { report: (d) => void diagnostics.push(d) });
  if ('stopped' in analysis) throw new Error(`${config} stopped: ${JSON.stringify(diagnostics)}`);
  return { results: analysis.results, diagnostics };
}

const theme = (results: Results, code: string) => results.themes.find((t) => t.code === code)!;
const cell = (results: Results, code: string, segment: string) => theme(results, code).bySegment.find((s) => s.segment === segment)!;

describe('weighting.rake (fixtures/raked/survey.yaml: shares, hand-checkable)', () => {
  it('meets the margins as hand-counted and as survey::rake does', async () => {
    const { results, diagnostics } = await analyze('fixtures/raked/survey.yaml');
    expect(diagnostics).toEqual([]);
    const w = results.weighting!;
    // Hand count in the config's comment; svytable(~segment, raked) -> 3 9; svytable(~region, raked) -> 6 6
    expect(w.margins.map((m) => m.categories.map((c) => [c.category, c.respondents, c.target, c.achieved]))).toEqual([
      [
        ['funder', 6, 3, 3],
        ['nonprofit', 6, 9, 9],
      ],
      [
        ['north', 8, 6, 6],
        ['south', 4, 6, 6],
      ],
    ]);
    expect(w.total).toBe(12);
    expect(w.converged).toBe(true);
    expect(w.iterations).toBe(2); // independent margins: met in the first pass, the second changes nothing
    // weights(raked) -> 0.375 (funder north) ... 2.25 (nonprofit south)
    expect(w.weights).toEqual({ min: 0.375, max: 2.25 });
    // n * sum(w^2)/sum(w)^2 -> 1.40625; sum(w)^2/sum(w^2) -> 8.5333333333333332
    expectClose(w.designEffect, 1.40625, RAKE);
    expectClose(w.effectiveBase, 8.5333333333333332, RAKE);
    expectClose(results.base.effective, 8.5333333333333332, RAKE);
    expect(results.segments.map((s) => [s.id, s.respondents, s.weighted])).toEqual([
      ['funder', 6, 3],
      ['nonprofit', 6, 9],
    ]);
  });

  it('uses the raked weights for every weighted figure', async () => {
    const { results } = await analyze('fixtures/raked/survey.yaml');
    expect(results.settings).toMatchObject({ weighted: true, headline: 'weighted' });
    const funding = theme(results, 'funding');
    expect(funding.proportion).toBe(0.5); // 6 of 12, unweighted
    // coef(svymean(~funding, fixed)) -> 0.65625 (= coef(svymean(~funding, raked))); SE -> 0.15306592378497486
    expectClose(funding.weighted!.proportion, 0.65625, RAKE);
    expectClose(funding.weighted!.se, 0.15306592378497486, RAKE);
    // svyciprop(~funding, fixed, method = "logit") ci -> 0.30010487796172847 0.89473558548728305
    expectIntervalClose(funding.weighted!.ci, [0.30010487796172847, 0.89473558548728305], RAKE);
    // subset(fixed, segment == "funder"): coef -> 0.375, SE -> 0.22376555303994564
    expectClose(cell(results, 'funding', 'funder').weighted!.proportion, 0.375, RAKE);
    expectClose(cell(results, 'funding', 'funder').weighted!.se, 0.22376555303994564, RAKE);
    // subset(fixed, segment == "nonprofit"): coef -> 0.75, SE -> 0.17271231992693936
    expectClose(cell(results, 'funding', 'nonprofit').weighted!.se, 0.17271231992693936, RAKE);
    // svychisq(~funding + segment, fixed): F, ndf, ddf, p -> 1.6056670602125149 1 11 0.23127197501848418
    expect(funding.segmentTest).toMatchObject({ method: 'rao-scott', ndf: 1, ddf: 11 });
    expectClose(funding.segmentTest!.statistic, 1.6056670602125149, RAKE);
    expectClose(funding.segmentTest!.p, 0.23127197501848418, RAKE);
    // time: coef -> 0.4375, SE -> 0.17718426824854605; peer: coef -> 0.15625, SE -> 0.10572490988221402
    expectClose(theme(results, 'time').weighted!.proportion, 0.4375, RAKE);
    expectClose(theme(results, 'time').weighted!.se, 0.17718426824854605, RAKE);
    expectClose(theme(results, 'peer').weighted!.proportion, 0.15625, RAKE);
    expectClose(theme(results, 'peer').weighted!.se, 0.10572490988221402, RAKE);
  });

  it('writes results.weighting that the schema accepts', async () => {
    const diagnostics: Diagnostic[] = [];
    const analysis = await analyzeRound('fixtures/raked/survey.yaml', repoRoot, { report: (d) => void diagnostics.push(d) });
    if ('stopped' in analysis) throw new Error('stopped');
    const files = await renderReport(analysis);
    const json = JSON.parse(files.get('results.json') as string) as Results;
    expect(resultsSchemaErrors(json)).toEqual([]);
    expect(json.weighting!.method).toBe('rake');
    expect(resultsSchemaErrors({ ...json, weighting: { ...json.weighting!, iterations: 'two' } })).not.toEqual([]);
  });
});

describe('weighting.rake (fixtures/raked/trimmed.yaml: counts, three margins, trimmed)', () => {
  it('equals survey::rake then trimWeights(strict = TRUE) within 1e-6', async () => {
    const { results, diagnostics } = await analyze('fixtures/raked/trimmed.yaml');
    expect(diagnostics).toEqual([]);
    const w = results.weighting!;
    expect(w.total).toBe(1200);
    // passes of rake(design, list(~segment, ~region, ~size), pops, control = list(epsilon = 1e-9, maxit = 200, verbose = TRUE)) -> 10
    expect(w.iterations).toBe(10);
    // trimWeights(raked, upper = 160, lower = 50, strict = TRUE): sum(weights(trimmed) %in% c(50, 160)) -> 6
    expect(w.trim).toEqual({ lower: 50, upper: 160, trimmed: 6 });
    expect(w.weights).toEqual({ min: 50, max: 160 });
    // n * sum(w^2)/sum(w)^2 -> 1.204519031665495; sum(w)^2/sum(w^2) -> 9.9624826877226962
    expectClose(w.designEffect, 1.204519031665495, RAKE);
    expectClose(w.effectiveBase, 9.9624826877226962, RAKE);
    const achieved = w.margins.map((m) => m.categories.map((c) => c.achieved));
    // svytable(~segment, trimmed) -> 335.42366828465839 864.57633171534167
    expectClose(achieved[0]![0], 335.42366828465839, RAKE);
    expectClose(achieved[0]![1], 864.57633171534167, RAKE);
    // svytable(~region, trimmed) -> 744.57633171534167 455.42366828465839
    expectClose(achieved[1]![0], 744.57633171534167, RAKE);
    expectClose(achieved[1]![1], 455.42366828465839, RAKE);
    // svytable(~size, trimmed) -> 692.13953486039031 507.8604651396098 (R's order: large, small; the config's: small, large)
    expectClose(achieved[2]![0], 507.8604651396098, RAKE);
    expectClose(achieved[2]![1], 692.13953486039031, RAKE);
    expect(w.margins[2]!.categories.map((c) => c.target)).toEqual([500, 700]);
  });

  it('gives the weighted figures of the trimmed weights', async () => {
    const { results } = await analyze('fixtures/raked/trimmed.yaml');
    // coef(svymean(~funding, fixed)) -> 0.59540466529649627; SE -> 0.15775527273671133
    expectClose(theme(results, 'funding').weighted!.proportion, 0.59540466529649627, RAKE);
    expectClose(theme(results, 'funding').weighted!.se, 0.15775527273671133, RAKE);
    // svyciprop(~funding, fixed, method = "logit") ci -> 0.25826785588931284 0.86148735040208335
    expectIntervalClose(theme(results, 'funding').weighted!.ci, [0.25826785588931284, 0.86148735040208335], RAKE);
    // subset(fixed, segment == "funder"): coef -> 0.35530505630707421, SE -> 0.20955529007108836
    expectClose(cell(results, 'funding', 'funder').weighted!.proportion, 0.35530505630707421, RAKE);
    expectClose(cell(results, 'funding', 'funder').weighted!.se, 0.20955529007108836, RAKE);
    // peer, nonprofit: coef -> 0.1592154809876484, SE -> 0.15325227270249678
    expectClose(cell(results, 'peer', 'nonprofit').weighted!.proportion, 0.1592154809876484, RAKE);
    expectClose(cell(results, 'peer', 'nonprofit').weighted!.se, 0.15325227270249678, RAKE);
    // svychisq(~time + segment, fixed): F, p -> 1.0241818672515171, 0.33327236872647348
    expectClose(theme(results, 'time').segmentTest!.statistic, 1.0241818672515171, RAKE);
    expectClose(theme(results, 'time').segmentTest!.p, 0.33327236872647348, P_VALUE * 10);
  });
});
