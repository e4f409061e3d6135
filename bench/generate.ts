/**
 * Deterministic synthetic coded-survey data for `npm run bench` (never committed: bench/data/ is
 * git-ignored). For each size it writes into bench/data/:
 *
 *   bench-<size>.csv        id,segment,round,weight,themes,q1..q5,comment  (one respondent per row)
 *   bench-<size>.yaml       a findings survey config for it (segments and the five questions listed)
 *   codebook.csv            the 20 theme codes (flat: no parents, so mentions = raw code counts)
 *   bench-<size>.json       manifest: generator version, rows, bytes and SHA-256 of the CSV
 *
 * The rows come from a seeded PRNG (mulberry32), so a size always gives the same bytes: the SHA-256
 * of each standard size is pinned below, and a file that already exists with the manifest's size
 * and hash is not written again. Every row is clean (findings check exits 0): 5 segments, 3 rounds,
 * a weight in [0.25, 3), 1 to 4 distinct codes of 20 joined by ";", five Likert items 1-5 with ~6%
 * blanks each, and a quoted free-text comment holding commas, now and then a doubled quote ("")
 * and now and then a newline (so rows span lines). About 140 bytes a row.
 *
 * Run alone: node --import tsx bench/generate.ts [100k] [1m] [5m]
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync, createReadStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const GENERATOR_VERSION = 1;
export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

/** SHA-256 of the CSV each standard size gives with GENERATOR_VERSION; a mismatch means the generator is not deterministic (or was changed without bumping the version). */
const EXPECTED_SHA256: Readonly<Record<string, string>> = {
  '100k': '5e966bcac462cd5956e26af3719a84cd94cadc0589a81b55baf86d68849c6e30',
  '1m': 'd8a06127fb83ce8a3ac6268583ba82d647e33abea9df585c10aea56dc0a7c27f',
  '5m': '52dc5a0dc989f7d8cf1b900481381364f7dda732f30f24c569567d9683864d39',
};

export const SEGMENTS = [
  { id: 'funder', label: 'Funders', plural: 'funders', share: 0.15 },
  { id: 'nonprofit', label: 'Nonprofits', plural: 'nonprofits', share: 0.35 },
  { id: 'public-agency', label: 'Public agencies', plural: 'public agencies', share: 0.1 },
  { id: 'business', label: 'Businesses', plural: 'businesses', share: 0.15 },
  { id: 'resident', label: 'Residents', plural: 'residents', share: 0.25 },
] as const;

const ROUNDS = ['2014', '2015', '2016'] as const;

export const CODES = [
  'structure',
  'role',
  'commitment',
  'timeline',
  'community-benefit',
  'continue',
  'incubate',
  'communication',
  'direction',
  'unique',
  'summit',
  'peer-model',
  'federal-dollars',
  'data-sharing',
  'capacity',
  'equity',
  'housing',
  'transit',
  'jobs',
  'evaluation',
] as const;

export const QUESTIONS = [
  { id: 'q1', label: 'The collaborative should continue' },
  { id: 'q2', label: 'It should be incubated for another year' },
  { id: 'q3', label: 'Its meetings are a good use of my time' },
  { id: 'q4', label: 'I understand what it is for' },
  { id: 'q5', label: 'I would recommend taking part' },
] as const;

const WORDS = (
  'the collaborative should focus on housing and transit funders want clearer goals nonprofits need ' +
  'multi-year support we are not sure what the commitment is staff time is limited meetings run long ' +
  'good convening data would help our board asked about governance a shared agenda matters more than ' +
  'money peer learning works small groups are better outcomes evaluation partners city county region'
).split(' ');

/** "100k" -> 100000, "1m" -> 1000000, "2500" -> 2500. */
export function parseSize(label: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(label.trim());
  if (m === null) throw new Error(`not a size: ${label} (say 100k, 1m, 5m or a number of rows)`);
  const unit = m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1;
  return Math.round(Number(m[1]) * unit);
}

export function sizeLabel(rows: number): string {
  if (rows >= 1e6 && rows % 1e6 === 0) return `${rows / 1e6}m`;
  if (rows >= 1e3 && rows % 1e3 === 0) return `${rows / 1e3}k`;
  return String(rows);
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; the same seed gives the same stream everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Dataset {
  label: string;
  rows: number;
  csv: string;
  config: string;
  codebook: string;
  bytes: number;
  sha256: string;
  /** True when the CSV was written by this call (false: an existing file was kept). */
  generated: boolean;
}

interface Manifest {
  generatorVersion: number;
  rows: number;
  bytes: number;
  sha256: string;
}

/** Cumulative distribution over `weights`. */
function cdf(weights: number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w / total;
    out[i] = acc;
  });
  out[weights.length - 1] = 1;
  return out;
}

