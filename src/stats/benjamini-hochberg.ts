/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate), over the defined p-values only:
 * `null` entries stay `null` in place and do not count towards the number of tests.
 *
 * Reference: Y. Benjamini & Y. Hochberg (1995), "Controlling the false discovery rate", JRSS B 57,
 * 289–300; computed as R's `p.adjust(p, "BH")`, which also drops NAs from n:
 * p_(i) ↦ min(1, min_{j ≥ i} n p_(j) / j) over the sorted p-values.
 *
 * @example
 * benjaminiHochberg([0.01, null, 0.04, 0.03]); // [0.03, null, 0.04, 0.04], as p.adjust(c(0.01, NA, 0.04, 0.03), "BH")
 */
export function benjaminiHochberg(p: (number | null)[]): (number | null)[] {
  const defined: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const value = p[i];
    if (value === null || value === undefined) continue;
    if (!(value >= 0 && value <= 1)) throw new RangeError(`benjaminiHochberg: p[${i}] = ${value} is not in [0, 1]`);
    defined.push(i);
  }
  const n = defined.length;
  // R: o <- order(p, decreasing = TRUE); pmin(1, cummin(n / i * p[o])) with i = n..1.
  const order = [...defined].sort((i, j) => (p[j] as number) - (p[i] as number) || i - j);
  const adjusted: (number | null)[] = p.map(() => null);
  let running = Infinity;
  for (let rank = 0; rank < n; rank++) {
    const index = order[rank]!;
    const i = n - rank;
    running = Math.min(running, (n / i) * (p[index] as number));
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}
