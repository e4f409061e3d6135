/**
 * issue 16, Done when: "a SurveyMonkey export answered in words runs without recoding". `findings
 * run` on fixtures/surveymonkey-words (the export as SurveyMonkey writes it, answers in words,
 * checkbox columns with the choice text, an "Other (please specify)" column, a 0-10 question)
 * exits 0 and its results equal the tallies counted by hand in the fixture's README.md.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { runCli } from '../helpers/run-cli.ts';

const out = mkdtempSync(path.join(os.tmpdir(), 'findings-sm-words-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('a SurveyMonkey export answered in words', () => {
  it('runs without recoding, to the hand-counted tallies', async () => {
    const { exit, stderr } = await runCli(['run', 'fixtures/surveymonkey-words/survey.yaml', '--out', out, '--quiet']);
    expect(exit).toBe(0);
    // The one diagnostic: the "Other (please specify)" column recognised and kept out of the ticks.
    expect([...stderr.matchAll(/ (FND\d{3}) /g)].map((m) => m[1])).toEqual(['FND335']);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Results;
    expect(results.ledger).toMatchObject({ rowsRead: 12, rowsUsed: 12, rowsRejected: 0 });
    const q = new Map(results.questions.map((question) => [question.id, question]));

    const cont = q.get('continue')!;
    expect([cont.base, cont.missing]).toEqual([11, 1]);
    expect(cont.counts).toEqual({ 'Strongly disagree': 1, Disagree: 2, 'Neither agree nor disagree': 2, Agree: 4, 'Strongly agree': 2 });
    expect([cont.topBox!.respondents, cont.bottomBox!.respondents]).toEqual([6, 3]);
    expect(cont.net!.score).toBeCloseTo(3 / 11, 15);

    const join = q.get('join')!;
    expect([join.base, join.missing]).toEqual([11, 1]);
    expect(join.options!.map((o) => [o.label, o.respondents])).toEqual([
      ['No', 5],
      ['Yes', 6],
    ]);

    const channels = q.get('channels')!;
    expect([channels.base, channels.missing]).toEqual([10, 2]);
    expect(channels.options!.map((o) => [o.label, o.respondents])).toEqual([
      ['Email', 6],
      ['Newsletter', 5],
      ['Meetings', 4],
    ]);
    expect(channels.other).toEqual({ column: 'Which channels do you use to hear from us? | Other (please specify)', respondents: 2 });

    const nps = q.get('recommend')!;
    expect([nps.base, nps.missing]).toEqual([11, 1]);
    expect([nps.nps!.promoters, nps.nps!.passives, nps.nps!.detractors]).toEqual([4, 3, 4]);
    expect(nps.nps!.score.score).toBe(0);

    const report = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(report).toContain('| Strongly agree | 2 |');
    expect(report).toContain('2 of 10 respondents wrote an "other" answer');
    expect(report).toContain('Net Promoter Score');
  });
});
