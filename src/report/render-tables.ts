import type { ChangeFigure, Interval, Results } from '../model.ts';
import { csvTablePieces, type CsvCell as Cell } from './csv-table.ts';
import { segmentSlugs } from './segment-slug.ts';

/**
 * Tidy CSV tables for spreadsheets and notebooks, one observation per row:
 * `themes.csv` (theme), `themes-by-segment.csv` (theme × segment), `questions.csv` (question × level),
 * `questions-by-segment.csv` (question × segment × level), `cooccurrence.csv` (theme pair) and, when
 * the results compare with a previous round, `change.csv` (theme × all respondents or segment).
 * RFC 4180 quoting, LF line endings, a header row, numbers at full precision, null as an empty cell;
 * with a study note (`report.note`), a last `study_note` column repeats it on every row (issue 17).
 * Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
 * leading single quote (OWASP CSV injection); numeric cells are never altered, so -0.05 stays -0.05.
 */
export function renderTables(results: Results): { name: string; csv: string }[] {
  return renderTablePieces(results).map(({ name, pieces }) => ({ name, csv: [...pieces()].join('') }));
}

/**
 * Issue 19: renderTables' tables as pieces (csvTablePieces), each row made as it is written, so the
 * report folder's writer streams a table of 1,000 themes × 500 segments instead of holding it, its
 * half a million rows and their cells. `pieces` may be called more than once; each call starts over.
 */
