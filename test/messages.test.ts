/**
 * Message texts live with the catalogue: every code's factories in `say` make messages of that code,
 * and every code has factories, but for the few still written at their call sites (listed here, to
 * shrink to nothing).
 */
import { describe, expect, it } from 'vitest';
import { catalogue, say, type Message } from '../src/messages.ts';

/** Codes whose texts are still composed at the call site (diagnosticWithText): the config reader's and the output folder's. */
const PENDING = ['FND001', 'FND002', 'FND003', 'FND004', 'FND005', 'FND010', 'FND011', 'FND012', 'FND013', 'FND014'];

type Factory = (...args: never[]) => Message;

function factories(entry: Factory | Record<string, Factory>): Factory[] {
  return typeof entry === 'function' ? [entry] : Object.values(entry);
}

describe('the message catalogue', () => {
  it('has factories for every code but the pending ones, and none for a code it lacks', () => {
    const codes = Object.keys(catalogue);
    expect(Object.keys(say).filter((code) => !codes.includes(code))).toEqual([]);
    expect(codes.filter((code) => !(code in say))).toEqual(PENDING);
  });

  it("makes messages of each factory's own code, with text", () => {
    for (const [code, entry] of Object.entries(say) as [string, Factory | Record<string, Factory>][]) {
      for (const make of factories(entry)) {
        // Factories take strings, numbers, lists or null: call each with all-text, then all-list arguments.
        const samples = ['text', ['a', 'b']].map((sample) => Array.from({ length: make.length }, () => sample) as never[]);
        const made = samples.map((args) => {
          try {
            return make(...args);
          } catch {
            return null;
          }
        });
        const message = made.find((x) => x !== null);
        expect(message, `${code}: no sample arguments make a message`).toBeDefined();
        expect(message!.code).toBe(code);
        expect(message!.text.length).toBeGreaterThan(5);
      }
    }
  });
});
