/**
 * Rule invalid-weight (FND208): a weight is a finite number greater than zero, written as a plain
 * decimal (1, 0.75, 1.2e-1). Returns the weight, or the problem as text.
 */
const NUMBER = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function invalidWeight(text: string): number | string {
  if (text === '') return 'missing weight';
  if (!NUMBER.test(text)) return /^-/.test(text) ? `weight ${JSON.stringify(text)} is negative` : `weight ${JSON.stringify(text)} is not a number`;
  const weight = Number(text);
  if (!Number.isFinite(weight)) return `weight ${JSON.stringify(text)} is not a finite number`;
  if (weight === 0) return 'weight is zero; leave the row out or give it a positive weight';
  return weight;
}
