import type { Results, ThemeResult } from '../model.ts';
import { segmentCell } from '../format/segment-cell.ts';
import type { ReportOptions } from './report-types.ts';

/**
 * Issue 19: how much of a very wide study the report's own tables print. A crosstab of 1,000 themes
 * by 500 segments is half a million cells (38 MB of HTML) that nobody reads; crosstab tools print
 * the banner they are given, and a leadership report should print what can be read. Beyond these
 * limits report.html, report.md and report.docx show the most mentioned themes and the largest
 * segments, and say so beside the table, naming the file that holds every figure
 * (tables/*.csv, complete, and results.json). Studies within the limits are printed whole, as before.
 */
const REPORT_LIMITS = {
  /** Rows of the themes table and of each crosstab: the most mentioned themes. */
  themes: 100,
  /** Columns of each crosstab, and the sentences per segment above it: the largest segments (or banner groups). */
  segments: 20,
} as const;

/** The part of the results one report table prints, and the sentence that says what it left out (null when nothing was). */
export interface TableView {
  results: Results;
  note: string | null;
}

/** What a capped table's note calls each dimension: "themes", "segments" or a banner's "region groups". */
interface CapWords {
  /** The full table's file in the report folder, e.g. "tables/themes-by-segment.csv". */
  file: string;
  /** Plural noun of the columns ("segments"); absent for a table without them. */
  many?: string;
  /** How the note starts (default "This table shows"). */
  subject?: string;
}

/**
 * The themes and (with `words.many`) the segments of `results` that a report table prints: at most
 * REPORT_LIMITS.themes themes, the most mentioned (ties in codebook order; a sub-theme whose parent
 * is cut stands on its own), and at most REPORT_LIMITS.segments segments, the largest (ties in
 * config order), each kept in its own order. Every theme's `bySegment` keeps the printed segments in
 * the segments' order, so a cell is found by its position as before. `where` says where the full
 * table is (`fullTableWhere`).
 *
 * @example
 * tableView(results, { file: 'tables/themes-by-segment.csv', many: 'segments' }, options).note;
 * // "This table shows the 100 most mentioned of 1,000 themes and the 20 largest of 500 segments, to stay
 * // readable; the full table, with all 1,000 themes and all 500 segments, is in tables/themes-by-segment.csv."
 */
export function tableView(results: Results, words: CapWords, options: ReportOptions): TableView {
  const cutThemes = results.themes.length > REPORT_LIMITS.themes;
  const cutSegments = words.many !== undefined && results.segments.length > REPORT_LIMITS.segments;
  if (!cutThemes && !cutSegments) return { results, note: null };
  let themes = results.themes;
  if (cutThemes) {
    const kept = new Set(largest(themes, (theme) => theme.respondents, REPORT_LIMITS.themes).map((theme) => theme.code));
    themes = themes
      .filter((theme) => kept.has(theme.code))
      .map((theme) => (theme.parent !== null && !kept.has(theme.parent) ? { ...theme, parent: null } : theme));
  }
  let segments = results.segments;
  if (cutSegments) {
    const kept = new Set(largest(segments, (segment) => segment.respondents, REPORT_LIMITS.segments).map((segment) => segment.id));
    const printed = segments.filter((segment) => kept.has(segment.id));
    const cells = onlyCells(segments, printed);
    themes = themes.map((theme) => onlySegments(cells(theme), kept));
    segments = printed;
  }
  const parts: string[] = [];
  if (cutThemes) parts.push(`the ${REPORT_LIMITS.themes} most mentioned of ${count(results.themes.length)} themes`);
  if (cutSegments) parts.push(`the ${REPORT_LIMITS.segments} largest of ${count(results.segments.length)} ${words.many}`);
  const whole = [
    cutThemes ? `all ${count(results.themes.length)} themes` : 'every theme',
    ...(words.many === undefined ? [] : [`all ${count(results.segments.length)} ${words.many}`]),
  ];
  const note = `${words.subject ?? 'This table shows'} ${parts.join(' and ')}, to stay readable; the full table, with ${whole.join(' and ')}, ${fullTableWhere(words.file, options)}.`;
  return { results: { ...results, themes, segments }, note };
}

/**
 * Where the complete figures of a capped table are, among the files the report folder holds:
 * its CSV table (report.formats has csv), else results.json, else the format to ask for.
 */
function fullTableWhere(file: string, options: ReportOptions): string {
  if (options.files === undefined || options.files.includes(file)) return `is in ${file}`;
  if (options.resultsJson !== false) return `is in results.json (and in ${file} when report.formats includes csv)`;
  return `is written to ${file} when report.formats includes csv`;
}

/**
 * A function giving a theme with the cells of `printed` only, in their order (`printed` is a part of
 * `segments`, in the same order): each cell is found by its position, as segmentCell finds it, not by
 * going through the theme's 500 cells (issue 19).
 */
export function onlyCells(segments: Results['segments'], printed: Results['segments']): (theme: ThemeResult) => ThemeResult {
  const position = new Map(segments.map((segment, index) => [segment.id, index]));
  const places = printed.map((segment) => ({ id: segment.id, at: position.get(segment.id)! }));
  return (theme) => ({
    ...theme,
    bySegment: places.flatMap(({ id, at }) => {
      const cell = segmentCell(theme, id, at);
      return cell === undefined ? [] : [cell];
    }),
  });
}

/** A theme's pairwise tests only between printed segments. */
function onlySegments(theme: ThemeResult, kept: ReadonlySet<string>): ThemeResult {
  const between = <T extends { a: string; b: string }>(pairs: readonly T[] | undefined): T[] | undefined =>
    pairs?.filter((pair) => kept.has(pair.a) && kept.has(pair.b));
  const view: ThemeResult = { ...theme };
  if (theme.pairwise !== undefined) view.pairwise = between(theme.pairwise)!;
  if (theme.weightedPairwise !== undefined) view.weightedPairwise = between(theme.weightedPairwise)!;
  return view;
}

/** The `n` items of `items` largest by `size` (ties in their given order), in their given order. */
function largest<T>(items: readonly T[], size: (item: T) => number, n: number): T[] {
  const chosen = new Set(
    items
      .map((item, index) => ({ item, index }))
      .sort((a, b) => size(b.item) - size(a.item) || a.index - b.index)
      .slice(0, n)
      .map(({ index }) => index),
  );
  return items.filter((_, index) => chosen.has(index));
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
