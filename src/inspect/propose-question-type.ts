/**
 * issue 16: propose a closed question's type from a column's answers, for `findings inspect` (and
 * for any reader that knows a column's value labels, such as an SPSS file's: pass them as `labels`,
 * value → label). The proposal is a config entry's type and levels:
 *
 * - words that are all points of a known ordered scale (agreement, frequency, satisfaction,
 *   importance, likelihood; `_` read as a space, without case) → `rating` with the scale's points in
 *   order (the data's spelling where seen), 7 points when a "somewhat" point occurs;
 * - whole numbers 0–10 reaching 8 or more, with a question text about recommending or being likely
 *   to → `nps`; whole numbers in 1–5, 1–7 or 0–10 (three or more values) → `rating` with those levels;
 * - other numbers → `numeric`;
 * - a few distinct texts (2 to 12, each used at least once; not a known scale) → `single`, in order
 *   of first appearance (value labels: in value order).
 * `null` when nothing fits (free text, an empty column). Tick columns and joined multi cells are
 * groups of columns or token sets: guess-columns.ts proposes those.
 *
 * @example
 * proposeQuestionType(['Agree', 'strongly agree', 'Disagree']);
 * // { type: 'rating', levels: ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'strongly agree'] }
 */

export interface QuestionProposal {
  type: 'rating' | 'single' | 'nps' | 'numeric';
  /** Levels as the config writes them: numbers, or words. Empty for nps and numeric. */
  levels: (number | string)[];
  /** Labels for the levels (from value labels), when they differ from the levels. */
  labels?: string[];
  /** Why, for the config's comment. */
  reason: string;
}

const SCALES: { name: string; points: string[][] }[] = [
  {
    name: 'agreement',
    points: [
      ['strongly disagree'],
      ['disagree'],
      ['somewhat disagree', 'slightly disagree', 'tend to disagree'],
      ['neither agree nor disagree', 'neither agree or disagree', 'neutral', 'neither', 'undecided'],
      ['somewhat agree', 'slightly agree', 'tend to agree'],
      ['agree'],
      ['strongly agree'],
    ],
  },
  {
    name: 'satisfaction',
    points: [
      ['very dissatisfied'],
      ['dissatisfied'],
      ['somewhat dissatisfied'],
      ['neither satisfied nor dissatisfied', 'neutral', 'neither'],
      ['somewhat satisfied'],
      ['satisfied'],
      ['very satisfied'],
    ],
  },
  { name: 'frequency', points: [['never'], ['rarely', 'seldom'], ['sometimes', 'occasionally'], ['often', 'frequently'], ['very often'], ['always']] },
  {
    name: 'importance',
    points: [
      ['not at all important'],
      ['slightly important', 'low importance'],
      ['moderately important', 'neutral'],
      ['very important'],
      ['extremely important'],
    ],
  },
  { name: 'likelihood', points: [['very unlikely'], ['unlikely'], ['neither likely nor unlikely', 'neutral'], ['likely'], ['very likely']] },
];
/** Points of a 7-point agreement or satisfaction scale used only when the data use one. */
const OPTIONAL = new Set(['somewhat disagree', 'somewhat agree', 'somewhat dissatisfied', 'somewhat satisfied', 'very often']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

const norm = (text: string) => text.trim().toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ');

export function proposeQuestionType(values: readonly string[], labels?: ReadonlyMap<string, string>, questionText = ''): QuestionProposal | null {
  const answers = values.map((v) => v.trim()).filter((v) => v !== '');
  if (answers.length === 0) return null;
  const distinct = [...new Set(answers)];
  // With value labels, words are judged by the labels, the levels stay the values.
  const texts = labels === undefined ? distinct : distinct.map((v) => labels.get(v) ?? v);

  const scale = scaleOf(texts);
  if (scale !== null) {
    if (labels === undefined) return { type: 'rating', levels: scale.levels, reason: `words of ${article(scale.name)} ${scale.name} scale, in order` };
    // Value labels name the scale: the values in the scale's order, their labels beside them.
    const order = [...labels.entries()].filter(([, label]) => scaleOf([label]) !== null);
    const sorted = order.sort((a, b) => pointIndex(scale.name, a[1]) - pointIndex(scale.name, b[1]));
    return {
      type: 'rating',
      levels: sorted.map(([value]) => (NUMBER.test(value) ? Number(value) : value)),
      labels: sorted.map(([, label]) => label),
      reason: `value labels of ${article(scale.name)} ${scale.name} scale`,
    };
  }

  if (distinct.every((v) => NUMBER.test(v))) {
    const xs = distinct.map(Number);
    const whole = xs.every((x) => Number.isInteger(x));
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    if (whole && lo >= 0 && hi <= 10 && hi >= 8 && /recommend|likely/i.test(`${questionText} ${labels === undefined ? '' : [...labels.values()].join(' ')}`)) {
      return { type: 'nps', levels: [], reason: 'whole numbers 0 to 10 about recommending' };
    }
    if (whole && lo >= 0 && hi <= 10 && new Set(xs).size >= 3) {
      const [from, to] = lo >= 1 && hi <= 5 ? [1, 5] : lo >= 1 && hi <= 7 ? [1, 7] : [0, 10];
      const levels = Array.from({ length: to - from + 1 }, (_, k) => from + k);
      return {
        type: 'rating',
        levels,
        ...(labels === undefined ? {} : { labels: levels.map((l) => labels.get(String(l)) ?? String(l)) }),
        reason: `whole numbers ${from} to ${to}`,
      };
    }
    if (labels === undefined || labels.size === 0) return { type: 'numeric', levels: [], reason: 'numbers' };
  }

  if (labels !== undefined && labels.size >= 2) {
    const entries = [...labels.entries()].sort((a, b) => (NUMBER.test(a[0]) && NUMBER.test(b[0]) ? Number(a[0]) - Number(b[0]) : 0));
    return {
      type: 'single',
      levels: entries.map(([value]) => (NUMBER.test(value) ? Number(value) : value)),
      labels: entries.map(([, label]) => label),
      reason: 'value labels without an order',
    };
  }
  if (distinct.length >= 2 && distinct.length <= 12 && distinct.every((v) => v.length <= 60)) {
    // Each answer given twice on average at least: few options, not free text.
    if (answers.length >= distinct.length * 2) return { type: 'single', levels: distinct, reason: `${distinct.length} answers, no order` };
  }
  return null;
}

function pointIndex(scale: string, text: string): number {
  const points = SCALES.find((s) => s.name === scale)!.points;
  return points.findIndex((variants) => variants.includes(norm(text)));
}

/** The known scale every text is a point of (two or more points seen), with its levels in order. */
function scaleOf(texts: readonly string[]): { name: string; levels: string[] } | null {
  if (texts.length < 2 && texts.length !== 1) return null;
  for (const { name, points } of SCALES) {
    const seen = new Map<number, string>();
    const all = texts.every((text) => {
      const i = points.findIndex((variants) => variants.includes(norm(text)));
      if (i === -1) return false;
      if (!seen.has(i)) seen.set(i, text.trim());
      return true;
    });
    if (!all || (texts.length > 1 && seen.size < 2) || (texts.length === 1 && seen.size < 1)) continue;
    const levels: string[] = [];
    const long = [...seen.keys()].some((i) => points[i]!.some((v) => OPTIONAL.has(v)));
    points.forEach((variants, i) => {
      const spelled = seen.get(i);
      if (spelled !== undefined) levels.push(spelled);
      else if (long || !variants.some((v) => OPTIONAL.has(v))) levels.push(capital(variants[0]!));
    });
    return { name, levels };
  }
  return null;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
