/**
 * The findings command line: the only place that touches argv, the terminal and exit codes.
 * `main(argv, io)` returns the exit code instead of exiting, so tests can call it directly.
 *
 *   findings run <config>    [--out DIR] [--allow-errors] [--quiet]   0 written, 1 data errors, 2 config
 *   findings run|trend ... --docx --pptx --xlsx                        also report.docx, slides.pptx, tables.xlsx
 *   findings check <config>  [--json] [--strict]                       0 clean, 1 errors, 2 config
 *   findings trend <config>...  [--out DIR] [--quiet]                0 written, 1 data errors, 2 config
 *   findings init <data> --from <config> [--id] [--round] [--out]    0 written, 1 columns, 2 config
 *   findings check <config> --min-alpha 0.8                           also 1 when a theme's coder agreement falls short
 *   findings codebook <config> --qdc FILE                              0 written, 2 config
 *   findings inspect <file>                                            0 starter config on stdout, 1 unreadable
 */
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import type { Diagnostic, ReportFormat, Results } from '../model.ts';
import { agreementShortfalls } from '../tally/agreement-shortfalls.ts';
import { exitCodeFor } from '../messages.ts';
import { analyzeRound, type ReadOptions } from '../pipeline.ts';
import { renderReport } from '../report/render-report.ts';
import { createProgress, type Progress, type ProgressStream } from './progress.ts';
import { displayPath } from '../config/read-config.ts';
import { formatDiagnostics } from './format-diagnostic.ts';
import { initRound } from '../rounds/init-round.ts';
import { analyzeTrend } from '../rounds/analyze-trend.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { writeFileAtomically } from '../output/write-file-atomically.ts';
// Issue #20: the output folder is findings' own; file-system errors are diagnostics (logic in src/output/).
import { checkOutputFile, configInputs, fileSystemDiagnostic, writeOutputFolder } from '../output/claim-output-folder.ts';

export interface Io {
  cwd: string;
  stdout: { write(text: string): unknown };
  /** Where diagnostics go, and the progress bar when it is a terminal. */
  stderr: ProgressStream;
}

interface ReadArgs {
  quiet: boolean;
  threads?: number;
  reader: 'fast' | 'papaparse';
}

interface RunArgs extends ReadArgs, OfficeArgs {
  pdf: boolean;
  config: string;
  out?: string;
  allowErrors: boolean;
  wait: number;
}

interface CheckArgs extends ReadArgs {
  config: string;
  json: boolean;
  strict: boolean;
  minAlpha?: number;
}

/** The options of run and check that say how the data is read. */
function readOptions<T>(y: Argv<T>) {
  return y
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' })
    .option('threads', { type: 'number', describe: 'threads that read a large CSV (default: one per core): N > 1 scans it in N - 1 worker threads while the main thread tallies; 1 does both in the main thread' })
    .option('reader', { choices: ['fast', 'papaparse'] as const, default: 'fast' as const, describe: 'papaparse: read every row through papaparse and the rules (the slower reference reader)' });
}

/** The pipeline's read options for the CLI's flags: a progress bar on stderr for the data file. */
function analysisOptions(args: ReadArgs, io: Io): ReadOptions & { finish(): void } {
  let progress: Progress | null = null;
  return {
    threads: args.threads,
    reader: args.reader,
    onProgress: ({ file, bytes, totalBytes, rows }) => {
      progress ??= createProgress({ stream: io.stderr, quiet: args.quiet, label: file, totalBytes });
      progress.update(bytes, rows);
    },
    finish: () => progress?.done(),
  };
}

