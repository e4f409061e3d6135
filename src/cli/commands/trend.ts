/** findings trend <configs..>: one report across several rounds. */
import path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { collect } from '../../messages.ts';
import { displayPath } from '../../config/read-config.ts';
import { configInputs, writeOutputFolder } from '../../output/claim-output-folder.ts';
import { analyzeTrend, trendConfigs } from '../../rounds/analyze-trend.ts';
import { startChartRenderer, type ChartRenderer } from '../../charts/chart-renderer.ts';
import { OFFICE_OPTIONS, WAIT_OPTION, withFlags, type ArgsOf, type Command, type Io } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostic.ts';

const builder = (y: Argv) =>
  y
    .positional('configs', { type: 'string', array: true, demandOption: true, describe: 'survey configs, oldest first (or just the latest)' })
    .option('out', { type: 'string', describe: 'output folder (default reports/<latest id>-trend)' })
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' })
    .option('pdf', { type: 'boolean', default: false, describe: 'also print the trend report to report.pdf (needs Chromium)' })
    .option('wait', WAIT_OPTION)
    .options(OFFICE_OPTIONS);

export const trendCommand: Command<ArgsOf<typeof builder>> = {
  command: 'trend <configs..>',
  describe: 'one report across several rounds: the configs given, or one config and its previous rounds',
  builder,
  async run(args, io) {
    const started = performance.now();
    const sink = collect();
    // Issue 19: the chart libraries load on a worker while the rounds are read.
    const renderer = startChartRenderer();
    try {
      return await trend(args, io, sink, renderer, started);
    } finally {
      await renderer.close();
    }
  },
};

async function trend(
  args: ArgumentsCamelCase<ArgsOf<typeof builder>>,
  io: Io,
  sink: ReturnType<typeof collect>,
  renderer: ChartRenderer,
  started: number,
): Promise<number> {
  {
    const result = await analyzeTrend(args.configs, io.cwd, sink);
    io.stderr.write(formatDiagnostics(sink.diagnostics));
    if (typeof result === 'string') return result === 'config' ? 2 : 1;
    if (sink.diagnostics.some((d) => d.severity === 'error')) {
      io.stderr.write('nothing written: the rounds above have errors (findings check each round to fix them)\n');
      return 1;
    }
    const configs = trendConfigs(args.configs, io.cwd, { report: () => {} }) ?? [];
    // Issue 18: the latest round's report.formats, as `run` reads its round's, plus the flags.
    const formats = configs[configs.length - 1]?.report.formats ?? ['html', 'md', 'json', 'csv'];
    const { renderTrendReport } = await import('../../report/render-trend-report.ts');
    const files = await renderTrendReport(result, result.settings, withFlags(formats, args), renderer);
    const latest = result.rounds[result.rounds.length - 1]!;
    if (args.pdf) {
      // Issue 17: a trend report can be filed too; printed before the folder is written, so it lands atomically with the rest.
      const { printHtmlToPdf } = await import('../../report/print-pdf.ts');
      const html = files.get('report.html');
      const pdf =
        typeof html === 'string' ? await printHtmlToPdf(html, { footer: `${latest.title}: trend` }) : { ok: false as const, reason: 'no report.html' };
      if (pdf.ok) files.set('report.pdf', pdf.bytes);
      else io.stderr.write(`no PDF: ${pdf.reason}\n`);
    }
    const target = path.resolve(io.cwd, args.out ?? path.join('reports', `${latest.id}-trend`));
    // Issue #20: only into a folder of findings' own, under a lock (src/output/claim-output-folder.ts).
    const inputs = [...args.configs.map((c) => path.resolve(io.cwd, c)), ...configs.flatMap(configInputs)];
    const problem = await writeOutputFolder(target, files, { cwd: io.cwd, inputs, lockWaitMs: args.wait * 1000 });
    if (problem !== null) {
      io.stderr.write(formatDiagnostics([problem]));
      return 2;
    }
    if (!args.quiet) {
      const ms = Math.round(performance.now() - started);
      io.stdout.write(`wrote ${displayPath(io.cwd, target)}/ (${files.size} files) across ${result.rounds.length} rounds in ${ms} ms\n`);
    }
    return 0;
  }
}
