/**
 * issue 16: the report's blocks for each question type beyond today's rating item (nps, single,
 * multi, numeric) and the rows a rating gains (bottom box, net, weighted boxes, the segment test).
 * Net and NPS are stated in points (−100 to +100) with their interval; shares of single and multi
 * questions always name their base (those who answered; for multi, that several may be chosen).
 */
import { isolate } from '../format/isolate.ts';
import { likertChartName } from '../charts/likert-chart-name.ts';
import { optionBase } from '../charts/option-chart.ts';
import type { QuestionResult, Results, SegmentTest, WeightedShare } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatInterval } from '../format/format-interval.ts';
import { formatPercent } from '../format/format-percent.ts';
import { formatPValue } from '../format/format-p-value.ts';
import { formatPoints, formatPointsInterval } from '../format/format-points.ts';
import type { RenderedChart, ReportBlock } from './report-types.ts';

/** A net score in points with its interval: "+15 (95% CI −10 to +40)". */
export function formatNet(net: { score: number | null; ci: [number, number] | null }, confidence: string): string {
  if (net.score === null) return 'n/a';
  return `${formatPoints(0, net.score)} (${confidence} CI ${formatPointsInterval(net.ci)})`;
}

function weightedText(share: WeightedShare | undefined, confidence: string): string {
  if (share === undefined || share.proportion === null) return 'n/a';
  return `${formatPercent(share.proportion)} (${confidence} CI ${formatInterval(share.ci)})`;
}

/** The words for a segment test: "chi-square p = 0.041" or why there is none. */
function testText(test: SegmentTest | null | undefined, adjusted = false): string {
  if (test === null || test === undefined) return 'not tested (fewer than two segments with answers)';
  if (test.p === null) return `not tested (${test.reason ?? 'undefined'})`;
  const method = test.method === 'chi-square' ? 'chi-square' : "Fisher's exact test";
  return `${method} p = ${formatPValue(test.p)}${adjusted && test.pAdjusted !== null ? `, BH-adjusted ${formatPValue(test.pAdjusted)}` : ''}`;
}

/** The rows a rating's summary table gains: bottom box, net, weighted boxes and net, and the top box × segment test. */
export function ratingRows(question: QuestionResult, labelOf: Map<number, string>, confidence: string): string[][] {
  const rows: string[][] = [];
  if (question.bottomBox != null) {
    const bottom = question.bottomBox;
    const names = bottom.levels.map((level) => labelOf.get(level) ?? String(level));
    rows.push([
      `Bottom-${bottom.levels.length} box (${names.join(', ')})`,
      bottom.proportion === null
        ? 'n/a'
        : `${bottom.respondents} of ${question.base} (${formatPercent(bottom.proportion)}, ${confidence} CI ${formatInterval(bottom.ci)})`,
    ]);
  }
  if (question.net != null) rows.push(['Net (top box − bottom box, points)', formatNet(question.net, confidence)]);
  if (question.weighted?.topBox !== undefined) rows.push(['Weighted top box', weightedText(question.weighted.topBox, confidence)]);
  if (question.weighted?.bottomBox !== undefined) rows.push(['Weighted bottom box', weightedText(question.weighted.bottomBox, confidence)]);
  if (question.net?.weighted != null) rows.push(['Weighted net (points)', formatNet(question.net.weighted, confidence)]);
  if (question.reverse === true) rows.push(['Scoring', 'reverse-scored: the levels run from the least to the most favourable']);
  if (question.segmentTest !== undefined) rows.push(['Top box by segment', testText(question.segmentTest)]);
  return rows;
}

