import type { AgreementFlag, Finding, Results } from '../model.ts';

/** A theme's coder-agreement flag from results.reliability ('reliable', 'tentative', 'unreliable'), or null without one. */
export function agreementFlagOf(results: Results, code: string): AgreementFlag | null {
  return results.reliability?.themes.find((theme) => theme.code === code)?.flag ?? null;
}

/**
 * A key finding on a theme the coders agreed on only moderately (Krippendorff's alpha from 0.667 to
 * below 0.8) says so: a tentative conclusion, in Krippendorff's reading. Themes below 0.667 never
 * make a key finding at all (keyFindings leaves them out).
 *
 * @example
 * hedgeFinding(results, finding).text; // '… (tentative: coders agreed only moderately on this theme, Krippendorff's α = 0.78).'
 */
export function hedgeFinding(results: Results, finding: Finding): Finding {
  const theme = results.reliability?.themes.find((t) => t.code === finding.theme);
  if (theme?.flag !== 'tentative' || theme.krippendorffAlpha === null) return finding;
  const text = finding.text.replace(/\.$/, '');
  return { ...finding, text: `${text} (tentative: coders agreed only moderately on this theme, Krippendorff's α = ${theme.krippendorffAlpha.toFixed(2)}).` };
}
