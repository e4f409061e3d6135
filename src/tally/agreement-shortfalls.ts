import type { Results } from '../model.ts';

/**
 * The themes whose Krippendorff's alpha falls below `minAlpha` (for `findings check --min-alpha`),
 * in results order, and those whose alpha is undefined (only one value occurs: agreement cannot be
 * assessed, which is not counted as falling short). null when the study has no coder agreement.
 *
 * @example
 * agreementShortfalls(results, 0.8); // { below: [{ code: 'beyond-money', label: '…', alpha: 0.567 }], undefined: [] }
 */
export function agreementShortfalls(
  results: Results,
  minAlpha: number,
): { below: { code: string; label: string; alpha: number }[]; undefined: { code: string; label: string }[]; lowest: number | null } | null {
  const reliability = results.reliability;
  if (reliability === null) return null;
  const label = new Map(results.themes.map((theme) => [theme.code, theme.label]));
  const below: { code: string; label: string; alpha: number }[] = [];
  const undefinedAlpha: { code: string; label: string }[] = [];
  let lowest: number | null = null;
  for (const theme of reliability.themes) {
    const alpha = theme.krippendorffAlpha;
    const name = label.get(theme.code) ?? theme.code;
    if (alpha === null) {
      undefinedAlpha.push({ code: theme.code, label: name });
      continue;
    }
    if (lowest === null || alpha < lowest) lowest = alpha;
    if (alpha < minAlpha) below.push({ code: theme.code, label: name, alpha });
  }
  return { below, undefined: undefinedAlpha, lowest };
}
