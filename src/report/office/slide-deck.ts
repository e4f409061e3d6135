import type { RenderedChart } from '../report-types.ts';

/** One slide per key finding: its sentence, the chart it comes from, its base and source, and the exact figures for the speaker. */
export interface FindingSlide {
  heading: string;
  text: string;
  chart: RenderedChart | null;
  base: string;
  source: string;
  /** Speaker notes: the figures at full precision, as in results.json. */
  notes: string;
}

/**
 * What slides.pptx says, built from the report (round or trend) before any layout: a title slide
 * (title, facts, the study's note), a slide per key finding, a slide per chart and a methods slide.
 */
export interface SlideDeck {
  title: string;
  facts: { term: string; value: string }[];
  note: string | null;
  findings: FindingSlide[];
  /** Said on the findings' place when there are none (as the report says it). */
  noFindings: string;
  charts: RenderedChart[];
  source: string;
  methods: { heading: string; items: string[] }[];
}
