// @ts-check
/**
 * A reference for what a hand-written byte-level CSV scanner costs, without papaparse: the file is
 * read in 1 MiB blocks into a Buffer and scanned as bytes (RFC 4180: quoted fields with doubled
 * quotes and newlines; a row ends at a newline outside quotes; an unfinished row is carried over to
 * the next block), cells are never turned into strings (segment, round and codes are interned from their
 * bytes by hash), numbers are parsed from bytes, and the tally is the same as the
 * papaparse reference's, in typed arrays, single-threaded. No validation, ids or co-occurrence.
 *
 *   node bench/children/scan-tally.mjs <data.csv> <out.json>
 */
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';

const [file, out] = process.argv.slice(2);
if (file === undefined || out === undefined) throw new Error('usage: scan-tally.mjs <data.csv> <out.json>');
const started = performance.now();

const QUESTIONS = ['q1', 'q2', 'q3', 'q4', 'q5'];
const N_LEVELS = 5;
const PER_Q = N_LEVELS + 4;
const MAX_ROUNDS = 16;
const MAX_CODES = 64;
const MAX_SEGMENTS = 64;
const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SEMI = 59;

/**
 * Interns byte strings to small integers without making a string: FNV-1a hash of the bytes, open
 * addressing over an Int32Array, keys kept as bytes for the equality check. A string is made once,
 * when a key is first seen.
 */
class Interner {
  constructor(bits = 12) {
    this.mask = (1 << bits) - 1;
    this.slots = new Int32Array(1 << bits).fill(-1);
    this.store = new Uint8Array(1 << 16);
    this.used = 0;
    /** @type {number[]} */ this.hashes = [];
    /** @type {number[]} */ this.offsets = [];
    /** @type {number[]} */ this.lengths = [];
    /** @type {string[]} */ this.names = [];
  }

  /** @param {Buffer} buf @param {number} s @param {number} e */
  get(buf, s, e) {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 16777619);
    let slot = h & this.mask;
    for (;;) {
      const id = this.slots[slot];
      if (id === -1) break;
      if (this.hashes[id] === h && this.lengths[id] === e - s) {
        const o = this.offsets[id];
        let same = true;
        for (let i = 0; i < e - s; i++) {
          if (this.store[o + i] !== buf[s + i]) {
            same = false;
            break;
          }
        }
        if (same) return id;
      }
      slot = (slot + 1) & this.mask;
    }
    const id = this.names.length;
    if (this.used + (e - s) > this.store.length || id > this.mask / 2) throw new Error('interner full');
    this.store.set(buf.subarray(s, e), this.used);
    this.offsets.push(this.used);
    this.lengths.push(e - s);
    this.hashes.push(h);
    this.names.push(buf.toString('utf8', s, e));
    this.used += e - s;
    this.slots[slot] = id;
    return id;
  }
}

const segments = new Interner();
const rounds = new Interner();
const codes = new Interner();
const groups = MAX_SEGMENTS * MAX_ROUNDS;
const respondents = new Float64Array(groups);
const sumW = new Float64Array(groups);
const mentions = new Float64Array(groups * MAX_CODES);
const mentionsW = new Float64Array(groups * MAX_CODES);
const likert = new Float64Array(groups * QUESTIONS.length * PER_Q);

/** A decimal like 1.2345 from bytes (plain digits and one point; anything else falls back to Number). */
function parseNumber(/** @type {Buffer} */ buf, /** @type {number} */ s, /** @type {number} */ e) {
  let int = 0;
  let frac = 0;
  let scale = 1;
  let i = s;
  for (; i < e; i++) {
    const c = buf[i] - 48;
    if (c < 0 || c > 9) break;
    int = int * 10 + c;
  }
  if (i < e && buf[i] === 46) {
    for (i++; i < e; i++) {
      const c = buf[i] - 48;
      if (c < 0 || c > 9) break;
      frac = frac * 10 + c;
      scale *= 10;
    }
  }
  return i === e ? int + frac / scale : Number(buf.latin1Slice(s, e));
}

// Columns by index, from the header.
let cSeg = -1;
let cRound = -1;
let cW = -1;
let cThemes = -1;
/** @type {number[]} */ let cQ = [];
let header = true;
let rows = 0;
const MAX_FIELDS = 256;
const starts = new Int32Array(MAX_FIELDS);
const ends = new Int32Array(MAX_FIELDS);

