import { describe, expect, it } from 'vitest';
import { raoScottTest } from '../../src/stats/rao-scott-test.ts';
import { expectClose } from './expect-close.ts';

// Expected values: test/stats/r/rao-scott-test.R (R 4.2.2, survey 4.1-1):
// t <- svychisq(~theme + segment, svydesign(ids = ~1, weights = ~w, data = d)); c(t$statistic, t$parameter, t$p.value)
const TOL = 1e-9;
/** Per cell Σw and Σw² of a theme (0/1) × segment table, from respondent-level data. */
function cells(theme: number[], segment: number[], w: number[]) {
  const columns = Math.max(...segment) + 1;
  const table = [0, 1].map(() => Array.from({ length: columns }, () => ({ sumW: 0, sumW2: 0 })));
  theme.forEach((t, i) => {
    table[t]![segment[i]!]!.sumW += w[i]!;
    table[t]![segment[i]!]!.sumW2 += w[i]! * w[i]!;
  });
  return table;
}

function check(theme: number[], segment: number[], w: number[], expected: [number, number, number, number]) {
  const test = raoScottTest(cells(theme, segment, w), w.length)!;
  expectClose(test.statistic, expected[0], TOL);
  expectClose(test.ndf, expected[1], TOL);
  expectClose(test.ddf, expected[2], TOL);
  expectClose(test.p, expected[3], 1e-7);
}

describe('raoScottTest', () => {
  it('matches svychisq on a weighted theme x 3 segments table', () => {
    // rs(d1) -> 0.5869993992078808 1.9788830102043591 33.641011173474105 0.55985259617949779
    check(
      [1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1],
      [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2],
      [1.2, 0.8, 1, 2.5, 1, 0.6, 1.1, 1.4, 0.9, 1, 3, 0.7, 1, 1.6, 0.5, 1.3, 2, 1],
      [0.5869993992078808, 1.9788830102043591, 33.641011173474105, 0.55985259617949779],
    );
  });

  it('matches svychisq with an empty cell and 5 segments', () => {
    // rs(d2) -> 2.5104511950901713 3.9674306451132506 95.218335482718018 0.047289284128396933
    check(
      [1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4],
      [1, 2, 1, 1, 0.5, 1, 1, 3, 1, 1, 0.8, 1.2, 1, 1, 2, 1, 1, 1, 1.5, 0.5, 2, 1, 1, 1, 1],
      [2.5104511950901713, 3.9674306451132506, 95.218335482718018, 0.047289284128396933],
    );
  });

  it('matches svychisq with equal weights', () => {
    // rs(d3) -> 4.8888888888888893 1 11 0.049125460075645909
    const expected: [number, number, number, number] = [4.8888888888888893, 1, 11, 0.049125460075645909];
    check([1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], Array(12).fill(1), expected);
  });

  it('is null when a margin is empty or one segment is left', () => {
    expect(raoScottTest(cells([0, 0, 0], [0, 1, 1], [1, 1, 1]), 3)).toBeNull();
    expect(raoScottTest(cells([0, 1, 0], [1, 1, 1], [1, 1, 1]), 3)).toBeNull();
  });
});
