import type PptxGenJSType from 'pptxgenjs';
import type { RenderedChart } from '../report-types.ts';
import { pngSize } from './png-size.ts';
import type { SlideDeck } from './slide-deck.ts';
import { stableZip } from './stable-zip.ts';
import { xmlSafe } from './xml-safe.ts';

/** 16:9 slides, 13.33 × 7.5 in. */
const SLIDE_WIDTH = 13.333;
const MARGIN = 0.5;
const INK = '1F2328';
const MUTED = '59636E';
const FONT = 'Arial';

/**
 * A slide deck (.pptx) through pptxgenjs: a title slide with the study's facts and note, one slide
 * per key finding (the sentence, the chart it comes from, the base and source lines, and speaker
 * notes with the exact figures), one slide per chart (with its data in the notes) and a methods
 * slide (each method's first sentence; the full text in the notes). Charts are the report's PNGs
 * (twice the chart's size, about 160 pixels per inch on the slide), placed at their own aspect
 * ratio, each with the chart's text alternative as alt text. Reproducible bytes (stableZip).
 */
export async function renderPptx(deck: SlideDeck, images: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array> {
  // pptxgenjs's types describe a CommonJS module, but Node and esbuild load its ES build, whose default is the class.
  const PptxGenJS = (await import('pptxgenjs')).default as unknown as new () => PptxGenJSType.default;
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'findings';
  pptx.company = 'findings';
  pptx.title = xmlSafe(deck.title);
  pptx.subject = 'Findings report';
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };

  const heading = (slide: ReturnType<typeof pptx.addSlide>, text: string): void => {
    slide.addText(xmlSafe(text), {
      x: MARGIN,
      y: 0.3,
      w: SLIDE_WIDTH - 2 * MARGIN,
      h: 0.8,
      fontFace: FONT,
      fontSize: 26,
      bold: true,
      color: INK,
      valign: 'top',
      fit: 'shrink',
    });
  };
  const footer = (slide: ReturnType<typeof pptx.addSlide>, lines: string[]): void => {
    slide.addText(
      lines.map((line, index) => ({ text: xmlSafe(line), options: { breakLine: index < lines.length - 1 } })),
      {
        x: MARGIN,
        y: 6.75,
        w: SLIDE_WIDTH - 2 * MARGIN,
        h: 0.55,
        fontFace: FONT,
        fontSize: 10,
        color: MUTED,
        valign: 'bottom',
      },
    );
  };
  /** The chart's PNG in the box, centred, at its own aspect ratio. */
  const image = (slide: ReturnType<typeof pptx.addSlide>, chart: RenderedChart, box: { x: number; y: number; w: number; h: number }): void => {
    const png = images.get(chart.name);
    if (png === undefined) {
      slide.addText(xmlSafe(chart.alt), { ...box, fontFace: FONT, fontSize: 14, color: INK });
      return;
    }
    const size = pngSize(png);
    const scale = Math.min(box.w / size.width, box.h / size.height);
    const w = size.width * scale;
    const h = size.height * scale;
    slide.addImage({
      data: `image/png;base64,${Buffer.from(png).toString('base64')}`,
      x: box.x + (box.w - w) / 2,
      y: box.y + (box.h - h) / 2,
      w,
      h,
      altText: xmlSafe(chart.alt),
    });
  };

  // Title slide.
  const title = pptx.addSlide();
  title.addText(xmlSafe(deck.title), {
    x: MARGIN,
    y: 1.2,
    w: SLIDE_WIDTH - 2 * MARGIN,
    h: 1.6,
    fontFace: FONT,
    fontSize: 36,
    bold: true,
    color: INK,
    valign: 'bottom',
    fit: 'shrink',
  });
  title.addText(
    deck.facts.map((fact, index) => ({ text: xmlSafe(`${fact.term}: ${fact.value}`), options: { breakLine: index < deck.facts.length - 1 } })),
    {
      x: MARGIN,
      y: 3.0,
      w: SLIDE_WIDTH - 2 * MARGIN,
      h: 1.6,
      fontFace: FONT,
      fontSize: 16,
      color: INK,
      valign: 'top',
    },
  );
  if (deck.note !== null) {
    title.addText([{ text: 'Note: ', options: { bold: true } }, { text: xmlSafe(deck.note) }], {
      x: MARGIN,
      y: 4.9,
      w: SLIDE_WIDTH - 2 * MARGIN,
      h: 1.2,
      fontFace: FONT,
      // A trend's note may join several rounds' notes: smaller type keeps it inside its box.
      fontSize: deck.note.length > 240 ? 10 : 14,
      color: INK,
      fill: { color: 'FFF8E6' },
      line: { color: '9A6700', width: 1 },
      margin: 8,
      valign: 'middle',
    });
  }
  title.addNotes(
    xmlSafe([deck.title, ...deck.facts.map((fact) => `${fact.term}: ${fact.value}`), ...(deck.note === null ? [] : [`Note: ${deck.note}`])].join('\n')),
  );

  // One slide per key finding.
  if (deck.findings.length === 0) {
    const slide = pptx.addSlide();
    heading(slide, 'Key findings');
    slide.addText(xmlSafe(deck.noFindings), { x: MARGIN, y: 1.4, w: SLIDE_WIDTH - 2 * MARGIN, h: 2, fontFace: FONT, fontSize: 20, color: INK, valign: 'top' });
    footer(slide, [deck.source]);
    slide.addNotes(xmlSafe(deck.noFindings));
  }
  for (const finding of deck.findings) {
    const slide = pptx.addSlide();
    heading(slide, finding.heading);
    const textWidth = finding.chart === null ? SLIDE_WIDTH - 2 * MARGIN : 4.9;
    slide.addText(xmlSafe(finding.text), { x: MARGIN, y: 1.3, w: textWidth, h: 5.2, fontFace: FONT, fontSize: 20, color: INK, valign: 'top', fit: 'shrink' });
    if (finding.chart !== null) image(slide, finding.chart, { x: MARGIN + textWidth + 0.3, y: 1.2, w: SLIDE_WIDTH - 2 * MARGIN - textWidth - 0.3, h: 5.4 });
    footer(slide, [finding.base, finding.source]);
    slide.addNotes(xmlSafe(finding.notes));
  }

  // One slide per chart, its data in the notes.
  for (const chart of deck.charts) {
    const slide = pptx.addSlide();
    heading(slide, chart.title);
    image(slide, chart, { x: MARGIN, y: 1.15, w: SLIDE_WIDTH - 2 * MARGIN, h: 5.5 });
    footer(slide, [deck.source]);
    const table = chart.table;
    const rows = table === undefined ? [] : [table.caption, table.head.join(' | '), ...table.rows.map((row) => row.join(' | '))];
    slide.addNotes(xmlSafe([chart.alt, ...rows].join('\n')));
  }

  // Methods: the first sentence of each item on the slide, every word in the notes.
  const methods = pptx.addSlide();
  heading(methods, 'Methods and limitations');
  const columns = deck.methods.filter((group) => group.items.length > 0).slice(0, 2);
  const columnWidth = (SLIDE_WIDTH - 2 * MARGIN - 0.4 * (columns.length - 1)) / Math.max(1, columns.length);
  columns.forEach((group, index) => {
    methods.addText(
      [
        { text: xmlSafe(group.heading), options: { bold: true, fontSize: 14, breakLine: true } },
        ...group.items.map((item, at) => ({ text: xmlSafe(firstSentence(item)), options: { bullet: true, breakLine: at < group.items.length - 1 } })),
      ],
      {
        x: MARGIN + index * (columnWidth + 0.4),
        y: 1.2,
        w: columnWidth,
        h: 5.4,
        fontFace: FONT,
        fontSize: 12,
        color: INK,
        valign: 'top',
        fit: 'shrink',
        paraSpaceAfter: 4,
      },
    );
  });
  footer(methods, [deck.source]);
  methods.addNotes(xmlSafe(deck.methods.map((group) => [group.heading, ...group.items.map((item) => `- ${item}`)].join('\n')).join('\n\n')));

  const written = await pptx.write({ outputType: 'uint8array' });
  return stableZip(written as Uint8Array, (name) => (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(name) ? notesParagraphs : undefined));
}

/**
 * pptxgenjs writes speaker notes as one text run, line breaks and all, which PowerPoint shows as one
 * paragraph: each line becomes a paragraph of its own, with the run's properties.
 */
function notesParagraphs(xml: string): string {
  return xml.replace(/<a:p><a:r>(<a:rPr\b[^>]*\/>)<a:t>([^<]*)<\/a:t><\/a:r>/g, (_match, properties: string, text: string) =>
    text
      .split('\n')
      .map((line) => `<a:p><a:r>${properties}<a:t>${line}</a:t></a:r>`)
      .join('</a:p>'),
  );
}

/** The text up to the end of its first sentence that ends after the opening label ("Base. Every …" keeps "Base. Every …."). */
function firstSentence(text: string): string {
  const label = /^[^.]{1,60}\.\s/.exec(text)?.[0].length ?? 0;
  const end = text.slice(label).search(/[.;](\s|$)/);
  return end < 0 ? text : `${text.slice(0, label + end)}.`;
}
