import type { TrendResults } from '../../model.ts';
import { changeSentence } from '../change-findings.ts';
import { changeVerdict } from '../../format/change-verdict.ts';
import type { RenderedChart, ReportBlock } from '../report-types.ts';
import type { TrendSettings } from '../trend-document.ts';
import { inlineText } from './inline-text.ts';
import { methodsGroups } from './methods-groups.ts';
import type { FindingSlide, SlideDeck } from './slide-deck.ts';

/**
 * A trend report's slide deck: the title block of the trend document; one slide per change between
 * consecutive rounds that the trend report states (changeVerdict rose or fell, the sentence by
 * changeSentence, as trend-document.ts writes it), with the trend chart, both rounds' bases, and
 * the test's figures at full precision in the notes; the chart; the methods.
 */
export function trendDeck(trend: TrendResults, charts: readonly RenderedChart[], blocks: readonly ReportBlock[], settings: TrendSettings): SlideDeck {
  const chart = charts.find((candidate) => candidate.name === 'trend') ?? null;
  const roundOf = new Map(trend.rounds.map((round, index) => [round.id, index]));
  const source = `Source: ${trend.rounds.map((round) => `${round.id} (${round.respondents} respondents)`).join(', ')}; figures as in trend.json.`;
  const findings: FindingSlide[] = trend.changes.flatMap((change, index) => {
    const at = roundOf.get(change.previous) ?? index;
    const from = change.previousRound || trend.rounds[at]?.round || change.previous;
    const to = trend.rounds[at + 1]?.round ?? 'the next round';
    return change.themes.flatMap((theme): FindingSlide[] => {
      const verdict = changeVerdict(theme, settings.alpha, settings.minBase);
      if (verdict !== 'rose' && verdict !== 'fell') return [];
      const sentence = changeSentence(theme.label, theme, verdict, 'respondents', trend.confidence);
      const text = `From ${from} to ${to}, ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
      return [
        {
          heading: `${theme.label}: ${verdict} from ${from} to ${to}`,
          text,
          chart,
          base: `Base: ${from} ${theme.previous.base} respondents, ${to} ${theme.current.base} respondents.`,
          source,
          notes: [
            text,
            '',
            `${from}: ${theme.previous.respondents} of ${theme.previous.base}; proportion ${theme.previous.proportion}`,
            `${to}: ${theme.current.respondents} of ${theme.current.base}; proportion ${theme.current.proportion}`,
            `Difference ${theme.difference}; Wald CI ${theme.ci === null ? 'undefined' : `[${theme.ci[0]}, ${theme.ci[1]}]`}; z ${theme.z}; p ${theme.p}; BH-adjusted p ${theme.pAdjusted}`,
          ].join('\n'),
        },
      ];
    });
  });
  findings.forEach((finding, index) => {
    finding.heading = `Change ${index + 1} of ${findings.length}: ${finding.heading}`;
  });
  const title = blocks[0]?.kind === 'heading' ? blocks[0].text : 'Trend report';
  const facts = blocks.find((block) => block.kind === 'facts');
  const at = blocks.findIndex((block) => block.kind === 'heading' && block.id === 'changes');
  const after = blocks.slice(at + 1).find((block) => block.kind === 'paragraph' && block !== blocks[at + 1]);
  return {
    title,
    facts: facts?.kind === 'facts' ? facts.items.map((item) => ({ term: item.term, value: inlineText(item.value) })) : [],
    note: trend.note !== null && trend.note.trim() !== '' ? trend.note.trim() : null,
    findings,
    noFindings: after?.kind === 'paragraph' ? inlineText(after.text) : '',
    charts: [...charts],
    source,
    methods: methodsGroups(blocks),
  };
}
