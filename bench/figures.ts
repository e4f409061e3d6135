/**
 * The figures the benchmark compares between findings and DuckDB, as one flat map per tool:
 *
 *   rows                         data rows read
 *   respondents|<segment>        respondents per segment (all rounds together)
 *   sumW|<segment>               Σ weight per segment                                   (float)
 *   mentions|<segment>|<code>    respondents mentioning the code, per segment
 *   mentionsW|<segment>|<code>   Σ weight of those respondents                         (float)
 *   count|<q>|<segment>|<level>  answers per Likert level, per question and segment
 *   missing|<q>|<segment>        blank answers per question and segment
 *   mean|<q>|<segment>, mean|<q> unweighted mean of the answers                        (float)
 *   wmean|<q>                    weighted mean of the answers (Σw·y / Σw over answered) (float)
 *
 * A key absent from one side counts as 0 (DuckDB returns no group for an empty cell). Counts must
 * be identical; float figures must agree to a relative 1e-9 (they are sums in a different order,
 * and findings gives Σw·y only as proportion × Σw).
 */

export type Figures = Map<string, number>;

const FLOAT_PREFIXES = ['sumW|', 'mentionsW|', 'mean|', 'wmean|'];

/** What the DuckDB child writes: its query results grouped by segment × round. */
export interface DuckdbTally {
  /** segment, round, respondents, Σw */
  respondents: [string, string, number, number][];
  /** segment, round, code, respondents, Σw */
  mentions: [string, string, string, number, number][];
  /** segment, round, question, counts per level 1..5, missing, Σy, Σw (answered), Σw·y */
  likert: [string, string, string, number[], number, number, number, number][];
  timings: Record<string, number>;
}

const add = (f: Figures, key: string, value: number) => f.set(key, (f.get(key) ?? 0) + value);

export function figuresFromDuckdb(t: DuckdbTally): Figures {
  const f: Figures = new Map();
  for (const [segment, , n, sumW] of t.respondents) {
    add(f, 'rows', n);
    add(f, `respondents|${segment}`, n);
    add(f, `sumW|${segment}`, sumW);
  }
  for (const [segment, , code, n, sumW] of t.mentions) {
    add(f, `mentions|${segment}|${code}`, n);
    add(f, `mentionsW|${segment}|${code}`, sumW);
  }
  const sums = new Map<string, { n: number; sumY: number; sumW: number; sumWY: number }>();
  const sum = (key: string, n: number, sumY: number, sumW: number, sumWY: number) => {
    const s = sums.get(key) ?? { n: 0, sumY: 0, sumW: 0, sumWY: 0 };
    s.n += n;
    s.sumY += sumY;
    s.sumW += sumW;
    s.sumWY += sumWY;
    sums.set(key, s);
  };
  for (const [segment, , q, counts, missing, sumY, sumW, sumWY] of t.likert) {
    counts.forEach((c, i) => add(f, `count|${q}|${segment}|${i + 1}`, c));
    add(f, `missing|${q}|${segment}`, missing);
    const n = counts.reduce((a, b) => a + b, 0);
    sum(`${q}|${segment}`, n, sumY, sumW, sumWY);
    sum(q, n, sumY, sumW, sumWY);
  }
  for (const [key, s] of sums) {
    // No answers at all (a small segment): findings gives no mean, and 0/0 is not one.
    if (s.n === 0) continue;
    f.set(`mean|${key}`, s.sumY / s.n);
    if (!key.includes('|')) f.set(`wmean|${key}`, s.sumWY / s.sumW);
  }
  return f;
}

/** The subset of findings' results.json the benchmark reads. */
interface ResultsJson {
  ledger: { rowsRead: number };
  segments: { id: string; respondents: number; weighted: number }[];
  themes: { code: string; bySegment: { segment: string; respondents: number; weighted: { proportion: number | null } | null }[] }[];
  questions: {
    id: string;
    mean: number | null;
    weighted: { mean: number | null } | null;
    bySegment: { segment: string; missing: number; counts: Record<string, number>; mean: number | null }[];
  }[];
}

export function figuresFromFindings(json: unknown): Figures {
  const r = json as ResultsJson;
  const f: Figures = new Map();
  f.set('rows', r.ledger.rowsRead);
  const sumW = new Map<string, number>();
  for (const s of r.segments) {
    f.set(`respondents|${s.id}`, s.respondents);
    f.set(`sumW|${s.id}`, s.weighted);
    sumW.set(s.id, s.weighted);
  }
  for (const theme of r.themes) {
    for (const s of theme.bySegment) {
      f.set(`mentions|${s.segment}|${theme.code}`, s.respondents);
      const p = s.weighted?.proportion;
      if (p !== null && p !== undefined) f.set(`mentionsW|${s.segment}|${theme.code}`, p * sumW.get(s.segment)!);
    }
  }
  for (const q of r.questions) {
    if (q.mean !== null) f.set(`mean|${q.id}`, q.mean);
    if (q.weighted?.mean != null) f.set(`wmean|${q.id}`, q.weighted.mean);
    for (const s of q.bySegment) {
      for (const [level, c] of Object.entries(s.counts)) f.set(`count|${q.id}|${s.segment}|${level}`, c);
      f.set(`missing|${q.id}|${s.segment}`, s.missing);
      if (s.mean !== null) f.set(`mean|${q.id}|${s.segment}`, s.mean);
    }
  }
  return f;
}

export interface Difference {
  key: string;
  expected: number;
  actual: number;
}

/** Every figure on which `actual` differs from `expected` (DuckDB), under the rules above. */
export function compareFigures(expected: Figures, actual: Figures): Difference[] {
  const out: Difference[] = [];
  const keys = new Set([...expected.keys(), ...actual.keys()]);
  for (const key of [...keys].sort()) {
    const e = expected.get(key) ?? 0;
    const a = actual.get(key) ?? 0;
    const float = FLOAT_PREFIXES.some((p) => key.startsWith(p));
    const same = float ? Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e)) : a === e;
    if (!same) out.push({ key, expected: e, actual: a });
  }
  return out;
}

/** How many figures of each kind a comparison covered, e.g. "mentions 100, count 125, …". */
export function describeFigures(f: Figures): string {
  const kinds = new Map<string, number>();
  for (const key of f.keys()) {
    const kind = key.split('|')[0]!;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
}
