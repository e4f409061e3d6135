import type { Results, ThemeResult } from '../model.ts';

/** How much one chart shows: beyond this a chart stops being readable (and vega's memory explodes). */
const CHART_LIMITS = { themes: 30, segments: 10, heatmapThemes: 20 };

/**
 * The part of the results that charts draw: at most CHART_LIMITS.themes themes (the most mentioned,
 * a sub-theme whose parent is cut shown on its own), the CHART_LIMITS.segments largest segments, and
 * co-occurrence among the CHART_LIMITS.heatmapThemes most mentioned themes. `notes` says what was
 * left out, for every chart's subtitle; the report's tables and tables/*.csv keep everything.
 * A study of 1,000 codes and 500 segments then charts in a second instead of exhausting memory.
 */
export function chartView(results: Results): { results: Results; notes: string[] } {
  const notes: string[] = [];
  let themes = results.themes;
  if (themes.length > CHART_LIMITS.themes) {
    const kept = new Set(mostMentioned(themes, CHART_LIMITS.themes));
    themes = themes.filter((t) => kept.has(t.code)).map((t) => (t.parent !== null && !kept.has(t.parent) ? { ...t, parent: null } : t));
    notes.push(`The ${CHART_LIMITS.themes} most mentioned of ${results.themes.length} themes; all are in tables/themes.csv`);
  }
  let segments = results.segments;
  if (segments.length > CHART_LIMITS.segments) {
    const kept = new Set(
      [...segments]
        .map((s, i) => ({ s, i }))
        .sort((a, b) => b.s.respondents - a.s.respondents || a.i - b.i)
        .slice(0, CHART_LIMITS.segments)
        .map(({ s }) => s.id),
    );
    segments = segments.filter((s) => kept.has(s.id));
    themes = themes.map((t) => ({ ...t, bySegment: t.bySegment.filter((b) => kept.has(b.segment)) }));
    notes.push(`The ${CHART_LIMITS.segments} largest of ${results.segments.length} segments; all are in tables/themes-by-segment.csv`);
  }
  const heat = new Set(mostMentioned(themes, CHART_LIMITS.heatmapThemes));
  const cooccurrence = results.cooccurrence.filter((pair) => heat.has(pair.a) && heat.has(pair.b));
  const segmentIds = new Set(segments.map((s) => s.id));
  const themeCodes = new Set(themes.map((t) => t.code));
  const view: Results = {
    ...results,
    themes,
    segments,
    cooccurrence,
    questions: results.questions.map((q) => ({ ...q, bySegment: q.bySegment.filter((b) => segmentIds.has(b.segment)) })),
    change:
      results.change === null || results.change.themes.length <= CHART_LIMITS.themes
        ? results.change
        : { ...results.change, themes: results.change.themes.filter((t) => themeCodes.has(t.code)) },
  };
  return { results: view, notes };
}

function mostMentioned(themes: ThemeResult[], count: number): string[] {
  return themes
    .map((t, i) => ({ t, i }))
    .sort((a, b) => b.t.respondents - a.t.respondents || a.i - b.i)
    .slice(0, count)
    .map(({ t }) => t.code);
}
