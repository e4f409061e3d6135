import { isolate } from '../format/isolate.ts';
import { likertChartName } from '../charts/likert-chart-name.ts';
import type { QuestionResult, Results } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatInterval } from '../format/format-interval.ts';
import { formatPercent } from '../format/format-percent.ts';
import type { RenderedChart, ReportBlock } from './report-types.ts';
import { ratingRows, typedQuestionBlocks } from './typed-question-blocks.ts';

/**
 * "Closed questions": per question, its chart, the answers per level, the summary statistics (mean,
 * median, sd, top box with interval, weighted mean ± standard error) and the same by segment.
 * Omitted when the survey has no closed questions.
 */
export function questionsSection(results: Results, charts: readonly RenderedChart[]): ReportBlock[] {
  if (results.questions.length === 0) return [];
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: 'Closed questions', id: 'closed-questions' }];
  for (const question of results.questions) blocks.push(...questionBlocks(results, question, charts));
  return blocks;
}

function questionBlocks(results: Results, question: QuestionResult, charts: readonly RenderedChart[]): ReportBlock[] {
  // issue 16: each type has its own figures (typed-question-blocks.ts); ratings keep the blocks below.
  if (question.type !== undefined && question.type !== 'rating') return typedQuestionBlocks(results, question, charts);
  const confidence = formatConfidence(results.confidence);
  const levels =
    question.levels.length > 0
      ? question.levels
      : Object.keys(question.counts)
          .map(Number)
          .sort((a, b) => a - b)
          .map((level) => ({ level, label: String(level) }));
  const labelOf = new Map(levels.map(({ level, label }) => [level, label]));
  const top = question.topBox ?? { respondents: 0, proportion: null, ci: null, levels: [] };
  const topLevels = top.levels.map((level) => labelOf.get(level) ?? String(level));
  const topName = `Top ${top.levels.length} answers`;
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 3, text: question.label, id: `question-${question.id}` }];
  const chart = charts.find((candidate) => candidate.name === likertChartName(question.id));
  if (chart !== undefined) blocks.push({ kind: 'figure', chart });

  blocks.push({
    kind: 'table',
    caption: `Answers to "${question.label}" (${question.base} answered, ${question.missing} missing)`,
    head: ['Level', 'Label', 'Answers', '% of answers'],
    rows: levels.map(({ level, label, key }: { level: number; label: string; key?: string }) => {
      const count = question.counts[key ?? String(level)] ?? 0;
      return [String(level), label, String(count), formatPercent(question.base > 0 ? count / question.base : null)];
    }),
    numeric: [false, false, true, true],
    rowHeader: true,
  });

  const summary: string[][] = [
    ['Answered (base)', String(question.base)],
    ['Missing', String(question.missing)],
    ['Mean', fixed(question.mean, 2)],
    ['Median', fixed(question.median, 1)],
    ['Standard deviation', fixed(question.sd, 2)],
    [
      `${topName} (${topLevels.join(', ')})`,
      top.proportion === null ? 'n/a' : `${top.respondents} of ${question.base} (${formatPercent(top.proportion)}, ${confidence} CI ${formatInterval(top.ci)})`,
    ],
    ...ratingRows(question, labelOf, confidence),
  ];
  if (question.weighted !== null) {
    summary.push([
      'Weighted mean ± standard error',
      question.weighted.mean === null ? 'n/a' : `${fixed(question.weighted.mean, 2)} ± ${fixed(question.weighted.se, 2)}`,
    ]);
  }
  blocks.push({
    kind: 'table',
    caption: `Summary of "${question.label}"`,
    head: ['Statistic', 'Value'],
    rows: summary,
    numeric: [false, true],
    rowHeader: true,
  });

  if (question.bySegment.length > 0) {
    const segmentLabel = new Map(results.segments.map((segment) => [segment.id, segment.label]));
    blocks.push({
      kind: 'table',
      caption: `"${question.label}" by segment`,
      head: ['Segment', 'Answered', 'Missing', 'Mean', topName, `${confidence} CI`],
      rows: question.bySegment.map((segment) => [
        `${isolate(segmentLabel.get(segment.segment) ?? segment.segment)}${segment.lowBase ? '†' : ''}`,
        String(segment.base),
        String(segment.missing),
        fixed(segment.mean, 2),
        segment.topBox === null || segment.topBox.proportion === null
          ? 'n/a'
          : `${formatPercent(segment.topBox.proportion)} (${segment.topBox.respondents}/${segment.base})`,
        formatInterval(segment.topBox?.ci ?? null),
      ]),
      numeric: [false, true, true, true, true, true],
      rowHeader: true,
    });
    if (question.bySegment.some((segment) => segment.lowBase)) {
      blocks.push({
        kind: 'paragraph',
        role: 'footnote',
        text: `† Base below ${results.settings.minBase}: shown for completeness, not interpreted.`,
      });
    }
  }
  return blocks;
}

function fixed(value: number | null, digits: number): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  // Drop a trailing ".0" for whole medians ("5", not "5.0"); keep two decimals for means and sds.
  return digits === 1 && Number.isInteger(value) ? String(value) : value.toFixed(digits);
}
