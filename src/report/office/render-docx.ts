import type { Cell, Inline, ReportBlock } from '../report-types.ts';
import { pngSize } from './png-size.ts';
import { stableZip } from './stable-zip.ts';
import { xmlSafe } from './xml-safe.ts';

/** Widest and tallest a chart is placed, in CSS pixels (96 per inch): A4's text width with 2 cm margins, and most of its height. */
const MAX_WIDTH = 640;
const MAX_HEIGHT = 820;

/**
 * A report document (the round report's or the trend report's blocks, the same ones report.html
 * and report.md serialise) as a Word document, through the `docx` library. The report's title is
 * Word's Title style and its sections Heading 1 and Heading 2, so Word's navigation pane lists them
 * and the table of contents (a TOC field, filled in with the headings so it reads before Word
 * updates it) works; tables are Word tables with a repeating header row; each chart is its PNG
 * (rendered at twice its size) with the chart's text alternative as the picture's alt text and a
 * numbered caption; a quote under a key finding is an indented italic paragraph. `images` holds the
 * PNG of each chart by name. The bytes are reproducible (stableZip; drawing ids by figure number).
 */
export async function renderDocx(blocks: readonly ReportBlock[], images: ReadonlyMap<string, Uint8Array>, title: string): Promise<Uint8Array> {
  const docx = await import('docx');
  const {
    AlignmentType,
    BorderStyle,
    Document,
    HeadingLevel,
    ImageRun,
    LevelFormat,
    LineRuleType,
    Packer,
    Paragraph,
    ShadingType,
    Table,
    TableCell,
    TableOfContents,
    TableRow,
    TextRun,
    WidthType,
  } = docx;
  type Child = InstanceType<typeof Paragraph> | InstanceType<typeof Table> | InstanceType<typeof TableOfContents>;

  const runs = (text: Inline, base: { italics?: boolean; size?: number; color?: string } = {}): InstanceType<typeof TextRun>[] => {
    if (typeof text === 'string') return [new TextRun({ text: xmlSafe(text), ...base })];
    return text.flatMap((run) => {
      if (typeof run === 'string') return [new TextRun({ text: xmlSafe(run), ...base })];
      if ('code' in run) return [new TextRun({ text: xmlSafe(run.code), font: 'Courier New', ...base, size: (base.size ?? 21) - 2 })];
      if ('strong' in run) return [new TextRun({ text: xmlSafe(run.strong), bold: true, ...base })];
      return []; // quotes become their own paragraph (quoteParagraphs)
    });
  };
  const quoteParagraphs = (text: Inline): InstanceType<typeof Paragraph>[] =>
    typeof text === 'string'
      ? []
      : text.flatMap((run) =>
          typeof run !== 'string' && 'quote' in run
            ? [
                new Paragraph({
                  indent: { left: 720 },
                  spacing: { before: 40, after: 120 },
                  border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'D1D9E0', space: 8 } },
                  children: [new TextRun({ text: xmlSafe(`“${run.quote}”`), italics: true }), new TextRun({ text: xmlSafe(` (${run.by})`), color: '59636E' })],
                }),
              ]
            : [],
        );
  const cellParagraphs = (cell: Cell, numeric: boolean, bold: boolean): InstanceType<typeof Paragraph>[] => {
    const lines = typeof cell === 'string' ? [cell] : cell.length > 0 ? [...cell] : [''];
    return lines.map(
      (line, index) =>
        new Paragraph({
          alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          spacing: { before: 0, after: 0 },
          children: [new TextRun({ text: xmlSafe(line), bold, size: index === 0 ? 18 : 16, color: index === 0 ? undefined : '59636E' })],
        }),
    );
  };
  const table = (caption: string, head: readonly string[], rows: readonly (readonly Cell[])[], numeric: readonly boolean[]): Child[] => [
    new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun({ text: xmlSafe(caption) })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: head.map(
            (cell, index) =>
              new TableCell({
                shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EAEEF2' },
                children: cellParagraphs(cell, numeric[index] === true, true),
              }),
          ),
        }),
        ...rows.map(
          (row) =>
            new TableRow({
              cantSplit: true,
              children: row.map((cell, index) => new TableCell({ children: cellParagraphs(cell, numeric[index] === true, false) })),
            }),
        ),
      ],
    }),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  ];

  const children: Child[] = [];
  let figures = 0;
  let lists = 0;
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        children.push(
          new Paragraph({
            heading: block.level === 1 ? HeadingLevel.TITLE : block.level === 2 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
            children: [new TextRun({ text: xmlSafe(block.text) })],
          }),
        );
        break;
      case 'paragraph':
        if (block.role === 'note') {
          children.push(
            new Paragraph({
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFF8E6' },
              border: { left: { style: BorderStyle.SINGLE, size: 24, color: '9A6700', space: 6 } },
              spacing: { before: 120, after: 240 },
              children: runs(block.text),
            }),
          );
        } else {
          const quiet = block.role === 'footnote' || block.role === 'meta';
          children.push(new Paragraph({ children: runs(block.text, quiet ? { color: '59636E', size: block.role === 'footnote' ? 18 : 21 } : {}) }));
        }
        children.push(...quoteParagraphs(block.text));
        break;
      case 'list': {
        const instance = ++lists;
        for (const item of block.items) {
          children.push(
            new Paragraph({
              ...(block.ordered === true ? { numbering: { reference: 'ordered', level: 0, instance } } : { bullet: { level: 0 } }),
              children: runs(item),
            }),
          );
          children.push(...quoteParagraphs(item));
        }
        break;
      }
      case 'facts':
        for (const item of block.items) {
          children.push(
            new Paragraph({ spacing: { before: 0, after: 60 }, children: [new TextRun({ text: xmlSafe(`${item.term}: `), bold: true }), ...runs(item.value)] }),
          );
        }
        break;
      case 'table':
        children.push(...table(block.caption, block.head, block.rows, block.numeric));
        break;
      case 'figure': {
        const png = images.get(block.chart.name);
        figures += 1;
        if (png !== undefined) {
          const size = pngSize(png);
          // The PNG is drawn at twice the chart's size; place it at its own size, shrunk to fit the page.
          const scale = Math.min(1, MAX_WIDTH / (size.width / 2), MAX_HEIGHT / (size.height / 2));
          children.push(
            new Paragraph({
              alignment: AlignmentType.CENTER,
              keepNext: true,
              children: [
                new ImageRun({
                  type: 'png',
                  data: png,
                  transformation: { width: Math.round((size.width / 2) * scale), height: Math.round((size.height / 2) * scale) },
                  altText: { id: String(figures), name: `Figure ${figures}`, title: xmlSafe(block.chart.title), description: xmlSafe(block.chart.alt) },
                }),
              ],
            }),
          );
        } else {
          children.push(new Paragraph({ children: [new TextRun({ text: xmlSafe(block.chart.alt) })] }));
        }
        children.push(new Paragraph({ style: 'Caption', children: [new TextRun({ text: xmlSafe(`Figure ${figures}. ${block.chart.title}`) })] }));
        break;
      }
      case 'contents':
        children.push(
          new Paragraph({ spacing: { before: 240, after: 60 }, children: [new TextRun({ text: 'Contents', bold: true, size: 24 })] }),
          new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1' }),
        );
        break;
    }
  }

  const document = new Document({
    creator: 'findings',
    lastModifiedBy: 'findings',
    title: xmlSafe(title),
    revision: 1,
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 21 }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: 'Arial', size: 40, bold: true, color: '1F2328' }, paragraph: { spacing: { after: 200 } } },
        heading1: { run: { font: 'Arial', size: 30, bold: true, color: '1F2328' }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true } },
        heading2: { run: { font: 'Arial', size: 24, bold: true, color: '1F2328' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
      },
      paragraphStyles: [
        {
          id: 'Caption',
          name: 'caption',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: 18, bold: true, color: '1F2328' },
          paragraph: { spacing: { before: 120, after: 80 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children,
      },
    ],
  });
  return stableZip(new Uint8Array(await Packer.toBuffer(document)), (name) => (name === 'word/document.xml' ? renumberBookmarks : undefined));
}

/**
 * docx numbers the headings' bookmarks (`_Toc8`, `w:id="8"`) from one counter for every document
 * written in the process, so the second report of a test run (or a trend after a round) would get
 * other numbers: renumbered 1, 2, ... in order of appearance, the same in every process.
 */
function renumberBookmarks(xml: string): string {
  const ids = new Map<string, number>();
  const number = (id: string): number => {
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return ids.get(id)!;
  };
  for (const match of xml.matchAll(/<w:bookmarkStart\b[^>]*\bw:id="(\d+)"/g)) number(match[1]!);
  return xml
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*\bw:id=")(\d+)"/g, (_match, head: string, id: string) => `${head}${number(id)}"`)
    .replace(/_Toc(\d+)/g, (_match, id: string) => `_Toc${number(id)}`);
}
