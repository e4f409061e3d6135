import { themeOrder } from '../charts/theme-order.ts';
import type { Results } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import { formatInterval } from '../format/format-interval.ts';
import { formatPercent } from '../format/format-percent.ts';
import type { Cell, RenderedChart, ReportBlock, ReportOptions } from './report-types.ts';
import { tableView } from './report-limits.ts';
import { codingCaveat, oneCoderNote, themeRowLabel } from './theme-caveats.ts';

/**
 * "Themes": the prevalence chart and one table row per theme (sub-themes after their parent, marked
 * "↳"): respondents, base, percentage and interval, and the weighted estimate where the survey has
 * weights. Issue 19: beyond REPORT_LIMITS.themes themes the table is of the most mentioned ones,
 * with a note naming tables/themes.csv, which has every theme.
 */
export function themesSection(results: Results, charts: readonly RenderedChart[], options: ReportOptions = {}): ReportBlock[] {
  const confidence = formatConfidence(results.confidence);
  const weighted = results.settings.weighted || results.themes.some((theme) => theme.weighted !== null);
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: 'Themes', id: 'themes' }];
  const chart = charts.find((candidate) => candidate.name === 'theme-prevalence');
  if (chart !== undefined) blocks.push({ kind: 'figure', chart });
  if (results.themes.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'The codebook has no themes.' });
    return blocks;
  }
  const head = ['Theme', 'n', 'Base', '%', `${confidence} CI`];
  if (weighted) head.push('Weighted %', `Weighted ${confidence} CI`);
  const view = tableView(results, { file: 'tables/themes.csv' }, options);
  if (view.note !== null) blocks.push({ kind: 'paragraph', role: 'note', text: view.note });
  const rows = themeOrder(view.results.themes).map(({ theme, depth }) => {
    // Issue 17: a theme the coders agreed on too little, or only moderately, says so beside its figures.
    const row: Cell[] = [
      themeRowLabel(theme.label, depth, [codingCaveat(results, theme.code)]),
      String(theme.respondents),
      String(theme.base),
      formatPercent(theme.proportion),
      formatInterval(theme.ci),
    ];
    if (weighted) row.push(formatPercent(theme.weighted?.proportion ?? null), formatInterval(theme.weighted?.ci ?? null));
    return row;
  });
  blocks.push({
    kind: 'table',
    caption: `Respondents mentioning each theme (n) out of all respondents (base)`,
    head,
    rows,
    numeric: head.map((_, index) => index > 0),
    rowHeader: true,
  });
  const notes = [`CI: ${confidence} Wilson interval.`, '↳ marks a sub-theme; its mentions also count for its parent.'];
  if (weighted) notes.push(`Weighted: survey-weighted share with a logit interval; "n/a" where undefined.`);
  const oneCoder = oneCoderNote(results);
  if (oneCoder !== null) notes.push(oneCoder);
  blocks.push({ kind: 'paragraph', role: 'footnote', text: notes.join(' ') });
  // issue 14: sets of codes of a REFI-QDA codebook, as code groups.
  const groups = results.codeGroups ?? [];
  if (groups.length > 0) {
    const label = new Map(results.themes.map((theme) => [theme.code, theme.label]));
    blocks.push({
      kind: 'table',
      caption: 'Code groups (sets of codes in the QDA project)',
      head: ['Code group', 'Themes'],
      rows: groups.map((group) => [group.name, group.codes.map((code) => label.get(code) ?? code).join(', ')]),
      numeric: [false, false],
      rowHeader: true,
    });
  }
  return blocks;
}
