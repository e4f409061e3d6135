/**
 * Message texts live with the catalogue: every code's factories in `say` make messages of that code,
 * and every code has factories, but for the few still written at their call sites (listed here, to
 * shrink to nothing).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue, say, type Message } from '../src/messages.ts';

/** Codes with no factories yet (none: every code's texts are in the catalogue). */
const PENDING: string[] = [];

/**
 * The files that still pass a text to diagnosticWithText: read-config.ts forwards the words of its layout
 * and question rules (normalizeLayout, normalizeQuestion), which compose them, to shrink to nothing.
 */
const COMPOSING = ['config/read-config.ts'];

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

  it('is where every other call site gets its text: none but the pending files calls diagnosticWithText', () => {
    const src = new URL('../src/', import.meta.url);
    const files = (readdirSync(src, { recursive: true }) as string[])
      .map((file) => file.split('\\').join('/'))
      .filter((file) => file.endsWith('.ts') && file !== 'messages.ts')
      .filter((file) => readFileSync(new URL(file, src), 'utf8').includes('diagnosticWithText('));
    expect(files.sort()).toEqual(COMPOSING);
  });
});
