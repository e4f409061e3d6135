/**
 * issue 16: every question type's figures on fixtures/question-types (words matched trimmed and
 * without case, a reverse-scored rating, single, space-joined multi, nps, numeric; with weights),
 * against the values R printed: test/tally/r/question-types.R (R 4.2.2, survey 4.1-1). The R call
 * behind each value is named beside it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionResult, Results } from '../../src/model.ts';
import { readConfig } from '../../src/config/read-config.ts';
import { chooseSource } from '../../src/ingest/read-source.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot } from '../helpers/run-cli.ts';

let results: Results;
const question = (id: string): QuestionResult => results.questions.find((q) => q.id === id)!;
const close = (actual: number | null | undefined, expected: number, digits = 12) => expect(actual).toBeCloseTo(expected, digits);
const closeAll = (actual: readonly (number | null)[] | null | undefined, expected: number[], digits = 12) => {
  expect(actual).not.toBeNull();
  expected.forEach((value, i) => close(actual![i], value, digits));
};
/** Fisher's exact test within 1e-9 relative (CONTRACT.md, Additions). */
const exact = (actual: number | null | undefined, expected: number) => expect(Math.abs((actual ?? Number.NaN) - expected) / expected).toBeLessThan(1e-9);

beforeAll(async () => {
  const diagnostics: string[] = [];
  const analysis = await analyzeRound('fixtures/question-types/survey.yaml', repoRoot, { report: (d) => diagnostics.push(d.message) });
  if ('stopped' in analysis) throw new Error('stopped');
  expect(diagnostics).toEqual([]);
  results = analysis.results;
});

describe('a rating answered in words', () => {
  it('matches words trimmed and without case, and gives R figures', () => {
    const q = question('clear');
    expect(q.type).toBe('rating');
    expect(Object.values(q.counts)).toEqual([6, 3, 6, 10, 6]); // table(factor(x, levels = 1:5))
    expect(q.counts['Neither agree nor disagree']).toBe(6); // " neither agree nor disagree " counts here
    close(q.mean, 3.225806451612903); // mean(x)
    expect(q.median).toBe(4); // median(x)
    close(q.sd, 1.4073539573576801); // sd(x)
    closeAll(q.topBox!.ci, [0.3484039544802881, 0.6802974843758268]); // prop.test(sum(x >= 4), n, correct = FALSE)$conf.int
    closeAll(q.bottomBox!.ci, [0.16095800156300616, 0.4659232933074992]); // prop.test(sum(x <= 2), n, correct = FALSE)
    // y = +1 top, -1 bottom: mean(y), sqrt(mean((y - mean(y))^2) / n), ± qnorm(0.975) se
    close(q.net!.score, 0.22580645161290322);
    close(q.net!.se, 0.1561082192162793);
    closeAll(q.net!.ci, [-0.0801600357416877, 0.5317729389674941]);
    exact(q.segmentTest!.p, 0.723021541261723); // fisher.test(table(clear >= 4, segment))
    expect(q.segmentTest!.method).toBe('fisher');
  });

  it('gives the weighted mean, boxes and net of the survey package', () => {
    const q = question('clear');
    close(q.weighted!.mean, 3.295774647887324); // svymean(~clear, design, na.rm = TRUE)
    close(q.weighted!.se, 0.2909028820541437);
    close(q.weighted!.topBox!.proportion, 0.571830985915493); // svymean(~I(clear >= 4), design, na.rm = TRUE)
    close(q.weighted!.topBox!.se, 0.09665645619805563);
    closeAll(q.weighted!.topBox!.ci, [0.373575177956059, 0.7494273386454966], 9); // svyciprop(~I(clear >= 4), subset(design, !is.na(clear)), method = "logit")
    close(q.weighted!.bottomBox!.proportion, 0.28732394366197184);
    closeAll(q.weighted!.bottomBox!.ci, [0.14212477203241744, 0.4952301367062305], 9);
    close(q.net!.weighted!.score, 0.28450704225352114); // svymean(~clearnet, design, na.rm = TRUE), confint
    close(q.net!.weighted!.se, 0.17639977071053353);
    closeAll(q.net!.weighted!.ci, [-0.061230155220247995, 0.6302442397272903]);
  });

  it('reverse-scores: score 6 − x, the top box is the original 1 and 2', () => {
    const q = question('confusing');
    expect(q.reverse).toBe(true);
    close(q.mean, 3.3548387096774195); // mean(6 - x)
    close(q.sd, 1.2529534999824532); // sd(6 - x)
    expect(q.topBox!.respondents).toBe(15); // sum(6 - x >= 4)
    expect(q.topBox!.levels).toEqual([4, 5]);
    expect(q.levels.map((l) => l.key)).toEqual(['5', '4', '3', '2', '1']);
  });
});