interface CodebookArgs {
  config: string;
  qdc: string;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exit = 0;
  let task: (() => Promise<number>) | null = null;
  const parser = yargs([...argv])
    .scriptName('findings')
    .usage('$0 <command> [options]\n\nStakeholder survey research: coded responses in, a findings report out.')
    .command(
      'run <config>',
      'ingest, validate, tally, chart and report one survey round into reports/<id>/',
      (y) =>
        readOptions(y)
          .positional('config', { type: 'string', demandOption: true, describe: 'survey config (YAML or JSON)' })
          .option('out', { type: 'string', describe: 'output folder (default reports/<id>)' })
          .option('allow-errors', { type: 'boolean', default: false, describe: 'write the report even when rows were rejected; they are listed in it' })
          .option('pdf', { type: 'boolean', default: false, describe: 'also print the report to report.pdf (needs Chromium)' })
          .option('wait', { type: 'number', default: 30, describe: 'seconds to wait for another run writing the same output folder (issue #20: then FND014)' })
          .options(OFFICE_OPTIONS),
      (args) => {
        task = () => run(args as unknown as RunArgs, io);
      },
    )
    .command(
      'trend <configs..>',
      'one report across several rounds: the configs given, or one config and its previous rounds',
      (y) =>
        y
          .positional('configs', { type: 'string', array: true, demandOption: true, describe: 'survey configs, oldest first (or just the latest)' })
          .option('out', { type: 'string', describe: 'output folder (default reports/<latest id>-trend)' })
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' })
          .option('wait', { type: 'number', default: 30, describe: 'seconds to wait for another run writing the same output folder (issue #20: then FND014)' })
          .options(OFFICE_OPTIONS),
      (args) => {
        task = () => trend(args as unknown as TrendArgs, io);
      },
    )
    .command(
      'check <config>',
      'ingest and validate only; print every diagnostic; write nothing',
      (y) =>
        readOptions(y)
          .positional('config', { type: 'string', demandOption: true, describe: 'survey config (YAML or JSON)' })
          .option('json', { type: 'boolean', default: false, describe: 'diagnostics as a JSON array on stdout' })
          .option('strict', { type: 'boolean', default: false, describe: 'exit 1 on warnings too' })
          .option('min-alpha', { type: 'number', describe: "exit 1 when a theme's coder agreement (Krippendorff's alpha) is below this, e.g. 0.8" }),
      (args) => {
        task = () => check(args as unknown as CheckArgs, io);
      },
    )
    .command(
      'init <data>',
      'start the next survey round: write a config for a new data file from the last round\'s config',
      (y) =>
        y
          .positional('data', { type: 'string', demandOption: true, describe: "the new round's data file" })
          .option('from', { type: 'string', demandOption: true, describe: "the last round's config" })
          .option('id', { type: 'string', describe: 'id of the new round (default: the last id with the round moved on)' })
          .option('round', { type: 'string', describe: 'label of the new round (default: the last round + 1)' })
          .option('out', { type: 'string', describe: 'where to write the config (default: <id>.yaml beside the last config)' }),
      (args) => {
        task = () => init(args as unknown as InitArgs, io);
      },
    )
    .command(
      'codebook <config>',
      "write the config's codebook as a REFI-QDA codebook (.qdc) for NVivo, ATLAS.ti, MAXQDA, QualCoder",
      (y) =>
        y
          .positional('config', { type: 'string', demandOption: true, describe: 'survey config (YAML or JSON)' })
          .option('qdc', { type: 'string', demandOption: true, describe: 'the .qdc file to write' }),
      (args) => {
        task = () => codebook(args as unknown as CodebookArgs, io);
      },
    )
    .command(
      'inspect <file>',
      'sniff a data file (platform, encoding, delimiter, header rows, likely columns) and print a starter config',
      (y) => y.positional('file', { type: 'string', demandOption: true, describe: 'a CSV, a platform export or an .xlsx workbook' }),
      (args) => {
        task = () => inspect(args as unknown as { file: string }, io);
      },
    )
    .demandCommand(1, 'name a command: run, check, inspect, init or codebook')
    .strict()
    .help()
    .version(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false);

  let output = '';
  let failed = false;
  try {
    await parser.parseAsync([...argv], {}, (error, _args, text) => {
      if (error) failed = true;
      output = text;
    });
  } catch {
    failed = true;
  }
  if (failed) {
    io.stderr.write(output.endsWith('\n') ? output : `${output}\n`);
    return 2;
  }
  if (task === null) {
    // --help and the like: yargs produced the text.
    if (output) io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return 0;
  }
  try {
    exit = await (task as () => Promise<number>)();
  } catch (error) {
    // Issue #20: a file-system error no step caught (a path through a file, a disk that fills) is a diagnostic, not a stack trace.
    const file = (error as NodeJS.ErrnoException | null)?.path;
    const shown = typeof file === 'string' ? displayPath(io.cwd, path.resolve(io.cwd, file)) : 'a file';
    io.stderr.write(formatDiagnostics([fileSystemDiagnostic(error, 'write', shown)]));
    return 2;
  }
  return exit;
}

