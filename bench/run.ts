/**
 * `npm run bench`: findings against DuckDB on synthetic coded-survey CSVs (issue 8).
 *
 *   npm run bench                       100k and 1M rows
 *   npm run bench -- --large            and 5M rows (~700 MB; takes minutes)
 *   npm run bench -- 1m 5m              just these sizes (any of 100k, 1m, 5m, 250k, 20000…)
 *   npm run bench -- --repeat 3         best of 3 runs of each command (default: 3 up to 1M rows, 1 above)
 *   npm run bench -- --no-reference     skip the reference rows (papaparse, 2 workers, byte scanner)
 *   npm run bench -- --build            `npm run build` first, so findings runs from a fresh bundle in dist/
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
}

function parseArgs(argv: string[]): Options {
  const sizes: number[] = [];
  let repeat: number | null = null;
  let large = false;
  let reference = true;
  let build = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--large') large = true;
    else if (arg === '--no-reference') reference = false;
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
  if (sizes.length === 0) sizes.push(100_000, 1_000_000);
  if (large && !sizes.includes(5_000_000)) sizes.push(5_000_000);
  return { sizes, repeat, reference, build };
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
  writeFileSync(path.join(BENCH, 'results.md'), `${md.join('\n')}\n`);

  for (const report of reports) {
    process.stdout.write(`\n${report.dataset.label} (${report.dataset.rows} rows, ${(report.dataset.bytes / 1e6).toFixed(1)} MB)\n${table(report)}\n`);
  }
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), path.join(BENCH, 'results.md'))}\n`);
  const failures = reports.flatMap((r) => r.failures);
  if (failures.length > 0) {
    process.stderr.write(`\nBENCHMARK FAILED: the tallies differ\n${failures.join('\n')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
