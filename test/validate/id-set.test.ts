import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdSet } from '../../src/validate/id-set.ts';

describe('IdSet', () => {
  it('answers exactly as a Map of first lines, through growth and rehashing', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('R', '1', '2', 'é', '😀', ' ', ''), maxLength: 6 }), { maxLength: 3000 }), (ids) => {
        const set = new IdSet();
        const map = new Map<string, number>();
        ids.forEach((id, line) => {
          const expected = map.get(id) ?? -1;
          if (expected === -1) map.set(id, line);
          expect(set.firstLine(id, line)).toBe(expected);
        });
        expect(set.size).toBe(map.size);
      }),
      { seed: 4242, numRuns: 100 },
    );
  });

  it('tells apart ids whose FNV-1a hashes collide', () => {
    // Two different ids with one 32-bit FNV-1a hash must not be reported as the same respondent.
    const hash = (s: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      return h >>> 0;
    };
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null && i < 2_000_000; i++) {
      const id = `R${i.toString(36)}`;
      const other = seen.get(hash(id));
      if (other !== undefined) pair = [other, id];
      seen.set(hash(id), id);
    }
    expect(pair).not.toBeNull();
    const set = new IdSet();
    expect(set.firstLine(pair![0], 1)).toBe(-1);
    expect(set.firstLine(pair![1], 2)).toBe(-1);
    expect(set.firstLine(pair![1], 3)).toBe(2);
  });

  it('numbers ids from their bytes (numberMet) as a Map numbers them in the order first met, keeping the first line', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('R', '1', 'é', '😀', ' ', ''), maxLength: 5 }), { maxLength: 2000 }), (ids) => {
        const set = new IdSet();
        const map = new Map<string, { n: number; line: number }>();
        ids.forEach((id, line) => {
          if (!map.has(id)) map.set(id, { n: map.size, line });
          const bytes = Buffer.from(`xx${id}y`);
          expect(set.numberMet(bytes, 2, bytes.length - 1, line)).toBe(map.get(id)!.n);
        });
        expect(set.size).toBe(map.size);
        for (const [id, { n, line }] of map) {
          expect(set.numberOf(id)).toBe(n);
          expect(set.lineOf(n)).toBe(line);
        }
      }),
      { seed: 78, numRuns: 100 },
    );
  });

  it('finds an id by a guessed number (numberNear) as numberOf does, whether the guess is right or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('R', '1', 'é', '😀', ''), maxLength: 4 }), { maxLength: 300 }),
        fc.array(fc.tuple(fc.string({ unit: fc.constantFrom('R', '1', 'é', '😀', ''), maxLength: 4 }), fc.integer({ min: -2, max: 320 })), { maxLength: 300 }),
        (ids, asked) => {
          const set = new IdSet();
          ids.forEach((id, line) => set.firstLine(id, line));
          // The guess right (each id's own number) and anything else.
          ids.forEach((id) => expect(set.numberNear(id, set.numberOf(id))).toBe(set.numberOf(id)));
          for (const [id, guess] of asked) expect(set.numberNear(id, guess)).toBe(set.numberOf(id));
        },
      ),
      { seed: 79, numRuns: 100 },
    );
  });

  it('finds an id given as UTF-8 bytes the same as given as a string', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('R', '1', 'é', '😀', ' ', ''), maxLength: 5 }), { maxLength: 500 }),
        fc.array(fc.boolean(), { minLength: 500, maxLength: 500 }),
        (ids, asBytes) => {
          const set = new IdSet();
          const map = new Map<string, number>();
          ids.forEach((id, line) => {
            const expected = map.get(id) ?? -1;
            if (expected === -1) map.set(id, line);
            const bytes = Buffer.from(`xx${id}y`);
            expect(asBytes[line] ? set.firstLineOf(bytes, 2, bytes.length - 1, line) : set.firstLine(id, line)).toBe(expected);
          });
        },
      ),
      { seed: 77, numRuns: 100 },
    );
  });

  it('keeps the first line exactly whatever the lines and lengths (far apart, decreasing, ids of 70,000 bytes), with or without reserve', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ id: fc.constantFrom('a', 'b', 'R1', 'R2', 'é', 'x'.repeat(70_000), 'y'.repeat(65_535)), line: fc.integer({ min: -5, max: 3_000_000 }) }),
          { maxLength: 400 },
        ),
        fc.option(fc.integer({ min: 1, max: 1000 })),
        (rows, reserve) => {
          const set = new IdSet();
          if (reserve !== null) set.reserve(reserve, 3);
          const map = new Map<string, number>();
          for (const { id, line } of rows) {
            const expected = map.get(id) ?? -1;
            if (expected === -1) map.set(id, line);
            expect(set.firstLine(id, line)).toBe(expected);
          }
        },
      ),
      { seed: 78, numRuns: 60 },
    );
  });

  it('holds a million ids given as bytes and finds the first line of any', () => {
    const set = new IdSet();
    set.reserve(500_000, 8); // too few: it must still grow
    const bytes = Buffer.alloc(8);
    let repeated = 0;
    for (let i = 0; i < 1_000_000; i++) {
      bytes.write(`R${String(i).padStart(7, '0')}`);
      if (set.firstLineOf(bytes, 0, 8, i + 2) !== -1) repeated++;
    }
    expect(repeated).toBe(0);
    bytes.write('R0123456');
    expect(set.firstLineOf(bytes, 0, 8, 5)).toBe(123_458);
    expect(set.size).toBe(1_000_000);
  });
});
