import type { Results } from '../model.ts';
import type { ReportBlock } from './report-types.ts';
import { segmentPlurals } from './segment-plural.ts';

/**
 * The title block: the study's title, then the facts a reader needs before any figure (the round, the
 * previous round it is compared with, who was asked and how many per segment, low bases marked),
 * the survey's note shown prominently (the default study's says its data are synthetic). The table
 * of contents follows the summary (reportDocument), so the summary is on the first screen.
 */
export function titleSection(results: Results, plurals: Record<string, string> = {}): ReportBlock[] {
  const nouns = segmentPlurals(results, plurals);
  const segments = results.segments.map((segment) => `${segment.respondents} ${nouns.get(segment.id) ?? segment.label}${segment.lowBase ? ' (low base)' : ''}`);
  const asked = `${results.base.respondents} respondent${results.base.respondents === 1 ? '' : 's'}${segments.length > 1 ? `: ${segments.join(', ')}` : ''}`;
  const items: { term: string; value: string }[] = [];
  if (results.survey.round !== '') items.push({ term: 'Round', value: results.survey.round });
  items.push({ term: 'Who was asked', value: asked });
  if (results.change !== null) {
    const previous = results.change.previousRound || results.change.previous;
    const base = results.change.themes[0]?.previous.base;
    items.push({ term: 'Compared with', value: `round ${previous}${base === undefined ? '' : ` (${base} respondents)`}` });
  }
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 1, text: results.survey.title, id: 'top' },
    { kind: 'facts', items },
  ];
  if (results.survey.note !== null && results.survey.note.trim() !== '') {
    blocks.push({ kind: 'paragraph', role: 'note', text: [{ strong: 'Note:' }, ` ${results.survey.note.trim()}`] });
  }
  return blocks;
}
