import { readFileSync } from 'node:fs';
import { goldenPath } from '../helpers/run-cli.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { formatResultsJson } from '../../src/report/format-results-json.ts';
import { sampleResultsWithChange, sampleTrend } from './sample-change.ts';
import { sampleResults } from './sample-results.ts';

const schema = JSON.parse(readFileSync(new URL('../../schema/results.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

/** The sample as written to disk and read back, then changed by `change`. */
function broken(change: (results: Record<string, any>) => void): unknown {
  const results = JSON.parse(formatResultsJson(sampleResults)) as Record<string, any>;
  change(results);
  return results;
}

describe('schema/results.schema.json', () => {
  it('is a strict-mode-clean draft 2020-12 schema', () => {
    expect((schema as { $schema: string }).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts the sample results as written', () => {
    const valid = validate(JSON.parse(formatResultsJson(sampleResults)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('accepts the issue 14 fields (codeGroups, settings.segmentSource) as the golden REFI-QDA reports write them', () => {
    for (const name of ['qda-nvivo', 'qda-qualcoder']) {
      const results = JSON.parse(readFileSync(goldenPath(name, 'results.json'), 'utf8'));
      expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(
      validate(
        broken((r) => {
          r.settings.segmentSource = 'column';
        }),
      ),
    ).toBe(false); // only "none" is written
    expect(
      validate(
        broken((r) => {
          r.codeGroups = [{ name: 'x' }];
        }),
      ),
    ).toBe(false);
  });

  it('accepts fields added later, at the top level and inside', () => {
    expect(
      validate(
        broken((r) => {
          r.extension = { anything: 1 };
          r.themes[0].newFigure = 2;
        }),
      ),
    ).toBe(true);
  });

  it('accepts reliability and change in the contract shape, with the extensions the code always writes', () => {
    const results = broken((r) => {
      r.reliability = {
        coders: ['A', 'B'],
        units: 20,
        primaryCoder: 'A',
        primaryCoderFrom: 'config',
        thresholds: { tentative: 0.667, reliable: 0.8 },
        themes: [{ code: 'support', percentAgreement: 0.9, cohenKappa: 0.78, krippendorffAlpha: 0.79, fleissKappa: null, flag: 'tentative' }],
        pooled: { percentAgreement: 0.93, cohenKappa: 0.81, krippendorffAlpha: 0.81, fleissKappa: null, flag: 'reliable' },
      };
      r.change = {
        previous: 'rpa-2013',
        previousRound: '2013',
        previousTitle: 'Stakeholder survey 2013',
        codebook: [],
        // status: required since CONTRACT.md's Additions (measured-only comparison).
        themes: [
          {
            code: 'support',
            status: 'compared',
            label: 'Support',
            mapping: null,
            bySegment: [],
            previous: { respondents: 9, base: 30, proportion: 0.3 },
            current: { respondents: 14, base: 40, proportion: 0.35 },
            difference: 0.05,
            ci: [-0.17, 0.27],
            z: 0.44,
            p: 0.66,
            pAdjusted: 0.9,
          },
        ],
      };
    });
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts the Monte Carlo exact test the code writes for large tables', () => {
    expect(
      validate(
        broken((r) => {
          r.themes[0].segmentTest = { method: 'fisher-monte-carlo', statistic: null, df: null, p: 0.012, pAdjusted: 0.05, replicates: 100000 };
        }),
      ),
    ).toBe(true);
  });

  /** A change section's fields besides its themes, as the code writes them. */
  const CHANGE = { previous: 'rpa-2013', previousRound: '2013', previousTitle: 'Stakeholder survey 2013', codebook: [], questions: [] };

  it('accepts a new code with null figures for the round it did not exist in, and rejects a change without status', () => {
    const newCode = {
      code: 'summit',
      status: 'new',
      label: 'Annual summit',
      mapping: null,
      bySegment: [],
      previous: { respondents: null, base: 30, proportion: null },
      current: { respondents: 4, base: 40, proportion: 0.1 },
      difference: null,
      ci: null,
      z: null,
      p: null,
      pAdjusted: null,
    };
    expect(
      validate(
        broken((r) => {
          r.change = { ...CHANGE, themes: [newCode] };
        }),
      ),
    ).toBe(true);
    expect(
      validate(
        broken((r) => {
          r.change = { ...CHANGE, themes: [{ ...newCode, status: 'added' }] };
        }),
      ),
    ).toBe(false);
    const { status: _status, ...withoutStatus } = newCode;
    expect(
      validate(
        broken((r) => {
          r.change = { ...CHANGE, themes: [withoutStatus] };
        }),
      ),
    ).toBe(false);
  });

  it('accepts a Monte Carlo Fisher test with its replicates and seed', () => {
    expect(
      validate(
        broken((r) => {
          r.themes[0].segmentTest = { method: 'fisher-monte-carlo', statistic: null, df: null, p: 0.27, pAdjusted: 0.4, replicates: 2000, seed: 123456789 };
        }),
      ),
    ).toBe(true);
  });

  it.each([
    [
      'a proportion above 1',
      (r: Record<string, any>) => {
        r.themes[0].proportion = 1.5;
      },
    ],
    [
      'an interval with three bounds',
      (r: Record<string, any>) => {
        r.themes[0].ci = [0.1, 0.2, 0.3];
      },
    ],
    [
      'an interval with one bound',
      (r: Record<string, any>) => {
        r.themes[0].bySegment[0].ci = [0.1];
      },
    ],
    [
      'a missing required field',
      (r: Record<string, any>) => {
        delete r.themes;
      },
    ],
    [
      'a missing nested field',
      (r: Record<string, any>) => {
        delete r.themes[0].segmentTest;
      },
    ],
    [
      'null where a number is required (NaN written by JSON.stringify)',
      (r: Record<string, any>) => {
        r.base.respondents = null;
      },
    ],
    [
      'a fractional count',
      (r: Record<string, any>) => {
        r.themes[0].respondents = 2.5;
      },
    ],
    [
      'a negative count',
      (r: Record<string, any>) => {
        r.ledger.rowsRead = -1;
      },
    ],
    [
      'an unknown test method',
      (r: Record<string, any>) => {
        r.themes[0].segmentTest.method = 'anova';
      },
    ],
    [
      'a wrong schema version',
      (r: Record<string, any>) => {
        r.schemaVersion = 2;
      },
    ],
    [
      'a number where text is required',
      (r: Record<string, any>) => {
        r.survey.previous = 2013;
      },
    ],
    [
      'a confidence of 95',
      (r: Record<string, any>) => {
        r.confidence = 95;
      },
    ],
    [
      'a lowBase that is not a boolean',
      (r: Record<string, any>) => {
        r.segments[0].lowBase = 'no';
      },
    ],
    [
      'a level count that is not a count',
      (r: Record<string, any>) => {
        r.questions[0].counts['3'] = 'five';
      },
    ],
  ])('rejects %s', (_name, change) => {
    expect(validate(broken(change))).toBe(false);
  });
});

describe('formatResultsJson', () => {
  const text = formatResultsJson(sampleResults);

  it('writes two-space JSON with a final newline, keys in the order built', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "survey": {\n    "id": "sample-2014",')).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(Object.keys(sampleResults));
  });

  it('keeps numbers at full double precision', () => {
    expect(text).toContain('"proportion": 0.9090909090909091');
    expect(JSON.parse(text)).toEqual(sampleResults);
  });
});

describe('extensions in the schema', () => {
  it('accepts the change extensions and the inputs list', () => {
    const results = JSON.parse(formatResultsJson(sampleResultsWithChange())) as Record<string, any>;
    results.inputs = [{ role: 'data', file: 'fixtures/rpa/2014.csv', bytes: 4012, sha256: 'ab'.repeat(32) }];
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    [
      'an input hash that is not SHA-256 hex',
      (r: Record<string, any>) => {
        r.inputs = [{ role: 'data', file: 'x', bytes: 1, sha256: 'xyz' }];
      },
    ],
    [
      'an unknown codebook change',
      (r: Record<string, any>) => {
        r.change.codebook[0].kind = 'moved';
      },
    ],
    [
      'a segment change without lowBase',
      (r: Record<string, any>) => {
        delete r.change.themes[0].bySegment[0].lowBase;
      },
    ],
    [
      'a change p above 1',
      (r: Record<string, any>) => {
        r.change.themes[0].bySegment[0].pAdjusted = 1.5;
      },
    ],
  ])('rejects %s', (_name, change) => {
    const results = JSON.parse(formatResultsJson(sampleResultsWithChange())) as Record<string, any>;
    change(results);
    expect(validate(results)).toBe(false);
  });

  it('publishes schema/trend.schema.json, which accepts trend.json and shares the change shape', () => {
    const trendSchema = JSON.parse(readFileSync(new URL('../../schema/trend.schema.json', import.meta.url), 'utf8')) as object;
    const checker = new Ajv2020({ allErrors: true, strict: true });
    checker.addSchema(schema);
    const validateTrend = checker.compile(trendSchema);
    const trend = JSON.parse(JSON.stringify(sampleTrend())) as Record<string, any>;
    expect(validateTrend(trend), JSON.stringify(validateTrend.errors)).toBe(true);
    // A round in which a code did not exist: a null point, never 0 (CONTRACT.md, Additions).
    trend.themes[0].points[0] = { round: '2014', respondents: null, base: 44, proportion: null, ci: null };
    expect(validateTrend(trend), JSON.stringify(validateTrend.errors)).toBe(true);
    trend.changes[0].themes[0].pAdjusted = 2;
    expect(validateTrend(trend)).toBe(false);
  });
});
