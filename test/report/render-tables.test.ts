import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { renderTables } from '../../src/report/render-tables.ts';
import { sampleResults } from './sample-results.ts';

/** RFC 4180 reader, enough to read back what renderTables writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function tables(results: Results): Map<string, { header: string[]; rows: Record<string, string>[]; csv: string }> {
  return new Map(
    renderTables(results).map(({ name, csv }) => {
      const [header = [], ...rows] = parseCsv(csv);
      return [name, { header, csv, rows: rows.map((row) => Object.fromEntries(header.map((key, index) => [key, row[index] ?? '']))) }];
    }),
  );
}

describe('renderTables', () => {
  const sample = tables(sampleResults);

  it('writes the tidy tables, one observation per row', () => {
    expect([...sample.keys()]).toEqual(['themes.csv', 'themes-by-segment.csv', 'questions.csv', 'questions-by-segment.csv', 'cooccurrence.csv']);
    expect(sample.get('themes.csv')!.rows).toHaveLength(8);
    expect(sample.get('themes-by-segment.csv')!.rows).toHaveLength(8 * 3);
    expect(sample.get('questions.csv')!.rows).toHaveLength(5);
    expect(sample.get('questions-by-segment.csv')!.rows).toHaveLength(3 * 5);
    expect(sample.get('cooccurrence.csv')!.rows).toHaveLength(28);
  });

  it('uses LF line endings, a header row and a final newline', () => {
    for (const { csv, header } of sample.values()) {
      expect(csv).not.toContain('\r');
      expect(csv.endsWith('\n')).toBe(true);
      expect(header.length).toBeGreaterThan(3);
    }
    expect(sample.get('themes.csv')!.header.slice(0, 8)).toEqual(['code', 'label', 'parent', 'respondents', 'base', 'proportion', 'ci_lower', 'ci_upper']);
  });

  it('keeps numbers at full precision and writes null as an empty cell', () => {
    const support = sample.get('themes.csv')!.rows[0]!;
    expect(support.proportion).toBe(String(40 / 44));
    expect(Number(support.ci_lower)).toBe(sampleResults.themes[0]!.ci![0]);
    expect(support.segment_test_p).toBe(String(sampleResults.themes[0]!.segmentTest!.p));
    const funding = sample.get('themes.csv')!.rows.find((row) => row.code === 'funding')!;
    expect(funding.weighted_ci_lower).toBe('');
    expect(funding.segment_test_method).toBe('');
    expect(funding.segment_test_p_adjusted).toBe('');
    expect(sample.get('themes-by-segment.csv')!.rows.find((row) => row.segment === 'public')!.low_base).toBe('true');
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    const csv = sample.get('themes.csv')!.csv;
    expect(csv).toContain('"<script>alert(1)</script> & ""quotes"""');
    const results: Results = structuredClone(sampleResults);
    results.themes[0]!.label = 'a, b\nc';
    const row = tables(results).get('themes.csv')!.rows[0]!;
    expect(row.label).toBe('a, b\nc');
  });

  it('neutralises spreadsheet formulas in text, never in numbers', () => {
    const results: Results = structuredClone(sampleResults);
    const labels = ['=HYPERLINK("http://x","y")', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', '-0.05'];
    labels.forEach((label, index) => {
      results.themes[index]!.label = label;
    });
    results.questions[0]!.levels = [-2, -1, 0, 1, 2].map((level, index) => ({ level, label: results.questions[0]!.levels[index]!.label }));
    results.questions[0]!.counts = { '-2': 1, '-1': 2, '0': 5, '1': 12, '2': 21 };
    results.questions[0]!.topBox!.levels = [1, 2];
    results.themes[1]!.segmentTest!.statistic = -0.05; // not meaningful, but a negative number cell
    const out = tables(results);
    const themes = out.get('themes.csv')!.rows;
    labels.forEach((label, index) => expect(themes[index]!.label).toBe(`'${label}`));
    expect(themes[1]!.segment_test_statistic).toBe('-0.05');
    const levels = out.get('questions.csv')!.rows.map((row) => row.level);
    expect(levels).toEqual(['-2', '-1', '0', '1', '2']);
    expect(out.get('questions.csv')!.rows.map((row) => row.top_box)).toEqual(['false', 'false', 'false', 'true', 'true']);
  });
});
