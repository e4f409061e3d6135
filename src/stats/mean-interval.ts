import type { Interval } from '../model.ts';
import { tQuantile } from './t-quantile.ts';

/**
 * The t interval of a mean: mean ± t_{n−1, 1−α/2} · sd / √n, as R's `t.test(x, conf.level =
 * confidence)$conf.int`. `null` when n < 2 or sd is undefined.
 *
 * Reference: any statistics text (Student's t); R's t.test.
 *
 * @example
 * meanInterval(3, 1.1547005383792515, 4, 0.95); // [1.1626137689629215, 4.8373862310370788], as t.test(c(2, 2, 4, 4))$conf.int
 */
export function meanInterval(mean: number | null, sd: number | null, n: number, confidence: number): Interval | null {
  if (mean === null || sd === null || !(n >= 2)) return null;
  const half = (tQuantile(1 - (1 - confidence) / 2, n - 1) * sd) / Math.sqrt(n);
  return [mean - half, mean + half];
}
