import type { Results } from '../../model.ts';
import { formatConfidence } from '../../format/format-confidence.ts';
import { keyFindings } from '../key-findings.ts';
import type { RenderedChart, ReportBlock, ReportOptions } from '../report-types.ts';
import { inlineText } from './inline-text.ts';
import { methodsGroups } from './methods-groups.ts';
import type { FindingSlide, SlideDeck } from './slide-deck.ts';

/**
 * A round's slide deck: the report's own key findings (keyFindings, the sentences report.html
 * opens with), each on a slide with the chart it reads from (the prevalence chart for a share of
 * all respondents, the by-segment chart for a difference between segments), its base and source
 * lines, and speaker notes with every figure behind the sentence at full precision; then every
 * chart; then the methods, from the report document's methods section.
 */
export function roundDeck(results: Results, charts: readonly RenderedChart[], blocks: readonly ReportBlock[], options: ReportOptions = {}): SlideDeck {
  const findings = keyFindings(results, options.keyFindings ?? 5, options.statements ?? {}, options.plurals ?? {});
  const chart = (name: string): RenderedChart | null => charts.find((candidate) => candidate.name === name) ?? null;
  const confidence = formatConfidence(results.confidence);
  const segmentLabel = new Map(results.segments.map((segment) => [segment.id, segment.label]));
  const round = results.survey.round === '' ? '' : `, round ${results.survey.round}`;
  const source = `Source: ${results.survey.title}${round} (${results.survey.id}), ${results.base.respondents} respondents; figures as in results.json.`;
  const interval = (ci: readonly [number, number] | null): string => (ci === null ? 'undefined' : `[${ci[0]}, ${ci[1]}]`);

  const slides = findings.map((finding, index): FindingSlide => {
    const theme = results.themes.find((candidate) => candidate.code === finding.theme);
    // A finding about all respondents leads with the theme's own figures; one about segments, with a segment's.
    const overall = theme !== undefined && finding.respondents === theme.respondents && finding.base === theme.base;
    const notes = [finding.text, ''];
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
      ? `Base: all ${finding.base} respondents.`
      : `Base: ${results.segments.map((segment) => `${segment.label} ${segment.respondents}`).join(', ')} respondents.`;
    return {
      heading: `Key finding ${index + 1} of ${findings.length}${theme === undefined ? '' : `: ${theme.label}`}`,
      text: finding.text,
      chart: overall ? chart('theme-prevalence') : (chart('themes-by-segment') ?? chart('theme-prevalence')),
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
