/**
 * `npm run bench`: findings against DuckDB on synthetic coded-survey CSVs (issue 8).
 *
 *   npm run bench                       100k and 1M rows
 *   npm run bench -- --large            and 5M rows (~700 MB; takes minutes)
 *   npm run bench -- 1m 5m              just these sizes (any of 100k, 1m, 5m, 250k, 20000…)
 *   npm run bench -- --repeat 3         best of 3 runs of each command (default: 3 up to 1M rows, 1 above)
 *   npm run bench -- --no-reference     skip the reference rows (papaparse, 2 workers, byte scanner)
 *   npm run bench -- --build            `npm run build` first, so findings runs from a fresh bundle in dist/
 *   npm run bench -- --quick            a few minutes: 100k rows, every path at 100k, one run each
 *   npm run bench -- --paths 1m         every other path (issue 19) at this size (default: 1m; 100k with --quick)
 *   npm run bench -- --only qualtrics,xlsx   just these paths (names below); --no-paths: none
 *
 * For each size, bench/generate.ts makes sure bench/data/bench-<size>.csv exists (deterministic; an
 * existing file with the pinned hash is kept), then each command runs as its own child process, so
 * its wall time (spawn to exit, startup included) and peak RSS (getrusage maxrss, written by a tiny
 * --import hook at exit) are its own:
 *
 *   node startup          `node -e ""`: the fixed cost of any Node process
 *   floor                 children/floor.mjs: read the file's bytes, 64 KiB at a time, no parsing
 *   papaparse parse       children/papaparse-tally.mjs --parse-only: Papa.parse chunk mode, nothing else
 *   papaparse tally       children/papaparse-tally.mjs: the same plus a minimal typed-array tally (reference)
 *   papaparse 2 workers   children/papaparse-parallel.mjs: that tally on 2 worker threads over byte ranges split
 *                         at row boundaries outside quotes, partial tallies merged (reference)
 *   byte scanner          children/scan-tally.mjs: the same tally from a hand-written byte-level CSV scanner,
 *                         codes interned from bytes, no papaparse, one thread (reference)
 *   DuckDB                children/duckdb-tally.mjs: read_csv into a temp table, GROUP BY segment × round
 *   findings check        `node bin/findings.js check <config>`: ingest, validate, tally, statistics (the fast
 *                         reader: a worker thread scans, the main thread applies rows in order)
 *   … --threads 1         the same in one thread
 *   … --reader papaparse  every row through papaparse and the rules (the reference reader; not with --no-reference)
 *   findings run          `node bin/findings.js run <config> --out <tmp> --quiet`: the same plus charts and report
 *
 * Every other path (issue 19; bench/variants.ts writes each layout from the same generated respondents):
 * qualtrics, surveymonkey, kobo, limesurvey, one-hot, windows-1252, utf-16, excerpts, quotes, coders,
 * xlsx, codes (1,000 codes × 500 segments), ratings (50 questions), trend (5 rounds), then the default
 * study (run and check). Each is measured interleaved with DuckDB doing the same tally on the same file
 * (DuckDB, findings, DuckDB, findings…), medians reported, and findings' results.json of one more `run`
 * compared with DuckDB's figures as below.
 *
 * Compared (and the run fails, exit 1, when any differs): findings' results.json (from `run`) and the
 * reference tallies against DuckDB, figure by figure as listed in bench/figures.ts: rows; respondents
 * and Σw per segment; mentions and Σw per theme × segment; Likert counts per level, missing counts and
 * means per question × segment; overall unweighted and weighted means. findings tallies one round per
 * config, so its config treats the whole file as one round; DuckDB groups by segment × round and the
 * comparison sums its rounds. Figures go to the terminal and to bench/results.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, ensureDataset, parseSize, type Dataset } from './generate.ts';
import { compareFigures, describeFigures, figuresFromDuckdb, figuresFromFindings, type DuckdbTally, type Figures } from './figures.ts';
import { prepareVariants, VARIANT_NAMES, type Variant, type VariantName } from './variants.ts';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const CHILDREN = path.join(BENCH, 'children');

/** Loaded with --import into every child: writes its peak RSS (KiB) and CPU time (µs, all threads) to $BENCH_STATS_FILE at exit. */
const STATS_HOOK =
  'data:text/javascript,' +
  encodeURIComponent(
    'import{writeFileSync}from"node:fs";process.on("exit",()=>{try{const u=process.resourceUsage();writeFileSync(process.env.BENCH_STATS_FILE,JSON.stringify({maxRSS:u.maxRSS,cpu:u.userCPUTime+u.systemCPUTime}))}catch{}});',
  );

