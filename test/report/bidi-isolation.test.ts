/**
 * Issue 17: right-to-left data text is isolated in report.html, so a label cannot carry the figures
 * beside it into its own direction, and a bidi control in a label cannot reorder the report's own
 * figures ("(%76 ,3 fo 2)").
 */
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import { sampleResults } from './sample-results.ts';

const ARABIC = 'المجيبون بنعم';
const HEBREW = 'לא בטוחים';

function rtlResults(): Results {
  const results: Results = structuredClone(sampleResults);
  results.themes[0]!.label = ARABIC;
  // A right-to-left override at the start of a label (U+202E).
  results.themes[1]!.label = `\u202E${HEBREW}`;
  return results;
}

describe('bidirectional text in report.html', () => {
  const html = renderHtml(rtlResults(), []);

  it('isolates every quoted label in prose in a <bdi>', () => {
    const sentences = [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) => match[1]!).filter((item) => item.includes(ARABIC) || item.includes(HEBREW));
    expect(sentences.length).toBeGreaterThan(0);
    for (const sentence of sentences) {
      // Every occurrence of a label stands inside an isolate.
      expect(sentence.split(ARABIC).length - 1).toBe(sentence.split(`<bdi>${ARABIC}</bdi>`).length - 1);
      expect(sentence.split(HEBREW).length - 1).toBe(sentence.split(`<bdi>${HEBREW}</bdi>`).length - 1);
    }
    // The figures stay outside the isolate, beside their own words: '… mentioned "<bdi>label</bdi>" (40 of 44; …'.
    expect(html).toMatch(new RegExp(`&quot;<bdi>${ARABIC}</bdi>&quot; \\(\\d+ of \\d+`));
  });

  it('lets each table cell take its own direction', () => {
    const cells = [...html.matchAll(/<t[hd]\b[^>]*>/g)].map((match) => match[0]);
    expect(cells.length).toBeGreaterThan(20);
    for (const cell of cells) expect(cell).toContain('dir="auto"');
  });

  it('removes the bidi control, keeping the letters', () => {
    expect(html).not.toContain('\u202E');
    expect(html).toContain(HEBREW);
  });

  it('draws chart text with its own base direction', () => {
    expect(html).toContain('figure svg text { unicode-bidi: plaintext; }');
  });
});

