import type { TrendResults } from '../../model.ts';
import { changeVerdict } from '../../format/change-verdict.ts';
import { formatConfidence } from '../../format/format-confidence.ts';
import type { ReportBlock } from '../report-types.ts';
import type { TrendSettings } from '../trend-document.ts';
import { documentLines } from './document-lines.ts';
import { changeFigures } from './round-sheets.ts';
import type { Sheet, SheetCell, SheetColumn } from './render-workbook.ts';

/**
 * The sheets of a trend report's tables.xlsx: "About" (title block, what changed, methods, from the
 * trend document), "Trend" (every theme's share per round, each round's base in its headers) and
 * "Changes" (every change between consecutive rounds; the bases differ by row, so they have columns
 * of their own, which the figure headers name). Every figure is the number in trend.json.
 */
export function trendSheets(trend: TrendResults, blocks: readonly ReportBlock[], settings: TrendSettings): Sheet[] {
  const confidence = formatConfidence(trend.confidence);
  const text = (header: string, width = 14): SheetColumn => ({ header, format: 'text', width });
  const figure = (header: string, format: SheetColumn['format'], width = 14): SheetColumn => ({ header, format, width });
  const baseOf = (round: TrendResults['rounds'][number]): string => {
    const bases = new Set(trend.themes.map((theme) => theme.points.find((point) => point.round === round.round)?.base ?? round.respondents));
    return bases.size <= 1 ? `base ${[...bases][0] ?? round.respondents}` : 'base varies';
  };
  const sheets: Sheet[] = [
    { kind: 'text', name: 'About', lines: documentLines(blocks, ['changes', 'methods']) },
    {
      kind: 'table',
      name: 'Trend',
      frozenColumns: 2,
      columns: [
        text('Code', 18),
        text('Theme', 44),
        ...trend.rounds.flatMap((round) => [
          figure(`${round.round}: n (${baseOf(round)})`, 'count', 12),
          figure(`${round.round}: % (${baseOf(round)})`, 'percent', 12),
          figure(`${round.round}: ${confidence} CI lower (${baseOf(round)})`, 'percent', 14),
          figure(`${round.round}: ${confidence} CI upper (${baseOf(round)})`, 'percent', 14),
        ]),
      ],
      rows: trend.themes.map((theme): SheetCell[] => [
        theme.code,
        theme.label,
        ...trend.rounds.flatMap((round): SheetCell[] => {
          const point = theme.points.find((candidate) => candidate.round === round.round);
          // A round in which the code did not exist has no figure (CONTRACT: null, never 0).
          if (point === undefined || point.proportion === null) return [null, null, null, null];
          return [point.respondents, point.proportion, point.ci?.[0] ?? null, point.ci?.[1] ?? null];
        }),
      ]),
    },
  ];
  if (trend.changes.length > 0) {
    const roundOf = new Map(trend.rounds.map((round, index) => [round.id, index]));
    sheets.push({
      kind: 'table',
      name: 'Changes',
      frozenColumns: 3,
      columns: [
        text('From round', 10),
        text('To round', 10),
        text('Theme', 44),
        text('Code', 18),
        figure('From base', 'count', 10),
        figure('From: n (base in From base)', 'count', 12),
        figure('From: % (base in From base)', 'percent', 12),
        figure('To base', 'count', 10),
        figure('To: n (base in To base)', 'count', 12),
        figure('To: % (base in To base)', 'percent', 12),
        figure('Difference, points (bases in From base, To base)', 'points', 16),
        figure(`${confidence} CI lower, points (bases in From base, To base)`, 'points', 16),
        figure(`${confidence} CI upper, points (bases in From base, To base)`, 'points', 16),
        figure('z (bases in From base, To base)', 'statistic', 10),
        figure('p (bases in From base, To base)', 'p', 10),
        figure('BH-adjusted p (bases in From base, To base)', 'p', 12),
        text('Result', 24),
      ],
      rows: trend.changes.flatMap((change, index) => {
        const at = roundOf.get(change.previous) ?? index;
        const from = change.previousRound || trend.rounds[at]?.round || change.previous;
        const to = trend.rounds[at + 1]?.round ?? '';
        return change.themes.map((theme): SheetCell[] => [
          from,
          to,
          theme.label,
          theme.code,
          ...changeFigures(theme),
          changeVerdict(theme, settings.alpha, settings.minBase),
        ]);
      }),
    });
  }
  return sheets;
}
