import type { Interval } from '../model.ts';

/**
 * A change between two rounds in percentage points, as the report prints it: the difference of the two
 * whole percentages the reader sees ("45%" to "20%" is −25), so the sentence adds up; signed with a
 * true minus sign. null reads "n/a".
 *
 * @example
 * formatPoints(0.4545, 0.2049); // "−25"
 * formatPoints(0.2, 0.45); // "+25"
 */
export function formatPoints(previous: number | null, current: number | null): string {
  const points = changePoints(previous, current);
  if (points === null) return 'n/a';
  return points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0';
}

/** The difference of the whole percentages, or null when either share is undefined. */
export function changePoints(previous: number | null, current: number | null): number | null {
  if (previous === null || current === null || !Number.isFinite(previous) || !Number.isFinite(current)) return null;
  return Math.round(current * 100) - Math.round(previous * 100) + 0;
}

/**
 * The interval of a difference of proportions in whole points, "−42 to −8"; `negate` gives the
 * interval of the size of a fall instead ("8 to 42"), for sentences that say "a drop of".
 *
 * @example
 * formatPointsInterval([-0.42, -0.08]); // "−42 to −8"
 * formatPointsInterval([-0.42, -0.08], true); // "8 to 42"
 */
export function formatPointsInterval(ci: Interval | null, negate = false): string {
  if (ci === null || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return 'n/a';
  const [lower, upper] = negate ? [-ci[1], -ci[0]] : [ci[0], ci[1]];
  const points = (value: number): string => {
    const whole = Math.round(value * 100) + 0;
    return whole < 0 ? `−${-whole}` : String(whole);
  };
  return `${points(lower)} to ${points(upper)}`;
}
