import type { Results } from '../model.ts';
import { formatConfidence } from './format-confidence.ts';
import type { Inline, ReportBlock } from './report-types.ts';

/**
 * "Methods", always last: what was counted, the bases, the interval, weighting, segment tests, the
 * low-base rule, the row ledger, and what the figures cannot say. Each method names the R call that
 * reproduces it (../shared/CONTRACT.md, Methods).
 */
export function methodsSection(results: Results): ReportBlock[] {
  const confidence = formatConfidence(results.confidence);
  const { minBase, alpha } = results.settings;
  const { rowsRead, rowsUsed, rowsRejected } = results.ledger;
  const items: Inline[] = [
    [
      { strong: 'What was counted.' },
      ' A respondent mentions a theme when its code, or the code of one of its sub-themes, appears at least once in their themes cell; a code repeated in one cell counts once. Parent themes roll up their sub-themes. A respondent with an empty cell mentions nothing and stays in every base.',
    ],
    [
      { strong: 'Base.' },
      ` Every percentage is of the respondents in the group it describes: all ${results.base.respondents} respondents, or a segment's respondents. For closed questions the base is those who answered; blank answers are missing, not zero.`,
    ],
    [
      { strong: 'Intervals.' },
      ` ${confidence} Wilson score intervals without continuity correction, as R's `,
      { code: 'prop.test(x, n, correct = FALSE)$conf.int' },
      '.',
    ],
  ];
  if (results.settings.weighted) {
    const effective = results.base.effective === null ? 'undefined' : results.base.effective.toFixed(1);
    items.push([
      { strong: 'Weighting.' },
      ` Weighted shares are survey-weighted means of the 0/1 mention, with standard errors by linearization (one stage, with replacement) and logit intervals, as `,
      { code: 'svymean(~y, svydesign(ids = ~1, weights = ~w, data = d))' },
      ' and ',
      { code: 'svyciprop(~y, design, method = "logit")' },
      `. Weighted total ${results.base.weighted.toFixed(1)}; Kish effective base (Σw)²/Σw² = ${effective} of ${results.base.respondents} respondents. Weighted means of closed questions are over the answered rows.`,
    ]);
  } else {
    items.push([{ strong: 'Weighting.' }, ' None: the data have no weight column, so every respondent counts once.']);
  }
  items.push(
    [
      { strong: 'Segment tests.' },
      ' For each theme, a chi-square test of independence on theme mentioned or not × segment (',
      { code: 'chisq.test(tab, correct = FALSE)' },
      "), or Fisher's exact test when any expected count is below 5 (",
      { code: 'fisher.test(tab)' },
      '). p-values are adjusted across the themes by Benjamini–Hochberg (',
      { code: 'p.adjust(p, "BH")' },
      `), and a theme "differs between segments" only where the adjusted p is below ${alpha}. A test is undefined (n/a) when nobody, or everybody, mentions the theme.`,
    ],
    [
      { strong: 'Low base.' },
      ` A group of fewer than ${minBase} respondents has a low base: its figures are shown, marked and greyed, but not interpreted and never a key finding.`,
    ],
    [
      { strong: 'Co-occurrence.' },
      ' The Jaccard index of two themes is the respondents mentioning both divided by the respondents mentioning either.',
    ],
  );
  if (results.questions.length > 0) {
    items.push([
      { strong: 'Closed questions.' },
      ' Sample standard deviation (n − 1); the median of an even number of answers is the mean of the two middle ones; the top box is the share of answers in the highest levels, with a Wilson interval.',
    ]);
  }
  items.push(
    [
      { strong: 'Rows.' },
      ` ${rowsRead} rows read, ${rowsUsed} used, ${rowsRejected} rejected${rowsRejected > 0 ? ' (see Rejected rows)' : ''}.`,
    ],
    [
      { strong: 'What this cannot say.' },
      ' Themes count mentions in interviews, not prevalence in a population: a respondent who did not raise a theme may still hold the view, and respondents were not sampled at random from the stakeholders they stand for.',
    ],
  );
  return [
    { kind: 'heading', level: 2, text: 'Methods', id: 'methods' },
    { kind: 'list', items },
  ];
}
