import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escape-html.ts';
import { formatConfidence } from '../../src/format/format-confidence.ts';
import { formatInterval } from '../../src/format/format-interval.ts';
import { formatPValue } from '../../src/format/format-p-value.ts';
import { formatPercent } from '../../src/format/format-percent.ts';
import { segmentNoun } from '../../src/format/segment-noun.ts';

describe('formatPercent and formatInterval', () => {
  it('round to whole percentages, with an en dash in intervals', () => {
    expect(formatPercent(40 / 44)).toBe('91%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('n/a');
    expect(formatInterval([0.481, 0.8545])).toBe('48–85%');
    expect(formatInterval(null)).toBe('n/a');
    expect(formatInterval([-0, 0.08])).toBe('0–8%');
  });

  it('keep a rounded proportion inside its rounded interval', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, c) => {
          const [lower, p, upper] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
          const [l, u] = formatInterval([lower, upper]).replace('%', '').split('–').map(Number) as [number, number];
          const value = Number(formatPercent(p).replace('%', ''));
          expect(l).toBeLessThanOrEqual(value);
          expect(value).toBeLessThanOrEqual(u);
        },
      ),
    );
  });
});

describe('formatConfidence', () => {
  it('prints the level as a percentage', () => {
    expect(formatConfidence(0.95)).toBe('95%');
    expect(formatConfidence(0.9)).toBe('90%');
    expect(formatConfidence(0.995)).toBe('99.5%');
  });
});

describe('formatPValue', () => {
  it('uses two significant digits, "< 0.001" below that, and never contradicts alpha', () => {
    expect(formatPValue(0.04123)).toBe('0.041');
    expect(formatPValue(0.2064)).toBe('0.21');
    expect(formatPValue(0.002064)).toBe('0.0021');
    expect(formatPValue(0.00099)).toBe('< 0.001');
    expect(formatPValue(null)).toBe('n/a');
    expect(formatPValue(0.0496, 0.05)).toBe('0.0496');
    expect(formatPValue(0.04996, 0.05)).toBe('0.04996');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml('Évaluation – 91%')).toBe('Évaluation – 91%');
  });

  it('leaves no markup character in any string', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
      }),
    );
  });
});

describe('segmentNoun', () => {
  it('lower-cases a plain label for use inside a sentence, keeps acronyms and names', () => {
    expect(segmentNoun('Funders')).toBe('funders');
    expect(segmentNoun('Public agencies')).toBe('public agencies');
    expect(segmentNoun('NGOs')).toBe('NGOs');
    expect(segmentNoun('LA County staff')).toBe('LA County staff');
  });
});
