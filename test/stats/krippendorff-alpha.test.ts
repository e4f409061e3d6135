import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../src/stats/krippendorff-alpha.ts';
import { gaps, krippendorff2011, three, two, wikipediaCohen, wikipediaFleiss } from './agreement-data.ts';
import { CLOSED_FORM, expectClose } from './expect-close.ts';

// Expected values: test/stats/py/agreement.py (NLTK 3.8 AnnotationTask.alpha(), which leaves out
// units with fewer than two values, as Krippendorff 2011 does), and Krippendorff's own worked example.
describe('krippendorffAlpha (nominal)', () => {
  it("reproduces Krippendorff's (2011) 4-coder, 12-unit example with missing data: 0.743", () => {
    expectClose(krippendorffAlpha(krippendorff2011), 0.743421052631579, CLOSED_FORM); // 1 - 312/1216; NLTK alpha()
    expect(krippendorffAlpha(krippendorff2011)!.toFixed(3)).toBe('0.743'); // as printed in the paper
  });

  it('matches NLTK on two and three coders, complete and with gaps', () => {
    expectClose(krippendorffAlpha(two), 0.6805555555555556, CLOSED_FORM); // "two alpha"
    expectClose(krippendorffAlpha(three), 0.5679012345679012, CLOSED_FORM); // "three alpha": 3 coders, no missing (irr 0.84.1 is wrong here)
    expectClose(krippendorffAlpha(gaps), 0.44897959183673475, CLOSED_FORM); // "gaps alpha"
    expectClose(krippendorffAlpha(wikipediaCohen), 0.4, CLOSED_FORM); // "wikipedia cohen alpha"
    expectClose(krippendorffAlpha(wikipediaFleiss), 0.21557405653322703, CLOSED_FORM); // "wikipedia fleiss alpha"
  });

  it('is 1 for perfect agreement with variation, and null without variation or pairable values', () => {
    expect(
      krippendorffAlpha([
        [1, 1],
        [0, 0],
      ]),
    ).toBe(1);
    expect(
      krippendorffAlpha([
        [1, 1],
        [1, 1],
        [1, null],
      ]),
    ).toBeNull(); // only one value occurs
    expect(
      krippendorffAlpha([
        [1, null],
        [null, 0],
      ]),
    ).toBeNull(); // no unit has two values
    expect(krippendorffAlpha([])).toBeNull();
  });

  it('ignores units with one value (they are not pairable)', () => {
    expect(krippendorffAlpha([...two, [1, null], [null, 0]])).toBe(krippendorffAlpha(two));
  });
});