describe('a single question', () => {
  it('gives each option a Wilson interval, the weighted shares and the options × segment test', () => {
    const q = question('role');
    expect(q.options!.map((o) => o.respondents)).toEqual([14, 2, 2, 14]); // table(role)
    expect(q.base).toBe(32);
    expect(q.missing).toBe(2);
    closeAll(q.options![0]!.ci, [0.2816533111504037, 0.6067440886314801]); // prop.test(14, 32, correct = FALSE)$conf.int
    closeAll(
      q.options!.map((o) => o.weighted!.proportion),
      [0.41623036649214656, 0.07853403141361255, 0.0837696335078534, 0.4214659685863874],
    ); // coef(svymean(~role, design, na.rm = TRUE))
    closeAll(
      q.options!.map((o) => o.weighted!.se),
      [0.09501889164541429, 0.05663663735659952, 0.05883292222298948, 0.09524651328588798],
    ); // SE(svymean(~role, design, na.rm = TRUE))
    closeAll(q.options![3]!.weighted!.ci, [0.24723032271993134, 0.61772951547065], 9); // svyciprop(~I(role == "Volunteer"), subset(design, !is.na(role)), method = "logit")
    exact(q.segmentTest!.p, 0.0300613440408529); // fisher.test(table(role, segment)[rowSums > 0, ])
  });
});

describe('a multi question in one joined cell', () => {
  it('counts ticks of those who answered, tests each option with BH', () => {
    const q = question('channels');
    expect(q.base).toBe(26); // sum(q_channels != "")
    expect(q.options!.map((o) => o.respondents)).toEqual([13, 17, 10, 13]); // colSums(tick[answered, ])
    closeAll(q.options![3]!.ci, [0.32060593525759046, 0.6793940647424096]); // prop.test(13, 26, correct = FALSE)
    const p = [1, 0.7452561168808342, 0.12085900369653196, 0.051812395438724325]; // fisher.test(table(tick, segment))
    const bh = [1, 0.9936748225077788, 0.24171800739306393, 0.2072495817548973]; // p.adjust(p, "BH")
    q.options!.forEach((o, i) => {
      expect(o.segmentTest!.method).toBe('fisher');
      exact(o.segmentTest!.p, p[i]!);
      close(o.segmentTest!.pAdjusted, bh[i]!, 9);
    });
    close(q.options![0]!.weighted!.proportion, 0.3927392739273927); // svymean(~ch_email, design, na.rm = TRUE)
    close(q.options![0]!.weighted!.se, 0.10169930387990236);
    closeAll(q.options![0]!.weighted!.ci, [0.2118111758570924, 0.6088350308967106], 9); // svyciprop(..., method = "logit")
  });
});

describe('an nps question', () => {
  it('gives promoters, passives, detractors and the score with its interval', () => {
    const q = question('recommend');
    const nps = q.nps!;
    expect([nps.promoters, nps.passives, nps.detractors]).toEqual([8, 11, 12]);
    close(nps.score.score, -0.12903225806451613); // mean(y), y = +1 (9-10), -1 (0-6)
    close(nps.score.se, 0.142388832325472); // sqrt(mean((y - mean(y))^2) / n)
    closeAll(nps.score.ci, [-0.40810924122315384, 0.1500447250941216]); // ± qnorm(0.975) se
    close(nps.score.weighted!.score, -0.24225352112676055); // svymean(~npsy, design, na.rm = TRUE)
    close(nps.score.weighted!.se, 0.1333660758951037);
    closeAll(nps.score.weighted!.ci, [-0.5036462266405992, 0.019139184387078095]); // confint(svymean(...))
    expect(q.topBox).toBeNull();
    exact(q.segmentTest!.p, 0.4088953986542603); // fisher.test(table(cut(x, c(-1, 6, 8, 10)), segment))
  });
});

describe('a numeric question', () => {
  it('gives mean, median, sd, min, max, the t interval and the weighted mean', () => {
    const q = question('years');
    expect(q.base).toBe(30);
    close(q.mean, 8.556666666666667); // mean(v)
    close(q.median, 7.4); // median(v)
    close(q.sd, 5.972793682006444); // sd(v)
    expect([q.numeric!.min, q.numeric!.max]).toEqual([0.9, 19.8]); // min(v), max(v)
    closeAll(q.numeric!.ci, [6.326388852215453, 10.78694448111788]); // t.test(v)$conf.int
    close(q.weighted!.mean, 8.627586206896552); // svymean(~q_years, design, na.rm = TRUE)
    close(q.weighted!.se, 1.2287995574335322);
  });
});

describe('reading', () => {
  it('reads typed questions through papaparse and the rules (the byte scanner knows numeric levels only)', () => {
    const file = 'fixtures/question-types/survey.yaml';
    const config = readConfig({ file: `${repoRoot}/${file}`, displayFile: file, cwd: repoRoot }, { report: () => {} });
    expect(chooseSource(config!)).toBe('papaparse');
  });
});