export function renderTablePieces(results: Results): { name: string; pieces: () => Iterable<string> }[] {
  const table =
    (header: string[], rows: () => Iterable<Cell[]>): (() => Iterable<string>) =>
    () =>
      csvTablePieces(header, rows(), results.survey.note);
  const themeLabel = new Map(results.themes.map((theme) => [theme.code, theme.label]));
  const segmentLabel = new Map(results.segments.map((segment) => [segment.id, segment.label]));
  const lower = (ci: Interval | null | undefined): number | null => ci?.[0] ?? null;
  const upper = (ci: Interval | null | undefined): number | null => ci?.[1] ?? null;

  const themes = table(
    [
      'code',
      'label',
      'parent',
      'respondents',
      'base',
      'proportion',
      'ci_lower',
      'ci_upper',
      'weighted_proportion',
      'weighted_se',
      'weighted_ci_lower',
      'weighted_ci_upper',
      'segment_test_method',
      'segment_test_statistic',
      'segment_test_df',
      'segment_test_p',
      'segment_test_p_adjusted',
    ],
    () =>
      mapped(results.themes, (theme) => [
        theme.code,
        theme.label,
        theme.parent,
        theme.respondents,
        theme.base,
        theme.proportion,
        lower(theme.ci),
        upper(theme.ci),
        theme.weighted?.proportion ?? null,
        theme.weighted?.se ?? null,
        lower(theme.weighted?.ci),
        upper(theme.weighted?.ci),
        theme.segmentTest?.method ?? null,
        theme.segmentTest?.statistic ?? null,
        theme.segmentTest?.df ?? null,
        theme.segmentTest?.p ?? null,
        theme.segmentTest?.pAdjusted ?? null,
      ]),
  );

  const bySegment = table(
    [
      'code',
      'label',
      'segment',
      'segment_label',
      'respondents',
      'base',
      'proportion',
      'ci_lower',
      'ci_upper',
      'low_base',
      'weighted_proportion',
      'weighted_se',
      'weighted_ci_lower',
      'weighted_ci_upper',
    ],
    () =>
      flatMapped(results.themes, (theme) =>
        theme.bySegment.map((cell): Cell[] => [
          theme.code,
          theme.label,
          cell.segment,
          segmentLabel.get(cell.segment) ?? cell.segment,
          cell.respondents,
          cell.base,
          cell.proportion,
          lower(cell.ci),
          upper(cell.ci),
          cell.lowBase,
          cell.weighted?.proportion ?? null,
          cell.weighted?.se ?? null,
          lower(cell.weighted?.ci),
          upper(cell.weighted?.ci),
        ]),
      ),
  );

  const levelsOf = (question: Results['questions'][number]): { level: number; label: string; key?: string }[] =>
    question.levels.length > 0
      ? question.levels
      : Object.keys(question.counts)
          .map(Number)
          .sort((a, b) => a - b)
          .map((level) => ({ level, label: String(level) }));

  const questions = table(['question', 'question_label', 'level', 'level_label', 'count', 'base', 'proportion', 'top_box'], () =>
    flatMapped(results.questions, (question) =>
      levelsOf(question).map(({ level, label, key }): Cell[] => {
        const count = question.counts[key ?? String(level)] ?? 0;
        return [
          question.id,
          question.label,
          level,
          label,
          count,
          question.base,
          question.base > 0 ? count / question.base : null,
          question.topBox?.levels.includes(level) ?? null,
        ];
      }),
    ),
  );

  const questionsBySegment = table(
    ['question', 'question_label', 'segment', 'segment_label', 'level', 'level_label', 'count', 'base', 'proportion', 'low_base'],
    () =>
      flatMapped(results.questions, (question) =>
        question.bySegment.flatMap((segment) =>
          levelsOf(question).map(({ level, label, key }): Cell[] => {
            const count = segment.counts[key ?? String(level)] ?? 0;
            return [
              question.id,
              question.label,
              segment.segment,
              segmentLabel.get(segment.segment) ?? segment.segment,
              level,
              label,
              count,
              segment.base,
              segment.base > 0 ? count / segment.base : null,
              segment.lowBase,
            ];
          }),
        ),
      ),
  );

  const cooccurrence = table(['a', 'a_label', 'b', 'b_label', 'respondents', 'jaccard'], () =>
    mapped(results.cooccurrence, (pair) => [
      pair.a,
      themeLabel.get(pair.a) ?? pair.a,
      pair.b,
      themeLabel.get(pair.b) ?? pair.b,
      pair.respondents,
      pair.jaccard,
    ]),
  );

  const tables: { name: string; pieces: () => Iterable<string> }[] = [
    { name: 'themes.csv', pieces: themes },
    { name: 'themes-by-segment.csv', pieces: bySegment },
    { name: 'questions.csv', pieces: questions },
    { name: 'questions-by-segment.csv', pieces: questionsBySegment },
    { name: 'cooccurrence.csv', pieces: cooccurrence },
  ];
  const change = results.change;
  if (change !== null) {
    const figures = (figure: ChangeFigure): Cell[] => [
      figure.previous.respondents,
      figure.previous.base,
      figure.previous.proportion,
      figure.current.respondents,
      figure.current.base,
      figure.current.proportion,
      figure.difference,
      lower(figure.ci),
      upper(figure.ci),
      figure.z,
      figure.p,
      figure.pAdjusted,
    ];
    tables.push({
      name: 'change.csv',
      pieces: table(
        [
          'code',
          'label',
          'segment',
          'segment_label',
          'previous_respondents',
          'previous_base',
          'previous_proportion',
          'current_respondents',
          'current_base',
          'current_proportion',
          'difference',
          'ci_lower',
          'ci_upper',
          'z',
          'p',
          'p_adjusted',
          'low_base',
          'mapping',
          'status',
        ],
        () =>
          flatMapped(change.themes, (theme) => [
            [
              theme.code,
              theme.label,
              null,
              null,
              ...figures(theme),
              theme.previous.base < results.settings.minBase || theme.current.base < results.settings.minBase,
              theme.mapping,
              theme.status,
            ],
            ...theme.bySegment.map((cell): Cell[] => [
              theme.code,
              theme.label,
              cell.segment,
              segmentLabel.get(cell.segment) ?? cell.segment,
              ...figures(cell),
              cell.lowBase,
              theme.mapping,
              theme.status,
            ]),
          ]),
      ),
    });
  }
  // Issue 16: a table per banner after the segment, as themes-by-segment.csv with the banner's groups and its test.
  const banners = (results.banners ?? []).slice(1);
  const slugs = segmentSlugs(
    banners.map((b) => b.column),
    '',
  );
  banners.forEach((banner, b) => {
    const groupLabel = new Map(banner.groups.map((g) => [g.id, g.label]));
    tables.push({
      name: `themes-by-${slugs[b]}.csv`,
      pieces: table(
        ['code', 'label', 'banner', 'group', 'group_label', 'respondents', 'base', 'proportion', 'ci_lower', 'ci_upper', 'low_base', 'test', 'p', 'p_adjusted'],
        () =>
          flatMapped(banner.themes, (theme) =>
            theme.bySegment.map((cell): Cell[] => [
              theme.code,
              theme.label,
              banner.column,
              cell.segment,
              groupLabel.get(cell.segment) ?? cell.segment,
              cell.respondents,
              cell.base,
              cell.proportion,
              lower(cell.ci),
              upper(cell.ci),
              cell.lowBase,
              theme.segmentTest?.method ?? null,
              theme.segmentTest?.p ?? null,
              theme.segmentTest?.pAdjusted ?? null,
            ]),
          ),
      ),
    });
  });
  return tables;
}

/** `items.map(row)`, one row at a time. */
function* mapped<T>(items: readonly T[], row: (item: T) => Cell[]): Generator<Cell[]> {
  for (const item of items) yield row(item);
}

/** `items.flatMap(rows)`, one item's rows at a time (a theme's segments, a question's levels). */
function* flatMapped<T>(items: readonly T[], rows: (item: T) => Cell[][]): Generator<Cell[]> {
  for (const item of items) yield* rows(item);
}
