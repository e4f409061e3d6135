import type { ChangeResult, Results } from '../../model.ts';
import { formatConfidence } from '../../format/format-confidence.ts';
import type { ReportBlock } from '../report-types.ts';
import { documentLines } from './document-lines.ts';
import { isWeightedTable, letterPairs, lettersBySegment, segmentLetter } from '../pairwise-letters.ts';
import { segmentCell } from '../../format/segment-cell.ts';
import type { Sheet, SheetCell, SheetColumn, TableSheet } from './render-workbook.ts';

/**
 * The sheets of a round's tables.xlsx: "About" (the title block with the study's note, the key
 * findings and the methods, from the report document), then one sheet per table: Themes, Themes by
 * segment, Questions, Co-occurrence and, with a previous round, Change. Every figure is the number
 * in results.json (a share of a level is count / base, as in questions.csv); every figure column's
 * header names its base ("Funders: % (base 20)"), or the column holding it where the base differs
 * from row to row (closed questions: those who answered).
 */
export function roundSheets(results: Results, blocks: readonly ReportBlock[]): Sheet[] {
  const confidence = formatConfidence(results.confidence);
  const n = results.base.respondents;
  const themeBases = new Set(results.themes.map((theme) => theme.base));
  const allBase = themeBases.size <= 1 ? `base ${results.themes[0]?.base ?? n}` : 'base in column Base';
  const text = (header: string, width = 14): SheetColumn => ({ header, format: 'text', width });
  const figure = (header: string, format: SheetColumn['format'], width = 14): SheetColumn => ({ header, format, width });
  const weighted = results.settings.weighted;
  const effective = results.base.effective === null ? 'undefined' : results.base.effective.toFixed(1);
  const weightedBase = `weighted base ${results.base.weighted.toFixed(1)}, effective ${effective}`;

  const sheets: Sheet[] = [{ kind: 'text', name: 'About', lines: documentLines(blocks, ['key-findings', 'methods']) }];

  const themes: TableSheet = {
    kind: 'table',
    name: 'Themes',
    frozenColumns: 2,
    columns: [
      text('Code', 18),
      text('Theme', 44),
      text('Parent', 16),
      figure('Base', 'count', 8),
      figure(`Respondents (${allBase})`, 'count'),
      figure(`% of respondents (${allBase})`, 'percent'),
      figure(`${confidence} CI lower (${allBase})`, 'percent'),
      figure(`${confidence} CI upper (${allBase})`, 'percent'),
      ...(weighted
        ? [
            figure(`Weighted % (${weightedBase})`, 'percent', 18),
            figure(`Weighted SE (${weightedBase})`, 'percent', 18),
            figure(`Weighted ${confidence} CI lower (${weightedBase})`, 'percent', 18),
            figure(`Weighted ${confidence} CI upper (${weightedBase})`, 'percent', 18),
          ]
        : []),
      text(`Segment test (${allBase})`, 16),
      figure(`Statistic (${allBase})`, 'statistic'),
      figure(`df (${allBase})`, 'count', 8),
      figure(`p (${allBase})`, 'p', 10),
      figure(`BH-adjusted p (${allBase})`, 'p', 12),
    ],
    rows: results.themes.map((theme): SheetCell[] => [
      theme.code,
      theme.label,
      theme.parent,
      theme.base,
      theme.respondents,
      theme.proportion,
      theme.ci?.[0] ?? null,
      theme.ci?.[1] ?? null,
      ...(weighted ? [theme.weighted?.proportion ?? null, theme.weighted?.se ?? null, theme.weighted?.ci?.[0] ?? null, theme.weighted?.ci?.[1] ?? null] : []),
      theme.segmentTest?.method ?? null,
      theme.segmentTest?.statistic ?? null,
      theme.segmentTest?.df ?? null,
      theme.segmentTest?.p ?? null,
      theme.segmentTest?.pAdjusted ?? null,
    ]),
  };
  sheets.push(themes);

  if (results.segments.length > 0) {
    const segmentBase = (segment: Results['segments'][number]): string => `base ${segment.respondents}${segment.lowBase ? ', low base' : ''}`;
    // Pairwise letters as the report's segment table prints them (crosstab convention): segment k is
    // letter k, named in its column headers, and a text column beside its % holds the letters of the
    // segments whose share it exceeds: on a weighted table by Rao–Scott on each pair (pairwise-letters.ts).
    const weightedTable = isWeightedTable(results);
    const { alpha } = results.settings;
    const named = (segment: Results['segments'][number], index: number): string => `${segment.label} (${segmentLetter(index)})`;
    sheets.push({
      kind: 'table',
      name: 'Themes by segment',
      frozenColumns: 2,
      columns: [
        text('Code', 18),
        text('Theme', 44),
        ...results.segments.flatMap((segment, index) => [
          figure(`${named(segment, index)}: n (${segmentBase(segment)})`, 'count'),
          figure(`${named(segment, index)}: % (${segmentBase(segment)})`, 'percent'),
          text(
            `${named(segment, index)}: higher than (letters; ${weightedTable ? 'weighted Rao–Scott' : 'two-proportion'} test of each pair, BH-adjusted p < ${alpha})`,
            14,
          ),
          ...(weighted ? [figure(`${segment.label}: weighted % (weighted base ${segment.weighted.toFixed(1)})`, 'percent', 16)] : []),
        ]),
        figure(`All: n (${allBase})`, 'count'),
        figure(`All: % (${allBase})`, 'percent'),
        text(`Segment test (${allBase})`, 16),
        figure(`BH-adjusted p (${allBase})`, 'p', 12),
      ],
      rows: results.themes.map((theme): SheetCell[] => {
        const lettered = lettersBySegment(results, letterPairs(weightedTable, theme), alpha);
        return [
          theme.code,
          theme.label,
          ...results.segments.flatMap((segment, segmentIndex): SheetCell[] => {
            const cell = segmentCell(theme, segment.id, segmentIndex);
            const letters = cell !== undefined ? (lettered.get(segment.id) ?? '') : '';
            return [
              cell?.respondents ?? null,
              cell?.proportion ?? null,
              letters === '' ? null : letters,
              ...(weighted ? [cell?.weighted?.proportion ?? null] : []),
            ];
          }),
          theme.respondents,
          theme.proportion,
          theme.segmentTest?.method ?? null,
          theme.segmentTest?.pAdjusted ?? null,
        ];
      }),
    });
  }

  if (results.questions.length > 0) {
    // Every level any question has, in level order; a question without a level leaves its cell empty.
    const levels = new Map<number, string>();
    for (const question of results.questions) {
      if (question.type === 'single' || question.type === 'multi') continue; // issue 16: options, not levels (the CSV tables list them)
      for (const level of question.levels) if (!levels.has(level.level)) levels.set(level.level, level.label);
    }
    const ordered = [...levels.entries()].sort((a, b) => a[0] - b[0]);
    const answered = 'base: those who answered, column Base';
    sheets.push({
      kind: 'table',
      name: 'Questions',
      frozenColumns: 2,
      columns: [
        text('Question', 14),
        text('Statement', 44),
        figure('Base (answered)', 'count', 10),
        figure('Missing', 'count', 9),
        ...ordered.map(([level, label]) => figure(`${label} (${level}): % (${answered})`, 'percent', 16)),
        figure(`Mean (${answered})`, 'statistic', 12),
        figure(`Median (${answered})`, 'statistic', 12),
        figure(`SD (${answered})`, 'statistic', 12),
        figure(`Top box: n (${answered})`, 'count', 12),
        figure(`Top box: % (${answered})`, 'percent', 12),
        figure(`Top box ${confidence} CI lower (${answered})`, 'percent', 14),
        figure(`Top box ${confidence} CI upper (${answered})`, 'percent', 14),
        ...(weighted ? [figure(`Weighted mean (${answered})`, 'statistic', 14)] : []),
      ],
      rows: results.questions.map((question): SheetCell[] => [
        question.id,
        question.label,
        question.base,
        question.missing,
        ...ordered.map(([level]): SheetCell => {
          const found = question.levels.find((candidate) => candidate.level === level);
          if (found === undefined || question.type === 'single' || question.type === 'multi') return null;
          const count = question.counts[found.key ?? String(level)] ?? 0;
          return question.base > 0 ? count / question.base : null;
        }),
        question.mean,
        question.median,
        question.sd,
        question.topBox?.respondents ?? null,
        question.topBox?.proportion ?? null,
        question.topBox?.ci?.[0] ?? null,
        question.topBox?.ci?.[1] ?? null,
        ...(weighted ? [question.weighted?.mean ?? null] : []),
      ]),
    });
  }

  if (results.cooccurrence.length > 0) {
    const label = new Map(results.themes.map((theme) => [theme.code, theme.label]));
    sheets.push({
      kind: 'table',
      name: 'Co-occurrence',
      frozenColumns: 2,
      columns: [
        text('Theme A', 36),
        text('Theme B', 36),
        figure(`Respondents mentioning both (base ${n})`, 'count', 16),
        figure(`Jaccard index (base ${n})`, 'statistic', 14),
      ],
      rows: results.cooccurrence.map((pair): SheetCell[] => [label.get(pair.a) ?? pair.a, label.get(pair.b) ?? pair.b, pair.respondents, pair.jaccard]),
    });
  }

  if (results.change !== null) {
    const change = results.change;
    const previous = change.previousRound || change.previous;
    const current = results.survey.round || results.survey.id;
    const baseOf = (pick: 'previous' | 'current'): string => {
      const bases = new Set(change.themes.map((theme) => theme[pick].base));
      return bases.size === 1 ? `base ${[...bases][0]}` : `base in column ${pick === 'previous' ? previous : current} base`;
    };
    const both = `bases ${baseOf('previous').replace('base ', '')} and ${baseOf('current').replace('base ', '')}`;
    sheets.push({
      kind: 'table',
      name: 'Change',
      frozenColumns: 2,
      columns: [
        text('Code', 18),
        text('Theme', 44),
        figure(`${previous} base`, 'count', 10),
        figure(`${previous}: n (${baseOf('previous')})`, 'count'),
        figure(`${previous}: % (${baseOf('previous')})`, 'percent'),
        figure(`${current} base`, 'count', 10),
        figure(`${current}: n (${baseOf('current')})`, 'count'),
        figure(`${current}: % (${baseOf('current')})`, 'percent'),
        figure(`Difference, points (${both})`, 'points', 16),
        figure(`${confidence} CI lower, points (${both})`, 'points', 16),
        figure(`${confidence} CI upper, points (${both})`, 'points', 16),
        figure(`z (${both})`, 'statistic', 10),
        figure(`p (${both})`, 'p', 10),
        figure(`BH-adjusted p (${both})`, 'p', 12),
        text('Mapping', 28),
      ],
      rows: change.themes.map((theme): SheetCell[] => [theme.code, theme.label, ...changeFigures(theme), theme.mapping]),
    });
  }
  return sheets;
}

/**
 * A compared theme's figures as the Change sheets show them, in column order: each round's base,
 * count and share, then the difference, its interval, z, p and BH-adjusted p (round and trend alike).
 */
export function changeFigures(theme: ChangeResult['themes'][number]): SheetCell[] {
  return [
    theme.previous.base,
    theme.previous.respondents,
    theme.previous.proportion,
    theme.current.base,
    theme.current.respondents,
    theme.current.proportion,
    theme.difference,
    theme.ci?.[0] ?? null,
    theme.ci?.[1] ?? null,
    theme.z,
    theme.p,
    theme.pAdjusted,
  ];
}