export function typedQuestionBlocks(results: Results, question: QuestionResult, charts: readonly RenderedChart[]): ReportBlock[] {
  const confidence = formatConfidence(results.confidence);
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 3, text: question.label, id: `question-${question.id}` }];
  const chart = charts.find((candidate) => candidate.name === likertChartName(question.id));
  if (chart !== undefined) blocks.push({ kind: 'figure', chart });
  const segmentLabel = new Map(results.segments.map((segment) => [segment.id, segment.label]));
  const segmentName = (id: string, lowBase: boolean) => `${isolate(segmentLabel.get(id) ?? id)}${lowBase ? '†' : ''}`;
  const segments = question.bySegment.filter((segment) => segment.base > 0 || segment.missing > 0);

  if (question.type === 'single' || question.type === 'multi') {
    const options = question.options ?? [];
    const weighted = options.some((option) => option.weighted !== null);
    const multi = question.type === 'multi';
    blocks.push({
      kind: 'table',
      caption: `Answers to "${question.label}", share ${optionBase(question)} (${question.missing} did not answer)`,
      head: [
        multi ? 'Option' : 'Answer',
        multi ? 'Chose it' : 'Answers',
        `% of ${question.base}`,
        `${confidence} CI`,
        ...(weighted ? ['Weighted %', `Weighted ${confidence} CI`] : []),
        ...(multi && segments.length > 1 ? ['Differs by segment?'] : []),
      ],
      rows: options.map((option) => [
        option.label,
        String(option.respondents),
        formatPercent(option.proportion),
        formatInterval(option.ci),
        ...(weighted ? [formatPercent(option.weighted?.proportion ?? null), formatInterval(option.weighted?.ci ?? null)] : []),
        ...(multi && segments.length > 1 ? [testText(option.segmentTest, true)] : []),
      ]),
      numeric: [false, true, true, true, ...(weighted ? [true, true] : []), ...(multi && segments.length > 1 ? [false] : [])],
      rowHeader: true,
    });
    if (question.other != null) {
      blocks.push({
        kind: 'paragraph',
        role: 'note',
        text: `${question.other.respondents} of ${question.base} respondents wrote an "other" answer (column ${question.other.column}); these free-text answers are kept out of the options above.`,
      });
    }
    if (segments.length > 1) {
      blocks.push({
        kind: 'table',
        caption: `"${question.label}" by segment: % of each segment's respondents who answered`,
        head: ['Segment', 'Answered', ...options.map((option) => option.label)],
        rows: segments.map((segment) => [
          segmentName(segment.segment, segment.lowBase),
          String(segment.base),
          ...options.map((option) => {
            const count = segment.counts[option.key] ?? 0;
            return `${formatPercent(segment.base > 0 ? count / segment.base : null)} (${count})`;
          }),
        ]),
        numeric: [false, true, ...options.map(() => true)],
        rowHeader: true,
      });
      if (!multi) blocks.push({ kind: 'paragraph', role: 'note', text: `Answers by segment: ${testText(question.segmentTest)}.` });
    }
  } else if (question.type === 'nps' && question.nps != null) {
    const nps = question.nps;
    const n = question.base;
    const part = (count: number) => `${count} (${formatPercent(n > 0 ? count / n : null)})`;
    const rows: string[][] = [
      ['Answered (base)', String(n)],
      ['Missing', String(question.missing)],
      ['Promoters (9–10)', part(nps.promoters)],
      ['Passives (7–8)', part(nps.passives)],
      ['Detractors (0–6)', part(nps.detractors)],
      ['Net Promoter Score (% promoters − % detractors)', formatNet(nps.score, confidence)],
      ['Mean (0–10)', fixed2(question.mean)],
    ];
    if (nps.score.weighted !== null) rows.push(['Weighted NPS', formatNet(nps.score.weighted, confidence)]);
    if (segments.length > 1) rows.push(['Promoters, passives and detractors by segment', testText(question.segmentTest)]);
    blocks.push({ kind: 'table', caption: `Summary of "${question.label}"`, head: ['Statistic', 'Value'], rows, numeric: [false, true], rowHeader: true });
    blocks.push({
      kind: 'paragraph',
      role: 'note',
      text: `The interval of the NPS is the Wald interval of a difference of two shares of one sample, with variance (p₁ + p₂ − (p₁ − p₂)²) / n.`,
    });
    if (segments.length > 1) {
      blocks.push({
        kind: 'table',
        caption: `"${question.label}" by segment`,
        head: ['Segment', 'Answered', 'NPS (points)', 'Promoters', 'Detractors'],
        rows: segments.map((segment) => {
          const promoters = (segment.counts['9'] ?? 0) + (segment.counts['10'] ?? 0);
          const detractors = [0, 1, 2, 3, 4, 5, 6].reduce((a, l) => a + (segment.counts[String(l)] ?? 0), 0);
          return [
            segmentName(segment.segment, segment.lowBase),
            String(segment.base),
            segment.nps == null ? 'n/a' : formatPoints(0, segment.nps),
            formatPercent(segment.base > 0 ? promoters / segment.base : null),
            formatPercent(segment.base > 0 ? detractors / segment.base : null),
          ];
        }),
        numeric: [false, true, true, true, true],
        rowHeader: true,
      });
    }
  } else if (question.type === 'numeric') {
    const rows: string[][] = [
      ['Answered (base)', String(question.base)],
      ['Missing', String(question.missing)],
      ['Mean', `${fixed2(question.mean)} (${confidence} CI ${interval2(question.numeric?.ci ?? null)})`],
      ['Median', fixed2(question.median)],
      ['Standard deviation', fixed2(question.sd)],
      ['Minimum', fixed2(question.numeric?.min ?? null)],
      ['Maximum', fixed2(question.numeric?.max ?? null)],
    ];
    if (question.weighted !== null) rows.push(['Weighted mean ± standard error', `${fixed2(question.weighted.mean)} ± ${fixed2(question.weighted.se)}`]);
    blocks.push({ kind: 'table', caption: `Summary of "${question.label}"`, head: ['Statistic', 'Value'], rows, numeric: [false, true], rowHeader: true });
    if (segments.length > 1) {
      blocks.push({
        kind: 'table',
        caption: `"${question.label}" by segment`,
        head: ['Segment', 'Answered', 'Missing', 'Mean'],
        rows: segments.map((segment) => [segmentName(segment.segment, segment.lowBase), String(segment.base), String(segment.missing), fixed2(segment.mean)]),
        numeric: [false, true, true, true],
        rowHeader: true,
      });
    }
  }
  if (question.bySegment.some((segment) => segment.lowBase)) {
    blocks.push({ kind: 'paragraph', role: 'footnote', text: `† Base below ${results.settings.minBase}: shown for completeness, not interpreted.` });
  }
  return blocks;
}

function fixed2(value: number | null): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function interval2(ci: [number, number] | null): string {
  return ci === null ? 'n/a' : `${ci[0].toFixed(2)} to ${ci[1].toFixed(2)}`;
}
