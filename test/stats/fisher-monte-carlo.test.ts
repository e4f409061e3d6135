import { describe, expect, it } from 'vitest';
import { fisherExactTest } from '../../src/stats/fisher-exact-test.ts';
import { fisherMonteCarlo } from '../../src/stats/fisher-monte-carlo.ts';

/** Monte Carlo p is an estimate: allow four standard errors of a proportion over B tables. */
const within = (estimate: number, exact: number, b = 2000) => expect(Math.abs(estimate - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / b) + 2 / b);

describe('fisherMonteCarlo', () => {
  it('agrees with the exact test within Monte Carlo error', () => {
    // R 4.2.2: fisher.test(rbind(c(3,1,0,2), c(10,14,12,9)))$p.value -> 0.27199233069731166
    within(
      fisherMonteCarlo([
        [3, 1, 0, 2],
        [10, 14, 12, 9],
      ])!.p,
      0.27199233069731166,
    );
    // fisher.test(rbind(c(0,5,1), c(12,3,9)))$p.value
    within(
      fisherMonteCarlo([
        [0, 5, 1],
        [12, 3, 9],
      ])!.p,
      fisherExactTest([
        [0, 5, 1],
        [12, 3, 9],
      ])!.p,
    );
    // fisher.test(rbind(c(1,2,0,0,4), c(20,18,25,19,11)))$p.value
    within(
      fisherMonteCarlo([
        [1, 2, 0, 0, 4],
        [20, 18, 25, 19, 11],
      ])!.p,
      fisherExactTest([
        [1, 2, 0, 0, 4],
        [20, 18, 25, 19, 11],
      ])!.p,
    );
  });

  it('agrees with R on a table too large to enumerate', () => {
    // set.seed(2); replicate(5, fisher.test(tab, simulate.p.value = TRUE, B = 2000)$p.value)
    // -> 0.287 0.281 0.286 0.252 0.277 for tab <- rbind(c(rep(275, 9), 0), c(rep(275, 9), 10))
    within(
      fisherMonteCarlo([
        [...Array(9).fill(275), 0],
        [...Array(9).fill(275), 10],
      ])!.p,
      0.277,
    );
  });

  it('is deterministic and never gives p = 0', () => {
    const table = [
      [0, 0, 9],
      [20, 20, 0],
    ];
    const a = fisherMonteCarlo(table)!;
    expect(fisherMonteCarlo(table)).toEqual(a);
    expect(a.p).toBeCloseTo(1 / 2001, 12);
  });

  it('gives p = 1 when a margin is empty', () => {
    expect(
      fisherMonteCarlo([
        [0, 0],
        [5, 6],
      ]),
    ).toMatchObject({ p: 1, replicates: 0 });
  });
});
