import { describe, expect, it } from 'vitest';
import { percentAgreement } from '../../src/stats/percent-agreement.ts';
import { krippendorff2011, three, two, wikipediaCohen, wikipediaFleiss } from './agreement-data.ts';
import { CLOSED_FORM, expectClose } from './expect-close.ts';

// Expected values: test/stats/py/agreement.py (NLTK 3.8 AnnotationTask.avg_Ao() on complete data)
// and Krippendorff's (2011) coincidence matrix for his example with missing data (written out there).
describe('percentAgreement', () => {
  it('is the share of units two coders agree on (complete data)', () => {
    expectClose(percentAgreement(wikipediaCohen), 0.7, CLOSED_FORM); // p_o of the Wikipedia example; NLTK avg_Ao 0.7
    expectClose(percentAgreement(two), 0.8333333333333334, CLOSED_FORM); // "two avg_Ao"
  });

  it("is Fleiss' P-bar for three or more coders (complete data)", () => {
    expectClose(percentAgreement(three), 0.7777777777777778, CLOSED_FORM); // "three avg_Ao"
    expectClose(percentAgreement(wikipediaFleiss), 0.37802197802197834, CLOSED_FORM); // P-bar = 0.378; "wikipedia fleiss avg_Ao"
  });

  it("is A_o = 32/40 on Krippendorff's (2011) example with missing data", () => {
    expectClose(percentAgreement(krippendorff2011), 0.8, CLOSED_FORM); // diagonal 7+10+8+4+3 of n = 40
  });

  it('is null without a unit coded twice', () => {
    expect(percentAgreement([[1, null]])).toBeNull();
    expect(percentAgreement([])).toBeNull();
  });
});