interface Options {
  sizes: number[];
  repeat: number | null;
  reference: boolean;
  build: boolean;
  /** The other paths to measure (issue 19), at pathRows rows. */
  paths: VariantName[];
  pathRows: number;
  quick: boolean;
}

function parseArgs(argv: string[]): Options {
  const sizes: number[] = [];
  let repeat: number | null = null;
  let large = false;
  let reference = true;
  let build = false;
  let quick = false;
  let pathRows: number | null = null;
  let paths: VariantName[] = [...VARIANT_NAMES];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--large') large = true;
    else if (arg === '--quick') quick = true;
    else if (arg === '--paths') pathRows = parseSize(argv[++i] ?? '');
    else if (arg === '--no-paths') paths = [];
    else if (arg === '--only') {
      const names = (argv[++i] ?? '').split(',').filter((n) => n !== '');
      for (const name of names)
        if (!(VARIANT_NAMES as readonly string[]).includes(name)) throw new Error(`--only: no path ${name} (one of ${VARIANT_NAMES.join(', ')})`);
      paths = names as VariantName[];
    } else if (arg === '--no-reference') reference = false;
    else if (arg === '--build') build = true;
    else if (arg === '--repeat') repeat = Number(argv[++i]);
    else if (arg.startsWith('--repeat=')) repeat = Number(arg.slice('--repeat='.length));
    else if (arg === '--help' || arg === '-h') {
      const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8')
        .split('\n')
        .slice(1);
      process.stdout.write(
        `${lines
          .slice(0, lines.indexOf(' *', 2))
          .map((l) => l.replace(/^ \*\s?/, ''))
          .join('\n')}\n`,
      );
      process.exit(0);
    } else sizes.push(parseSize(arg));
  }
  if (repeat !== null && (!Number.isInteger(repeat) || repeat < 1)) throw new Error('--repeat takes a whole number of runs, 1 or more');
  if (sizes.length === 0) sizes.push(...(quick ? [100_000] : [100_000, 1_000_000]));
  if (large && !sizes.includes(5_000_000)) sizes.push(5_000_000);
  if (quick && repeat === null) repeat = 1;
  return { sizes, repeat, reference, build, paths, pathRows: pathRows ?? (quick ? 100_000 : 1_000_000), quick };
}

interface Measured {
  wallMs: number;
  maxRssKiB: number;
  /** User + system CPU time of the child, all its threads. */
  cpuMs: number;
  /** Time the child itself reports for its work (after startup), when it reports one. */
  workMs: number | null;
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Run one command as a child process; wall time from spawn to exit, peak RSS from the hook. */
async function measure(args: string[], timeoutMs = 20 * 60_000): Promise<Measured> {
  const statsDir = mkdtempSync(path.join(os.tmpdir(), 'findings-bench-'));
  const statsFile = path.join(statsDir, 'stats.json');
  try {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', STATS_HOOK, ...args], {
      cwd: ROOT,
      env: { ...process.env, BENCH_STATS_FILE: statsFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
    });
    const wallMs = performance.now() - started;
    clearTimeout(timer);
    let maxRssKiB = NaN;
    let cpuMs = NaN;
    try {
      const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as { maxRSS: number; cpu: number };
      maxRssKiB = stats.maxRSS;
      cpuMs = stats.cpu / 1000;
    } catch {
      // The child died before its exit hook ran.
    }
    let workMs: number | null = null;
    const last = stdout.trim().split('\n').at(-1) ?? '';
    if (last.startsWith('{')) {
      try {
        workMs = (JSON.parse(last) as { workMs?: number }).workMs ?? null;
      } catch {
        workMs = null;
      }
    }
    return { wallMs, maxRssKiB, cpuMs, workMs, stdout, stderr, exitCode };
  } finally {
    rmSync(statsDir, { recursive: true, force: true });
  }
}

/** Best (lowest wall) of `repeat` runs; peak RSS is the highest seen over the runs. */
async function best(repeat: number, args: string[], check: (m: Measured) => void, before?: () => void): Promise<Measured & { runs: number[] }> {
  let chosen: Measured | null = null;
  let rss = 0;
  const runs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    before?.();
    const m = await measure(args);
    check(m);
    runs.push(m.wallMs);
    rss = Math.max(rss, m.maxRssKiB);
    if (chosen === null || m.wallMs < chosen.wallMs) chosen = m;
  }
  return { ...chosen!, maxRssKiB: rss, runs };
}

