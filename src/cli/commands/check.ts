/** findings check <config>: ingest and validate only; print every diagnostic; write nothing. */
import path from 'node:path';
import type { Argv } from 'yargs';
import { displayPath } from '../../config/read-config.ts';
import { exitCodeFor, collect } from '../../messages.ts';
import type { Results } from '../../model.ts';
import { analyzeRound } from '../../pipeline.ts';
import { agreementShortfalls } from '../../tally/agreement-shortfalls.ts';
import type { ArgsOf, Command, Io } from '../command.ts';
import { formatDiagnostics } from '../format-diagnostic.ts';
import { analysisOptions, readOptions } from '../read-options.ts';

const builder = (y: Argv) =>
  readOptions(y)
    .positional('config', { type: 'string', demandOption: true, describe: 'survey config (YAML or JSON)' })
    .option('json', { type: 'boolean', default: false, describe: 'diagnostics as a JSON array on stdout' })
    .option('strict', { type: 'boolean', default: false, describe: 'exit 1 on warnings too' })
    .option('min-alpha', { type: 'number', describe: "exit 1 when a theme's coder agreement (Krippendorff's alpha) is below this, e.g. 0.8" });

export const checkCommand: Command<ArgsOf<typeof builder>> = {
  command: 'check <config>',
  describe: 'ingest and validate only; print every diagnostic; write nothing',
  builder,
  async run(args, io) {
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
      io.stderr.write(
        `${displayPath(io.cwd, path.resolve(io.cwd, args.config))}: ${ledger.rowsRead} rows read, ${ledger.rowsUsed} used, ${base.respondents} respondents; no problems\n`,
      );
    }
    if (args.minAlpha !== undefined) exit = Math.max(exit, checkAgreement(analysis.results, args.minAlpha, io)) as typeof exit;
    return exit;
  },
};

/** `check --min-alpha`: 1 when a theme's Krippendorff's alpha falls short (each named), 2 when there is no coder agreement to check. */
function checkAgreement(results: Results, minAlpha: number, io: Io): 0 | 1 | 2 {
  if (!(minAlpha >= 0 && minAlpha <= 1)) {
    io.stderr.write(`--min-alpha should be a number from 0 to 1, not ${minAlpha}\n`);
    return 2;
  }
  const short = agreementShortfalls(results, minAlpha);
  if (short === null) {
    io.stderr.write(
      '--min-alpha: this study names one coder, so there is no coder agreement to check (add reliability: files, or a coder column to excerpt data)\n',
    );
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
  io.stderr.write(
    `coder agreement below --min-alpha ${minAlpha} in ${n} theme${n === 1 ? '' : 's'} (Krippendorff's alpha):\n${lines.map((l) => `${l}\n`).join('')}`,
  );
  return 1;
}
