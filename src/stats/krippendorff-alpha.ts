import { coincidences } from './coincidences.ts';
import type { Ratings } from './ratings.ts';

/**
 * Krippendorff's alpha for nominal data, any number of coders, missing data allowed:
 * α = 1 − D_o / D_e = 1 − (n − 1) · (n − Σ_c o_cc) / (n² − Σ_c n_c²), from the coincidence matrix
 * of the units holding at least two values (n pairable values, n_c of value c). `null` when fewer
 * than two pairable values exist or only one value occurs among them (D_e = 0: no variation, so
 * reliability cannot be assessed).
 *
 * Krippendorff's own reading: α ≥ 0.800 to rely on the data, 0.667 ≤ α < 0.800 for tentative
 * conclusions only, lower to discard them.
 *
 * Reference: K. Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
 * α = 0.743 for his 4-coder, 12-unit nominal example with missing values. R's
 * `irr::kripp.alpha(t(m), "nominal")$value` agrees for two coders; irr 0.84.1 is wrong for three or
 * more coders without missing data, so this follows Krippendorff's definition (as NLTK's
 * `AnnotationTask.alpha()` does).
 *
 * @example
 * krippendorffAlpha([[1, 1], [0, 1], [0, 0], [1, 1]]); // 0.5333…
 */
export function krippendorffAlpha(ratings: Ratings): number | null {
  const { o, marginals, n } = coincidences(ratings);
  if (n < 2) return null;
  let agree = 0;
  let squares = 0;
  for (let c = 0; c < o.length; c++) {
    agree += o[c]![c]!;
    squares += marginals[c]! ** 2;
  }
  const expected = n * n - squares;
  if (expected <= 0) return null;
  return 1 - ((n - 1) * (n - agree)) / expected;
}
