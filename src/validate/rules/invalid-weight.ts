/**
 * Rule invalid-weight (FND208): a weight is a finite number greater than zero, written as a plain
 * decimal (1, 0.75, 1.2e-1), from 1e-9 to 1e9 (issue #20: a weight of 1e200 or 5e-324 would make
 * the sums of weights and of their squares overflow or vanish, and the statistics non-finite; an
 * expansion weight of a national survey is below 1e6). Returns the weight, or the problem as text.
 */
export const MIN_WEIGHT = 1e-9;
export const MAX_WEIGHT = 1e9;

const NUMBER = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function invalidWeight(text: string): number | string {
  if (text === '') return 'missing weight';
  if (!NUMBER.test(text)) return /^-/.test(text) ? `weight ${JSON.stringify(text)} is negative` : `weight ${JSON.stringify(text)} is not a number`;
  const weight = Number(text);
  if (!Number.isFinite(weight)) return `weight ${JSON.stringify(text)} is not a finite number`;
  if (weight === 0) return 'weight is zero; leave the row out or give it a positive weight';
  if (weight < MIN_WEIGHT || weight > MAX_WEIGHT) return `weight ${JSON.stringify(text)} is outside the range findings accepts (1e-9 to 1e9); rescale the weights`;
  return weight;
}
