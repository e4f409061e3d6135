import type { Results } from '../model.ts';

/** Elements of one array written per piece (issue 19): large enough that a piece is worth a write, small enough that none is large. */
const ELEMENTS_PER_PIECE = 256;
/** ... and a piece is given as soon as it reaches this many characters, so it dies young (a theme of 500 segments is 240 KB of text). */
const CHARACTERS_PER_PIECE = 1 << 14;

/**
 * results.json (formatResultsJson's exact bytes: JSON.stringify with two-space indentation and a
 * final newline) as a sequence of pieces, so that a large study's file is written without ever
 * being one string (issue 19: 1,000 themes × 500 segments make a 259 MB file). The top-level object
 * and its arrays and objects one level down are written member by member; each member below is
 * JSON.stringify's own text, indented to its depth. JSON text holds no raw line break (a line break
 * in a string is written "\n"), so indenting every line of a member is exact.
 *
 * @example
 * [...resultsJsonPieces(results)].join('') === formatResultsJson(results); // true
 */
export function* resultsJsonPieces(results: Results): Generator<string> {
  yield* jsonPieces(results, 0, 2);
  yield '\n';
}

/** The JSON text of `value` at `depth` (two spaces a level); containers are opened `levels` deep. */
export function* jsonPieces(value: unknown, depth: number, levels: number): Generator<string> {
  const json = toJsonValue(value);
  if (levels === 0 || json === null || typeof json !== 'object') {
    yield indented(json, depth);
    return;
  }
  const inner = '  '.repeat(depth + 1);
  if (Array.isArray(json)) {
    if (json.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    if (levels === 1) {
      yield* elementRuns(json, depth);
      yield `\n${'  '.repeat(depth)}]`;
      return;
    }
    let batch = '';
    let count = 0;
    for (let i = 0; i < json.length; i++) {
      // JSON.stringify writes null for an array element it cannot represent (undefined, a function).
      const element = arrayElement(json[i]);
      batch += `${i === 0 ? '' : ','}\n${inner}`;
      for (const piece of jsonPieces(element, depth + 1, levels - 1)) batch += piece;
      if (++count === ELEMENTS_PER_PIECE || batch.length >= CHARACTERS_PER_PIECE) {
        count = 0;
        yield batch;
        batch = '';
      }
    }
    yield `${batch}\n${'  '.repeat(depth)}]`;
    return;
  }
  // Members JSON.stringify leaves out: undefined, functions and symbols.
  const members = Object.keys(json).filter((key) => representable(toJsonValue((json as Record<string, unknown>)[key])));
  if (members.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [i, key] of members.entries()) {
    yield `${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* jsonPieces((json as Record<string, unknown>)[key], depth + 1, levels - 1);
  }
  yield `\n${'  '.repeat(depth)}}`;
}

/**
 * The elements of an array at `depth` whose elements are written whole, as runs of elements each
 * given to JSON.stringify at once (issue 19: one call per element made the 500,000 pairs of a wide
 * study's cooccurrence cost more than its 1,000 themes, four times the text). A run is as many
 * elements as the previous ones suggest will make CHARACTERS_PER_PIECE, from one (a theme of 500
 * segments is 250 KB) to ELEMENTS_PER_PIECE. The run's array is stringified at the array's own
 * depth and its brackets cut off, which leaves the elements exactly as the whole array's text
 * holds them (JSON.stringify writes an element it cannot represent as null in both).
 */
function* elementRuns(elements: readonly unknown[], depth: number): Generator<string> {
  const inner = '  '.repeat(depth + 1);
  // Cut from the run's text: "[\n" and the elements' indentation before, "\n", the array's indentation and "]" after.
  const before = 2 + inner.length;
  const after = 2 + 2 * depth;
  let run = 1;
  let written = 0;
  let characters = 0;
  for (let at = 0; at < elements.length; at += run) {
    if (at > 0) run = Math.max(1, Math.min(ELEMENTS_PER_PIECE, Math.floor((CHARACTERS_PER_PIECE * written) / Math.max(1, characters))));
    const text = indented(elements.slice(at, at + run), depth);
    const count = Math.min(run, elements.length - at);
    written += count;
    characters += text.length;
    // Two pieces: joined, the large run's text would be copied once more before it is written (issue 19).
    yield `${at === 0 ? '' : ','}\n${inner}`;
    yield text.slice(before, text.length - after);
  }
}

/** What JSON.stringify writes for a value: its toJSON() where it has one. */
function toJsonValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON(): unknown }).toJSON();
  }
  return value;
}

function representable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function arrayElement(value: unknown): unknown {
  return representable(toJsonValue(value)) ? value : null;
}

/**
 * JSON.stringify(value, null, 2) as it reads `depth` levels down: the value is stringified inside
 * `depth` one-element arrays, whose brackets are then cut off, so JSON.stringify itself indents every
 * line (issue 19: re-indenting each member's text afterwards was a fifth of writing results.json).
 */
function indented(value: unknown, depth: number): string {
  if (depth === 0 || value === null || typeof value !== 'object') return JSON.stringify(value, null, 2);
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Before the value, "[\n" and 2k spaces for each level k = 1..depth; after it, "\n", 2k spaces and "]" for k = depth-1..0.
  return text.slice(depth * (depth + 3), text.length - depth * (depth + 1));
}
