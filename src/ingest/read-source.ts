/**
 * The read path's one seam. A round's respondents come from one of three sources, chosen by
 * `chooseSource` and nowhere else:
 *
 *   'fast-csv'   a plain UTF-8 CSV of respondent rows, scanned from bytes (fast/read-fast.ts); a file
 *                it declines (not UTF-8 after all, a header it does not split as papaparse does) is
 *                read by 'papaparse' instead, having read and reported nothing;
 *   'papaparse'  respondent rows of any format and encoding (formats/read-data.ts: CSV, survey-platform
 *                exports, workbooks), split by papaparse and validated row by row;
 *   'excerpts'   coded excerpts (an excerpt table, or a REFI-QDA project), grouped into respondents.
 *
 * Every source hands what it validated to one RespondentConsumer (model.ts) and counts every row it
 * read in one ledger: used, or rejected with its first error. Diagnostics go to the sink.
 */
import { statSync } from 'node:fs';
import type { Codebook, DiagnosticSink, InputFile, RespondentConsumer, SurveyConfig } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { rulesFor, type RowRule } from '../validate/row-rules.ts';
import { createRespondentValidator, type Ledger, type SegmentRegistry } from '../validate/validate-respondents.ts';
import type { Codings, QuoteCandidate } from '../validate/validate-excerpts.ts';
import { fastReaderApplies, readRespondentsFast, type FastReadOptions } from './fast/read-fast.ts';
import { guardIo } from './guard-io.ts';
import { readExcerptData } from './read-excerpt-data.ts';
import { readRespondents, type ReadOutcome } from './read-respondents.ts';

export type SourceKind = 'fast-csv' | 'papaparse' | 'excerpts';

/** How to read: the fast reader's threads and block size, progress, or papaparse throughout. */
export interface ReadOptions extends FastReadOptions {
  /** 'papaparse' reads every row through papaparse and the rules (the reference the fast reader is tested against). */
  reader?: 'fast' | 'papaparse';
  /** Issue 16 (run --by): analyse only the rows whose `column` equals `value` (an equals filter beside data.filter). */
  subset?: { column: string; value: string };
  /** Issue 16 (run --by): tally this column as a banner too, so the overall run lists its values. */
  byBanner?: string;
  /** Issue 19: quote candidates kept per theme × segment of an excerpt file (read-excerpt-data.ts' ExcerptReadOptions). */
  quoteLimit?: number;
}

/**
 * Which source reads a round's data: excerpts for the excerpt layouts; the fast reader for a
 * plain UTF-8 CSV of respondents unless a row rule it cannot check from bytes applies
 * (row-rules.ts), papaparse is asked for, or weighting.rake names a column besides the segment;
 * papaparse otherwise.
 */
export function chooseSource(config: SurveyConfig, options: ReadOptions = {}, rules: readonly RowRule[] = rulesFor(config)): SourceKind {
  if (config.data.layout !== 'respondents') return 'excerpts';
  if (options.reader === 'papaparse' || !fastReaderApplies(config) || rules.some((rule) => rule.scanner === 'papaparse')) return 'papaparse';
  // Issue 15: the fast scanner reads only the configured columns; raking by another column reads each row's cell.
  if (config.weighting.rake?.margins.some((margin) => !margin.segment)) return 'papaparse';
  // Issue 16: the byte scanner reads only the configured columns, so a filter or a banner (which
  // name other columns) hands the file to papaparse and the validator.
  if ((config.data.filter ?? null) !== null || (config.banners ?? []).length > 0) return 'papaparse';
  return 'fast-csv';
}

/** What the round's respondents are tallied in, and who receives them. */
export interface ReadTarget {
  codebook: Codebook;
  /** Size of the theme space the roll-up maps into (the codebook's, unless translated into another round's). */
  spaceSize: number;
  segments: SegmentRegistry;
  /** Issue 16: the groups of each banner after the segment (empty without banners). */
  banners?: SegmentRegistry[];
  consumer: RespondentConsumer;
}

/** A source read to the end. */
export interface SourceRead {
  ledger: Ledger;
  inputs: InputFile[];
  /** Excerpt layouts only: the coders' codings and the quote candidates that came with the excerpts. */
  excerpts: { codings: Codings | null; quotes: QuoteCandidate[] } | null;
}

/**
 * Read the round's data from the chosen source into the target. Stops as readRound does: 'config'
 * when a configured column is missing (exit 2), 'data' when the data cannot be read at all (exit 1).
 */
export async function readSource(
  kind: SourceKind,
  config: SurveyConfig,
  target: ReadTarget,
  sink: DiagnosticSink,
  options: ReadOptions = {},
): Promise<SourceRead | { stopped: 'config' | 'data' }> {
  if (kind === 'excerpts') {
    const read = await readExcerptData(config, target.codebook, target.segments, sink, target.spaceSize, options, (respondent) =>
      target.consumer.respondent(respondent),
    );
    if ('stopped' in read) return read;
    return { ledger: read.ledger, inputs: read.inputs, excerpts: { codings: read.codings, quotes: read.quotes } };
  }

  const validator = createRespondentValidator(config, target.codebook, target.segments, sink, target.spaceSize, undefined, undefined, target.banners);
  const file = config.data.displayPath;
  let outcome: ReadOutcome | null | 'declined' = 'declined';
  if (kind === 'fast-csv') {
    outcome = await guardIo(file, sink, async () => (await readRespondentsFast(config, sink, { ...target, validator }, options)) ?? 'declined');
  }
  if (outcome === 'declined') {
    const total = options.onProgress === undefined ? 0 : sizeOrZero(config.data.path);
    const progress =
      options.onProgress === undefined
        ? undefined
        : (bytes: number) => options.onProgress!({ file, bytes, totalBytes: total, rows: validator.ledger.rowsRead });
    outcome = await guardIo(file, sink, () =>
      readRespondents(config, sink, (batch, columns) => validator.validateInto(batch, columns, target.consumer), progress),
    );
  }
  if (outcome === null) return { stopped: 'data' };
  const inputs: InputFile[] = [{ role: 'data', file, bytes: outcome.bytes, sha256: outcome.sha256 }];
  if (outcome.status === 'no-columns') return { stopped: 'config' };
  if (outcome.status === 'unreadable') return { stopped: 'data' };
  const at = { file, line: 1, column: 1 };
  if (outcome.status === 'empty') {
    sink.report(diagnostic(at, say.FND201.needsRows(file)));
    return { stopped: 'data' };
  }
  if (validator.ledger.rowsRead === 0) {
    sink.report(diagnostic(at, say.FND202.noRows(file)));
    return { stopped: 'data' };
  }
  return { ledger: validator.ledger, inputs, excerpts: null };
}

/** A file's size for the progress bar (0 when it cannot be read; the reader then says why). */
function sizeOrZero(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
