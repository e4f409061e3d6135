/**
 * issue 16: the key findings' headline sentence of each question type, with labels (never code
 * names), the count and base beside the share, and the weighted share leading under report.weighted.
 * Figures: fixtures/question-types (R-checked in test/tally/question-types.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { questionHeadline } from '../../src/report/question-headline.ts';
import { repoRoot } from '../helpers/run-cli.ts';

let results: Results;
beforeAll(async () => {
  const analysis = await analyzeRound('fixtures/question-types/survey.yaml', repoRoot, { report: () => {} });
  if ('stopped' in analysis) throw new Error('stopped');
  results = analysis.results;
});

const headline = (id: string, weighted: boolean) => {
  const view: Results = { ...results, settings: { ...results.settings, headline: weighted ? 'weighted' : 'unweighted' } };
  return questionHeadline(view, results.questions.find((q) => q.id === id)!);
};

describe('question headlines', () => {
  it('state each type by its one figure, unweighted', () => {
    expect(headline('clear', false)).toBe(
      '"The goals were clear": 16 of 31 who answered (52%, 95% CI 35–68%) chose Agree or Strongly agree; net +23 points (95% CI −8 to 53).',
    );
    expect(headline('role', false)).toBe(
      '"Your role": the most common answer was Program staff and Volunteer, 14 of 32 who answered (44%, 95% CI 28–61%) each.',
    );
    expect(headline('channels', false)).toBe(
      '"Channels you use": Newsletter was chosen most often, by 17 of 26 who answered (65%, 95% CI 46–81%; each could choose several).',
    );
    expect(headline('recommend', false)).toBe(
      '"How likely are you to recommend the collaborative": Net Promoter Score −13 (95% CI −41 to 15) from 31 answers: 8 promoters, 11 passives, 12 detractors.',
    );
    expect(headline('years', false)).toBe('"Years in the sector": mean 8.56 (95% CI 6.33 to 10.79), median 7.40, from 30 answers.');
  });

  it('lead with the weighted figure under report.weighted, the count beside it', () => {
    expect(headline('clear', true)).toBe(
      '"The goals were clear": 16 of 31 who answered (weighted 57%, 95% CI 37–75%) chose Agree or Strongly agree; weighted net +28 points (95% CI −6 to 63).',
    );
    // The weighted shares break the unweighted tie between Program staff and Volunteer (41.6% and 42.1%).
    expect(headline('role', true)).toBe('"Your role": the most common answer was Volunteer, 14 of 32 who answered (weighted 42%, 95% CI 25–62%).');
  });

  it('say nothing from a low base', () => {
    const view: Results = { ...results, settings: { ...results.settings, minBase: 40 } };
    expect(results.questions.map((q) => questionHeadline(view, q))).toEqual(results.questions.map(() => null));
  });
});
