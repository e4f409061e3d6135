import { analyzeRound, type ReadOptions } from '../../src/pipeline.ts';
import type { Diagnostic } from '../../src/model.ts';

/**
 * A round analysed with its diagnostics collected, as the property tests compare readers: the results
 * (or the stop, when the round stops) and every diagnostic in the order reported.
 */
export async function analyzeCollecting(config: string, dir: string, options: ReadOptions) {
  const diagnostics: Diagnostic[] = [];
  const analysis = await analyzeRound(config, dir, { report: (d) => diagnostics.push(d) }, options);
  return { results: 'stopped' in analysis ? analysis : analysis.results, diagnostics };
}
