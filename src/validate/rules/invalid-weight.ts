/**
 * Rule invalid-weight (FND208): a weight is a finite number greater than zero, written as a plain
 * decimal (1, 0.75, 1.2e-1). Returns the weight, or the problem as text.
 */
import { say, type Message } from '../../messages.ts';

const NUMBER = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function invalidWeight(text: string): number | Message {
  if (text === '') return say.FND208.missing();
  if (!NUMBER.test(text)) return /^-/.test(text) ? say.FND208.negative(text) : say.FND208.notNumber(text);
  const weight = Number(text);
  if (!Number.isFinite(weight)) return say.FND208.notFinite(text);
  if (weight === 0) return say.FND208.zero();
  return weight;
}