interface Row {
  name: string;
  wallMs: number;
  cpuMs: number;
  workMs: number | null;
  maxRssKiB: number;
  runs: number[];
}

interface SizeReport {
  dataset: Dataset;
  rows: Row[];
  duckdbWallMs: number;
  duckdbTimings: Record<string, number>;
  checks: string[];
  failures: string[];
  load: string;
}

/** How findings is started: its argv before the command, and how it runs (for the labels). */
interface Launch {
  argv: string[];
  mode: 'bundle' | 'source';
}

/** Bundle src/ as package.json's build script does, into bench/data/bundle/, with a launcher like bin/findings.js. */
function buildBundle(): Launch {
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stderr}`);
  log(`built dist/ (npm run build: ${(statSync(path.join(ROOT, 'dist/findings.js')).size / 1024).toFixed(0)} KiB entry)`);
  return { argv: ['bin/findings.js'], mode: findingsMode() };
}

/** Whether bin/findings.js will run dist/findings.js (the esbuild bundle) or the sources through tsx: its own rule. */
function findingsMode(): 'bundle' | 'source' {
  if (process.env.FINDINGS_FROM_SOURCE === '1') return 'source';
  let built: number;
  try {
    built = statSync(path.join(ROOT, 'dist/findings.js')).mtimeMs;
  } catch {
    return 'source';
  }
  for (const entry of readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > built) return 'source';
  }
  return 'bundle';
}

/** The commit measured, and whether src/ had uncommitted changes. */
function revision(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD');
  if (commit === '') return 'not a git checkout';
  const dirty = git('status', '--porcelain', '--', 'src', 'bin')
    .split('\n')
    .filter((l) => l !== '').length;
  return `commit ${commit}${dirty > 0 ? ` with ${dirty} uncommitted change${dirty === 1 ? '' : 's'} in src/ and bin/` : ', clean'}`;
}

function fail(where: string, m: Measured): never {
  throw new Error(`${where} exited with ${m.exitCode}\n--- stdout\n${m.stdout.slice(-2000)}\n--- stderr\n${m.stderr.slice(-4000)}`);
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function benchSize(rows: number, options: Options, launch: Launch): Promise<SizeReport> {
  const dataset = await ensureDataset(rows, DATA_DIR, log);
  const repeat = options.repeat ?? (rows <= 1_000_000 ? 3 : 1);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const out: Row[] = [];
  const checks: string[] = [];
  const failures: string[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'findings-bench-'));
  const ok = (where: string) => (m: Measured) => {
    if (m.exitCode !== 0) fail(where, m);
  };
  const add = (name: string, m: Measured & { runs: number[] }) => {
    out.push({ name, wallMs: m.wallMs, cpuMs: m.cpuMs, workMs: m.workMs, maxRssKiB: m.maxRssKiB, runs: m.runs });
    log(
      `  ${name.padEnd(42)} ${(m.wallMs / 1000).toFixed(2).padStart(7)} s wall ${(m.cpuMs / 1000).toFixed(2).padStart(7)} s CPU ${(m.maxRssKiB / 1024).toFixed(0).padStart(5)} MB${repeat > 1 ? `   runs: ${m.runs.map((r) => (r / 1000).toFixed(2)).join(', ')} s` : ''}`,
    );
  };
  const verify = (name: string, expected: Figures, actual: Figures) => {
    const differences = compareFigures(expected, actual);
    if (differences.length === 0) {
      checks.push(`${name} = DuckDB on all ${actual.size} figures (${describeFigures(actual)})`);
      log(`  ✓ ${name} matches DuckDB on all ${actual.size} figures`);
    } else {
      const lines = differences.slice(0, 20).map((d) => `    ${d.key}: DuckDB ${d.expected}, ${name} ${d.actual}`);
      failures.push(`${name} differs from DuckDB on ${differences.length} figures:\n${lines.join('\n')}`);
      log(`  ✗ MISMATCH: ${name} differs from DuckDB on ${differences.length} of ${actual.size} figures:\n${lines.join('\n')}`);
    }
  };

  try {
    log(`\n${dataset.label}: ${rows} rows, ${(dataset.bytes / 1e6).toFixed(1)} MB (load average ${load}; best of ${repeat})`);
    if (Number(load.split(' ')[0]) > os.cpus().length * 0.5)
      log(`  note: the machine is busy (load average ${load.split(' ')[0]} on ${os.cpus().length} cores); figures will be noisy`);
    const csv = path.relative(ROOT, dataset.csv);
    const config = path.relative(ROOT, dataset.config);
    add('node startup (no work)', await best(repeat, ['-e', ''], ok('node')));
    // The floor also warms the page cache for everything after it.
    await measure([path.join(CHILDREN, 'floor.mjs'), csv]);
    add('floor: read the bytes, no parsing', await best(repeat, [path.join(CHILDREN, 'floor.mjs'), csv], ok('floor')));

    const duckdbOut = path.join(tmp, 'duckdb.json');
    const duckdb = await best(repeat, [path.join(CHILDREN, 'duckdb-tally.mjs'), csv, duckdbOut], ok('DuckDB'));
    add('DuckDB (read_csv, GROUP BY)', duckdb);
    const duckdbTally = JSON.parse(readFileSync(duckdbOut, 'utf8')) as DuckdbTally;
    const expected = figuresFromDuckdb(duckdbTally);

    if (options.reference) {
      add('papaparse parse only (reference)', await best(repeat, [path.join(CHILDREN, 'papaparse-tally.mjs'), csv, '--parse-only'], ok('papaparse parse')));
      const ppOut = path.join(tmp, 'papaparse.json');
      add('papaparse + minimal tally (reference)', await best(repeat, [path.join(CHILDREN, 'papaparse-tally.mjs'), csv, ppOut], ok('papaparse tally')));
      verify('papaparse reference', expected, figuresFromDuckdb(JSON.parse(readFileSync(ppOut, 'utf8')) as DuckdbTally));
      const parallelOut = path.join(tmp, 'papaparse-parallel.json');
      add(
        'papaparse + tally, 2 workers (reference)',
        await best(repeat, [path.join(CHILDREN, 'papaparse-parallel.mjs'), csv, parallelOut, '2'], ok('papaparse parallel')),
      );
      verify('papaparse 2-worker reference', expected, figuresFromDuckdb(JSON.parse(readFileSync(parallelOut, 'utf8')) as DuckdbTally));
      const scanOut = path.join(tmp, 'scan.json');
      add('byte scanner + tally (reference)', await best(repeat, [path.join(CHILDREN, 'scan-tally.mjs'), csv, scanOut], ok('byte scanner')));
      verify('byte-scanner reference', expected, figuresFromDuckdb(JSON.parse(readFileSync(scanOut, 'utf8')) as DuckdbTally));
    }

    const how = launch.mode === 'source' ? 'tsx' : 'bundle';
    add(`findings check (tally; ${how})`, await best(repeat, [...launch.argv, 'check', config], ok('findings check')));
    add(
      `findings check --threads 1 (one thread; ${how})`,
      await best(repeat, [...launch.argv, 'check', config, '--threads', '1'], ok('findings check --threads 1')),
    );
    if (options.reference)
      add(
        `findings check --reader papaparse (${how})`,
        await best(repeat, [...launch.argv, 'check', config, '--reader', 'papaparse'], ok('findings check --reader papaparse')),
      );
    const reportDir = path.join(tmp, 'report');
    const run = await best(repeat, [...launch.argv, 'run', config, '--out', reportDir, '--quiet'], ok('findings run'), () =>
      rmSync(reportDir, { recursive: true, force: true }),
    );
    add(`findings run (charts + report; ${how})`, run);
    verify('findings', expected, figuresFromFindings(JSON.parse(readFileSync(path.join(reportDir, 'results.json'), 'utf8'))));
    return { dataset, rows: out, duckdbWallMs: duckdb.wallMs, duckdbTimings: duckdbTally.timings, checks, failures, load };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface PathRow {
  label: string;
  rows: number;
  bytes: number;
  findings: Stat;
  /** DuckDB on the same file, or null (the default study: no DuckDB row). */
  duckdb: Stat | null;
  /** The xlsx row: findings on the same rows as a plain CSV. */
  csvTwin: Stat | null;
  target: string;
  met: boolean | null;
  check: string;
}

/** Median wall, CPU and the highest peak RSS over interleaved runs. */
interface Stat {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
  runs: number[];
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function stat(ms: Measured[]): Stat {
  const walls = ms.map((m) => m.wallMs);
  return { wallMs: median(walls), cpuMs: median(ms.map((m) => m.cpuMs)), maxRssKiB: Math.max(...ms.map((m) => m.maxRssKiB)), runs: walls };
}

/** Each command of `commands` run `repeat` times, round-robin (a, b, c, a, b, c…), so a busy spell hits them alike. */
async function interleaved(repeat: number, commands: { name: string; args: string[]; before?: () => void }[]): Promise<Stat[]> {
  const measured: Measured[][] = commands.map(() => []);
  for (let i = 0; i < repeat; i++) {
    for (const [k, command] of commands.entries()) {
      command.before?.();
      const m = await measure(command.args);
      if (m.exitCode !== 0) fail(command.name, m);
      measured[k]!.push(m);
    }
  }
  return measured.map(stat);
}

interface PathsReport {
  rows: number;
  load: string;
  loadAfter: string;
  repeat: number;
  table: PathRow[];
  failures: string[];
}

/** Issue 19's target for a path, given its figures. */
function pathTarget(v: Variant, findings: Stat, duckdb: Stat, twin: Stat | null): { target: string; met: boolean } {
  const ratio = findings.wallMs / duckdb.wallMs;
  const mb = findings.maxRssKiB / 1024;
  switch (v.name) {
    case 'xlsx': {
      const x = findings.wallMs / twin!.wallMs;
      return { target: `≤ 2× the CSV (${x.toFixed(2)}×), flat memory`, met: x <= 2 };
    }
    case 'codes':
      return { target: '≤ 3× DuckDB, < 500 MB', met: ratio <= 3 && mb < 500 };
    case 'ratings':
    case 'trend':
      return { target: '≤ 1.5× DuckDB (linear), < 200 MB', met: ratio <= 1.5 && mb < 200 };
    default:
      return { target: '≤ 1.5× DuckDB, < 200 MB', met: ratio <= 1.5 && mb < 200 };
  }
}

async function benchPaths(options: Options, launch: Launch): Promise<PathsReport> {
  const rows = options.pathRows;
  const repeat = options.repeat ?? 3;
  const base = await ensureDataset(rows, DATA_DIR, log);
  log(`\nevery path at ${rows} rows (bench/variants.ts):`);
  const variants = prepareVariants(options.paths, rows, base.csv, DATA_DIR, log);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  log(`load average ${load}; ${repeat} interleaved run${repeat === 1 ? '' : 's'} of each`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'findings-bench-'));
  const table: PathRow[] = [];
  const failures: string[] = [];
  const show = (row: PathRow) =>
    log(
      `  ${row.label.padEnd(46)} findings ${(row.findings.wallMs / 1000).toFixed(2).padStart(6)} s ${(row.findings.maxRssKiB / 1024).toFixed(0).padStart(5)} MB` +
        (row.duckdb === null
          ? ''
          : `   DuckDB ${(row.duckdb.wallMs / 1000).toFixed(2).padStart(6)} s ${(row.duckdb.maxRssKiB / 1024).toFixed(0).padStart(5)} MB   ${(row.findings.wallMs / row.duckdb.wallMs).toFixed(2)}×`) +
        `   ${row.met === null ? '' : row.met ? 'met' : 'NOT MET'} ${row.check}`,
    );
  try {
    // The plain CSV's run, the row the others are read against.
    const plainSpec = path.join(tmp, 'plain.json');
    writeFileSync(plainSpec, JSON.stringify({ load: [plainLoadFor(base.csv)], questions: ['q1', 'q2', 'q3', 'q4', 'q5'], extra: [] }));
    const plainOut = path.join(tmp, 'plain-report');
    const [plainDuck, plainRun, plainCheck] = await interleaved(repeat, [
      { name: 'DuckDB', args: [path.join(CHILDREN, 'duckdb-variant.mjs'), plainSpec, path.join(tmp, 'plain-duck.json')] },
      {
        name: 'findings run',
        args: [...launch.argv, 'run', base.config, '--out', plainOut, '--quiet'],
        before: () => rmSync(plainOut, { recursive: true, force: true }),
      },
      { name: 'findings check', args: [...launch.argv, 'check', base.config] },
    ]);
    for (const [label, stat, target, ok] of [
      ['plain CSV `run` (charts and report)', plainRun!, '≤ 1.0× DuckDB, < 200 MB', plainRun!.wallMs <= plainDuck!.wallMs && plainRun!.maxRssKiB < 200 * 1024],
      ['plain CSV `check`', plainCheck!, '≤ 1.0× DuckDB, < 200 MB', plainCheck!.wallMs <= plainDuck!.wallMs && plainCheck!.maxRssKiB < 200 * 1024],
    ] as const) {
      const row: PathRow = { label, rows, bytes: base.bytes, findings: stat, duckdb: plainDuck!, csvTwin: null, target, met: ok, check: '' };
      table.push(row);
      show(row);
    }

    for (const v of variants) {
      try {
        table.push(await benchVariant(v));
        show(table.at(-1)!);
      } catch (error) {
        // One path failing (a tool that cannot read its file) is reported; the others are still measured.
        failures.push(`${v.label} could not be measured: ${(error as Error).message.split('\n').slice(0, 12).join('\n')}`);
        log(`  ✗ ${v.label}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    async function benchVariant(v: Variant): Promise<PathRow> {
      const spec = path.join(tmp, `${v.name}.json`);
      writeFileSync(spec, JSON.stringify(v.duckdb));
      const duckOut = path.join(tmp, `${v.name}-duck.json`);
      const out = path.join(tmp, `${v.name}-report`);
      const findingsArgs = v.command === 'check' ? [...launch.argv, 'check', ...v.configs] : [...launch.argv, v.command, ...v.configs, '--out', out, '--quiet'];
      const commands = [
        { name: `DuckDB (${v.name})`, args: [path.join(CHILDREN, 'duckdb-variant.mjs'), spec, duckOut] },
        { name: `findings (${v.name})`, args: findingsArgs, before: () => rmSync(out, { recursive: true, force: true }) },
      ];
      if (v.csvTwin !== null) commands.push({ name: 'findings (xlsx twin CSV)', args: [...launch.argv, 'check', v.csvTwin], before: () => {} });
      const [duck, findings, twin] = await interleaved(repeat, commands);
      // One more run writes results.json to compare (check writes none).
      let check = '';
      if (v.command !== 'run') {
        rmSync(out, { recursive: true, force: true });
        const m = await measure([...launch.argv, v.command === 'trend' ? 'trend' : 'run', ...v.configs, '--out', out, '--quiet']);
        if (m.exitCode !== 0) fail(`findings run (${v.name})`, m);
      }
      if (v.compare !== null) {
        const keep = (f: Figures) => new Map([...f].filter(([key]) => v.compare!.includes(key.split('|')[0]!)));
        const expected = keep(figuresFromDuckdb(JSON.parse(readFileSync(duckOut, 'utf8')) as DuckdbTally));
        const actual = keep(figuresFromFindings(JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'))));
        const differences = compareFigures(expected, actual);
        if (differences.length === 0) check = `= DuckDB on ${actual.size} figures`;
        else {
          check = `**differs from DuckDB on ${differences.length} figures**`;
          failures.push(
            `${v.label} differs from DuckDB on ${differences.length} figures:\n${differences
              .slice(0, 10)
              .map((d) => `    ${d.key}: DuckDB ${d.expected}, findings ${d.actual}`)
              .join('\n')}`,
          );
        }
      } else check = 'written (trend.json not compared)';
      const { target, met } = pathTarget(v, findings!, duck!, twin ?? null);
      return { label: v.label, rows: v.rows, bytes: v.bytes, findings: findings!, duckdb: duck!, csvTwin: twin ?? null, target, met, check };
    }

    // The default study: cold start included, no DuckDB.
    const studyOut = path.join(tmp, 'study');
    const [studyRun, studyCheck, nodeStartup] = await interleaved(Math.max(repeat, 3), [
      {
        name: 'findings run (default study)',
        args: [...launch.argv, 'run', 'surveys/rpa-2014.yaml', '--out', studyOut, '--quiet'],
        before: () => rmSync(studyOut, { recursive: true, force: true }),
      },
      { name: 'findings check (default study)', args: [...launch.argv, 'check', 'surveys/rpa-2014.yaml'] },
      { name: 'node -e ""', args: ['-e', ''] },
    ]);
    for (const row of [
      { label: 'default study `run` (44 rows)', findings: studyRun!, target: '≤ 0.5 s wall', met: studyRun!.wallMs <= 500 },
      { label: 'default study `check`', findings: studyCheck!, target: '≤ 0.25 s wall', met: studyCheck!.wallMs <= 250 },
      { label: '`node -e ""` (startup alone)', findings: nodeStartup!, target: '', met: null },
    ]) {
      const full: PathRow = { ...row, rows: 44, bytes: 0, duckdb: null, csvTwin: null, check: '' };
      table.push(full);
      show(full);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const loadAfter = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return { rows, load, loadAfter, repeat, table, failures };
}

/** The plain CSV's DuckDB load, as the variants write theirs (one round: 'all'). */
function plainLoadFor(csv: string): string {
  const q = ['q1', 'q2', 'q3', 'q4', 'q5'];
  const columns = `{'id': 'VARCHAR', 'segment': 'VARCHAR', 'round': 'VARCHAR', 'weight': 'DOUBLE', 'themes': 'VARCHAR', ${q.map((x) => `'${x}': 'INTEGER'`).join(', ')}, 'comment': 'VARCHAR'}`;
  return `CREATE TEMP TABLE t AS SELECT segment, 'all' AS round, weight, themes, ${q.join(', ')} FROM read_csv('${csv.replaceAll("'", "''")}', header = true, delim = ',', quote = '"', escape = '"', columns = ${columns})`;
}

function pathsTable(report: PathsReport): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const lines = [
    '| path | rows | findings s | DuckDB s | × DuckDB | findings peak MB | DuckDB peak MB | target | met | checked |',
    '|---|--:|--:|--:|--:|--:|--:|---|---|---|',
  ];
  for (const row of report.table) {
    lines.push(
      `| ${row.label} | ${row.rows.toLocaleString('en-US')} | ${s(row.findings.wallMs)}${row.csvTwin === null ? '' : ` (CSV ${s(row.csvTwin.wallMs)})`} | ${row.duckdb === null ? '' : s(row.duckdb.wallMs)} | ` +
        `${row.duckdb === null ? '' : (row.findings.wallMs / row.duckdb.wallMs).toFixed(2)} | ${(row.findings.maxRssKiB / 1024).toFixed(0)} | ${row.duckdb === null ? '' : (row.duckdb.maxRssKiB / 1024).toFixed(0)} | ` +
        `${row.target} | ${row.met === null ? '' : row.met ? 'yes' : '**no**'} | ${row.check} |`,
    );
  }
  return lines.join('\n');
}

function table(report: SizeReport): string {
  const { dataset } = report;
  const mb = dataset.bytes / 1e6;
  const lines = ['| command | wall s | in-process s | CPU s | peak RSS MB | rows/s | MB/s | × DuckDB wall |', '|---|--:|--:|--:|--:|--:|--:|--:|'];
  for (const row of report.rows) {
    const s = row.wallMs / 1000;
    const startup = row.name.startsWith('node startup');
    lines.push(
      `| ${row.name} | ${s.toFixed(2)} | ${row.workMs === null ? '' : (row.workMs / 1000).toFixed(2)} | ${(row.cpuMs / 1000).toFixed(2)} | ${(row.maxRssKiB / 1024).toFixed(0)} | ` +
        `${startup ? '' : Math.round(dataset.rows / s).toLocaleString('en-US')} | ${startup ? '' : (mb / s).toFixed(0)} | ${(row.wallMs / report.duckdbWallMs).toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

/** How many cores DuckDB kept busy on average (CPU time / wall time). */
function duckdbCores(report: SizeReport): number {
  const row = report.rows.find((r) => r.name.startsWith('DuckDB'));
  return row === undefined ? NaN : row.cpuMs / row.wallMs;
}

/** Issue 8's targets for this size, met or not. */
function targets(report: SizeReport): string[] {
  const check = report.rows.find((r) => r.name.startsWith('findings check ('));
  const run = report.rows.find((r) => r.name.startsWith('findings run'));
  if (check === undefined || run === undefined) return [];
  const ratio = check.wallMs / report.duckdbWallMs;
  const extra = (run.wallMs - check.wallMs) / 1000;
  const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
  return [
    `Targets (issue 8): tally within 1.5× DuckDB's wall: ${ratio.toFixed(2)}× (${mark(ratio <= 1.5)}); ` +
      `peak RSS under 200 MB: check ${(check.maxRssKiB / 1024).toFixed(0)} MB, run ${(run.maxRssKiB / 1024).toFixed(0)} MB (${mark(Math.max(check.maxRssKiB, run.maxRssKiB) < 200 * 1024)}); ` +
      `run at most 1 s more than the tally: +${extra.toFixed(2)} s (${mark(extra <= 1)}).`,
    '',
  ];
}

function machine(): string[] {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const mhz = /^cpu MHz\s*:\s*(.*)$/m.exec(cpuinfo)?.[1];
  const duckdbVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@duckdb/node-api/package.json'), 'utf8')) as { version: string }).version;
  const papaVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/papaparse/package.json'), 'utf8')) as { version: string }).version;
  return [
    `- CPU: ${model}${mhz === undefined ? '' : ` (${Math.round(Number(mhz))} MHz)`}, ${os.cpus().length} cores`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}; @duckdb/node-api ${duckdbVersion}; papaparse ${papaVersion}`,
  ];
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const started = new Date();
  const reports: SizeReport[] = [];
  const launch: Launch = options.build ? buildBundle() : { argv: ['bin/findings.js'], mode: findingsMode() };
  log(
    launch.mode === 'bundle'
      ? 'findings runs as bin/findings.js, from dist/findings.js (the esbuild bundle, fresh)'
      : 'findings runs as bin/findings.js, from source through tsx (dist/findings.js is missing or older than src/: `npm run build`, or bench --build)',
  );
  for (const rows of options.sizes) reports.push(await benchSize(rows, options, launch));
  const paths = options.paths.length > 0 ? await benchPaths(options, launch) : null;

  const md: string[] = [
    '# Benchmark: findings and DuckDB',
    '',
    `Written by \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` on ${started.toISOString().replace(/\.\d+Z$/, 'Z')}; the figures of the last run (bench/data/ is not committed).`,
    `Measured: ${revision()}; findings ran ${launch.mode === 'bundle' ? 'as bin/findings.js from dist/findings.js (the esbuild bundle)' : 'as bin/findings.js from source through tsx (no fresh dist/findings.js)'}.`,
    '',
    ...machine(),
    '',
    'Every command is its own process: **wall** is spawn to exit (Node startup included), **in-process** is what the',
    'child reports for its own work (after startup), **CPU** is its user + system time over all its threads (a fairer',
    'measure than wall when the machine is busy; CPU above wall means it used both cores), **peak RSS** is its getrusage',
    'maxrss. Rows/s and MB/s are on wall time. findings runs as `node bin/findings.js` (the bundle when fresh, else tsx,',
    'which adds ~0.3–0.5 s of startup); the other children run as plain Node. The machine is shared: the load average',
    'when each size started is given, and each figure is the best of the runs shown.',
    '',
    'Compared, and identical: findings (`results.json` of `findings run`) and the reference tallies against DuckDB —',
    'rows; respondents and Σw per segment; mentions and Σw per theme × segment; Likert counts per level, missing and',
    'mean per question × segment; overall mean and weighted mean (counts exact, sums to 1e-9 relative). The whole file',
    'is one round for findings; DuckDB groups by segment × round and the comparison adds up its rounds.',
  ];
  for (const report of reports) {
    const { dataset } = report;
    md.push(
      '',
      `## ${dataset.label}: ${dataset.rows.toLocaleString('en-US')} rows, ${(dataset.bytes / 1e6).toFixed(1)} MB`,
      '',
      `\`bench/data/bench-${dataset.label}.csv\`, sha256 \`${dataset.sha256}\`; load average ${report.load}; best of ${report.rows[0]!.runs.length}.`,
      '',
      table(report),
      '',
      `DuckDB in-process phases (ms): ${Object.entries(report.duckdbTimings)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}. ` +
        `DuckDB's CPU/wall: ${duckdbCores(report).toFixed(2)} cores` +
        (duckdbCores(report) < 1.2 && (report.rows.find((r) => r.name.startsWith('DuckDB'))?.workMs ?? 0) >= 500
          ? ' (it got about one core: the machine was busy, so DuckDB is slower here than on an idle machine and the ratios flatter findings).'
          : '.'),
      '',
      ...targets(report),
      ...report.checks.map((c) => `- ✓ ${c}`),
      ...report.failures.map((f) => `- ✗ **MISMATCH** ${f}`),
    );
  }
  if (paths !== null) {
    md.push(
      '',
      `## Every path (issue 19): ${paths.rows.toLocaleString('en-US')} rows`,
      '',
      `bench/variants.ts writes each layout from the same generated respondents; DuckDB does the same tally on the same file. ` +
        `Load average ${paths.load} when this section started, ${paths.loadAfter} when it ended; the median of ${paths.repeat} interleaved run${paths.repeat === 1 ? '' : 's'} ` +
        '(DuckDB, findings, DuckDB, findings…); peak RSS is the highest seen. Reader rows time `check` (ingest, validate, tally); ' +
        '"checked" compares the results.json of one more `run` with DuckDB\'s figures.',
      '',
      pathsTable(paths),
      ...paths.failures.map((f) => `- ✗ **MISMATCH** ${f}`),
    );
  }
  writeFileSync(path.join(BENCH, 'results.md'), `${md.join('\n')}\n`);

  for (const report of reports) {
    process.stdout.write(`\n${report.dataset.label} (${report.dataset.rows} rows, ${(report.dataset.bytes / 1e6).toFixed(1)} MB)\n${table(report)}\n`);
  }
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), path.join(BENCH, 'results.md'))}\n`);
  if (paths !== null) process.stdout.write(`\nevery path at ${paths.rows} rows (load average ${paths.load} → ${paths.loadAfter})\n${pathsTable(paths)}\n`);
  const failures = [...reports.flatMap((r) => r.failures), ...(paths?.failures ?? [])];
  if (failures.length > 0) {
    process.stderr.write(`\nBENCHMARK FAILED: the tallies differ\n${failures.join('\n')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
