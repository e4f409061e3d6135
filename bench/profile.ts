/**
 * Where findings spends its time and memory on a benchmark data set.
 *
 *   node --import tsx bench/profile.ts [size=1m] [check|run]     CPU profile of the command, summarised
 *   node --import tsx bench/profile.ts --summary <file.cpuprofile>  summarise an existing profile
 *   node --expose-gc --import tsx bench/profile.ts [size] --memory  heap/RSS of analyzeRound, sampled in-process
 *
 * The profile is written by `node --cpu-prof` into bench/data/profile/ (git-ignored). The summary gives the
 * top functions by self time (% of all samples), self time by source file and by stage, and the inclusive
 * time of the pipeline's main functions.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, ensureDataset, parseSize } from './generate.ts';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decode a source map's `mappings`: per generated line, [generatedColumn, sourceLine] pairs in column order. */
function decodeMappings(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let sourceLine = 0;
  for (const line of mappings.split(';')) {
    const out: [number, number][] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0]!;
      if (values.length >= 4) {
        sourceLine += values[2]!;
        out.push([column, sourceLine]);
      }
    }
    lines.push(out);
  }
  return lines;
}

/**
 * tsx compiles each .ts file to one line of JavaScript, so a profile's positions are columns on line 1.
 * tsx keeps the compiled code and its source map in its cache (os.tmpdir()/tsx-<uid>/); this finds the
 * entry for a file whose named functions sit at the profile's columns, and maps columns back to lines.
 */
class TsxSourceMaps {
  private readonly entries = new Map<string, { code: string; map: [number, number][][]; mtime: number }[]>();
  private readonly chosen = new Map<string, { code: string; map: [number, number][][] } | null>();
  private readonly sources = new Map<string, string[]>();

  constructor() {
    const dirs = readdirSync(os.tmpdir())
      .filter((d) => d.startsWith('tsx-'))
      .map((d) => path.join(os.tmpdir(), d));
    for (const dir of dirs) {
      let files: string[] = [];
      try {
        files = readdirSync(dir);
      } catch {
        continue;
      }
      for (const f of files) {
        const file = path.join(dir, f);
        try {
          const entry = JSON.parse(readFileSync(file, 'utf8')) as { code?: string; map?: { sources?: string[]; mappings?: string } };
          const source = entry.map?.sources?.[0];
          if (entry.code === undefined || entry.map?.mappings === undefined || source === undefined) continue;
          const list = this.entries.get(source) ?? [];
          list.push({ code: entry.code, map: decodeMappings(entry.map.mappings), mtime: statSync(file).mtimeMs });
          this.entries.set(source, list);
        } catch {
          // Not a cache entry we understand.
        }
      }
    }
  }

  /** Choose, per file, the newest cache entry in which every named function of the profile sits at its column. */
  choose(frames: CallFrame[]): void {
    const byFile = new Map<string, CallFrame[]>();
    for (const f of frames) {
      if (!f.url.startsWith('file://') || !f.url.endsWith('.ts')) continue;
      const list = byFile.get(f.url) ?? [];
      list.push(f);
      byFile.set(f.url, list);
    }
    for (const [url, list] of byFile) {
      const file = fileURLToPath(url);
      const candidates = (this.entries.get(file) ?? []).sort((a, b) => b.mtime - a.mtime);
      const named = list.filter((f) => f.functionName !== '' && f.lineNumber === 0 && !f.functionName.includes(' '));
      const fits = candidates.find((c) =>
        named.every((f) => {
          const before = c.code.slice(Math.max(0, f.columnNumber - 80), f.columnNumber + f.functionName.length + 2);
          return before.includes(f.functionName.replace(/^get |^set /, ''));
        }),
      );
      this.chosen.set(url, fits ?? null);
    }
  }

  /** The 1-based source line of a frame, or null when unknown. */
  line(frame: CallFrame): number | null {
    const entry = this.chosen.get(frame.url);
    if (entry === undefined || entry === null) return frame.url.endsWith('.ts') ? null : frame.lineNumber + 1;
    const segments = entry.map[frame.lineNumber];
    if (segments === undefined) return null;
    let found: number | null = null;
    for (const [column, line] of segments) {
      if (column > frame.columnNumber) break;
      found = line;
    }
    return found === null ? null : found + 1;
  }

