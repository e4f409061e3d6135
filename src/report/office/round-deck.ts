import type { Results } from '../../model.ts';
import { formatConfidence } from '../../format/format-confidence.ts';
import { likertChartName } from '../../charts/likert-chart-name.ts';
import { executiveSummary } from '../executive-summary.ts';
import type { RenderedChart, ReportBlock, ReportOptions } from '../report-types.ts';
import { inlineText } from './inline-text.ts';
import { methodsGroups } from './methods-groups.ts';
import type { FindingSlide, SlideDeck } from './slide-deck.ts';

/**
 * A round's slide deck: the report's own summary (executiveSummary, the sentences report.html
 * opens with), each on a slide with the chart it reads from (the change chart for a change, the
 * question's chart for a closed question, the by-segment chart for a difference between segments,
 * the prevalence chart for a share of all respondents), its base and source
 * lines, and speaker notes with every figure behind the sentence at full precision; then every
 * chart; then the methods, from the report document's methods section.
 */
export function roundDeck(results: Results, charts: readonly RenderedChart[], blocks: readonly ReportBlock[], options: ReportOptions = {}): SlideDeck {
  const findings = executiveSummary(results, {
    count: options.keyFindings ?? 5,
    statements: options.statements ?? {},
    plurals: options.plurals ?? {},
    pairs: options.pairs ?? [],
  });
  const chart = (name: string): RenderedChart | null => charts.find((candidate) => candidate.name === name) ?? null;
  const confidence = formatConfidence(results.confidence);
  const segmentLabel = new Map(results.segments.map((segment) => [segment.id, segment.label]));
  const round = results.survey.round === '' ? '' : `, round ${results.survey.round}`;
  const source = `Source: ${results.survey.title}${round} (${results.survey.id}), ${results.base.respondents} respondents; figures as in results.json.`;
  const interval = (ci: readonly [number, number] | null): string => (ci === null ? 'undefined' : `[${ci[0]}, ${ci[1]}]`);

  const slides = findings.map((finding, index): FindingSlide => {
    const theme = results.themes.find((candidate) => candidate.code === finding.themes[0]);
    const question = results.questions.find((candidate) => candidate.id === finding.questions[0]);
    // A sentence about all respondents leads with the theme's own figures; one about segments, with a segment's.
    const overall = finding.source !== 'segment';
    const notes = [finding.text, ''];
    if (question !== undefined && question.topBox !== null) {
      notes.push(`Question: ${question.label} (${question.id}); answered ${question.base}, missing ${question.missing}`);
      notes.push(
        `Top box: ${question.topBox.respondents} of ${question.base}; proportion ${question.topBox.proportion}; ${confidence} Wilson CI ${interval(question.topBox.ci)}`,
      );
    }
    if (theme !== undefined) {
      notes.push(`Theme: ${theme.label} (${theme.code})`);
      notes.push(`All respondents: ${theme.respondents} of ${theme.base}; proportion ${theme.proportion}; ${confidence} Wilson CI ${interval(theme.ci)}`);
      if (theme.weighted !== null)
        notes.push(`Weighted: proportion ${theme.weighted.proportion}; SE ${theme.weighted.se}; ${confidence} logit CI ${interval(theme.weighted.ci)}`);
      if (!overall) {
        for (const cell of theme.bySegment) {
          notes.push(
            `${segmentLabel.get(cell.segment) ?? cell.segment}: ${cell.respondents} of ${cell.base}; proportion ${cell.proportion}; ${confidence} Wilson CI ${interval(cell.ci)}${cell.lowBase ? ' (low base)' : ''}`,
          );
        }
      }
      const test = theme.segmentTest;
      if (test !== null)
        notes.push(`Segment test: ${test.method ?? 'none'}; statistic ${test.statistic}; df ${test.df}; p ${test.p}; BH-adjusted p ${test.pAdjusted}`);
    }
    const base = overall
      ? `Base: all ${results.base.respondents} respondents${question === undefined ? '' : `; the question: ${question.base} who answered`}.`
      : `Base: ${results.segments.map((segment) => `${segment.label} ${segment.respondents}`).join(', ')} respondents.`;
    const drawn =
      finding.source === 'change'
        ? chart('change')
        : finding.source === 'segment'
          ? chart('themes-by-segment')
          : finding.source === 'question' && question !== undefined
            ? chart(likertChartName(question.id))
            : null;
    return {
      heading: `Key finding ${index + 1} of ${findings.length}${theme !== undefined ? `: ${theme.label}` : question !== undefined ? `: ${question.label}` : ''}`,
      text: finding.text,
      chart: drawn ?? chart('theme-prevalence'),
      base,
      source,
      notes: notes.join('\n'),
    };
  });

  const facts = blocks.find((block) => block.kind === 'facts');
  const note = results.survey.note !== null && results.survey.note.trim() !== '' ? results.survey.note.trim() : null;
  return {
    title: results.survey.title,
    facts: facts?.kind === 'facts' ? facts.items.map((item) => ({ term: item.term, value: inlineText(item.value) })) : [],
    note,
    findings: slides,
    noFindings: sectionText(blocks, 'key-findings'),
    charts: [...charts],
    source,
    methods: methodsGroups(blocks),
  };
}

/** The first paragraph of a section, in the document's words (what the report says when a list is empty). */
function sectionText(blocks: readonly ReportBlock[], id: string): string {
  const at = blocks.findIndex((block) => block.kind === 'heading' && block.id === id);
  const next = blocks[at + 1];
  return at >= 0 && next?.kind === 'paragraph' ? inlineText(next.text) : '';
}