// Issue 17: segment nouns in sentences are not quoted; they are marked as data text
// (format/isolate.ts) and isolated in every writer.
import { unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { isolate, isolatedRuns, keepIsolates } from '../../src/format/isolate.ts';
import { escapeMarkdown } from '../../src/report/escape-markdown.ts';
import { xmlSafe } from '../../src/report/office/xml-safe.ts';
import { renderDocx } from '../../src/report/office/render-docx.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import { reportDocument } from '../../src/report/report-document.ts';
import { CHROMIUM_ARGS, findChromium } from '../../src/report/find-chromium.ts';

const FSI = '\u2068';
const PDI = '\u2069';

/** The sample study with right-to-left segment labels, one of them behind a right-to-left override. */
function rtlSegments(): Results {
  const results: Results = structuredClone(sampleResults);
  results.segments[0]!.label = ARABIC;
  results.segments[1]!.label = `\u202E${HEBREW}`;
  return results;
}

describe('segment nouns in sentences', () => {
  const results = rtlSegments();
  const html = renderHtml(results, []);
  const markdown = renderMarkdown(results, []);

  it('marks data text and drops the controls inside it', () => {
    expect(isolate(`\u202E${HEBREW}`)).toBe(`${FSI}${HEBREW}${PDI}`);
    expect(isolatedRuns(`20 ${FSI}${ARABIC}${PDI}, 5 \u202E${FSI}x`)).toEqual([
      { text: '20 ', isolated: false },
      { text: ARABIC, isolated: true },
      { text: ', 5 x', isolated: false },
    ]);
  });

  it('escapes each run as the part of the text it is: only the first can start a Markdown block', () => {
    expect(keepIsolates(`1. of ${FSI}# x${PDI} 4.`, escapeMarkdown, false)).toBe(`1\\. of ${FSI}# x${PDI} 4.`);
    expect(keepIsolates(`${FSI}- x${PDI} said "y"`, escapeMarkdown)).toBe(`${FSI}\\- x${PDI} said "${FSI}y${PDI}"`);
  });

  it('isolates each noun in report.html, with its count outside the isolate', () => {
    expect(html).toContain(`20 <bdi>${ARABIC}</bdi>, 20 <bdi>${HEBREW}</bdi>, 4 <bdi>public agencies</bdi>`);
    // No noun of a right-to-left segment stands outside an isolate in any sentence.
    const prose = [...html.matchAll(/<(li|dd|p)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((match) => match[2]!);
    const mentions = prose.filter((text) => text.includes(ARABIC) || text.includes(HEBREW));
    expect(mentions.length).toBeGreaterThan(2);
    for (const text of mentions) {
      expect(text.split(ARABIC).length).toBe(text.split(`<bdi>${ARABIC}</bdi>`).length);
      expect(text.split(HEBREW).length).toBe(text.split(`<bdi>${HEBREW}</bdi>`).length);
    }
    expect(html).not.toContain('\u202E');
  });

  it('isolates each noun in report.md with Unicode isolate marks', () => {
    expect(markdown).toContain(`20 ${FSI}${ARABIC}${PDI}, 20 ${FSI}${HEBREW}${PDI}, 4 ${FSI}public agencies${PDI}`);
    expect(markdown).not.toContain('\u202E');
    // Every mark is paired, so nothing after a noun is pulled into it.
    expect(markdown.split(FSI).length).toBe(markdown.split(PDI).length);
  });

  it('keeps the isolates and drops the override in office files', async () => {
    expect(xmlSafe(`a\u202Eb ${FSI}c${PDI}\u0007`)).toBe(`ab ${FSI}c${PDI}\uFFFD`);
    const docx = await renderDocx(reportDocument(results, [], {}), new Map(), 'Report');
    const xml = new TextDecoder().decode(unzipSync(docx)['word/document.xml']!);
    expect(xml).not.toContain('\u202E');
    expect(xml).toContain(`20 ${FSI}${ARABIC}${PDI}, 20 ${FSI}${HEBREW}${PDI}`);
  });

  const chromiumPath = findChromium();
  it.skipIf(chromiumPath === null)(
    'shows each count beside its own group in Chromium (the page the PDF is printed from)',
    async () => {
      const browser = await chromium.launch({ executablePath: chromiumPath!, args: [...CHROMIUM_ARGS] });
      try {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        await page.setContent(html);
        // Left edges, on screen, of each count and each group in "44 respondents: 20 <ar>, 20 <he>, 4 public agencies".
        const script = `(() => {
          const arabic = ${JSON.stringify(ARABIC)};
          const hebrew = ${JSON.stringify(HEBREW)};
          const dd = [...document.querySelectorAll('dd')].find((node) => node.textContent.includes(arabic));
          const text = dd.textContent;
          const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
          const nodes = [];
          while (walker.nextNode()) nodes.push(walker.currentNode);
          // The box of the characters at [at, at + length) of the element's text, across its text nodes.
          const rectOf = (at, length) => {
            let offset = 0;
            const range = document.createRange();
            for (const node of nodes) {
              const size = node.data.length;
              if (at >= offset && at < offset + size) range.setStart(node, at - offset);
              if (at + length > offset && at + length <= offset + size) range.setEnd(node, at + length - offset);
              offset += size;
            }
            const rect = range.getBoundingClientRect();
            return { left: rect.left, right: rect.right };
          };
          const a = text.indexOf(arabic);
          const h = text.indexOf(hebrew);
          return { count1: rectOf(a - 3, 2), group1: rectOf(a, arabic.length), count2: rectOf(h - 3, 2), group2: rectOf(h, hebrew.length) };
        })()`;
        // Left and right edges, on screen, of each count and each group in "44 respondents: 20 <ar>, 20 <he>, 4 public agencies".
        const edges = (await page.evaluate(script)) as Record<'count1' | 'group1' | 'count2' | 'group2', { left: number; right: number }>;
        // Left to right, as written: 20, its group, 20, its group.
        expect(edges.count1.right).toBeLessThanOrEqual(edges.group1.left + 1);
        expect(edges.group1.right).toBeLessThanOrEqual(edges.count2.left + 1);
        expect(edges.count2.right).toBeLessThanOrEqual(edges.group2.left + 1);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
