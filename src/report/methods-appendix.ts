import { isolate } from '../format/isolate.ts';
import { themeOrder } from '../charts/theme-order.ts';
import { codingCaveat, themeRowLabel } from './theme-caveats.ts';
import type { Results } from '../model.ts';
import { formatPValue } from '../format/format-p-value.ts';
import { changeTestsBlocks } from './change-section.ts';
import type { Cell, ReportBlock, ReportOptions } from './report-types.ts';
import { pText, testName } from './segments-section.ts';

/**
 * The methods appendix and reference section, after "Methods and limitations": what each theme
 * means (the codebook's descriptions) and how far the coders agreed on it, the wording of every
 * closed question and its answers, how the study was done (fieldwork dates, how respondents were
 * found, the response rate: config `study:`, and who coded), a sample table (who, how many, the
 * weighted base), the technical columns the body leaves out (each segment test, each change's
 * p-values, the per-segment change tables), and links to every file of the report folder.
 */
export function methodsAppendix(results: Results, options: ReportOptions = {}): ReportBlock[] {
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 3, text: 'How the summary was chosen', id: 'methods-summary' },
    {
      kind: 'list',
      ordered: true,
      items: [
        'Changes since the previous round: a theme, or the top answers of a closed question, whose share among all respondents rose or fell (Benjamini–Hochberg adjusted p below the significance level, both bases at least the minimum base), the largest change first.',
        'The closed questions: the share choosing the top answers (the top box) of each, in the order the config lists them.',
        'Differences between groups: themes whose share differs between segments after the Benjamini–Hochberg adjustment, most certain first; then changes within one segment that survive it, largest first.',
        'The most mentioned themes, by their headline share (weighted where report.weighted).',
      ],
    },
    {
      kind: 'paragraph',
      text: `The summary takes the first sentence of every group that has one, then fills its ${options.keyFindings ?? 5} places (report.keyFindings) in the order above, and shows them in that order. Where a theme and a closed question measure the same idea (report.pairs), one sentence states both: how many raised the theme unprompted, and how many agreed when asked. Nothing is said from a base below the minimum, nor of a theme the coders agreed on too little (Krippendorff's α below 0.667); a theme they agreed on only moderately is called tentative. A "likely range" is the ${Math.round(results.confidence * 100)}% confidence interval (Wilson, or the logit interval of a weighted share; the Wald interval of a change).`,
    },
  ];
  const agreement = new Map((results.reliability?.themes ?? []).map((theme) => [theme.code, theme]));
  blocks.push({ kind: 'heading', level: 3, text: 'Theme definitions', id: 'methods-themes' });
  blocks.push({
    kind: 'table',
    caption: 'What each theme means: the codebook’s instruction to coders',
    head: ['Theme', 'Definition', 'How far coders agreed'],
    rows: themeOrder(results.themes).map(({ theme, depth }): Cell[] => {
      const figures = agreement.get(theme.code);
      const agreed =
        figures === undefined || figures.krippendorffAlpha === null
          ? results.reliability === null
            ? 'not checked (one coder)'
            : 'not measured'
          : `${agreementWord(figures.flag)} (Krippendorff's α = ${figures.krippendorffAlpha.toFixed(2)})`;
      return [depth > 0 ? `↳ ${theme.label}` : theme.label, theme.description.trim() === '' ? 'no description in the codebook' : theme.description, agreed];
    }),
    numeric: [false, false, false],
    rowHeader: true,
  });

  if (results.questions.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: 'Question wording', id: 'methods-questions' });
    blocks.push({
      kind: 'table',
      caption: 'The closed questions as respondents saw them, and which answers count as the top answers',
      head: ['Question', 'Answers offered', 'Top answers (the share the report states)'],
      rows: results.questions.map((question): Cell[] => [
        question.label,
        question.levels.map((level) => `${level.level} ${level.label}`).join('; '),
        question.levels
          .filter((level) => question.topBox?.levels.includes(level.level) ?? false)
          .map((level) => level.label)
          .join(', '),
      ]),
      numeric: [false, false, false],
      rowHeader: true,
    });
  }

  blocks.push({ kind: 'heading', level: 3, text: 'Fieldwork and sample', id: 'methods-sample' });
  const study = options.study;
  const items: { term: string; value: string }[] = [];
  if (study?.fieldworkStart != null || study?.fieldworkEnd != null) {
    items.push({ term: 'Fieldwork', value: [study?.fieldworkStart, study?.fieldworkEnd].filter((date) => date != null).join(' to ') });
  } else items.push({ term: 'Fieldwork', value: 'dates not given (config study.fieldwork)' });
  items.push({ term: 'How respondents were found', value: study?.recruitment ?? 'not given (config study.recruitment)' });
  if (study?.invited != null) {
    const rate = results.base.respondents / study.invited;
    items.push({ term: 'Response rate', value: `${results.base.respondents} of ${study.invited} invited (${Math.round(rate * 100)}%)` });
  } else items.push({ term: 'Response rate', value: 'not known (config study.invited)' });
  items.push({
    term: 'Coding',
    value:
      results.reliability === null
        ? 'one coder coded every response; no second coder checked the coding'
        : `${results.reliability.coders.length} coders coded ${results.reliability.units} of the respondents independently (see Coder agreement)`,
  });
  items.push({ term: 'Report id', value: results.survey.id });
  blocks.push({ kind: 'facts', items });
  const weighted = results.settings.weighted;
  blocks.push({
    kind: 'table',
    caption: 'Who answered: respondents per segment',
    head: ['Segment', 'Respondents', ...(weighted ? ['Weighted base'] : []), 'Share of respondents'],
    rows: [
      ...results.segments.map((segment): Cell[] => [
        `${isolate(segment.label)}${segment.lowBase ? ' (low base)' : ''}`,
        String(segment.respondents),
        ...(weighted ? [segment.weighted.toFixed(1)] : []),
        `${Math.round((segment.respondents / Math.max(1, results.base.respondents)) * 100)}%`,
      ]),
      ['All respondents', String(results.base.respondents), ...(weighted ? [results.base.weighted.toFixed(1)] : []), '100%'],
    ],
    numeric: [false, true, ...(weighted ? [true] : []), true],
    rowHeader: true,
  });

  const tested = results.themes.filter((theme) => theme.segmentTest !== null);
  if (results.segments.length > 1 && tested.length > 0) {
    const { alpha } = results.settings;
    blocks.push({ kind: 'heading', level: 3, text: 'Segment tests', id: 'methods-segment-tests' });
    blocks.push({
      kind: 'table',
      caption: 'The test of each theme across segments, and its p-value adjusted for the number of themes (Benjamini–Hochberg)',
      head: ['Theme', 'Test', 'p', 'BH-adjusted p'],
      rows: themeOrder(results.themes).map(({ theme, depth }): Cell[] => [
        themeRowLabel(theme.label, depth, [codingCaveat(results, theme.code)]),
        testName(theme.segmentTest),
        formatPValue(theme.segmentTest?.p ?? null, alpha),
        theme.segmentTest?.pAdjusted == null ? 'n/a' : `${pText(formatPValue(theme.segmentTest.pAdjusted, alpha)).replace(/^= /, '')}`,
      ]),
      numeric: [false, false, true, true],
      rowHeader: true,
    });
  }
  blocks.push(...changeTestsBlocks(results));

  blocks.push({ kind: 'heading', level: 3, text: 'Files in this report', id: 'methods-files' });
  blocks.push({
    kind: 'paragraph',
    text: 'Every figure at full precision, and every table and chart as a file of its own (charts as SVG for documents and PNG for slides):',
  });
  blocks.push({
    kind: 'links',
    items: [
      ...(options.resultsJson === false ? [] : [{ href: 'results.json', text: 'results.json: every figure at full precision' }]),
      ...(options.files ?? []).map((file) => ({ href: file, text: file })),
    ],
  });
  return blocks;
}

function agreementWord(flag: string | null): string {
  if (flag === 'reliable') return 'reliable';
  if (flag === 'tentative') return 'tentative';
  if (flag === 'unreliable') return 'unreliable: read with caution';
  return 'measured';
}
