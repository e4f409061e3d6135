/**
 * The file stem of a closed question's chart, `likert-<question id>`, with the id reduced to
 * [a-z0-9-] so it is always a safe file name. The report finds a question's chart by this name.
 *
 * @example
 * likertChartName('continue'); // "likert-continue"
 */
export function likertChartName(questionId: string): string {
  const slug = questionId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `likert-${slug === '' ? 'question' : slug}`;
}
