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
