import type { Interval, Results, ThemeResult } from '../../src/model.ts';
import { sampleResults } from '../report/sample-results.ts';

/** Wilson score interval at 95% (R: prop.test(x, n, correct = FALSE)$conf.int), for consistent fixtures. */
function wilson(x: number, n: number): Interval {
  const z = 1.959963984540054;
  const p = x / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const LABELS = [
  'Support continuing the collaborative beyond the pilot year',
  'Project structure',
  'Governance, decision-making and accountability between partners',
  'Roles of partners',
  'Time commitment of partners',
  'Peer models from other regions',
  'Data sharing',
  'Trust between funders and grantees',
  'Communication',
  'Évaluation et mesure d’impact',
  'Leadership turnover',
  'Geographic reach beyond the county line and into neighbouring jurisdictions',
  'Capacity building',
  'Policy advocacy',
];

/**
 * The sample study widened to 14 themes (long labels, one non-ASCII) in the same three segments: the
 * size the brief says the by-segment chart must stay readable at.
 */
export function manyThemesResults(): Results {
  const results = structuredClone(sampleResults);
  const sizes = results.segments.map((segment) => segment.respondents);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const themes: ThemeResult[] = LABELS.map((label, index) => {
    const counts = sizes.map((size, segment) => Math.min(size, Math.round(size * (((index * 7 + segment * 5) % 17) / 18 + 0.05))));
    const respondents = counts.reduce((sum, count) => sum + count, 0);
    return {
      code: `t${index + 1}`,
      label,
      parent: index === 2 || index === 3 ? 't2' : null,
      color: null,
      description: '',
      respondents,
      base: total,
      proportion: respondents / total,
      ci: wilson(respondents, total),
      weighted: null,
      bySegment: results.segments.map((segment, position) => ({
        segment: segment.id,
        respondents: counts[position] ?? 0,
        base: segment.respondents,
        proportion: (counts[position] ?? 0) / segment.respondents,
        ci: wilson(counts[position] ?? 0, segment.respondents),
        lowBase: segment.lowBase,
        weighted: null,
      })),
      segmentTest: { method: 'fisher', statistic: null, df: null, p: 0.5, pAdjusted: 0.8 },
    };
  });
  results.themes = themes;
  results.cooccurrence = themes.flatMap((a, i) =>
    themes.slice(i + 1).map((b, j) => ({ a: a.code, b: b.code, respondents: (i + j) % 9, jaccard: ((i * 3 + j) % 10) / 20 })),
  );
  results.settings.weighted = false;
  return results;
}
