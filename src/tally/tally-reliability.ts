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
import { cohenKappa } from '../stats/cohen-kappa.ts';
import { fleissKappa } from '../stats/fleiss-kappa.ts';
import { krippendorffAlpha } from '../stats/krippendorff-alpha.ts';
import { percentAgreement } from '../stats/percent-agreement.ts';
import type { Ratings } from '../stats/ratings.ts';
import type { Codings } from '../validate/validate-excerpts.ts';

/** Krippendorff's thresholds for alpha. */
const ALPHA_THRESHOLDS = { tentative: 0.667, reliable: 0.8 } as const;

/** 'reliable', 'tentative' or 'unreliable' from alpha; null when alpha is undefined. */
export function agreementFlag(alpha: number | null): AgreementFlag | null {
  if (alpha === null) return null;
  if (alpha >= ALPHA_THRESHOLDS.reliable) return 'reliable';
  return alpha >= ALPHA_THRESHOLDS.tentative ? 'tentative' : 'unreliable';
}

function figures(ratings: Ratings, coders: number): AgreementFigures {
  const alpha = krippendorffAlpha(ratings);
  return {
    percentAgreement: percentAgreement(ratings),
    cohenKappa: coders === 2 ? cohenKappa(ratings) : null,
    krippendorffAlpha: alpha,
    fleissKappa: coders >= 3 ? fleissKappa(ratings) : null,
    flag: agreementFlag(alpha),
  };
}

/**
 * `null` when fewer than two coders are named. Respondents are taken in sorted id order, so the
 * result does not depend on the order of the files.
 */
export function tallyReliability(codings: Codings, codebook: Codebook): ReliabilityResult | null {
  const { coders } = codings;
  if (coders.length < 2) return null;
  const ids = new Set<string>();
  for (const byId of codings.byCoder.values()) for (const id of byId.keys()) ids.add(id);
  const units = [...ids].filter((id) => coders.filter((c) => codings.byCoder.get(c)?.has(id)).length >= 2).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // For each unit and coder: the coder's themes as a set, or null when they did not code the unit.
  const coded = units.map((id) =>
    coders.map((c) => {
      const themes = codings.byCoder.get(c)?.get(id);
      return themes === undefined ? null : new Set(themes);
    }),
  );
  const pooled: (number | null)[][] = [];
  const themes = codebook.themes.map((theme, t) => {
    const ratings = coded.map((unit) => unit.map((set) => (set === null ? null : set.has(t) ? 1 : 0)));
    pooled.push(...ratings);
    return { code: theme.code, ...figures(ratings, coders.length) };
  });
  return {
    coders: [...coders],
    units: units.length,
    themes,
    pooled: figures(pooled, coders.length),
    primaryCoder: codings.primary,
    primaryCoderFrom: codings.primaryFrom,
    thresholds: { ...ALPHA_THRESHOLDS },
  };
}
