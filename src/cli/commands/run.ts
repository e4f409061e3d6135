/** findings run <config>: ingest, validate, tally, chart and report one round into reports/<id>/. */
import path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { displayPath } from '../../config/read-config.ts';
import { configInputs, writeOutputFolder } from '../../output/claim-output-folder.ts';
import { analyzeRound } from '../../pipeline.ts';
import { renderReport } from '../../report/render-report.ts';
import { startChartRenderer, type ChartRenderer } from '../../charts/chart-renderer.ts';
import { OFFICE_OPTIONS, WAIT_OPTION, withFlags, type ArgsOf, type Command, type Io } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostic.ts';
import { analysisOptions, readOptions } from '../read-options.ts';
import type { Analysis, Diagnostic } from '../../model.ts';
import type { StreamedFile } from '../../output/write-folder-atomically.ts';
import type { ReadOptions } from '../../pipeline.ts';
import { diagnostic, say, collect } from '../../messages.ts';
import { BLANK_GROUP } from '../../validate/validate-respondents.ts';
import { segmentSlugs } from '../../report/segment-slug.ts';
import { renderByIndex, type SubsetEntry } from '../../report/render-by-index.ts';

const builder = (y: Argv) =>
  readOptions(y)
    .positional('config', { type: 'string', demandOption: true, describe: 'survey config (YAML or JSON)' })
    .option('out', { type: 'string', describe: 'output folder (default reports/<id>)' })
    .option('allow-errors', { type: 'boolean', default: false, describe: 'write the report even when rows were rejected; they are listed in it' })
    .option('pdf', { type: 'boolean', default: false, describe: 'also print the report to report.pdf (needs Chromium)' })
    .option('by', { type: 'string', describe: 'also write one report per value of this column (a subfolder each) and an index page' })
    .option('wait', WAIT_OPTION)
    .options(OFFICE_OPTIONS);

export const runCommand: Command<ArgsOf<typeof builder>> = {
  command: 'run <config>',
  describe: 'ingest, validate, tally, chart and report one survey round into reports/<id>/',
  builder,
  async run(args, io) {
    const started = performance.now();
    const sink = collect();
    const options = analysisOptions(args, io);
    // Issue 19: the chart libraries load on a worker while the data is read; the charts render there.
    const renderer = startChartRenderer();
    try {
      return await report(args, io, sink, options, renderer, started);
    } finally {
      await renderer.close();
    }
  },
};

async function report(
  args: ArgumentsCamelCase<ArgsOf<typeof builder>>,
  io: Io,
  sink: ReturnType<typeof collect>,
  options: ReturnType<typeof analysisOptions>,
  renderer: ChartRenderer,
  started: number,
): Promise<number> {
  {
    const analysis = await analyzeRound(args.config, io.cwd, sink, args.by === undefined ? options : { ...options, byBanner: args.by });
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
    const formats = withFlags(analysis.config.report.formats, args);
    // Issue 19: results.json is written piece by piece, never one string (a large study's is hundreds of MB).
    const files = new Map(
      await renderReport(args.by === undefined ? analysis : withoutByBanner(analysis, args.by), formats, renderer, { streamResultsJson: true }),
    );
    if (args.by !== undefined) {
      // Issue 16: one report per value of the column, each in its own subfolder, and the index.
      const by = await writeBySubsets(analysis, args.by, { ...options, onProgress: undefined }, io.cwd, formats, renderer);
      if ('diagnostic' in by) {
        io.stderr.write(formatDiagnostics([by.diagnostic]));
        return 2;
      }
      for (const [name, content] of by.files) files.set(name, content);
    }
    if (args.pdf) {
      // Printed before the folder is written, so report.pdf lands with the rest, atomically.
      const { printHtmlToPdf } = await import('../../report/print-pdf.ts');
      const { title, round } = analysis.results.survey;
      const pdf = await printHtmlToPdf(files.get('report.html') as string, { footer: round === '' ? title : `${title} (${round})` });
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
      io.stdout.write(`wrote ${displayPath(io.cwd, target)}/ (${files.size} files) from ${ledger.rowsUsed} of ${ledger.rowsRead} rows in ${ms} ms\n`);
    }
    return 0;
  }
}

/**
 * Issue 16: the overall analysis of `run --by` tallied the column as a banner to learn its values;
 * unless the config lists that banner itself, the overall report leaves it out.
 */
function withoutByBanner(analysis: Analysis, column: string): Analysis {
  const added = (analysis.config.banners ?? []).find((b) => b.column === column && b.key === '--by');
  const banners = analysis.results.banners;
  if (added === undefined || banners === undefined) return analysis;
  const kept = banners.filter((b, i) => i === 0 || b.column !== column);
  const { banners: _, ...rest } = analysis.results;
  return { ...analysis, results: kept.length > 1 ? { ...rest, banners: kept } : rest };
}

/**
 * Issue 16: `run --by <column>`: the same analysis on each value's subset (an equals filter beside
 * data.filter, so its own base, low-base flags and tests), each report under
 * by-<column>/<value>/ (safe slugs: segment-slug.ts), and index.md / index.html linking them with
 * each subset's base. The values are the groups of the overall run, in its order (the segment
 * column's listed segments first); a blank cell is its own subset.
 */
async function writeBySubsets(
  analysis: Analysis,
  column: string,
  options: ReadOptions,
  cwd: string,
  formats: ReturnType<typeof withFlags>,
  renderer: ChartRenderer,
): Promise<{ files: Map<string, string | Uint8Array | StreamedFile> } | { diagnostic: Diagnostic }> {
  const { config, results } = analysis;
  const at = { file: config.displayFile, line: 1, column: 1 };
  if (config.data.layout !== 'respondents') {
    return { diagnostic: diagnostic(at, say.FND041(`--by ${column}`, 'only respondent-per-row data (layout respondents) can be split by a column')) };
  }
  const groups = column === config.data.columns.segment ? results.segments : results.banners?.find((b, i) => i > 0 && b.column === column)?.groups;
  if (groups === undefined) return { diagnostic: diagnostic(at, say.FND041(`--by ${column}`, 'the column could not be read as a grouping of respondents')) };
  const present = groups.filter((g) => g.respondents > 0);
  const slugs = segmentSlugs(
    present.map((g) => g.id),
    BLANK_GROUP,
  );
  const folderOf = `by-${segmentSlugs([column], '')[0]}`;
  const files = new Map<string, string | Uint8Array | StreamedFile>();
  const subsets: SubsetEntry[] = [];
  for (const [i, group] of present.entries()) {
    // The subset's rows are rows of the overall run: its diagnostics were printed there already.
    const quiet = collect();
    const value = group.id === BLANK_GROUP ? '' : group.id;
    const sub = await analyzeRound(config.file, cwd, quiet, { ...options, subset: { column, value } });
    if ('stopped' in sub) {
      return { diagnostic: diagnostic(at, say.FND041(`--by ${column}`, `the subset ${JSON.stringify(group.id)} could not be analysed`)) };
    }
    const folder = `${folderOf}/${slugs[i]}`;
    for (const [name, content] of await renderReport(sub, formats, renderer, { streamResultsJson: true })) files.set(`${folder}/${name}`, content);
    subsets.push({ value: group.id, folder, respondents: sub.results.base.respondents, lowBase: sub.results.base.respondents < config.report.minBase });
  }
  const index = renderByIndex({
    title: config.title,
    column,
    respondents: results.base.respondents,
    minBase: config.report.minBase,
    subsets,
    blank: BLANK_GROUP,
  });
  files.set('index.md', index.md);
  files.set('index.html', index.html);
  return { files };
}
