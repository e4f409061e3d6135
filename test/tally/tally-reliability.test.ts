import { describe, expect, it } from 'vitest';
import type { Codebook } from '../../src/model.ts';
import { agreementFlag, tallyReliability } from '../../src/tally/tally-reliability.ts';
import type { Codings } from '../../src/validate/validate-excerpts.ts';
import { AgreementCounter } from '../../src/stats/agreement-counter.ts';

const codebook: Codebook = {
  themes: [
    { code: 'p', label: 'P', description: '', parent: null, color: null, statement: null },
    { code: 'c', label: 'C', description: '', parent: 'p', color: null, statement: null },
  ],
  index: new Map([
    ['p', 0],
    ['c', 1],
  ]),
  rollup: [[0], [0, 1]],
};
/** Codings from each coder's themes per respondent, counted respondent by respondent in the order given (AgreementCounter). */
const codings = (byCoder: Record<string, Record<string, number[]>>): Codings => {
  const coders = Object.keys(byCoder);
  if (coders.length < 2) return { coders, primary: coders[0]!, primaryFrom: 'first-met', agreement: { units: 0, themes: [] } };
  const counter = new AgreementCounter(codebook.themes.length, coders.length);
  const ids = new Set(coders.flatMap((c) => Object.keys(byCoder[c]!)));
  for (const id of ids) {
    coders.forEach((c, i) => {
      const themes = byCoder[c]![id];
      if (themes !== undefined) counter.coded(i, themes);
    });
    counter.endUnit();
  }
  return { coders, primary: coders[0]!, primaryFrom: 'first-met', agreement: counter.finish() };
};

describe('tallyReliability', () => {
  it('flags alpha after Krippendorff: 0.8 reliable, 0.667 tentative, below unreliable, null undefined', () => {
    expect([0.8, 0.79, 0.667, 0.666, null].map(agreementFlag)).toEqual(['reliable', 'tentative', 'tentative', 'unreliable', null]);
  });

  it('is null with fewer than two coders', () => {
    expect(tallyReliability(codings({ A: { r1: [0] } }), codebook)).toBeNull();
  });

  it('takes as units the respondents coded by at least two coders, whatever the order', () => {
    const a = tallyReliability(codings({ A: { r2: [0, 1], r1: [], r3: [0] }, B: { r1: [], r2: [0], r4: [0] } }), codebook)!;
    expect(a.units).toBe(2); // r1 and r2; r3 and r4 were coded once
    expect(a.themes.map((t) => [t.code, t.percentAgreement])).toEqual([
      ['p', 1],
      ['c', 0.5],
    ]);
    // Pooled: the two themes' matrices stacked (4 units): 3 of 4 agree.
    expect(a.pooled.percentAgreement).toBe(0.75);
    const b = tallyReliability(codings({ A: { r3: [0], r1: [], r2: [0, 1] }, B: { r4: [0], r2: [0], r1: [] } }), codebook)!;
    expect(b).toEqual(a);
  });

  it("gives Cohen's kappa for two coders only and Fleiss' kappa for three or more", () => {
    const two = tallyReliability(codings({ A: { r1: [0], r2: [] }, B: { r1: [0], r2: [] } }), codebook)!;
    expect(two.themes[0]).toMatchObject({ cohenKappa: 1, fleissKappa: null, krippendorffAlpha: 1, flag: 'reliable' });
    expect(two.themes[1]).toMatchObject({ cohenKappa: null, krippendorffAlpha: null, flag: null }); // nobody coded c: no variation
    const three = tallyReliability(codings({ A: { r1: [0], r2: [] }, B: { r1: [0], r2: [] }, C: { r1: [0], r2: [] } }), codebook)!;
    expect(three.themes[0]).toMatchObject({ cohenKappa: null, fleissKappa: 1 });
  });
});
