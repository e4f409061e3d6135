import { describe, expect, it } from 'vitest';
import { logitInterval } from '../../src/stats/logit-interval.ts';
import { P_VALUE, expectIntervalClose } from './expect-close.ts';

// Expected values: test/stats/r/logit-interval.R (R 4.2.2, survey 4.1-1), with
// design <- svydesign(ids = ~1, weights = ~w, data = d) on ten rows and a <- subset(design, seg == "a")
// (five rows). p and se below are R's svymean figures, printed by the same script.
describe('logitInterval', () => {
  it('matches svyciprop(method = "logit") on the full design, df = degf(design) = n - 1', () => {
    // degf(design) -> 9; coef(svymean(~y, design)) -> 0.66233766233766234; SE(...) -> 0.16621597532704474
    // confint(svyciprop(~y, design, method = "logit")) -> 0.26746440985641784 0.91332953678015627
    expectIntervalClose(logitInterval(0.66233766233766234, 0.16621597532704474, 9, 0.95), [0.26746440985641784, 0.91332953678015627], P_VALUE);
    // confint(svyciprop(~y, design, method = "logit", level = 0.9)) -> 0.3343321009536126 0.88453700616297559
    expectIntervalClose(logitInterval(0.66233766233766234, 0.16621597532704474, 9, 0.9), [0.3343321009536126, 0.88453700616297559], P_VALUE);
  });

  it('matches svyciprop on a subset() domain, df = rows in the domain - 1', () => {
    // degf(a) -> 4; coef(svymean(~y, a)) -> 0.79381443298969079; SE(svymean(~y, a)) -> 0.19658674224772246
    // confint(svyciprop(~y, a, method = "logit")) -> 0.12060661249335095 0.99083216975005406
    expectIntervalClose(logitInterval(0.79381443298969079, 0.19658674224772246, 4, 0.95), [0.12060661249335095, 0.99083216975005406], P_VALUE);
    // svyby(~y, ~seg, design, svyciprop, vartype = "ci", method = "logit") row "b" -> 0.037725980594583257 0.93964339785543993
    // (p and se of domain b from svymean(~y, subset(design, seg == "b")): 0.43859649122807015, 0.26535413705605265)
    expectIntervalClose(logitInterval(0.43859649122807015, 0.26535413705605265, 4, 0.95), [0.037725980594583257, 0.93964339785543993], P_VALUE);
  });

  it('returns the degenerate interval at p = 0 and p = 1', () => {
    // confint(svyciprop(~none, design, method = "logit")) -> 1.3957625031672121e-11 2.9734284051391285e-11
    expect(logitInterval(0, 0, 9, 0.95)).toEqual([0, 0]);
    // confint(svyciprop(~all, design, method = "logit")) -> 0.99999999997026567 0.99999999998604239
    expect(logitInterval(1, 0, 9, 0.95)).toEqual([1, 1]);
  });

  it('is null without degrees of freedom and throws for bad arguments', () => {
    expect(logitInterval(0.4, 0.1, 0, 0.95)).toBeNull();
    expect(logitInterval(0.4, Infinity, 9, 0.95)).toBeNull();
    expect(() => logitInterval(1.2, 0.1, 9, 0.95)).toThrow(RangeError);
    expect(() => logitInterval(0.4, -0.1, 9, 0.95)).toThrow(RangeError);
  });
});