function pick(c: Float64Array, u: number): number {
  let i = 0;
  while (i < c.length - 1 && u >= c[i]!) i++;
  return i;
}

/** One generated respondent, before it is written in any layout. */
export interface BenchRow {
  /** 1-based row number; the id is R + the number padded to 7 digits. */
  n: number;
  id: string;
  /** Index into SEGMENTS. */
  segment: number;
  round: string;
  /** The weight as written (4 decimals). */
  weight: string;
  /** Indices into CODES, distinct, in the order drawn. */
  codes: number[];
  /** Likert answers 1-5 per question, null when blank. */
  answers: (number | null)[];
  /** Free text (commas, doubled quotes already doubled, the odd newline). */
  comment: string;
}

/**
 * The rows of a data set, drawn from the seeded PRNG in a fixed order: every layout the benchmark
 * writes (bench/variants.ts) comes from this one stream, so each holds the same respondents.
 * `each` gets a record that is reused for the next row (copy what you keep).
 */
export function generateRows(rows: number, seed: number, each: (row: BenchRow) => void): void {
  const rand = mulberry32(seed);
  const segmentCdf = cdf(SEGMENTS.map((s) => s.share));
  // Theme popularity: Zipf-like overall, with each segment favouring a few codes of its own.
  const themeCdfs = SEGMENTS.map((_, s) => cdf(CODES.map((_, k) => 1 / (k + 1) ** 0.7 + ((k + 3 * s) % 7 === 0 ? 0.6 : 0))));
  // Likert answers: each segment leans a little differently on each item.
  const likertCdfs = SEGMENTS.map((_, s) =>
    QUESTIONS.map((_, q) => {
      const lean = ((s + 2 * q) % 5) - 2; // -2..2
      return cdf([1, 2, 3, 4, 5].map((level) => Math.exp(-0.5 * ((level - 3.4 - 0.4 * lean) / 1.1) ** 2)));
    }),
  );
  const row: BenchRow = { n: 0, id: '', segment: 0, round: '', weight: '', codes: [], answers: [], comment: '' };
  for (let r = 1; r <= rows; r++) {
    const s = pick(segmentCdf, rand());
    const round = ROUNDS[Math.floor(rand() * ROUNDS.length)]!;
    const weight = (0.25 + rand() * 2.75).toFixed(4);
    const n = 1 + Math.floor(rand() * 4);
    const chosen = row.codes;
    chosen.length = 0;
    while (chosen.length < n) {
      const k = pick(themeCdfs[s]!, rand());
      if (!chosen.includes(k)) chosen.push(k);
    }
    row.answers.length = 0;
    for (let q = 0; q < QUESTIONS.length; q++) row.answers.push(rand() < 0.06 ? null : pick(likertCdfs[s]![q]!, rand()) + 1);
    // Free text: commas, the odd "quoted phrase" (doubled quotes) and the odd line break.
    const words = 6 + Math.floor(rand() * 11);
    let comment = '';
    for (let w = 0; w < words; w++) {
      const word = WORDS[Math.floor(rand() * WORDS.length)]!;
      const u = rand();
      if (w > 0) comment += u < 0.12 ? ', ' : u < 0.14 ? '\n' : ' ';
      comment += u > 0.98 ? `""${word}""` : word;
    }
    row.n = r;
    row.id = `R${String(r).padStart(7, '0')}`;
    row.segment = s;
    row.round = round;
    row.weight = weight;
    row.comment = comment;
    each(row);
  }
}

