// @ts-check
/**
 * The minimal tally the reference children share: rows of cells (columns by index, from the
 * header), segment, round and codes interned to small integers by a Map, sums in typed arrays,
 * nothing kept per row. `result()` gives the figures in the DuckDB child's shape (see ../figures.ts);
 * `mergeTallies` adds partial results up (for the worker-thread reference).
 */
export const QUESTIONS = ['q1', 'q2', 'q3', 'q4', 'q5'];
const N_LEVELS = 5;
const PER_Q = N_LEVELS + 4; // per group and question: counts per level, missing, Σy, Σw, Σw·y
const MAX_ROUNDS = 16;
const MAX_CODES = 64;

/** @param {string[]} header */
export function createTally(header) {
  const col = {
    segment: header.indexOf('segment'),
    round: header.indexOf('round'),
    weight: header.indexOf('weight'),
    themes: header.indexOf('themes'),
    q: QUESTIONS.map((q) => header.indexOf(q)),
  };
  /** @type {Map<string, number>} */ const segments = new Map();
  /** @type {Map<string, number>} */ const rounds = new Map();
  /** @type {Map<string, number>} */ const codes = new Map();
  let groups = 0; // capacity, in segment × round groups
  let respondents = new Float64Array(0);
  let sumW = new Float64Array(0);
  let mentions = new Float64Array(0);
  let mentionsW = new Float64Array(0);
  let likert = new Float64Array(0);
  let rows = 0;

  /** @param {Float64Array} a @param {number} size */
  const grow = (a, size) => {
    const b = new Float64Array(size);
    b.set(a);
    return b;
  };
  /** @param {Map<string, number>} map @param {string} key */
  const intern = (map, key) => {
    let i = map.get(key);
    if (i === undefined) {
      i = map.size;
      map.set(key, i);
    }
    return i;
  };

  return {
    get rows() {
      return rows;
    },
    /** @param {string[][]} data @param {number} from */
    add(data, from = 0) {
      for (let r = from; r < data.length; r++) {
        const row = /** @type {string[]} */ (data[r]);
        if (row.length === 1 && row[0] === '') continue;
        rows++;
        const g = intern(segments, /** @type {string} */ (row[col.segment])) * MAX_ROUNDS + intern(rounds, /** @type {string} */ (row[col.round]));
        if (g >= groups) {
          const size = (g + 1) * 2;
          respondents = grow(respondents, size);
          sumW = grow(sumW, size);
          mentions = grow(mentions, size * MAX_CODES);
          mentionsW = grow(mentionsW, size * MAX_CODES);
          likert = grow(likert, size * QUESTIONS.length * PER_Q);
          groups = size;
        }
        const w = Number(row[col.weight]);
        respondents[g]++;
        sumW[g] += w;
        const themes = /** @type {string} */ (row[col.themes]);
        if (themes !== '') {
          for (const code of themes.split(';')) {
            const k = g * MAX_CODES + intern(codes, code);
            mentions[k]++;
            mentionsW[k] += w;
          }
        }
        for (let q = 0; q < QUESTIONS.length; q++) {
          const cell = /** @type {string} */ (row[/** @type {number} */ (col.q[q])]);
          const base = (g * QUESTIONS.length + q) * PER_Q;
          if (cell === '') likert[base + N_LEVELS]++;
          else {
            const y = cell.charCodeAt(0) - 48;
            likert[base + y - 1]++;
            likert[base + N_LEVELS + 1] += y;
            likert[base + N_LEVELS + 2] += w;
            likert[base + N_LEVELS + 3] += w * y;
          }
        }
      }
    },
    /** @returns {import('../figures.ts').DuckdbTally} */
    result() {
      /** @type {import('../figures.ts').DuckdbTally} */
      const tally = { respondents: [], mentions: [], likert: [], timings: {} };
      for (const [segment, s] of segments) {
        for (const [round, rr] of rounds) {
          const g = s * MAX_ROUNDS + rr;
          if (g >= groups || respondents[g] === 0) continue;
          tally.respondents.push([segment, round, respondents[g], sumW[g]]);
          for (const [code, c] of codes) {
            const k = g * MAX_CODES + c;
            if (mentions[k] > 0) tally.mentions.push([segment, round, code, mentions[k], mentionsW[k]]);
          }
          QUESTIONS.forEach((q, i) => {
            const base = (g * QUESTIONS.length + i) * PER_Q;
            const cells = Array.from(likert.subarray(base, base + PER_Q));
            tally.likert.push([segment, round, q, cells.slice(0, N_LEVELS), cells[N_LEVELS], cells[N_LEVELS + 1], cells[N_LEVELS + 2], cells[N_LEVELS + 3]]);
          });
        }
      }
      return tally;
    },
  };
}

/** Add partial tallies up, key by key. @param {import('../figures.ts').DuckdbTally[]} parts */
export function mergeTallies(parts) {
  /** @type {Map<string, any[]>} */ const respondents = new Map();
  /** @type {Map<string, any[]>} */ const mentions = new Map();
  /** @type {Map<string, any[]>} */ const likert = new Map();
  for (const part of parts) {
    for (const r of part.respondents) {
      const k = `${r[0]}\t${r[1]}`;
      const a = respondents.get(k);
      if (a === undefined) respondents.set(k, [...r]);
      else {
        a[2] += r[2];
        a[3] += r[3];
      }
    }
    for (const m of part.mentions) {
      const k = `${m[0]}\t${m[1]}\t${m[2]}`;
      const a = mentions.get(k);
      if (a === undefined) mentions.set(k, [...m]);
      else {
        a[3] += m[3];
        a[4] += m[4];
      }
    }
    for (const l of part.likert) {
      const k = `${l[0]}\t${l[1]}\t${l[2]}`;
      const a = likert.get(k);
      if (a === undefined) likert.set(k, [l[0], l[1], l[2], [...l[3]], l[4], l[5], l[6], l[7]]);
      else {
        l[3].forEach((c, i) => (a[3][i] += c));
        for (let i = 4; i < 8; i++) a[i] += l[i];
      }
    }
  }
  /** @type {import('../figures.ts').DuckdbTally} */
  const out = {
    respondents: /** @type {any} */ ([...respondents.values()]),
    mentions: /** @type {any} */ ([...mentions.values()]),
    likert: /** @type {any} */ ([...likert.values()]),
    timings: {},
  };
  return out;
}
