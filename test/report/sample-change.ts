/**
 * Hand-made round comparisons for report tests, built the way the contract defines them (a
 * two-proportion z-test without continuity correction, the Wald interval of the difference,
 * Benjamini–Hochberg across the themes of one table) from invented counts, so tests need not wait
 * for the pipeline. `sampleChange()` compares sampleResults (round 2014) with an invented round 2013;
 * `sampleTrend()` is three invented rounds.
 */
import type { ChangeFigure, ChangeResult, Interval, Results, TrendResults } from '../../src/model.ts';
import { sampleResults } from './sample-results.ts';

const Z95 = 1.959963984540054;

/** Complementary error function (Numerical Recipes' erfcc, relative error below 1.2e-7: enough for a fixture). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

function wilson(x: number, n: number): Interval | null {
  if (n === 0) return null;
  const p = x / n;
  const denominator = 1 + (Z95 * Z95) / n;
  const centre = (p + (Z95 * Z95) / (2 * n)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + (Z95 * Z95) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** A code new in the current round: no previous figure, nothing compared (CONTRACT.md, Additions). */
function newCode(n1: number, x2: number, n2: number): ChangeFigure {
  return {
    previous: { respondents: null, base: n1, proportion: null },
    current: { respondents: x2, base: n2, proportion: n2 > 0 ? x2 / n2 : null },
    difference: null,
    ci: null,
    z: null,
    p: null,
    pAdjusted: null,
  };
}

/** current minus previous, as prop.test(c(x2, x1), c(n2, n1), correct = FALSE). */
export function compare(x1: number, n1: number, x2: number, n2: number): ChangeFigure {
  const previous = { respondents: x1, base: n1, proportion: n1 > 0 ? x1 / n1 : null };
  const current = { respondents: x2, base: n2, proportion: n2 > 0 ? x2 / n2 : null };
  if (n1 === 0 || n2 === 0) return { previous, current, difference: null, ci: null, z: null, p: null, pAdjusted: null };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const difference = p2 - p1;
  const z = se0 > 0 ? difference / se0 : null;
  return {
    previous,
    current,
    difference,
    ci: [difference - Z95 * se, difference + Z95 * se],
    z,
    p: z === null ? null : erfc(Math.abs(z) / Math.SQRT2),
    pAdjusted: null,
  };
}

/** p.adjust(p, "BH") over the defined p-values, in place. */
function adjust(figures: ChangeFigure[]): void {
  const defined = figures.filter((figure) => figure.p !== null).sort((a, b) => (b.p ?? 0) - (a.p ?? 0));
  let running = 1;
  defined.forEach((figure, index) => {
    const rank = defined.length - index;
    running = Math.min(running, ((figure.p ?? 1) * defined.length) / rank);
    figure.pAdjusted = running;
  });
}

/** Invented 2013 counts by theme: all respondents (base 39) and by segment (20 funders, 16 nonprofits, 3 public agencies). */
const PREVIOUS: Record<string, { funder: number; nonprofit: number; public: number }> = {
  support: { funder: 18, nonprofit: 14, public: 3 },
  structure: { funder: 18, nonprofit: 14, public: 3 },
  'structure-governance': { funder: 9, nonprofit: 6, public: 1 },
  'structure-roles': { funder: 8, nonprofit: 5, public: 1 },
  peer: { funder: 2, nonprofit: 1, public: 0 },
  time: { funder: 4, nonprofit: 4, public: 0 },
  odd: { funder: 3, nonprofit: 2, public: 0 },
  funding: { funder: 0, nonprofit: 0, public: 0 },
};
const PREVIOUS_BASE = { funder: 20, nonprofit: 16, public: 3 } as const;

