/**
 * issue 16: closed questions as survey platforms export them, read as exported, to the tallies
 * counted by hand in each fixture's README.md: a LimeSurvey multiple choice (Q3[SQ001].. with a
 * Q3[other] text column, and tick theme columns with topics[other], which FND225 rejected row by
 * row before) and a KoboToolbox select_multiple joined in one cell with its other text column.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Results } from '../../src/model.ts';
import { analyzeRound } from '../../src/pipeline.ts';
import { repoRoot } from '../helpers/run-cli.ts';

async function run(fixture: string): Promise<{ results: Results; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound(`fixtures/${fixture}/survey.yaml`, repoRoot, { report: (d) => void diagnostics.push(d) });
  if ('stopped' in analysis) throw new Error(`${fixture} stopped`);
  return { results: analysis.results, diagnostics };
}

const options = (results: Results, id: string) => results.questions.find((q) => q.id === id)!.options!.map((o) => [o.label, o.respondents]);

describe('a LimeSurvey multiple-choice question with an Other column', () => {
  it('keeps Q3[other] and topics[other] out of the ticks, with a note, and rejects no row', async () => {
    const { results, diagnostics } = await run('limesurvey-multi');
    expect(diagnostics.map((d) => [d.code, d.message.match(/"([^"]+\[other\])"/)?.[1]])).toEqual([
      ['FND335', 'Q3[other]'],
      ['FND335', 'topics[other]'],
    ]);
    expect(results.ledger).toMatchObject({ rowsRead: 9, rowsUsed: 9, rowsRejected: 0 });
    const channels = results.questions.find((q) => q.id === 'channels')!;
    expect([channels.base, channels.missing]).toEqual([8, 1]);
    expect(options(results, 'channels')).toEqual([
      ['Email', 4],
      ['Newsletter', 4],
      ['Meetings', 3],
      ['Social media', 3],
    ]);
    expect(channels.other).toEqual({ column: 'Q3[other]', respondents: 2 });
    expect(options(results, 'frequency')).toEqual([
      ['Monthly', 3],
      ['Quarterly', 3],
      ['Once a year', 2],
    ]);
    expect(results.themes.filter((t) => t.respondents > 0).map((t) => [t.code, t.respondents])).toEqual([
      ['structure', 4],
      ['role', 3],
      ['funding', 4],
    ]);
  });
});

describe('a KoboToolbox select_multiple in one cell', () => {
  it('splits the choices on spaces, counts the other text apart, and reads select_one names as levels', async () => {
    const { results, diagnostics } = await run('kobo-select-multiple');
    expect(diagnostics).toEqual([]);
    const channels = results.questions.find((q) => q.id === 'channels')!;
    expect([channels.base, channels.missing]).toEqual([7, 1]);
    expect(options(results, 'channels')).toEqual([
      ['E-mail', 3],
      ['Text message', 3],
      ['Radio', 4],
      ['Other', 2],
    ]);
    expect(channels.other).toEqual({ column: 'q/channels_other', respondents: 2 });
    const satisfaction = results.questions.find((q) => q.id === 'satisfaction')!;
    expect(Object.values(satisfaction.counts)).toEqual([1, 1, 1, 3, 1]);
    expect([satisfaction.topBox!.respondents, satisfaction.bottomBox!.respondents]).toEqual([4, 2]);
    expect(satisfaction.net!.score).toBeCloseTo(2 / 7, 15);
  });
});
