import { isolate } from '../format/isolate.ts';
import type { InputFile, Results } from '../model.ts';
import { formatConfidence } from '../format/format-confidence.ts';
import type { Inline, ReportBlock } from './report-types.ts';
import { interviewMethods } from './interview-methods.ts';

/**
 * "Methods and limitations", always last, written from the data: how the figures were made (what was
 * counted, who was asked and the bases, intervals, weighting, segment tests, changes between rounds,
 * the low-base rule, the row ledger), each method with the R call that reproduces it
 * (../shared/CONTRACT.md, Methods); then what the figures cannot say; then the input files with their
 * SHA-256, so a reader can tell which data produced the report.
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
      { strong: 'Who was asked.' },
      ` ${results.base.respondents} respondents${results.segments.length > 1 ? ` in ${results.segments.length} segments: ${results.segments.map((segment) => `${isolate(segment.label)} ${segment.respondents}`).join(', ')}` : ''}.`,
    ],
    // Issue 16: what data.filter (or run --by) kept, of the rows read.
    ...(results.settings.filter === undefined
      ? []
      : [
          [
            { strong: 'Filter.' },
            ` Kept respondents whose ${results.settings.filter}: ${rowsRead - (results.ledger.rowsFiltered ?? 0)} of ${rowsRead} rows read.`,
          ] as Inline,
        ]),
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
      `. Weighted total ${results.base.weighted.toFixed(1)}; Kish effective base (Σw)²/Σw² = ${effective} of ${results.base.respondents} respondents. Weighted means of closed questions are over the answered rows.${
        results.settings.headline === 'weighted'
          ? " The weights correct for segments or kinds of respondent being over- or under-represented among those who answered, relative to the population the study stands for; so the key findings state the weighted share first, with the unweighted count beside it (report.weighted). The segment tests and the pairwise letters use the weighted table (second-order Rao–Scott); changes between rounds and the other tables still state the unweighted counts (results.json gives each change on the weighted estimates too, with each round's design standard error, when both rounds are weighted)."
          : ''
      }`,
    ]);
  } else {
    items.push([{ strong: 'Weighting.' }, ' None: the data have no weight column, so every respondent counts once.']);
  }
  const raking = results.weighting;
  if (raking != null) {
    // Issue 15: weights made by raking (weighting.rake): what they correct for, and how well the margins were met.
    const margins = raking.margins.map(
      (margin) =>
        `${margin.segment ? 'segment' : margin.column} (${margin.categories.map((c) => `${c.category} ${(c.targetShare * 100).toFixed(1)}%`).join(', ')})`,
    );
    items.push([
      { strong: 'Raking.' },
      ` The weights were made by raking every respondent's weight, starting at 1, to the population's make-up by ${margins.join('; ')}, so that each group counts as much as its share of the population rather than its share of those who answered; ${raking.iterations} passes, as `,
      { code: 'rake(design, sample.margins, population.margins)' },
      `${raking.trim === null ? '' : `, then trimmed to ${raking.trim.lower ?? '–'}–${raking.trim.upper ?? '–'} (${raking.trim.trimmed} weights clamped; the margins are then met only approximately)`}. Weights range ${raking.weights.min.toPrecision(3)} to ${raking.weights.max.toPrecision(3)}; design effect ${raking.designEffect.toFixed(2)}. Standard errors treat the raked weights as given, which is conservative.`,
    ]);
  }
  if (results.settings.segmentSource === 'none') {
    // issue 14: a config without a segment source: say so, rather than let one group pass for a finding.
    items.push([
      { strong: 'Segments.' },
      ' None: the config names no segment source, so every respondent is in one group; no segment is compared with another and no segment test is made.',
    ]);
  }
  if (results.segments.length >= 2) {
    items.push([
      { strong: 'Segment tests.' },
      ' For each theme, a chi-square test of independence on theme mentioned or not × segment (',
      { code: 'chisq.test(tab, correct = FALSE)' },
      "), or Fisher's exact test when any expected count is below 5 (",
      { code: 'fisher.test(tab)' },
      '). p-values are adjusted across the themes by Benjamini–Hochberg (',
      { code: 'p.adjust(p, "BH")' },
      `), and a theme "differs between segments" only where the adjusted p is below ${alpha}. A test is undefined (n/a) when nobody, or everybody, mentions the theme.`,
    ]);
  }
  items.push(
    [
      { strong: 'Low base.' },
      ` A group of fewer than ${minBase} respondents has a low base: its figures are shown, marked and greyed, but not interpreted and never a key finding; sentences describe it in words, never as a percentage. No figure is suppressed.`,
    ],
    [{ strong: 'Co-occurrence.' }, ' The Jaccard index of two themes is the respondents mentioning both divided by the respondents mentioning either.'],
  );
  if (results.change !== null) {
    items.push([
      { strong: 'Changes between rounds.' },
      ` Each theme's share in this round against round ${results.change.previousRound || results.change.previous}: a two-proportion z-test without continuity correction (`,
      { code: 'prop.test(c(x2, x1), c(n2, n1), correct = FALSE)' },
      `), the difference's ${confidence} Wald interval, and p adjusted by Benjamini–Hochberg across the themes of each table (all respondents, and each segment). A change is called a rise or a fall only where the adjusted p is below ${alpha} and both bases are at least ${minBase}. Codes renamed, merged or split between the rounds are compared after mapping them onto this round's codebook. A code that exists in one round's codebook only (new, or retired) was not measured in the other round: it is given no figure there, is not compared, and is left out of the adjustment.`,
    ]);
  }
  if (results.reliability !== null) {
    items.push([
      { strong: 'Coder agreement.' },
      " Unweighted Cohen's kappa on the respondents both coders coded (",
      { code: 'irr::kappa2(cbind(a, b))' },
      "), Fleiss' kappa for three or more coders, nominal Krippendorff's alpha, and percent agreement; pooled figures treat every respondent × theme pair as one unit.",
    ]);
  }
  items.push(...interviewMethods(results));
  if (results.questions.length > 0) {
    items.push([
      { strong: 'Closed questions.' },
      ' Sample standard deviation (n − 1); the median of an even number of answers is the mean of the two middle ones; the top box is the share of answers in the highest levels, with a Wilson interval.',
    ]);
    // issue 16: what the question types add, said only where the survey has them.
    const types = new Set(results.questions.map((question) => question.type ?? 'rating'));
    const parts: string[] = [];
    if (results.questions.some((question) => question.net != null)) {
      parts.push(
        'The bottom box is the share in the lowest levels, and the net is top box minus bottom box in points, with the Wald interval of a difference of two shares of one sample (variance (p₁ + p₂ − (p₁ − p₂)²)/n); the top box is tested across segments as a theme is.',
      );
    }
    if (types.has('nps'))
      parts.push(
        'The Net Promoter Score is % promoters (9–10) minus % detractors (0–6), with the same interval; promoters, passives and detractors are tested across segments.',
      );
    if (types.has('single') || types.has('multi')) {
      parts.push(
        'Shares of single- and multiple-choice questions are of the respondents who answered the question (a multiple-choice question counts as answered when any option is ticked, marked no, or an "other" answer written), with Wilson intervals; answers to a single-choice question are tested across segments with chi-square or Fisher\'s exact test, each option of a multiple-choice question on its own with Benjamini–Hochberg adjustment over the options.',
      );
    }
    if (types.has('numeric')) parts.push("The mean of a numeric question has Student's t interval.");
    if (results.settings.weighted) {
      parts.push(
        'Weighted shares are survey-weighted means over the rows that answered, with logit intervals; weighted net scores have normal intervals; tests of closed questions across segments are unweighted.',
      );
    }
    if (parts.length > 0) items.push([{ strong: 'Question types.' }, ` ${parts.join(' ')}`]);
  }
  // Issue 16: the filtered rows are their own count, never among the rejected.
  const filtered = results.ledger.rowsFiltered === undefined ? '' : `, ${results.ledger.rowsFiltered} filtered out`;
  items.push([
    { strong: 'Rows.' },
    ` ${rowsRead} rows read, ${rowsUsed} used, ${rowsRejected} rejected${filtered}${rowsRejected > 0 ? ' (see Rejected rows)' : ''}.`,
  ]);

  const limits: Inline[] = [
    [
      { strong: 'Mentions, not prevalence.' },
      ' Themes count mentions in interviews, not prevalence in a population: a respondent who did not raise a theme may still hold the view, and respondents were not sampled at random from the stakeholders they stand for.',
    ],
  ];
  const low = results.segments.filter((segment) => segment.lowBase);
  if (low.length > 0) {
    limits.push([
      { strong: 'Small groups.' },
      ` ${low.map((segment) => `${isolate(segment.label)} (${segment.respondents})`).join(', ')} ${low.length === 1 ? 'falls' : 'fall'} below the minimum base of ${minBase}; what ${low.length === 1 ? 'that group says is' : 'those groups say is'} reported as anecdote, not as a share.`,
    ]);
  }
  if (results.segments.length >= 2 || results.change !== null)
    limits.push([
      { strong: 'No detectable difference is not sameness.' },
      ` With ${results.base.respondents} respondents only large differences can be detected; where a test finds none, the groups may still differ. The Benjamini–Hochberg adjustment limits false discoveries across the themes but does not rule them out.`,
    ]);
  if (results.settings.weighted) {
    limits.push([
      { strong: 'Weights.' },
      ` Weighting brings the sample closer to the population it stands for only as far as the weights are right; it also lowers the effective base (${results.base.effective === null ? 'undefined' : results.base.effective.toFixed(1)} of ${results.base.respondents}).`,
    ]);
  }
  if (results.survey.note !== null && results.survey.note.trim() !== '') {
    limits.push([{ strong: 'Note on the data.' }, ` ${results.survey.note.trim()}`]);
  }

  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 2, text: 'Methods and limitations', id: 'methods' },
    { kind: 'heading', level: 3, text: 'How the figures were made', id: 'methods-figures' },
    { kind: 'list', items },
    { kind: 'heading', level: 3, text: 'Limitations', id: 'methods-limitations' },
    { kind: 'list', items: limits },
  ];
  if (results.inputs.length > 0) {
    blocks.push(
      { kind: 'heading', level: 3, text: 'Input files', id: 'methods-inputs' },
      {
        kind: 'table',
        caption: 'The files this report was made from (full SHA-256 in results.json)',
        head: ['Role', 'File', 'Size', 'SHA-256 (first 12 digits)'],
        rows: results.inputs.map((input) => [roleName(input.role), input.file, formatBytes(input.bytes), input.sha256.slice(0, 12)]),
        numeric: [false, false, true, false],
        rowHeader: false,
      },
    );
  }
  return blocks;
}

function roleName(role: InputFile['role']): string {
  return role.replace(/-/g, ' ').replace(/^./, (first) => first.toUpperCase());
}

/** Bytes for people: "812 bytes", "2.1 KB", "3.4 MB" (powers of 1000). */
function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
