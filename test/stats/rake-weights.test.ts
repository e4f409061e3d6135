import { describe, expect, it } from 'vitest';
import { rakeWeights, type RakeMargin } from '../../src/stats/rake-weights.ts';
import { expectClose } from './expect-close.ts';

// Expected values: test/stats/r/rake-weights.R (R 4.2.2, survey 4.1-1).
const segment = ['funder', 'funder', 'funder', 'funder', 'nonprofit', 'nonprofit', 'nonprofit', 'nonprofit', 'nonprofit', 'public', 'public', 'public'];
const region = ['north', 'south', 'north', 'north', 'south', 'south', 'north', 'south', 'south', 'north', 'south', 'north'];
const w = [1, 1, 2, 1, 1, 1.5, 1, 1, 1, 2, 1, 1];
const margins: RakeMargin[] = [
  {
    categories: segment,
    targets: new Map([
      ['funder', 3],
      ['nonprofit', 6],
      ['public', 5],
    ]),
  },
  {
    categories: region,
    targets: new Map([
      ['north', 8],
      ['south', 6],
    ]),
  },
];
const RAKE = 1e-6;

describe('rakeWeights', () => {
  it('equals survey::rake to convergence, with its pass count', () => {
    const raked = rakeWeights(w, margins, { epsilon: 1e-10, maxIterations: 100 });
    // weights(rake(design, list(~segment, ~region), list(pop.segment, pop.region), control = list(maxit = 100, epsilon = 1e-10)))
    const expected = [
      0.63603542376044397, 0.45585830524311227, 1.2720708475208879, 0.63603542376044397, 1.0177688743500894, 1.5266533115251337, 1.4200400647350711,
      1.0177688743500894, 1.0177688743500894, 2.6905454934821016, 0.96418176018148605, 1.3452727467410508,
    ];
    expected.forEach((value, i) => expectClose(raked.weights[i], value, RAKE));
    expect(raked.converged).toBe(true);
    expect(raked.iterations).toBe(20); // passes(1e-10) -> 20 (verbose = TRUE prints one table per pass)
    // svytable(~segment, raked) -> 3.0000000002848881 5.9999999993104733 5.0000000004046381
    expectClose(raked.achieved[0]!.get('funder'), 3.0000000002848881, RAKE);
    expectClose(raked.achieved[0]!.get('nonprofit'), 5.9999999993104733, RAKE);
    expectClose(raked.achieved[0]!.get('public'), 5.0000000004046381, RAKE);
    // svytable(~region, raked) -> 7.9999999999999991 6
    expectClose(raked.achieved[1]!.get('north'), 8, RAKE);
    expectClose(raked.achieved[1]!.get('south'), 6, RAKE);
    // n * sum(w^2) / sum(w)^2 -> 1.2286676327906081; sum(w)^2 / sum(w^2) -> 9.7666770733961901
    expectClose(raked.designEffect, 1.2286676327906081, RAKE);
    expectClose(raked.effectiveBase, 9.7666770733961901, RAKE);
  });

  it('stops where survey::rake stops with its defaults (maxit = 10, epsilon = 1)', () => {
    const raked = rakeWeights(w, margins);
    // weights(rake(design, list(~segment, ~region), list(pop.segment, pop.region)))
    const expected = [
      0.64536938395935251, 0.48110806834125869, 1.290738767918705, 0.64536938395935251, 1.001383329672217, 1.5020749945083252, 1.343278537825972,
      1.001383329672217, 1.001383329672217, 2.7168292842244117, 1.0126669481337651, 1.3584146421122059,
    ];
    expected.forEach((value, i) => expectClose(raked.weights[i], value, RAKE));
    expect(raked.iterations).toBe(2); // passes(1) -> 2
  });

  it('trims as trimWeights(strict = TRUE)', () => {
    const raked = rakeWeights(w, margins, { epsilon: 1e-10, maxIterations: 100, trim: { lower: 0.8, upper: 1.8 } });
    // weights(trimWeights(raked, upper = 1.8, lower = 0.8, strict = TRUE))
    const expected = [
      0.8, 0.8, 1.2993801783016508, 0.8, 1.0450782051308523, 1.5539626423058965, 1.4473493955158339, 1.0450782051308523, 1.0450782051308523, 1.8,
      0.99149109096224874, 1.3725820775218136,
    ];
    expected.forEach((value, i) => expectClose(raked.weights[i], value, RAKE));
    expect(raked.trimmed).toBe(4);
  });

  it('gives a cell of respondents (counts) the weight each of them gets raked one by one', () => {
    // The 12 respondents grouped by segment, region and design weight: each cell's respondents share their weight.
    const keys = segment.map((s, i) => `${s}|${region[i]}|${w[i]}`);
    const cells = [...new Set(keys)];
    const counts = cells.map((key) => keys.filter((k) => k === key).length);
    const grouped: RakeMargin[] = [0, 1].map((m) => ({ categories: cells.map((key) => key.split('|')[m]!), targets: margins[m]!.targets }));
    const initial = cells.map((key) => Number(key.split('|')[2]));
    for (const trim of [undefined, { lower: 0.8, upper: 1.8 }]) {
      const options = { epsilon: 1e-10, maxIterations: 100, ...(trim === undefined ? {} : { trim }) };
      const one = rakeWeights(w, margins, options);
      const byCell = rakeWeights(initial, grouped, { ...options, counts });
      // Both equal weights(rake(...)) (and trimWeights) of the R script: compared with the values the tests above check.
      keys.forEach((key, i) => expectClose(byCell.weights[cells.indexOf(key)], one.weights[i]!, RAKE));
      expect(byCell.iterations).toBe(one.iterations);
      expect(byCell.trimmed).toBe(one.trimmed);
      expectClose(byCell.designEffect, one.designEffect, RAKE);
      expectClose(byCell.effectiveBase, one.effectiveBase, RAKE);
    }
    // design effect of weights(rake(...)): 1.2286676327906081 (as above)
    expectClose(rakeWeights(initial, grouped, { epsilon: 1e-10, maxIterations: 100, counts }).designEffect, 1.2286676327906081, RAKE);
  });

  it('says when it did not converge within the passes allowed', () => {
    const raked = rakeWeights(w, margins, { epsilon: 1e-10, maxIterations: 3 });
    expect(raked.converged).toBe(false);
    expect(raked.iterations).toBe(3);
  });

  it('throws for a category without a target (the config reader reports it first)', () => {
    expect(() => rakeWeights([1, 1], [{ categories: ['a', 'b'], targets: new Map([['a', 1]]) }])).toThrow(RangeError);
  });
});