function collect(): { diagnostics: Diagnostic[]; report(d: Diagnostic): void } {
  const diagnostics: Diagnostic[] = [];
  return { diagnostics, report: (d) => void diagnostics.push(d) };
}

interface InitArgs {
  data: string;
  from: string;
  id?: string;
  round?: string;
  out?: string;
}

async function init(args: InitArgs, io: Io): Promise<number> {
  const sink = collect();
  const result = await initRound({ ...args, cwd: io.cwd }, sink);
  io.stderr.write(formatDiagnostics(sink.diagnostics));
  if (typeof result === 'string') return result === 'config' ? 2 : 1;
  // Issue #20: never over an input (the config it starts from, the data), and a file-system error is a diagnostic.
  const initProblem =
    checkOutputFile(result.file, { cwd: io.cwd, inputs: [path.resolve(io.cwd, args.from), path.resolve(io.cwd, args.data)], flag: '--out' }) ?? writeOrDiagnose(result.file, result.text, io.cwd);
  if (initProblem !== null) {
    io.stderr.write(formatDiagnostics([initProblem]));
    return 2;
  }
  const lines = [`wrote ${result.displayFile}`];
  for (const r of result.renamed) lines.push(`  ${r.key}: "${r.from}" is not in the new file; using its column "${r.to}" (check that it holds the same thing)`);
  if (result.droppedNote) lines.push('  report.note was not carried over: it described the last round');
  for (const key of result.droppedFiles ?? []) lines.push(`  ${key} was not carried over: it names the last round's files`);
  lines.push(`next: findings check ${result.displayFile}   then   findings run ${result.displayFile}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

async function inspect(args: { file: string }, io: Io): Promise<number> {
  // (Commands load what only they need, so run and check start quickly.)
  const { inspectFile } = await import('../inspect/inspect-file.ts');
  const result = inspectFile(args.file, io.cwd);
  if (!('yaml' in result)) {
    io.stderr.write(formatDiagnostics([result]));
    return 1;
  }
  io.stdout.write(result.yaml);
  return 0;
}

async function check(args: CheckArgs, io: Io): Promise<number> {
  const sink = collect();
  const options = analysisOptions(args, io);
  const analysis = await analyzeRound(args.config, io.cwd, sink, options);
  options.finish();
  if (args.json) io.stdout.write(`${JSON.stringify(sink.diagnostics, null, 2)}\n`);
  else io.stderr.write(formatDiagnostics(sink.diagnostics));
  if ('stopped' in analysis) return analysis.stopped === 'config' ? 2 : Math.max(1, exitCodeFor(sink.diagnostics));
  let exit = exitCodeFor(sink.diagnostics, args.strict);
  if (!args.json && exit === 0) {
    const { ledger, base } = analysis.results;
    io.stderr.write(`${displayPath(io.cwd, path.resolve(io.cwd, args.config))}: ${ledger.rowsRead} rows read, ${ledger.rowsUsed} used, ${base.respondents} respondents; no problems\n`);
  }
  if (args.minAlpha !== undefined) exit = Math.max(exit, checkAgreement(analysis.results, args.minAlpha, io)) as typeof exit;
  return exit;
}

/** `check --min-alpha`: 1 when a theme's Krippendorff's alpha falls short (each named), 2 when there is no coder agreement to check. */
function checkAgreement(results: Results, minAlpha: number, io: Io): 0 | 1 | 2 {
  if (!(minAlpha >= 0 && minAlpha <= 1)) {
    io.stderr.write(`--min-alpha should be a number from 0 to 1, not ${minAlpha}\n`);
    return 2;
  }
  const short = agreementShortfalls(results, minAlpha);
  if (short === null) {
    io.stderr.write('--min-alpha: this study names one coder, so there is no coder agreement to check (add reliability: files, or a coder column to excerpt data)\n');
    return 2;
  }
  const lines: string[] = [];
  for (const theme of short.undefined) lines.push(`  ${theme.code} (${theme.label}): alpha undefined (the coders used one value only), not counted`);
  if (short.below.length === 0) {
    const lowest = short.lowest === null ? '' : ` (lowest ${short.lowest.toFixed(3)})`;
    io.stderr.write(`coder agreement: every theme has Krippendorff's alpha of at least ${minAlpha}${lowest}\n${lines.map((l) => `${l}\n`).join('')}`);
    return 0;
  }
  lines.unshift(...short.below.map((theme) => `  ${theme.code} (${theme.label}): alpha ${theme.alpha.toFixed(3)}`));
  const n = short.below.length;
  io.stderr.write(`coder agreement below --min-alpha ${minAlpha} in ${n} theme${n === 1 ? '' : 's'} (Krippendorff's alpha):\n${lines.map((l) => `${l}\n`).join('')}`);
  return 1;
}

