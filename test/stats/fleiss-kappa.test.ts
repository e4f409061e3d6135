import { describe, expect, it } from 'vitest';
import { fleissKappa } from '../../src/stats/fleiss-kappa.ts';
import { gaps, three, wikipediaFleiss } from './agreement-data.ts';
import { CLOSED_FORM, expectClose } from './expect-close.ts';

// Expected values: test/stats/py/agreement.py (NLTK 3.8 AnnotationTask.pi(), Siegel and Castellan's K,
// which is Fleiss' kappa on complete data) and the Wikipedia "Fleiss' kappa" worked example (0.210).
describe('fleissKappa', () => {
  it('reproduces the 10 × 14 worked example: 0.210', () => {
    expectClose(fleissKappa(wikipediaFleiss), 0.20993070442195563, CLOSED_FORM); // "wikipedia fleiss pi"
    expect(fleissKappa(wikipediaFleiss)!.toFixed(3)).toBe('0.210');
  });

  it('matches NLTK for three coders', () => {
    expectClose(fleissKappa(three), 0.5555555555555556, CLOSED_FORM); // "three pi (fleiss)"
  });

  it('uses only the units every coder coded', () => {
    expectClose(fleissKappa(gaps), 0.55, CLOSED_FORM); // "gaps complete pi (fleiss)"
  });

  it('is null without a complete unit or without variation', () => {
    expect(fleissKappa([[1, null, 1]])).toBeNull();
    expect(
      fleissKappa([
        [1, 1, 1],
        [1, 1, 1],
      ]),
    ).toBeNull();
  });
});