/** A file written in 1 MiB pieces, hashed as it goes. */
export class ChunkedWriter {
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private buffer: string[] = [];
  private buffered = 0;
  bytes = 0;
  constructor(
    file: string,
    private readonly encode: (text: string) => Buffer = (text) => Buffer.from(text, 'utf8'),
  ) {
    this.fd = openSync(file, 'w');
  }
  push(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= 1 << 20) this.flush();
  }
  private flush(): void {
    const chunk = this.encode(this.buffer.join(''));
    writeSync(this.fd, chunk);
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.buffer = [];
    this.buffered = 0;
  }
  /** Flush and close; returns the size and SHA-256 of what was written. */
  close(): { bytes: number; sha256: string } {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/** The seed of a size's stream: it depends on the row count only, so each size is its own deterministic stream. */
export const seedFor = (rows: number): number => 0x5eed ^ rows;

/** Write the CSV of `rows` rows to `file`; returns its size and SHA-256. */
function writeCsv(file: string, rows: number, seed: number): { bytes: number; sha256: string } {
  const out = new ChunkedWriter(file);
  try {
    out.push(`id,segment,round,weight,themes,${QUESTIONS.map((q) => q.id).join(',')},comment\n`);
    generateRows(rows, seed, (r) => {
      const themes = r.codes.map((k) => CODES[k]!).join(';');
      const answers = r.answers.map((a) => (a === null ? ',' : `,${a}`)).join('');
      out.push(`${r.id},${SEGMENTS[r.segment]!.id},${r.round},${r.weight},${themes}${answers},"${r.comment}"\n`);
    });
  } catch (error) {
    out.close();
    throw error;
  }
  return out.close();
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function writeCodebook(file: string): void {
  const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  const lines = ['code,label,description,parent,color,statement'];
  CODES.forEach((code, i) => {
    const label = code.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
    lines.push(
      `${code},${label},"Apply when the respondent talks about ${code.replace(/-/g, ' ')}, in any words.",,${palette[i % palette.length]},mentioned ${code.replace(/-/g, ' ')}`,
    );
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
}

function writeConfig(file: string, label: string, rows: number): void {
  const text = `# Benchmark config written by bench/generate.ts (${rows} synthetic rows). The whole file is one
# round for findings (it tallies one round per config); the CSV's round column is not used here.
id: bench-${label}
title: Benchmark, ${rows} synthetic respondents
round: all
codebook: codebook.csv
data:
  path: bench-${label}.csv
  columns: { id: id, segment: segment, weight: weight, themes: themes }
  separator: ";"
  delimiter: ","
segments:
${SEGMENTS.map((s) => `  - { id: ${s.id}, label: ${s.label}, plural: ${s.plural} }`).join('\n')}
questions:
${QUESTIONS.map((q) => `  - { id: ${q.id}, column: ${q.id}, label: ${q.label}, levels: [1, 2, 3, 4, 5], labels: [Strongly disagree, Disagree, Neither, Agree, Strongly agree], topBox: 2 }`).join('\n')}
report:
  note: "Synthetic benchmark data from bench/generate.ts"
`;
  writeFileSync(file, text);
}

/** Make sure the data set of `rows` rows exists in `dir` (writing it only when missing or different). */
export async function ensureDataset(rows: number, dir = DATA_DIR, log: (line: string) => void = () => {}): Promise<Dataset> {
  mkdirSync(dir, { recursive: true });
  const label = sizeLabel(rows);
  const csv = path.join(dir, `bench-${label}.csv`);
  const config = path.join(dir, `bench-${label}.yaml`);
  const codebook = path.join(dir, 'codebook.csv');
  const manifestFile = path.join(dir, `bench-${label}.json`);
  writeCodebook(codebook);
  writeConfig(config, label, rows);

  if (existsSync(csv) && existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    const expected = EXPECTED_SHA256[label] ?? manifest.sha256;
    if (manifest.generatorVersion === GENERATOR_VERSION && manifest.rows === rows && statSync(csv).size === manifest.bytes && manifest.sha256 === expected) {
      const sha256 = await sha256Of(csv);
      if (sha256 === expected) {
        log(`${path.relative(process.cwd(), csv)}: present (${(manifest.bytes / 1e6).toFixed(1)} MB, sha256 ${sha256.slice(0, 12)}…), kept`);
        return { label, rows, csv, config, codebook, bytes: manifest.bytes, sha256, generated: false };
      }
    }
  }
  log(`${path.relative(process.cwd(), csv)}: writing ${rows} rows…`);
  const started = performance.now();
  // The seed depends on the row count only, so each size is its own deterministic stream.
  const { bytes, sha256 } = writeCsv(csv, rows, seedFor(rows));
  const expected = EXPECTED_SHA256[label];
  if (expected !== undefined && expected !== sha256) {
    throw new Error(
      `bench/generate.ts is not deterministic: ${label} gave sha256 ${sha256}, expected ${expected} (bump GENERATOR_VERSION and the pins if the generator changed on purpose)`,
    );
  }
  writeFileSync(manifestFile, `${JSON.stringify({ generatorVersion: GENERATOR_VERSION, rows, bytes, sha256 } satisfies Manifest, null, 2)}\n`);
  log(`  ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s, sha256 ${sha256}`);
  return { label, rows, csv, config, codebook, bytes, sha256, generated: true };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const labels = process.argv.slice(2);
  for (const label of labels.length > 0 ? labels : ['100k', '1m']) {
    await ensureDataset(parseSize(label), DATA_DIR, (line) => process.stderr.write(`${line}\n`));
  }
}