async function codebook(args: CodebookArgs, io: Io): Promise<number> {
  const sink = collect();
  const { readStudyCodebook } = await import('../ingest/read-study-codebook.ts');
  const { formatQdc } = await import('../output/format-qdc.ts');
  const study = await readStudyCodebook(args.config, io.cwd, sink);
  io.stderr.write(formatDiagnostics(sink.diagnostics));
  if (study === null) return 2;
  const target = path.resolve(io.cwd, args.qdc);
  // Issue #20: never over an input (the config, its codebook), and a file-system error is a diagnostic.
  const qdcProblem = checkOutputFile(target, { cwd: io.cwd, inputs: configInputs(study.config), flag: '--qdc' }) ?? writeOrDiagnose(target, formatQdc(study.codebook), io.cwd);
  if (qdcProblem !== null) {
    io.stderr.write(formatDiagnostics([qdcProblem]));
    return 2;
  }
  io.stdout.write(`wrote ${displayPath(io.cwd, target)} (${study.codebook.themes.length} codes, REFI-QDA codebook 1.0)\n`);
  return 0;
}

async function printToPdf(html: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  const { printPdf } = await import('../report/print-pdf.ts');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-pdf-'));
  try {
    writeFileSync(path.join(dir, 'report.html'), html);
    const printed = await printPdf(path.join(dir, 'report.html'), path.join(dir, 'report.pdf'));
    return printed.ok ? { ok: true, bytes: readFileSync(path.join(dir, 'report.pdf')) } : printed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Issue 18: --docx, --pptx and --xlsx add report.docx, slides.pptx and tables.xlsx to the formats
// the config asks for (report.formats); --pdf prints report.html, so it keeps that.
const OFFICE_OPTIONS = {
  docx: { type: 'boolean', default: false, describe: 'also write report.docx (Word)' },
  pptx: { type: 'boolean', default: false, describe: 'also write slides.pptx (PowerPoint)' },
  xlsx: { type: 'boolean', default: false, describe: 'also write tables.xlsx (Excel)' },
} as const;

interface OfficeArgs {
  docx: boolean;
  pptx: boolean;
  xlsx: boolean;
}

function withFlags(formats: readonly ReportFormat[], args: OfficeArgs & { pdf?: boolean }): ReportFormat[] {
  const flagged: ReportFormat[] = [];
  if (args.pdf === true) flagged.push('html');
  if (args.docx) flagged.push('docx');
  if (args.pptx) flagged.push('pptx');
  if (args.xlsx) flagged.push('xlsx');
  return [...new Set([...formats, ...flagged])];
}

interface TrendArgs extends OfficeArgs {
  configs: string[];
  out?: string;
  quiet: boolean;
  wait: number;
}

async function trend(args: TrendArgs, io: Io): Promise<number> {
  const started = performance.now();
  const sink = collect();
  const result = await analyzeTrend(args.configs, io.cwd, sink);
  io.stderr.write(formatDiagnostics(sink.diagnostics));
  if (typeof result === 'string') return result === 'config' ? 2 : 1;
  if (sink.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr.write('nothing written: the rounds above have errors (findings check each round to fix them)\n');
    return 1;
  }
  const { renderTrendReport } = await import('../report/render-trend-report.ts');
  const files = await renderTrendReport(result, result.settings, withFlags(['html', 'md', 'json', 'csv'], args));
  const latest = result.rounds[result.rounds.length - 1]!;
  const target = path.resolve(io.cwd, args.out ?? path.join('reports', `${latest.id}-trend`));
  // Issue #20: only into a folder of findings' own, under a lock (src/output/claim-output-folder.ts).
  const { trendConfigs } = await import('../rounds/analyze-trend.ts');
  const trendInputs = [...args.configs.map((c) => path.resolve(io.cwd, c)), ...(trendConfigs(args.configs, io.cwd, { report: () => {} }) ?? []).flatMap(configInputs)];
  const trendProblem = await writeOutputFolder(target, files, { cwd: io.cwd, inputs: trendInputs, lockWaitMs: args.wait * 1000 });
  if (trendProblem !== null) {
    io.stderr.write(formatDiagnostics([trendProblem]));
    return 2;
  }
  if (!args.quiet) {
    const ms = Math.round(performance.now() - started);
    io.stdout.write(`wrote ${displayPath(io.cwd, target)}/ (${files.size} files) across ${result.rounds.length} rounds in ${ms} ms\n`);
  }
  return 0;
}

async function run(args: RunArgs, io: Io): Promise<number> {
  const started = performance.now();
  const sink = collect();
  const options = analysisOptions(args, io);
  const analysis = await analyzeRound(args.config, io.cwd, sink, options);
  options.finish();
  io.stderr.write(formatDiagnostics(sink.diagnostics));
  if ('stopped' in analysis) return analysis.stopped === 'config' ? 2 : 1;
  const hasErrors = sink.diagnostics.some((d) => d.severity === 'error');
  if (hasErrors && !args.allowErrors) {
    const { rowsRejected, rowsRead } = analysis.results.ledger;
    // Errors in files beside the data (quotes, other coders) reject no row of the data.
    const what = rowsRejected > 0 ? `${rowsRejected} of ${rowsRead} rows have errors` : 'the files above have errors';
    io.stderr.write(`nothing written: ${what} (fix them, or run with --allow-errors to report without them)\n`);
    return 1;
  }
  const files = await renderReport(analysis, withFlags(analysis.config.report.formats, args));
  if (args.pdf) {
    // Printed before the folder is written, so report.pdf lands with the rest, atomically.
    const pdf = await printToPdf(files.get('report.html') as string);
    if (pdf.ok) files.set('report.pdf', pdf.bytes);
    else io.stderr.write(`no PDF: ${pdf.reason}\n`);
  }
  const target = path.resolve(io.cwd, args.out ?? path.join('reports', analysis.config.id));
  // Issue #20: only into a folder of findings' own, under a lock (src/output/claim-output-folder.ts).
  const inputs = [...configInputs(analysis.config), ...analysis.results.inputs.map((input) => path.resolve(io.cwd, input.file))];
  const problem = await writeOutputFolder(target, files, { cwd: io.cwd, inputs, lockWaitMs: args.wait * 1000 });
  if (problem !== null) {
    io.stderr.write(formatDiagnostics([problem]));
    return 2;
  }
  if (!args.quiet) {
    const ms = Math.round(performance.now() - started);
    const { ledger } = analysis.results;
    io.stdout.write(
      `wrote ${displayPath(io.cwd, target)}/ (${files.size} files) from ${ledger.rowsUsed} of ${ledger.rowsRead} rows in ${ms} ms\n`,
    );
  }
  return 0;
}

/** Issue #20: write one file atomically; a file-system error (a missing folder, a read-only disk) is a diagnostic. */
function writeOrDiagnose(target: string, text: string, cwd: string): Diagnostic | null {
  try {
    writeFileAtomically(target, text);
    return null;
  } catch (error) {
    return fileSystemDiagnostic(error, 'write', displayPath(cwd, target));
  }
}
