import type { ChangeFigure, ChangeResult, ThemeChange } from '../model.ts';
import { changeVerdict } from '../format/change-verdict.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatPercent } from '../format/format-percent.ts';
import { changePoints, formatPointsInterval } from '../format/format-points.ts';

export interface ChangeFinding {
  /** The theme's code. */
  theme: string;
  /** The segment's id, or null for all respondents. */
  segment: string | null;
  verdict: 'rose' | 'fell';
  /** "Mentions of "Project structure" fell from 45% to 20% of funders, a drop of 25 points (95% CI 8 to 42)." */
  text: string;
}

export interface ChangeContext {
  alpha: number;
  minBase: number;
  confidence: number;
  /** Plural nouns of the segments by id, in report order ("funders"). */
  segments: ReadonlyMap<string, string>;
  /** Issue 17: the caveats stated after a sentence on a theme (theme-caveats.ts): coding, and an earlier figure that differs from the earlier report. */
  caveats?: (theme: ThemeChange) => readonly (string | null)[];
}

/**
 * The sentences of "What changed since <previous round>": one per change that survives the
 * Benjamini–Hochberg adjustment (adjusted p below alpha) with both bases at least `minBase`, all
 * respondents first, then each segment in report order; within each, the largest changes first.
 * Nothing is said about any other change: the tables carry them.
 */
export function changeFindings(change: ChangeResult, context: ChangeContext): ChangeFinding[] {
  const order = new Map(change.themes.map((theme, index) => [theme.code, index]));
  const size = (finding: { theme: ThemeChange; figure: ChangeFigure }): number =>
    Math.abs(changePoints(finding.figure.previous.proportion, finding.figure.current.proportion) ?? 0);
  const pick = (segment: string | null): ChangeFinding[] =>
    change.themes
      .flatMap((theme) => {
        const figure = segment === null ? theme : theme.bySegment.find((cell) => cell.segment === segment);
        if (figure === undefined) return [];
        const lowBase = 'lowBase' in figure && figure.lowBase === true;
        const verdict = changeVerdict(figure, context.alpha, context.minBase, lowBase);
        return verdict === 'rose' || verdict === 'fell' ? [{ theme, figure, verdict }] : [];
      })
      .sort((a, b) => size(b) - size(a) || (order.get(a.theme.code) ?? 0) - (order.get(b.theme.code) ?? 0))
      .map(({ theme, figure, verdict }) => ({
        theme: theme.code,
        segment,
        verdict,
        text: withCaveats(
          changeSentence(theme.label, figure, verdict, segment === null ? 'respondents' : (context.segments.get(segment) ?? segment), context.confidence),
          context.caveats?.(theme) ?? [],
        ),
      }));
  return [...pick(null), ...[...context.segments.keys()].flatMap((segment) => pick(segment))];
}

/**
 * One change as a sentence, with the same rounded figures as the change tables. The verdict uses the
 * BH-adjusted p but the interval is the plain Wald interval, so the sentence says so (one verdict per
 * interval: the reader is never left to reconcile an interval and a verdict made on different scales).
 */
export function changeSentence(label: string, figure: ChangeFigure, verdict: 'rose' | 'fell', noun: string, confidence: number): string {
  const points = Math.abs(changePoints(figure.previous.proportion, figure.current.proportion) ?? 0);
  const interval = formatPointsInterval(figure.ci, verdict === 'fell');
  return `Mentions of "${label}" ${verdict} from ${formatPercent(figure.previous.proportion)} to ${formatPercent(figure.current.proportion)} of ${noun}, a ${verdict === 'fell' ? 'drop' : 'rise'} of ${points} point${points === 1 ? '' : 's'} (${formatConfidence(confidence)} CI ${interval}, not adjusted for the number of themes compared).`;
}

/** A sentence with its caveats after it, in brackets: "… compared). (Caveat; caveat.)" */
function withCaveats(sentence: string, caveats: readonly (string | null)[]): string {
  const stated = caveats.filter((caveat): caveat is string => caveat !== null && caveat !== '');
  if (stated.length === 0) return sentence;
  const text = stated.join('; ');
  return `${sentence} (${text.charAt(0).toUpperCase()}${text.slice(1)}.)`;
}
