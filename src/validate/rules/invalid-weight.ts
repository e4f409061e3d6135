/**
 * Rule invalid-weight (FND208): a weight is a finite number greater than zero, written as a plain
 * decimal (1, 0.75, 1.2e-1), from 1e-9 to 1e9 (issue #20: a weight of 1e200 or 5e-324 would make
 * the sums of weights and of their squares overflow or vanish, and the statistics non-finite; an
 * expansion weight of a national survey is below 1e6). Returns the weight, or the problem as text.
 */
import { say, type Message } from '../../messages.ts';
import type { RowRule } from '../rule-types.ts';

export const MIN_WEIGHT = 1e-9;
export const MAX_WEIGHT = 1e9;

const NUMBER = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function invalidWeight(text: string): number | Message {
  if (text === '') return say.FND208.missing();
  if (!NUMBER.test(text)) return /^-/.test(text) ? say.FND208.negative(text) : say.FND208.notNumber(text);
  const weight = Number(text);
  if (!Number.isFinite(weight)) return say.FND208.notFinite(text);
  if (weight === 0) return say.FND208.zero();
  if (weight < MIN_WEIGHT || weight > MAX_WEIGHT) return say.FND208.outOfRange(text);
  return weight;
}

/** How the rule is met: the scanner reads a plain decimal exactly and hands any other weight to the rules. */
export const rule: RowRule = { code: 'FND208', scanner: 'bytes', applies: (config) => config.data.columns.weight !== null };
