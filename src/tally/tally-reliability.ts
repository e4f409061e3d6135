/**
 * Coder agreement (results.reliability): per theme and pooled, how far independent coders of the
 * same respondents agreed on whether each respondent mentions each theme.
 *
 * The unit is a respondent coded by at least two coders; a coder's value for a theme is 1 when
 * their coding of the respondent mentions it (with the same roll-up of sub-themes as the tallies),
 * 0 when it does not, and missing when that coder did not code the respondent. Pooled: every
 * respondent × theme pair is one unit (the per-theme matrices stacked). Figures: percent agreement,
 * Cohen's kappa (exactly two coders), Fleiss' kappa (three or more), Krippendorff's alpha (nominal),
 * each `null` where undefined (CONTRACT.md, Methods), and a flag from alpha after Krippendorff
 * (2004, p. 241): at least 0.800 to rely on a theme, 0.667 for tentative conclusions, below that too
 * unreliable to draw conclusions from.
 */
import type { AgreementFigures, AgreementFlag, Codebook, ReliabilityResult } from '../model.ts';
import { BinaryAgreement, binaryAgreementFigures } from '../stats/binary-agreement.ts';
import type { Codings } from '../validate/validate-excerpts.ts';

/** Krippendorff's thresholds for alpha. */
const ALPHA_THRESHOLDS = { tentative: 0.667, reliable: 0.8 } as const;

/** 'reliable', 'tentative' or 'unreliable' from alpha; null when alpha is undefined. */
export function agreementFlag(alpha: number | null): AgreementFlag | null {
  if (alpha === null) return null;
  if (alpha >= ALPHA_THRESHOLDS.reliable) return 'reliable';
  return alpha >= ALPHA_THRESHOLDS.tentative ? 'tentative' : 'unreliable';
}

function figures(counts: BinaryAgreement): AgreementFigures {
  const { percentAgreement, cohenKappa, krippendorffAlpha, fleissKappa } = binaryAgreementFigures(counts);
  return { percentAgreement, cohenKappa, krippendorffAlpha, fleissKappa, flag: agreementFlag(krippendorffAlpha) };
}

/**
 * `null` when fewer than two coders are named. Issue 19: from the counts gathered while the codings
 * were read (Codings.agreement, stats/agreement-counter.ts), which do not depend on the order of the
 * respondents or of the files; the figures are those of the matrix functions (stats/binary-agreement.ts).
 */
export function tallyReliability(codings: Codings, codebook: Codebook): ReliabilityResult | null {
  const { coders, agreement } = codings;
  if (coders.length < 2) return null;
  const pooled = new BinaryAgreement(coders.length);
  const themes = codebook.themes.map((theme, t) => {
    const counts = agreement.themes[t] ?? new BinaryAgreement(coders.length);
    pooled.add(counts);
    return { code: theme.code, ...figures(counts) };
  });
  return {
    coders: [...coders],
    units: agreement.units,
    themes,
    pooled: figures(pooled),
    primaryCoder: codings.primary,
    primaryCoderFrom: codings.primaryFrom,
    thresholds: { ...ALPHA_THRESHOLDS },
  };
}
