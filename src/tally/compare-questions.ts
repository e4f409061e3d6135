/**
 * Closed questions across two rounds (CONTRACT.md, Additions): per question id, the top box as a
 * theme is compared (two-proportion z-test without continuity correction, Wald interval,
 * Benjamini–Hochberg over the questions compared: R's prop.test(c(x2, x1), c(n2, n1), correct =
 * FALSE) and p.adjust(p, "BH")), and the mean by Welch's t-test (t.test(x2, x1, var.equal =
 * FALSE)). Bases are the answered respondents. A question asked in one round only is not compared
 * (status 'new' or 'retired', the other round's figures null), as for themes.
 */
import type { ChangeFigure, ChangeStatus, QuestionChange, QuestionResult } from '../model.ts';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.ts';
import { twoProportionTest } from '../stats/two-proportion-test.ts';
import { welchTTest } from '../stats/welch-t-test.ts';

export function compareQuestions(allCurrent: readonly QuestionResult[], allPrevious: readonly QuestionResult[], confidence: number): QuestionChange[] {
  // issue 16: rating questions only (the figures compared are the top box and the mean).
  const current = allCurrent.filter((question) => question.topBox !== null);
  const previous = allPrevious.filter((question) => question.topBox !== null);
  const before = new Map(previous.map((question) => [question.id, question]));
  const now = new Set(current.map((question) => question.id));
  const pairs: { id: string; label: string; status: ChangeStatus; current: QuestionResult | null; previous: QuestionResult | null }[] = [
    ...current.map((question) => ({
      id: question.id,
      label: question.label,
      status: (before.has(question.id) ? 'compared' : 'new') as ChangeStatus,
      current: question,
      previous: before.get(question.id) ?? null,
    })),
    ...previous
      .filter((question) => !now.has(question.id))
      .map((question) => ({ id: question.id, label: question.label, status: 'retired' as ChangeStatus, current: null, previous: question })),
  ];
  const changes = pairs.map(({ id, label, status, current: q2, previous: q1 }): QuestionChange => {
    const side = (q: QuestionResult | null) =>
      q === null || q.topBox === null
        ? { respondents: null, base: 0, proportion: null }
        : { respondents: q.topBox.respondents, base: q.base, proportion: q.topBox.proportion };
    let topBox: ChangeFigure = { previous: side(q1), current: side(q2), difference: null, ci: null, z: null, p: null, pAdjusted: null };
    let mean: QuestionChange['mean'] = { previous: q1?.mean ?? null, current: q2?.mean ?? null, difference: null, ci: null, t: null, df: null, p: null };
    if (q1 !== null && q2 !== null && q1.topBox !== null && q2.topBox !== null) {
      const test = twoProportionTest(q2.topBox.respondents, q2.base, q1.topBox.respondents, q1.base, confidence);
      if (test !== null) topBox = { ...topBox, difference: test.difference, ci: test.ci, z: test.z, p: test.p };
      if (q1.mean !== null && q2.mean !== null && q1.sd !== null && q2.sd !== null) {
        const welch = welchTTest({ n: q2.base, mean: q2.mean, variance: q2.sd * q2.sd }, { n: q1.base, mean: q1.mean, variance: q1.sd * q1.sd }, confidence);
        mean = { ...mean, difference: q2.mean - q1.mean, ...(welch === null ? {} : { ci: welch.ci, t: welch.t, df: welch.df, p: welch.p }) };
      }
    }
    return { id, label, status, topBox, mean };
  });
  const adjusted = benjaminiHochberg(changes.map((change) => change.topBox.p));
  changes.forEach((change, i) => (change.topBox.pAdjusted = adjusted[i] ?? null));
  return changes;
}