  /** The text of a source line, trimmed, for naming anonymous functions. */
  text(url: string, line: number): string {
    let lines = this.sources.get(url);
    if (lines === undefined) {
      try {
        lines = readFileSync(fileURLToPath(url), 'utf8').split('\n');
      } catch {
        lines = [];
      }
      this.sources.set(url, lines);
    }
    return (lines[line - 1] ?? '').trim().slice(0, 70);
  }
}

function shortUrl(url: string): string {
  if (url === '') return '';
  let u = url.replace(/^file:\/\//, '');
  u = u.startsWith(ROOT) ? path.relative(ROOT, u) : u;
  return u.replace(/^node_modules\/(\.pnpm\/)?/, 'npm:').replace(/\?.*$/, '');
}

/** The stage a source file belongs to, for the stage breakdown. */
function stageOf(frame: CallFrame): string {
  const u = shortUrl(frame.url);
  const name = frame.functionName;
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)') return 'idle (waiting for I/O)';
  if (name === '(program)') return 'V8/native (program)';
  if (name === '__name') return 'tsx keepNames: __name(fn) on every closure created (defineProperty)';
  if (u.includes('npm:papaparse')) return 'parsing (papaparse)';
  if (u.startsWith('src/ingest/read-csv')) return 'ingest: read-csv (batching, lines, blank rows)';
  if (u.startsWith('src/ingest')) return 'ingest: other';
  if (u.startsWith('src/validate/rules')) return 'validate: rules';
  if (u.startsWith('src/validate')) return 'validate: row loop';
  if (u.startsWith('src/tally')) return 'tally';
  if (u.startsWith('src/stats')) return 'statistics';
  if (u.startsWith('src/charts') || u.includes('npm:vega')) return 'charts (vega)';
  if (u.startsWith('src/report') || u.startsWith('src/output')) return 'report + writing';
  if (u.startsWith('src/')) return `other src (${u.split('/')[1]})`;
  if (u.includes('npm:tsx') || u.includes('npm:esbuild') || u.includes('npm:get-tsconfig')) return 'startup (tsx)';
  if (u.includes('npm:yargs')) return 'startup (yargs)';
  if (u.startsWith('node:') || u.startsWith('internal') || (u === '' && name !== '')) return 'Node internals (streams, fs, crypto, decoder)';
  if (u.includes('npm:')) return `other packages (${u.split('/')[0]!.slice(4)})`;
  return 'other';
}

export function summarize(profile: CpuProfile, top = 25): string {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const c of node.children ?? []) parent.set(c, node.id);
  }
  const maps = new TsxSourceMaps();
  maps.choose(profile.nodes.map((n) => n.callFrame));
  const key = (f: CallFrame) => {
    if (f.url === '') return f.functionName || '(anonymous)';
    const line = maps.line(f);
    const where = `${shortUrl(f.url)}:${line ?? '?'}`;
    if (f.functionName !== '' || line === null || !f.url.startsWith('file://')) return `${f.functionName || '(anonymous)'}  ${where}`;
    return `(anonymous)  ${where}  \`${maps.text(f.url, line)}\``;
  };
  const self = new Map<string, number>();
  const selfFile = new Map<string, number>();
  const selfStage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000; // µs -> ms
    const node = byId.get(profile.samples[i]!)!;
    total += dt;
    add(self, key(node.callFrame), dt);
    add(selfFile, shortUrl(node.callFrame.url) || node.callFrame.functionName, dt);
    // Native frames (no url: defineProperty, Map.set, …) are charged to their nearest JS caller's stage.
    let charged: ProfileNode = node;
    while (charged.callFrame.url === '' && !charged.callFrame.functionName.startsWith('(') && parent.has(charged.id)) {
      const up = byId.get(parent.get(charged.id)!)!;
      if (up.callFrame.functionName === '(root)') break;
      charged = up;
    }
    add(selfStage, stageOf(charged.callFrame), dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!f.url.includes('/src/')) continue;
      const k = key(f);
      if (!seen.has(k)) {
        seen.add(k);
        add(inclusive, k, dt);
      }
    }
  }
  const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)}%`;
  const ms = (v: number) => `${v.toFixed(0).padStart(6)} ms`;
  const list = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${pct(v)} ${ms(v)}  ${k}`);
  return [
    `total sampled: ${total.toFixed(0)} ms (wall of the profile: ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms)`,
    '',
    `top ${top} functions by self time:`,
    ...list(self, top),
    '',
    'self time by stage (native frames charged to their JS caller):',
    ...list(selfStage, 30),
    '',
    'self time by file (top 20):',
    ...list(selfFile, 20),
    '',
    'inclusive time of src/ functions (top 25; a sample counts once per function on its stack):',
    ...list(inclusive, 25),
  ].join('\n');
}

