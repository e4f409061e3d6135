/**
 * renderDocx on a hand-made report document: a key finding with a quote becomes a list item and an
 * indented italic quote paragraph; data text full of markup stays text (escaped once, by the docx
 * library); a two-line table cell becomes two paragraphs; an ordered list is Word numbering; a chart
 * without its PNG falls back to its text alternative. The expected XML is written out by hand.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../src/report/office/render-docx.ts';
import type { ReportBlock } from '../../../src/report/report-types.ts';

const blocks: ReportBlock[] = [
  { kind: 'heading', level: 1, text: 'Study <b>&</b> "title"', id: 'top' },
  { kind: 'heading', level: 2, text: 'Key findings', id: 'key-findings' },
  { kind: 'list', items: [['12 of 20 funders (60%) said so.', ' ', { quote: 'We want <script>alert(1)</script> & more', by: 'a funder' }]] },
  { kind: 'list', ordered: true, items: ['first', 'second'] },
  { kind: 'table', caption: 'Caption', head: ['Theme', 'Share'], rows: [['=cmd|x', ['60%', '39–78%']]], numeric: [false, true], rowHeader: true },
  { kind: 'figure', chart: { name: 'missing', title: 'A chart', alt: 'Bars of the shares.', spec: {} as never, svg: '' } },
];

describe('renderDocx', () => {
  it('writes quotes, escaped data text, multi-line cells, numbering and the alt text of a chart without its image', async () => {
    const bytes = await renderDocx(blocks, new Map(), 'Study');
    const xml = new TextDecoder().decode(unzipSync(bytes)['word/document.xml']!);
    expect(xml).toContain('<w:t xml:space="preserve">Study &lt;b&gt;&amp;&lt;/b&gt; &quot;title&quot;</w:t>');
    expect(xml).not.toContain('<script>');
    // The quote: its own paragraph, indented, in italics, the attribution after it.
    expect(xml).toMatch(
      /<w:ind w:left="720"\/>[\s\S]*?<w:i\/>[\s\S]*?<w:t xml:space="preserve">“We want &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; more”<\/w:t>[\s\S]*?<w:t xml:space="preserve"> \(a funder\)<\/w:t>/,
    );
    // The finding's own paragraph holds the sentence, not the quote.
    expect(xml).toMatch(/<w:numPr>[\s\S]*?<w:t xml:space="preserve">12 of 20 funders \(60%\) said so\.<\/w:t>/);
    expect(xml.match(/<w:numId w:val="\d+"\/>/g)!.length).toBe(3);
    // A table cell of two lines: two paragraphs; text starting with = stays text in Word.
    expect(xml).toMatch(/<w:t xml:space="preserve">60%<\/w:t><\/w:r><\/w:p><w:p>[\s\S]*?<w:t xml:space="preserve">39–78%<\/w:t>/);
    expect(xml).toContain('<w:t xml:space="preserve">=cmd|x</w:t>');
    expect(xml).toContain('<w:t xml:space="preserve">Bars of the shares.</w:t>');
    expect(xml).toContain('<w:t xml:space="preserve">Figure 1. A chart</w:t>');
    const numbering = new TextDecoder().decode(unzipSync(bytes)['word/numbering.xml']!);
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
  });
});
