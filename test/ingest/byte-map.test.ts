import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteMap, MISSING } from '../../src/ingest/fast/byte-map.ts';

describe('ByteMap', () => {
  it('answers as a Map of strings, for keys of every length, sharing lengths and first bytes, set again', () => {
    const key = fc.string({ unit: fc.constantFrom('a', 'b', 'é', '1', ' ', ';'), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer({ min: -5, max: 1000 })), { maxLength: 80 }), fc.array(key, { maxLength: 40 }), (entries, probes) => {
        const map = new ByteMap();
        const reference = new Map<string, number>();
        for (const [k, v] of entries) {
          map.setText(k, v);
          reference.set(k, v);
        }
        expect(map.size).toBe(reference.size);
        for (const k of [...reference.keys(), ...probes]) {
          const bytes = Buffer.from(`<${k}>`);
          expect(map.get(bytes, 1, bytes.length - 1)).toBe(reference.get(k) ?? MISSING);
        }
      }),
      { seed: 4711, numRuns: 300 },
    );
  });
});
