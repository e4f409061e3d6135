/**
 * issue 16: `findings inspect` proposes question types from the answers (scales in words, 0–10
 * items, tick columns, joined multi cells, single choices, numbers), and the config it prints runs:
 * saved beside a copy of the data with a codebook of the codes it saw, `findings run` exits 0 with
 * no error. proposeQuestionType is also what a reader with value labels (an SPSS file) calls.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeQuestionType } from '../../src/inspect/propose-question-type.ts';
import type { Results } from '../../src/model.ts';
import { repoRoot, runCli } from '../helpers/run-cli.ts';

const FILES: [string, [string, number][]][] = [
  // file, then each proposed question's type and answered base
  [
    'question-types/responses.csv',
    [
      ['rating', 31],
      ['rating', 31],
      ['single', 32],
      ['multi', 26],
      ['nps', 31],
      ['numeric', 30],
    ],
  ],
  [
    'surveymonkey-words/export.csv',
    [
      ['rating', 11],
      ['single', 11],
      ['multi', 10],
      ['nps', 11],
    ],
  ],
  [
    'kobo-select-multiple/export.csv',
    [
      ['rating', 7],
      ['multi', 7],
    ],
  ],
  [
    'limesurvey-multi/export.csv',
    [
      ['multi', 9],
      ['single', 8],
    ],
  ],
];

describe('findings inspect proposes question types in a config that runs', () => {
  it.each(FILES)('%s', async (file, expected) => {
    const inspected = await runCli(['inspect', `fixtures/${file}`]);
    expect(inspected.exit).toBe(0);
    const codes = /^# codes seen: (.+)$/m.exec(inspected.stdout)![1]!.split(', ');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-propose-'));
    copyFileSync(path.join(repoRoot, 'fixtures', file), path.join(dir, path.basename(file)));
    writeFileSync(path.join(dir, 'codebook.csv'), `code,label\n${codes.map((c) => `${c},${c}`).join('\n')}\n`);
    writeFileSync(path.join(dir, 'proposed.yaml'), inspected.stdout);
    const out = path.join(dir, 'report');
    const run = await runCli(['run', 'proposed.yaml', '--out', out, '--quiet'], dir);
    expect(run.stderr.split('\n').filter((l) => / error /.test(l))).toEqual([]);
    expect(run.exit).toBe(0);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Results;
    expect(results.questions.map((q) => [q.type, q.base])).toEqual(expected);
  });
});

describe('proposeQuestionType', () => {
  it('reads words of a known scale in order, filling unseen points', () => {
    expect(proposeQuestionType(['Agree', ' strongly agree', 'Disagree', ''])).toMatchObject({
      type: 'rating',
      levels: ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'strongly agree'],
    });
    expect(proposeQuestionType(['Somewhat agree', 'Agree'])!.levels).toHaveLength(7);
    expect(proposeQuestionType(['never', 'often', 'always'])!.levels).toEqual(['never', 'Rarely', 'Sometimes', 'often', 'always']);
  });

  it('tells nps, ratings, numbers and single choices apart', () => {
    expect(proposeQuestionType(['0', '7', '10', '9'], undefined, 'How likely are you to recommend us?')!.type).toBe('nps');
    expect(proposeQuestionType(['0', '7', '10', '9'], undefined, 'Satisfaction')).toMatchObject({ type: 'rating', levels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(proposeQuestionType(['1', '3', '4'])).toMatchObject({ type: 'rating', levels: [1, 2, 3, 4, 5] });
    expect(proposeQuestionType(['1.5', '20', '3'])!.type).toBe('numeric');
    expect(proposeQuestionType(['Yes', 'No', 'Yes', 'No'])).toMatchObject({ type: 'single', levels: ['Yes', 'No'] });
    expect(proposeQuestionType(['a long free answer', 'another one'])).toBeNull();
  });

  it('uses value labels (an SPSS file) for the type, keeping the codes as levels', () => {
    const agreement = new Map([
      ['1', 'Strongly disagree'],
      ['2', 'Disagree'],
      ['3', 'Neither agree nor disagree'],
      ['4', 'Agree'],
      ['5', 'Strongly agree'],
    ]);
    expect(proposeQuestionType(['4', '5', '2'], agreement)).toEqual({
      type: 'rating',
      levels: [1, 2, 3, 4, 5],
      labels: ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'],
      reason: 'value labels of an agreement scale',
    });
    const regions = new Map([
      ['1', 'North'],
      ['2', 'South'],
    ]);
    expect(proposeQuestionType(['1', '2', '1'], regions)).toMatchObject({ type: 'single', levels: [1, 2], labels: ['North', 'South'] });
  });
});