async function memory(rows: number): Promise<void> {
  const dataset = await ensureDataset(rows, DATA_DIR);
  const { analyzeRound } = await import('../src/pipeline.ts');
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage();
  let peak = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = {
      rss: Math.max(peak.rss, m.rss),
      heapUsed: Math.max(peak.heapUsed, m.heapUsed),
      external: Math.max(peak.external, m.external),
      arrayBuffers: Math.max(peak.arrayBuffers, m.arrayBuffers),
    };
  }, 10);
  const started = performance.now();
  const sink = { report: () => {} };
  const analysis = await analyzeRound(path.relative(ROOT, dataset.config), ROOT, sink);
  const elapsed = performance.now() - started;
  clearInterval(timer);
  const afterRun = process.memoryUsage();
  gc?.();
  const retained = process.memoryUsage();
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
  process.stdout.write(
    `${[
      `analyzeRound on ${dataset.label} in-process: ${(elapsed / 1000).toFixed(2)} s (${'stopped' in analysis ? 'stopped' : 'ok'})`,
      `baseline after imports: rss ${mb(baseline.rss)}, heapUsed ${mb(baseline.heapUsed)}`,
      `peak while running (10 ms samples): rss ${mb(peak.rss)}, heapUsed ${mb(peak.heapUsed)}, external ${mb(peak.external)}, arrayBuffers ${mb(peak.arrayBuffers)}`,
      `at the end: heapUsed ${mb(afterRun.heapUsed)}; after a full GC: heapUsed ${mb(retained.heapUsed)} (retained by the analysis: ${mb(retained.heapUsed - baseline.heapUsed)}${gc === undefined ? '; run with --expose-gc for this figure' : ''})`,
      `process maxRSS: ${mb(process.resourceUsage().maxRSS * 1024)}`,
    ].join('\n')}\n`,
  );
  void analysis;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const summaryAt = args.indexOf('--summary');
  if (summaryAt !== -1) {
    const file = args[summaryAt + 1];
    if (file === undefined) throw new Error('--summary needs a .cpuprofile file');
    process.stdout.write(`${summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)}\n`);
    return;
  }
  const size = parseSize(args.find((a) => /^\d/.test(a)) ?? '1m');
  if (args.includes('--memory')) return memory(size);
  const command = args.includes('run') ? 'run' : 'check';
  const dataset = await ensureDataset(size, DATA_DIR, (l) => process.stderr.write(`${l}\n`));
  const dir = path.join(DATA_DIR, 'profile');
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  const out = path.join(os.tmpdir(), `findings-profile-${process.pid}`);
  const argv = ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500', 'bin/findings.js', command, path.relative(ROOT, dataset.config)];
  if (command === 'run') argv.push('--out', out, '--quiet');
  process.stderr.write(`node ${argv.join(' ')}\n`);
  const started = performance.now();
  const result = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  process.stderr.write(`exit ${result.status} in ${((performance.now() - started) / 1000).toFixed(2)} s (with the profiler on)\n`);
  rmSync(out, { recursive: true, force: true });
  const made = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  // One profile per thread (tsx runs its loader hooks on a worker thread): the main thread's is the largest.
  const files = made.map((f) => path.join(dir, f)).sort((a, b) => statSync(b).size - statSync(a).size);
  const file = files[0];
  if (file === undefined) throw new Error('no .cpuprofile was written');
  const others = files.slice(1).map((f) => path.relative(process.cwd(), f));
  process.stdout.write(
    `${path.relative(process.cwd(), file)} (main thread)${others.length > 0 ? `; other threads: ${others.join(', ')}` : ''}\n` +
      `${summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)}\n`,
  );
}

await main();
