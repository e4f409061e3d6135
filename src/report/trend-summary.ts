import type { ChangeFigure, ChangeResult, TrendResults } from '../model.ts';
import { changeVerdict } from '../format/change-verdict.ts';
import { formatPercent } from '../format/format-percent.ts';
import { changePoints, formatPointsInterval } from '../format/format-points.ts';
import { trendFigureCaveat } from './theme-caveats.ts';

/**
 * The executive summary of a trend report, its first screen, by the same rule as a round's
 * (executiveSummary): changes first (since the first round, then since the previous round; each a
 * theme's share or a closed question's top box that survives the adjustment for the number of
 * themes compared with both bases adequate, largest first), then every closed question's top box in
 * the latest round with its first-round figure, then the most mentioned themes of the latest round.
 * The best of each non-empty group first, then the rest in that order, up to `count`. Plain words.
 */
export function trendSummary(trend: TrendResults, settings: { alpha: number; minBase: number }, count = 5): string[] {
  const { alpha, minBase } = settings;
  const first = trend.rounds[0];
  const last = trend.rounds[trend.rounds.length - 1];
  if (first === undefined || last === undefined) return [];
  const latestChange = trend.changes[trend.changes.length - 1] ?? null;
  const previous = trend.rounds[trend.rounds.length - 2]?.round ?? first.round;
  const changes: string[] = [];
  const said = new Set<string>();
  const changeSentences = (change: ChangeResult | null | undefined, since: string, sinceIndex: number) => {
    if (change == null) return;
    const found: { size: number; key: string; text: string }[] = [];
    const consider = (key: string, subject: string, figure: ChangeFigure, caveat: string | null = null) => {
      const verdict = changeVerdict(figure, alpha, minBase);
      if (verdict !== 'rose' && verdict !== 'fell') return;
      const points = Math.abs(changePoints(figure.previous.proportion, figure.current.proportion) ?? 0);
      found.push({
        size: points,
        key,
        text: `Since ${since}, ${subject} ${verdict} from ${formatPercent(figure.previous.proportion)} to ${formatPercent(figure.current.proportion)} in ${last.round} (${figure.current.respondents} of ${figure.current.base}; a ${verdict === 'fell' ? 'drop' : 'rise'} of ${points} point${points === 1 ? '' : 's'}, likely range ${formatPointsInterval(figure.ci, verdict === 'fell')} points${caveat === null ? '' : `; ${caveat}`}).`,
      });
    };
    // Issue 17: an earlier figure mapped from codes merged or renamed later says so.
    for (const theme of change.themes)
      consider(`t:${theme.code}`, `the share of respondents mentioning "${theme.label}"`, theme, trendFigureCaveat(trend, theme.code, sinceIndex));
    for (const question of change.questions ?? []) consider(`q:${question.id}`, `the share who chose the top answers to "${question.label}"`, question.topBox);
    found.sort((a, b) => b.size - a.size);
    for (const item of found) {
      if (said.has(item.key)) continue;
      said.add(item.key);
      changes.push(item.text);
    }
  };
  if (trend.rounds.length > 2) changeSentences(trend.firstToLast, first.round, 0);
  changeSentences(latestChange, previous, Math.max(0, trend.rounds.length - 2));

  const questions: string[] = [];
  for (const question of trend.questions ?? []) {
    const now = question.points[question.points.length - 1];
    const then = question.points.find((point) => point.topBox !== null && point.topBox.proportion !== null);
    if (now?.topBox == null || now.topBox.proportion === null || (now.base ?? 0) < minBase) continue;
    const earlier = then !== undefined && then !== now ? `; ${formatPercent(then.topBox!.proportion)} in ${then.round}` : '';
    questions.push(
      `In ${now.round}, ${formatPercent(now.topBox.proportion)} of those who answered chose the top answers to "${question.label}" (${now.topBox.respondents} of ${now.base}${earlier}).`,
    );
  }

  const themes = trend.themes
    .filter((theme) => theme.parent === null)
    .flatMap((theme) => {
      const point = theme.points[theme.points.length - 1];
      return point?.proportion != null && point.respondents !== null && point.base >= minBase ? [{ theme, point }] : [];
    })
    .sort((a, b) => (b.point.proportion ?? 0) - (a.point.proportion ?? 0))
    .map(({ theme, point }) => {
      const firstPoint = theme.points.find((candidate) => candidate.respondents !== null);
      const firstIndex = firstPoint === undefined ? -1 : theme.points.indexOf(firstPoint);
      const caveat = firstIndex < 0 ? null : trendFigureCaveat(trend, theme.code, firstIndex);
      const since =
        firstPoint !== undefined && firstPoint !== point
          ? `; ${formatPercent(firstPoint.proportion)} in ${firstPoint.round}${caveat === null ? '' : `; ${caveat}`}`
          : '';
      return `In ${last.round}, ${formatPercent(point.proportion)} of respondents mentioned "${theme.label}" (${point.respondents} of ${point.base}${since}).`;
    });

  const groups = [changes, questions, themes];
  const taken = groups.map(() => 0);
  let left = Math.max(0, Math.floor(count));
  groups.forEach((group, index) => {
    if (left > 0 && group.length > 0) {
      taken[index] = 1;
      left -= 1;
    }
  });
  groups.forEach((group, index) => {
    const extra = Math.min(left, group.length - taken[index]!);
    taken[index]! += extra;
    left -= extra;
  });
  return groups.flatMap((group, index) => group.slice(0, taken[index]));
}
