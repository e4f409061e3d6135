/**
 * Issue 18: the trend's study note (TrendResults.note) from the rounds' `report.note`: the latest
 * round's; an earlier round whose note says something else adds its own, labelled with its round, so
 * a note such as "synthetic data" on any round reaches the trend report; null when no round has one.
 */
import { describe, expect, it } from 'vitest';
import type { SurveyConfig } from '../../src/model.ts';
import { trendNote } from '../../src/rounds/analyze-trend.ts';

const round = (id: string, roundName: string, note: string | null) => ({ id, round: roundName, report: { note } }) as unknown as SurveyConfig;

describe('trendNote', () => {
  it('is the latest round note when every round says the same (said once)', () => {
    expect(trendNote([round('a', '2014', 'Synthetic data.'), round('b', '2015', ' Synthetic data. ')])).toBe('Synthetic data.');
  });

  it('adds an earlier round note that differs, oldest first, after the latest one', () => {
    const configs = [round('a', '2014', 'Synthetic data.'), round('b', '2015', null), round('c', '2016', 'Preliminary coding.')];
    expect(trendNote(configs)).toBe('Preliminary coding. Round 2014: Synthetic data.');
  });

  it('keeps an earlier note when the latest round has none; names a round without a round name by its id', () => {
    expect(trendNote([round('pilot', '', 'Synthetic data.'), round('main', '2015', '')])).toBe('pilot: Synthetic data.');
  });

  it('is null when no round has a note', () => {
    expect(trendNote([round('a', '2014', null), round('b', '2015', '  ')])).toBeNull();
  });
});