/** Scan complete rows of buf[0, n); returns where the unfinished row starts (n when none). */
function scan(/** @type {Buffer} */ buf, /** @type {number} */ n, /** @type {boolean} */ final) {
  let pos = 0;
  while (pos < n) {
    const rowStart = pos;
    let f = 0;
    let complete = false;
    for (;;) {
      if (pos < n && buf[pos] === QUOTE) {
        let j = pos + 1;
        let q;
        for (;;) {
          q = buf.indexOf(QUOTE, j);
          if (q === -1 || q >= n) break;
          if (q + 1 < n && buf[q + 1] === QUOTE) j = q + 2;
          else if (q + 1 >= n && !final) {
            q = -1;
            break;
          } else break;
        }
        if (q === -1 || q >= n) {
          if (!final) return rowStart;
          q = n;
        }
        starts[f] = pos + 1;
        ends[f] = q;
        pos = q + 1;
      } else {
        let j = pos;
        while (j < n) {
          const c = buf[j];
          if (c === COMMA || c === LF) break;
          j++;
        }
        starts[f] = pos;
        ends[f] = j > pos && buf[j - 1] === CR && (j === n || buf[j] === LF) ? j - 1 : j;
        pos = j;
      }
      f++;
      if (pos >= n) {
        if (!final) return rowStart;
        complete = true;
        break;
      }
      const c = buf[pos];
      if (c === COMMA) {
        pos++;
        continue;
      }
      if (c === CR && pos + 1 < n && buf[pos + 1] === LF) pos++;
      if (buf[pos] === LF) {
        pos++;
        complete = true;
        break;
      }
      pos++; // stray byte after a closing quote: skip it
    }
    if (!complete) return rowStart;
    if (f === 1 && starts[0] === ends[0]) continue; // blank line
    if (header) {
      const names = Array.from({ length: f }, (_, i) => buf.toString('utf8', starts[i], ends[i]).trim());
      cSeg = names.indexOf('segment');
      cRound = names.indexOf('round');
      cW = names.indexOf('weight');
      cThemes = names.indexOf('themes');
      cQ = QUESTIONS.map((q) => names.indexOf(q));
      header = false;
      continue;
    }
    rows++;
    const g = segments.get(buf, starts[cSeg], ends[cSeg]) * MAX_ROUNDS + rounds.get(buf, starts[cRound], ends[cRound]);
    const w = parseNumber(buf, starts[cW], ends[cW]);
    respondents[g]++;
    sumW[g] += w;
    let s = starts[cThemes];
    const e = ends[cThemes];
    while (s < e) {
      let k = s;
      while (k < e && buf[k] !== SEMI) k++;
      if (k > s) {
        const m = g * MAX_CODES + codes.get(buf, s, k);
        mentions[m]++;
        mentionsW[m] += w;
      }
      s = k + 1;
    }
    for (let q = 0; q < QUESTIONS.length; q++) {
      const c = cQ[q];
      const base = (g * QUESTIONS.length + q) * PER_Q;
      if (starts[c] === ends[c]) likert[base + N_LEVELS]++;
      else {
        const y = buf[starts[c]] - 48;
        likert[base + y - 1]++;
        likert[base + N_LEVELS + 1] += y;
        likert[base + N_LEVELS + 2] += w;
        likert[base + N_LEVELS + 3] += w * y;
      }
    }
  }
  return n;
}

const fd = openSync(file, 'r');
let buf = Buffer.allocUnsafe(1 << 20);
let filled = 0;
let position = 0;
for (;;) {
  if (filled === buf.length) {
    const bigger = Buffer.allocUnsafe(buf.length * 2); // a row longer than the buffer
    buf.copy(bigger, 0, 0, filled);
    buf = bigger;
  }
  const got = readSync(fd, buf, filled, buf.length - filled, position);
  position += got;
  filled += got;
  const final = got === 0;
  const rest = scan(buf, filled, final);
  if (final) break;
  buf.copy(buf, 0, rest, filled);
  filled -= rest;
}
closeSync(fd);

/** @type {import('../figures.ts').DuckdbTally} */
const tally = { respondents: [], mentions: [], likert: [], timings: {} };
for (const [si, segment] of segments.names.entries()) {
  for (const [ri, round] of rounds.names.entries()) {
    const g = si * MAX_ROUNDS + ri;
    if (respondents[g] === 0) continue;
    tally.respondents.push([segment, round, respondents[g], sumW[g]]);
    for (const [c, code] of codes.names.entries()) {
      const m = g * MAX_CODES + c;
      if (mentions[m] > 0) tally.mentions.push([segment, round, code, mentions[m], mentionsW[m]]);
    }
    QUESTIONS.forEach((q, i) => {
      const base = (g * QUESTIONS.length + i) * PER_Q;
      const cells = Array.from(likert.subarray(base, base + PER_Q));
      tally.likert.push([segment, round, q, cells.slice(0, N_LEVELS), cells[N_LEVELS], cells[N_LEVELS + 1], cells[N_LEVELS + 2], cells[N_LEVELS + 3]]);
    });
  }
}
writeFileSync(out, JSON.stringify(tally));
process.stdout.write(`${JSON.stringify({ workMs: Math.round(performance.now() - started), rows })}\n`);