/** sampleResults (round 2014) with `change` against an invented round 2013, and a renamed code. */
function sampleChange(results: Results = sampleResults): ChangeResult {
  const segments = ['funder', 'nonprofit', 'public'] as const;
  const themes = results.themes.map((theme) => {
    const before = PREVIOUS[theme.code] ?? { funder: 0, nonprofit: 0, public: 0 };
    const x1 = before.funder + before.nonprofit + before.public;
    const n1 = PREVIOUS_BASE.funder + PREVIOUS_BASE.nonprofit + PREVIOUS_BASE.public;
    // "odd" was added in 2014 (see codebook below): measured in 2014 only.
    const isNew = theme.code === 'odd';
    return {
      code: theme.code,
      label: theme.label,
      status: isNew ? ('new' as const) : ('compared' as const),
      mapping: theme.code === 'peer' ? 'renamed from peer-models' : isNew ? 'new in 2014' : null,
      ...(isNew ? newCode(n1, theme.respondents, theme.base) : compare(x1, n1, theme.respondents, theme.base)),
      bySegment: segments.flatMap((segment) => {
        const cell = theme.bySegment.find((candidate) => candidate.segment === segment);
        if (cell === undefined) return [];
        const figure = isNew
          ? newCode(PREVIOUS_BASE[segment], cell.respondents, cell.base)
          : compare(before[segment], PREVIOUS_BASE[segment], cell.respondents, cell.base);
        return [{ segment, lowBase: PREVIOUS_BASE[segment] < results.settings.minBase || cell.base < results.settings.minBase, ...figure }];
      }),
    };
  });
  adjust(themes);
  for (const segment of segments) adjust(themes.flatMap((theme) => theme.bySegment.filter((cell) => cell.segment === segment)));
  return {
    previous: 'sample-2013',
    previousRound: '2013',
    previousTitle: 'Stakeholder interviews, round 0',
    themes,
    codebook: [
      { kind: 'renamed', from: ['peer-models'], to: ['peer'], note: '' },
      { kind: 'added', from: [], to: ['odd'], note: '' },
    ],
  };
}

/** sampleResults with its change attached. */
export function sampleResultsWithChange(): Results {
  const results: Results = structuredClone(sampleResults);
  results.survey.previous = 'sample-2013';
  results.change = sampleChange(results);
  return results;
}

/** Three invented rounds of four themes (one a sub-theme), with consecutive changes as the pipeline would give them. */
export function sampleTrend(): TrendResults {
  const rounds = [
    { id: 'rpa-2014', round: '2014', title: 'Stakeholder interviews', respondents: 44 },
    { id: 'rpa-2015', round: '2015', title: 'Stakeholder interviews', respondents: 41 },
    { id: 'rpa-2016', round: '2016', title: 'Stakeholder interviews', respondents: 45 },
  ];
  const counts: { code: string; label: string; parent: string | null; color: string | null; x: number[] }[] = [
    { code: 'want-to-know', label: 'Wanted to know more', parent: null, color: '#005fa9', x: [34, 25, 18] },
    { code: 'structure', label: 'Project structure', parent: 'want-to-know', color: '#103f6a', x: [26, 12, 8] },
    { code: 'continue', label: 'Support continuing', parent: null, color: '#10a47a', x: [39, 36, 40] },
    { code: 'communication', label: 'Communication is crucial', parent: null, color: null, x: [14, 16, 30] },
  ];
  const themes = counts.map((theme) => ({
    code: theme.code,
    label: theme.label,
    parent: theme.parent,
    color: theme.color,
    points: rounds.map((round, index) => {
      const x = theme.x[index] ?? 0;
      return { round: round.round, respondents: x, base: round.respondents, proportion: x / round.respondents, ci: wilson(x, round.respondents) };
    }),
  }));
  const changes: ChangeResult[] = rounds.slice(1).map((round, index) => {
    const before = rounds[index]!;
    const rows = counts.map((theme) => ({
      code: theme.code,
      label: theme.label,
      status: 'compared' as const,
      mapping: null,
      bySegment: [],
      ...compare(theme.x[index] ?? 0, before.respondents, theme.x[index + 1] ?? 0, round.respondents),
    }));
    adjust(rows);
    return { previous: before.id, previousRound: before.round, previousTitle: before.title, themes: rows, codebook: [] };
  });
  return {
    schemaVersion: 1,
    confidence: 0.95,
    rounds,
    themes,
    changes,
    settings: { alpha: 0.05, minBase: 5 },
    note: 'Invented rounds for the tests; not real responses.',
  };
}
