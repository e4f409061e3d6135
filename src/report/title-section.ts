import type { Results } from '../model.ts';
import type { ReportBlock } from './report-types.ts';

/** Title, round, respondents per segment (low bases marked) and the survey's note, shown prominently. */
export function titleSection(results: Results): ReportBlock[] {
  const segments = results.segments
    .map((segment) => `${segment.label} ${segment.respondents}${segment.lowBase ? ' (low base)' : ''}`)
    .join(', ');
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 1, text: results.survey.title, id: 'top' },
    {
      kind: 'paragraph',
      role: 'meta',
      text: `Round ${results.survey.round} · ${results.base.respondents} respondents${segments === '' ? '' : `: ${segments}`}`,
    },
  ];
  if (results.survey.note !== null && results.survey.note.trim() !== '') {
    blocks.push({ kind: 'paragraph', role: 'note', text: [{ strong: 'Note:' }, ` ${results.survey.note.trim()}`] });
  }
  blocks.push({ kind: 'contents' });
  return blocks;
}
