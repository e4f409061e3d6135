/**
 * A p-value for the report: two significant digits, "< 0.001" below that, "n/a" when undefined.
 * When two digits would round across `alpha` (0.0496 -> "0.050" at alpha 0.05), more digits are kept,
 * so the printed value never contradicts the verdict printed beside it.
 *
 * @example
 * formatPValue(0.04123); // "0.041"
 * formatPValue(0.0496, 0.05); // "0.0496"
 */
export function formatPValue(p: number | null, alpha?: number): string {
  if (p === null || !Number.isFinite(p)) return 'n/a';
  if (p < 0.001) return '< 0.001';
  let digits = 2;
  // p >= 0.001, so toPrecision never switches to exponent notation here.
  let text = p.toPrecision(digits);
  while (alpha !== undefined && digits < 6 && p < alpha !== Number(text) < alpha) {
    digits += 1;
    text = p.toPrecision(digits);
  }
  return text;
}
