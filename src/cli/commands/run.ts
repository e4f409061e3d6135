/** findings run <config>: ingest, validate, tally, chart and report one round into reports/<id>/. */
import path from 'node:path';
import type { Argv } from 'yargs';
import { displayPath } from '../../config/read-config.ts';
import { configInputs, writeOutputFolder } from '../../output/claim-output-folder.ts';
import { analyzeRound } from '../../pipeline.ts';
import { renderReport } from '../../report/render-report.ts';
import { collect, OFFICE_OPTIONS, WAIT_OPTION, withFlags, type ArgsOf, type Command } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostic.ts';
import { analysisOptions, readOptions } from '../read-options.ts';

const builder = (y: Argv) =>
  readOptions(y)
    .positional('config', { type: 'string', demandOption: true, describe: 'survey config (YAML or JSON)' })
    .option('out', { type: 'string', describe: 'output folder (default reports/<id>)' })
    .option('allow-errors', { type: 'boolean', default: false, describe: 'write the report even when rows were rejected; they are listed in it' })
    .option('pdf', { type: 'boolean', default: false, describe: 'also print the report to report.pdf (needs Chromium)' })
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
  },
};
