/**
 * Issue 19: coder agreement counted unit by unit as the codings are read, instead of a respondents ×
 * themes matrix held whole. A unit is a respondent; each coder who coded it names the themes their
 * coding mentions (rolled up), and the counter adds the unit to each theme's BinaryAgreement counts
 * (stats/binary-agreement.ts). Work and memory per unit are in the themes mentioned, not in the
 * codebook's size: a theme nobody mentioned is counted once at the end, from the units per number of
 * coders.
 *
 * @example
 * const counter = new AgreementCounter(2, 2); // two themes, two coders
 * counter.coded(0, [0]); // the first coder: theme 0
 * counter.coded(1, [0, 1]); // the second: themes 0 and 1
 * counter.endUnit();
 * counter.finish().themes[1].count(2, 1); // 1: one unit on which one of two coders gave theme 1
 */
import { BinaryAgreement } from './binary-agreement.ts';

export interface AgreementCounts {
  /** Units coded by two coders or more. */
  units: number;
  /** Per theme of the codebook, its counts. */
  themes: BinaryAgreement[];
}

export class AgreementCounter {
  /** Per theme, ones[t * (coders + 1) * (coders + 1) + m * (coders + 1) + n1]: units of m coders, n1 ≥ 1 of whom mentioned t. */
  private readonly ones: Float64Array;
  /** Two coders: per theme, units on which the first coder mentioned it. */
  private readonly firstOnes: Float64Array;
  /** Units by the number of coders who coded them. */
  private readonly unitsBy: Float64Array;
  // The unit being read: coders who coded it, and per theme how many mentioned it.
  private codersInUnit = 0;
  private readonly mentions: Int32Array;
  private readonly byFirst: Uint8Array;
  /** The last coder (+ 1) to mention each theme in this unit: a coder's mention counts once. */
  private readonly lastCoder: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private lastCoded = -1;

  constructor(
    private readonly themes: number,
    private readonly coders: number,
  ) {
    const size = (coders + 1) * (coders + 1);
    this.ones = new Float64Array(themes * size);
    this.firstOnes = new Float64Array(themes);
    this.unitsBy = new Float64Array(coders + 1);
    this.mentions = new Int32Array(themes);
    this.byFirst = new Uint8Array(themes);
    this.lastCoder = new Int32Array(themes);
    this.touched = new Int32Array(themes);
  }

  /** Coder `coder` (0: the first, the primary coder) coded this unit, mentioning `themes[start, end)` (duplicates and indexes outside the codebook are ignored). Give each coder of a unit once. */
  coded(coder: number, themes: ArrayLike<number>, start = 0, end = themes.length): void {
    this.coder(coder);
    for (let i = start; i < end; i++) this.mention(themes[i]!);
  }

  /** Coder `coder` coded this unit: their mentions follow (mention). */
  coder(coder: number): void {
    if (coder < 0 || coder >= this.coders) throw new RangeError(`AgreementCounter: no coder ${coder} of ${this.coders}`);
    this.codersInUnit++;
    this.lastCoded = coder;
  }

  /** The coder named last (coder) mentions theme t in this unit. */
  mention(theme: number): void {
    if (theme < 0 || theme >= this.themes) return;
    const mark = this.lastCoded + 1;
    if (this.lastCoder[theme] === mark) return;
    this.lastCoder[theme] = mark;
    if (this.mentions[theme] === 0) this.touched[this.touchedCount++] = theme;
    this.mentions[theme]!++;
    if (this.lastCoded === 0) this.byFirst[theme] = 1;
  }

  /** The unit is complete: counted when two coders or more coded it, else let go. */
  endUnit(): void {
    const m = this.codersInUnit;
    const pairable = m >= 2;
    if (pairable) this.unitsBy[m]!++;
    const size = (this.coders + 1) * (this.coders + 1);
    for (let i = 0; i < this.touchedCount; i++) {
      const t = this.touched[i]!;
      if (pairable) {
        this.ones[t * size + m * (this.coders + 1) + this.mentions[t]!]!++;
        if (this.byFirst[t] === 1) this.firstOnes[t]!++;
      }
      this.mentions[t] = 0;
      this.byFirst[t] = 0;
      this.lastCoder[t] = 0;
    }
    this.touchedCount = 0;
    this.codersInUnit = 0;
    this.lastCoded = -1;
  }

  /** The counts per theme (a unit still open is let go). */
  finish(): AgreementCounts {
    if (this.codersInUnit > 0 || this.touchedCount > 0) {
      this.codersInUnit = 0;
      this.endUnit();
    }
    const size = (this.coders + 1) * (this.coders + 1);
    let units = 0;
    for (let m = 2; m <= this.coders; m++) units += this.unitsBy[m]!;
    const themes = Array.from({ length: this.themes }, (_, t) => {
      const counts = new BinaryAgreement(this.coders);
      for (let m = 2; m <= this.coders; m++) {
        let mentioned = 0;
        for (let n1 = 1; n1 <= m; n1++) {
          const count = this.ones[t * size + m * (this.coders + 1) + n1]!;
          if (count > 0) counts.addUnits(m, n1, count);
          mentioned += count;
        }
        const none = this.unitsBy[m]! - mentioned;
        if (none > 0) counts.addUnits(m, 0, none);
      }
      counts.firstOnes = this.coders === 2 ? this.firstOnes[t]! : 0;
      return counts;
    });
    return { units, themes };
  }
}
