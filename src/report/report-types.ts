/**
 * The report as a document: sections build blocks of plain text; render-markdown.ts and
 * render-html.ts serialise the same blocks, so both formats say the same thing and each escapes data
 * text in exactly one place.
 */
import type { ChartSpec } from '../charts/build-charts.ts';

/** A chart with its rendered SVG, as the pipeline hands it to the report writers. */
export interface RenderedChart extends ChartSpec {
  svg: string;
  /** Issue 17: the chart laid out for phones (charts/narrow-spec.ts), shown by CSS below 40rem; null or absent when the wide one fits or none does. */
  narrowSvg?: string | null;
}

export interface ReportOptions {
  /** Verb phrases by theme code, from the codebook's `statement` column ("asked how ... structured"). */
  statements?: Record<string, string>;
  /** How many key findings open the report (default 5). */
  keyFindings?: number;
  /** Plural nouns by segment id for sentences ("funders"), from the config; default from the label. */
  plurals?: Record<string, string>;
  /** Issue 17: theme–question pairs (config report.pairs): the summary states both in one sentence. */
  pairs?: readonly { theme: string; question: string }[];
  /** Issue 17: how the study was done (config `study:`), for the methods appendix. */
  study?: { fieldworkStart: string | null; fieldworkEnd: string | null; recruitment: string | null; invited: number | null };
  /** Issue 17: the report folder's table and chart files (relative paths), linked from the methods appendix. */
  files?: readonly string[];
  /** Whether the folder holds results.json (report.formats has json; default yes). */
  resultsJson?: boolean;
}

/** A table cell: one line, or lines (stacked in HTML, joined with ", " in Markdown). */
export type Cell = string | readonly string[];

/** Inline text: plain text, or runs of plain text, code (R calls), strong emphasis and a respondent's quote. */
export type Inline = string | readonly (string | { code: string } | { strong: string } | { quote: string; by: string })[];

export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; id: string }
  | { kind: 'paragraph'; text: Inline; role?: 'meta' | 'note' | 'footnote' }
  | { kind: 'list'; items: Inline[]; ordered?: boolean }
  | {
      kind: 'table';
      caption: string;
      head: string[];
      rows: Cell[][];
      /** Per column: right-aligned figures. */
      numeric: boolean[];
      /** The first cell of each row names the row (`<th scope="row">`). */
      rowHeader: boolean;
    }
  | { kind: 'figure'; chart: RenderedChart }
  /** Labelled facts (the title block): a description list in HTML, bold terms in Markdown. */
  | { kind: 'facts'; items: readonly { term: string; value: Inline }[] }
  /** The table of contents: the serialiser lists the level-2 headings that follow. */
  | { kind: 'contents' }
  /** Issue 17: links to the report folder's own files (relative paths), as a list. */
  | { kind: 'links'; items: readonly { href: string; text: string }[] };
