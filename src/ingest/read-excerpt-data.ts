/**
 * Read a round whose data are coded excerpts rather than respondent rows: an excerpt file (layout
 * `excerpts`, with an optional respondent file joined by id) or a REFI-QDA project (layout `qdpx`).
 * Validates everything into respondents to tally, a ledger (the rows of every data file read), the
 * coders' codings (for agreement) and the quote candidates. See validate-excerpts.ts for the rules.
 */
import type { Codebook, DiagnosticSink, InputFile, SurveyConfig, ValidRespondent } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { ExcerptCollector, type Codings, type ExcerptSettings, type QuoteCandidate } from '../validate/validate-excerpts.ts';
import { KnownRespondents } from '../validate/known-respondents.ts';
import { createRespondentValidator, respondentIdText, type Ledger, type SegmentRegistry } from '../validate/validate-respondents.ts';
import { guardIo } from './guard-io.ts';
import { leastDistance, prepareQuote, quoteDistance } from '../quotes/select-quotes.ts';
import { configPosition } from '../config/read-config.ts';
import { readExcerpts, type ExcerptFile } from './read-excerpts.ts';
import { readExcerptsFast, type ExcerptFastOptions } from './fast/read-excerpts-fast.ts';
import type { DataColumns, ReadOutcome } from './read-respondents.ts';
import { readTable } from './read-table.ts';

export interface ExcerptData {
  respondents: ValidRespondent[];
  ledger: Ledger;
  inputs: InputFile[];
  codings: Codings | null;
  quotes: QuoteCandidate[];
}

/** Stops as readRound does: 'config' for exit 2 problems, 'data' when the data cannot be read at all. */
export async function readExcerptData(
  config: SurveyConfig,
  codebook: Codebook,
  segments: SegmentRegistry,
  sink: DiagnosticSink,
  spaceSize = codebook.themes.length,
  options: ExcerptReadOptions = {},
  /** Issue 19: each respondent to tally as it is settled (ExcerptData.respondents is then empty). */
  emit?: (respondent: ValidRespondent) => void,
): Promise<ExcerptData | { stopped: 'config' | 'data' }> {
  const inputs: InputFile[] = [];
  const showId = respondentIdText(config.privacy.respondentIds);
  const ledger: Ledger = { rowsRead: 0, rowsUsed: 0, rowsRejected: 0, rejected: [] };

  // The respondent file first: who the respondents are, their segment, weight and answers.
  let known: KnownRespondents | null = null;
  const joined = config.data.respondents;
  if (joined !== null) {
    const validator = createRespondentValidator(config, codebook, segments, sink, spaceSize, joined.displayPath);
    const file = new KnownRespondents({ kind: 'respondent-file', file: joined.displayPath }, { records: true });
    const keys = ['id', 'segment', 'weight'] as const;
    const columns = [
      ...keys.map((k) => ({ name: joined.columns[k], key: `data.respondents.columns.${k}` })),
      ...config.questions.map((q, i) => ({ name: q.column, key: `questions[${i}].column` })),
    ];
    const outcome = await guardIo(joined.displayPath, sink, () =>
      readTable(config, { path: joined.path, displayPath: joined.displayPath, delimiter: joined.delimiter, columns }, sink, (batch, table) => {
        const [id, segment, weight, ...questions] = table.indexes as [number, number, number, ...number[]];
        const dataColumns: DataColumns = { id, segment, weight, themes: -1, questions, width: table.width, header: table.header };
        batch.rows.forEach((row, r) => {
          const value = row[id]?.trim() ?? '';
          if (value !== '') file.meet(value, batch.lines[r]!);
        });
        for (const respondent of validator.validate(batch, dataColumns))
          file.addValid(respondent.id, respondent.segment, respondent.themes, 0, respondent.themes.length, respondent);
      }),
    );
    if (outcome === null) return { stopped: 'data' };
    inputs.push({ role: 'respondents', file: joined.displayPath, bytes: outcome.bytes, sha256: outcome.sha256 });
    const stopped = stop(outcome.status, joined.displayPath, validator.ledger.rowsRead, sink);
    if (stopped !== null) return stopped;
    addLedger(ledger, validator.ledger);
    known = file;
  }

  // A REFI-QDA project: its cases are the respondents, its codings the excerpts.
  const qdpx = config.data.layout === 'qdpx';
  const project = qdpx
    ? await guardIo(config.data.displayPath, sink, async () => (await import('./read-qdpx.ts')).readQdpx(config, segments, sink, { joined: known }))
    : null;
  if (project === 'config') return { stopped: 'config' };
  if (project === 'data' || (qdpx && project === null)) return { stopped: 'data' };
  if (project !== null) {
    inputs.push({ role: 'data', file: config.data.displayPath, bytes: project.bytes, sha256: project.sha256 });
    if (project.ledger.rowsRead === 0) {
      sink.report(diagnostic({ file: project.qde, line: 1, column: 1 }, say.FND202.noCases(config.data.displayPath)));
      return { stopped: 'data' };
    }
    addLedger(ledger, project.ledger);
    for (const row of project.unmatched) {
      ledger.rowsUsed--;
      ledger.rowsRejected++;
      ledger.rejected.push(row);
    }
    known = project.known;
  }

  const columns = config.data.excerptColumns;
  const settings: ExcerptSettings = {
    mode: 'tally',
    file: project?.qde ?? config.data.displayPath,
    codebook,
    separator: config.data.separator,
    segments,
    known,
    hasCoders: project !== null ? project.hasCoders : columns?.coder != null,
    primaryCoder: config.data.primaryCoder === null ? null : { name: config.data.primaryCoder, at: configPosition(config, 'data.primaryCoder') },
    showId,
    sink,
    quotes: quoteSettings(config, options),
  };
  const collector = new ExcerptCollector(settings);
  const source = { path: config.data.path, displayPath: config.data.displayPath, delimiter: config.data.delimiter, key: 'data.columns', columns: columns! };
  const feed = async (into: ExcerptCollector, to: DiagnosticSink) => {
    if (project === null) return readExcerptFile(config, source, into, to, options);
    for (const { error, id } of project.failed) into.rowFailed(error, id);
    for (const excerpt of project.excerpts) into.add(excerpt);
    return null;
  };
  if (project !== null) await feed(collector, sink);
  else {
    const outcome = await guardIo(config.data.displayPath, sink, () => feed(collector, sink));
    if (outcome === null) return { stopped: 'data' };
    inputs.push({ role: 'data', file: config.data.displayPath, bytes: outcome.bytes, sha256: outcome.sha256 });
    const stopped = stop(outcome.status, config.data.displayPath, collector.rowsSeen, sink);
    if (stopped !== null) return stopped;
  }

  const settled = collector.finish(emit);
  if (settled === 'config') return { stopped: 'config' };
  if (settled.quotesIncomplete) settled.quotes = await rescanQuotes(settings, feed);
  addLedger(ledger, settled.ledger);
  for (const row of settled.rejectedKnown) {
    ledger.rowsUsed--;
    ledger.rowsRejected++;
    ledger.rejected.push(row);
  }
  return { respondents: settled.respondents, ledger, inputs, codings: settled.codings, quotes: settled.quotes };
}

