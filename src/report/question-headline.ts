/**
 * issue 16: one headline sentence per closed question for the key findings, by type, always with
 * the question's label and its answer labels (never code names), the count and base beside the
 * share, and the interval. With report.weighted the weighted share leads and the unweighted count
 * stands beside it, as for themes. `null` when fewer than report.minBase answered (nothing is said
 * from a low base).
 *
 * - rating: `"<label>": 39 of 42 who answered (93%, 95% CI 81–98%) chose Agree or Strongly agree; net +90 points (95% CI 79 to 100).`
 * - nps:    `"<label>": Net Promoter Score +15 (95% CI −10 to +40) from 31 answers: 8 promoters, 11 passives, 12 detractors.`
 * - single: `"<label>": the most common answer was Program staff, 14 of 32 who answered (44%, 95% CI 28–61%).`
 * - multi:  `"<label>": Newsletter was chosen most often, by 17 of 26 who answered (65%, 95% CI 46–81%; each could choose several).`
 * - numeric: `"<label>": mean 8.56 (95% CI 6.33 to 10.79), median 7.4, from 30 answers.`
 */
import type { Interval, OptionResult, QuestionResult, Results, WeightedShare } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatInterval } from '../format/format-interval.ts';
import { formatPercent } from '../format/format-percent.ts';
import { formatNet } from './typed-question-blocks.ts';

export function questionHeadline(results: Results, question: QuestionResult): string | null {
  if (question.base < results.settings.minBase || question.base === 0) return null;
  const confidence = formatConfidence(results.confidence);
  const weightedLead = results.settings.headline === 'weighted';
  const share = (respondents: number, proportion: number | null, ci: Interval | null, weighted: WeightedShare | null | undefined, extra = '') => {
    const lead =
      weightedLead && weighted != null && weighted.proportion !== null && weighted.ci !== null
        ? `weighted ${formatPercent(weighted.proportion)}, ${confidence} CI ${formatInterval(weighted.ci)}`
        : `${formatPercent(proportion)}, ${confidence} CI ${formatInterval(ci)}`;
    return `${respondents} of ${question.base} who answered (${lead}${extra})`;
  };
  const title = `"${question.label}"`;
  switch (question.type ?? 'rating') {
    case 'rating': {
      const top = question.topBox;
      if (top === null) return null;
      const labels = new Map(question.levels.map((level) => [level.level, level.label]));
      const names = top.levels.map((level) => labels.get(level) ?? String(level)).join(' or ');
      const weightedNet = weightedLead && question.net?.weighted != null;
      const net =
        question.net != null
          ? `; ${weightedNet ? 'weighted net' : 'net'} ${formatNet(weightedNet ? question.net.weighted! : question.net, confidence).replace(' (', ' points (')}`
          : '';
      return `${title}: ${share(top.respondents, top.proportion, top.ci, question.weighted?.topBox)} chose ${names}${net}.`;
    }
    case 'nps': {
      const nps = question.nps;
      if (nps == null) return null;
      const score = weightedLead && nps.score.weighted != null ? `weighted ${formatNet(nps.score.weighted, confidence)}` : formatNet(nps.score, confidence);
      return `${title}: Net Promoter Score ${score} from ${question.base} answers: ${nps.promoters} promoters, ${nps.passives} passives, ${nps.detractors} detractors.`;
    }
    case 'single':
    case 'multi': {
      const top = mostChosen(question.options ?? [], weightedLead);
      if (top.length === 0) return null;
      const names = top.map((option) => option.label).join(' and ');
      const first = top[0]!;
      const each = top.length > 1 ? ' each' : '';
      if (question.type === 'single') {
        return `${title}: the most common answer was ${names}, ${share(first.respondents, first.proportion, first.ci, first.weighted)}${each}.`;
      }
      return `${title}: ${names} ${top.length > 1 ? 'were' : 'was'} chosen most often, by ${share(first.respondents, first.proportion, first.ci, first.weighted, '; each could choose several')}${each}.`;
    }
    case 'numeric': {
      if (question.mean === null) return null;
      const ci = question.numeric?.ci ?? null;
      const mean =
        weightedLead && question.weighted?.mean != null
          ? `weighted mean ${fixed(question.weighted.mean)} (mean ${fixed(question.mean)}`
          : `mean ${fixed(question.mean)} (`;
      const interval = ci === null ? '' : `${weightedLead && question.weighted?.mean != null ? ', ' : ''}${confidence} CI ${fixed(ci[0])} to ${fixed(ci[1])}`;
      return `${title}: ${mean}${interval}), median ${fixed(question.median)}, from ${question.base} answers.`;
    }
  }
}

/** The options with the largest headline share (weighted when it leads; ties kept, in the config's order); none when nobody chose any. */
function mostChosen(options: readonly OptionResult[], weighted: boolean): OptionResult[] {
  const figure = (option: OptionResult) => (weighted && option.weighted?.proportion != null ? option.weighted.proportion : option.respondents);
  const chosen = options.filter((option) => option.respondents > 0);
  const most = Math.max(...chosen.map(figure));
  return chosen.filter((option) => figure(option) === most);
}

function fixed(value: number | null): string {
  if (value === null) return 'n/a';
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
