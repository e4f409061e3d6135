/**
 * A confidence level as a percentage label for "95% CI": whole where it is whole, else one decimal.
 *
 * @example
 * formatConfidence(0.95); // "95%"
 * formatConfidence(0.995); // "99.5%"
 */
export function formatConfidence(confidence: number): string {
  return `${Number((confidence * 100).toFixed(1))}%`;
}