function addLedger(into: Ledger, from: Ledger): void {
  into.rowsRead += from.rowsRead;
  into.rowsUsed += from.rowsUsed;
  into.rowsRejected += from.rowsRejected;
  into.rejected.push(...from.rejected);
}

/** The outcome of reading a data file, as readRound judges it for the main data. */
function stop(status: 'read' | 'empty' | 'no-columns' | 'unreadable', file: string, rows: number, sink: DiagnosticSink): { stopped: 'config' | 'data' } | null {
  if (status === 'no-columns') return { stopped: 'config' };
  if (status === 'unreadable') return { stopped: 'data' };
  const at = { file, line: 1, column: 1 };
  if (status === 'empty') {
    sink.report(diagnostic(at, say.FND201.needsDataRows(file)));
    return { stopped: 'data' };
  }
  if (rows === 0) {
    sink.report(diagnostic(at, say.FND202.noRows(file)));
    return { stopped: 'data' };
  }
  return null;
}

/** How to read an excerpt file: 'papaparse' reads every row through papaparse and the rules (the reference the fast reader is tested against). */
export interface ExcerptReadOptions extends ExcerptFastOptions {
  reader?: 'fast' | 'papaparse';
  /** Quote candidates kept per theme × segment (ExcerptSettings.quotes.limit); Infinity keeps every respondent's best, as the rule was first written (the property tests' reference). */
  quoteLimit?: number;
}

/** An excerpt file through the fast reader (fast/read-excerpts-fast.ts), or papaparse where it declines or is asked for. */
export async function readExcerptFile(
  config: SurveyConfig,
  source: ExcerptFile,
  collector: ExcerptCollector,
  sink: DiagnosticSink,
  options: ExcerptReadOptions = {},
): Promise<ReadOutcome> {
  if (options.reader !== 'papaparse') {
    const fast = await readExcerptsFast(config, source, collector, sink, options);
    if (fast !== null) return fast;
  }
  return readExcerpts(config, source, collector, sink);
}

/** What quote selection needs of the excerpts: null when quotes are off. */
export function quoteSettings(config: SurveyConfig, options: ExcerptReadOptions = {}): ExcerptSettings['quotes'] {
  if (!config.quotes.enabled) return null;
  const mask = config.quotes.mask;
  return {
    perTheme: config.quotes.perTheme,
    prepare: (text) => prepareQuote(text, mask),
    distance: quoteDistance,
    leastDistance: (bound) => leastDistance(bound, mask),
    ...(options.quoteLimit === undefined ? {} : { limit: options.quoteLimit }),
  };
}

/**
 * Issue 19: the excerpts again, for quotes only, keeping every respondent's best candidate per theme:
 * when a respondent rejected late took candidates with them that others had been pushed out for
 * (ExcerptOutcome.quotesIncomplete). Everything was reported the first time: nothing is reported again.
 */
export async function rescanQuotes(
  settings: ExcerptSettings,
  feed: (into: ExcerptCollector, sink: DiagnosticSink) => Promise<unknown>,
): Promise<QuoteCandidate[]> {
  const silent: DiagnosticSink = { report: () => {} };
  const again = new ExcerptCollector({ ...settings, sink: silent, quotes: { ...settings.quotes!, limit: Infinity } });
  await feed(again, silent);
  const settled = again.finish();
  return settled === 'config' ? [] : settled.quotes;
}
