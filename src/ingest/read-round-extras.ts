/**
 * What respondent-per-row data may bring besides the rows themselves, read after them:
 *
 * - `data.excerpts`: an excerpt file (id, code, text, coder?) whose excerpts of the data's
 *   respondents become quote candidates; it changes no figure;
 * - `reliability:` other coders' files, respondent rows with the data's id and themes columns:
 *   each coder's coding of the respondents they coded, beside the data's own coder
 *   (`data.primaryCoder`, default "A"), for coder agreement.
 *
 * Errors in these files are reported (exit 1) and leave the row out of quotes or agreement; they
 * are not rows of the data, so they are not in the ledger.
 */
import type { Codebook, DiagnosticSink, InputFile, SurveyConfig } from '../model.ts';
import { diagnostic, say, type Message } from '../messages.ts';
import { checkRow } from '../validate/check-row.ts';
import { missingId } from '../validate/rules/missing-id.ts';
import { unknownTheme } from '../validate/rules/unknown-theme.ts';
import { respondentIdText, type SegmentRegistry } from '../validate/validate-respondents.ts';
import { ExcerptCollector, type Codings, type ExcerptSettings, type KnownRespondents, type QuoteCandidate } from '../validate/validate-excerpts.ts';
import { quoteSettings, readExcerptFile, rescanQuotes, type ExcerptReadOptions } from './read-excerpt-data.ts';
import { guardIo } from './guard-io.ts';
import { readTable } from './read-table.ts';
import { configPosition } from '../config/read-config.ts';
import { grown } from '../validate/grown.ts';
import { IdSet } from '../validate/id-set.ts';
import { AgreementCounter } from '../stats/agreement-counter.ts';

export interface RoundExtras {
  codings: Codings | null;
  quotes: QuoteCandidate[];
  inputs: InputFile[];
}

/** Read the quotes file and the coder files of a respondent-per-row round. null: a file could not be used ('config' problems reported). */
export async function readRoundExtras(
  config: SurveyConfig,
  codebook: Codebook,
  segments: SegmentRegistry,
  known: KnownRespondents,
  sink: DiagnosticSink,
  options: ExcerptReadOptions = {},
): Promise<RoundExtras | null> {
  const extras: RoundExtras = { codings: null, quotes: [], inputs: [] };
  const showId = respondentIdText(config.privacy.respondentIds);
  const table = config.data.excerpts;
  if (table !== null) {
    const settings: ExcerptSettings = {
      mode: 'quotes',
      file: table.displayPath,
      codebook,
      separator: config.data.separator,
      segments,
      known,
      hasCoders: table.columns.coder !== null,
      primaryCoder: config.data.primaryCoder === null ? null : { name: config.data.primaryCoder, at: configPosition(config, 'data.primaryCoder') },
      showId,
      sink,
      quotes: quoteSettings(config, options),
    };
    const collector = new ExcerptCollector(settings);
    const source = { ...table, key: 'data.excerpts.columns', columns: { ...table.columns, segment: null, weight: null } };
    const feed = (into: ExcerptCollector, to: DiagnosticSink) => readExcerptFile(config, source, into, to, options);
    const outcome = await guardIo(table.displayPath, sink, () => feed(collector, sink));
    if (outcome === null || outcome.status === 'no-columns') return null;
    extras.inputs.push({ role: 'excerpts', file: table.displayPath, bytes: outcome.bytes, sha256: outcome.sha256 });
    if (outcome.status === 'read') {
      const settled = collector.finish();
      if (settled === 'config') return null;
      extras.quotes = settled.quotesIncomplete ? await rescanQuotes(settings, feed) : settled.quotes;
    }
  }

  if (config.reliability.length > 0) {
    const primary = config.data.primaryCoder ?? 'A';
    const others: CoderThemes[] = [];
    for (const i of config.reliability.keys()) {
      const coded = await readCoderFile(config, i, codebook, known, sink, extras);
      if (coded === null) return null;
      others.push(coded);
    }
    // Issue 19: agreement counted respondent by respondent (stats/agreement-counter.ts): the data's coding, then each other coder's.
    const counter = new AgreementCounter(codebook.themes.length, others.length + 1);
    const themes = known.themeArray();
    for (const n of known.validNumbers()) {
      counter.coded(0, themes, known.themeStartOf(n), known.themeEndOf(n));
      for (let i = 0; i < others.length; i++) {
        const coded = others[i]!;
        const start = coded.start[n]!;
        if (start !== -1) counter.coded(i + 1, coded.themes, start, coded.end[n]!);
      }
      counter.endUnit();
    }
    extras.codings = {
      coders: [primary, ...config.reliability.map((r) => r.coder)],
      primary,
      primaryFrom: config.data.primaryCoder === null ? 'default' : 'config',
      agreement: counter.finish(),
    };
  }
  return extras;
}

/** Issue 19: one coder's coding of the data's respondents, by their number (KnownRespondents): themes[start[n], end[n]), start -1 when not coded. */
interface CoderThemes {
  start: Int32Array;
  end: Int32Array;
  themes: Uint32Array;
}

/** One coder's file: respondent rows with the data's id and themes columns. Returns each respondent's rolled-up themes. */
async function readCoderFile(
  config: SurveyConfig,
  i: number,
  codebook: Codebook,
  known: KnownRespondents,
  sink: DiagnosticSink,
  extras: RoundExtras,
): Promise<CoderThemes | null> {
  const entry = config.reliability[i]!;
  const file = entry.displayPath;
  const showId = respondentIdText(config.privacy.respondentIds);
  // (The themes array sized as the data's own coding needs: another coder's is about as large.)
  const coded: CoderThemes = {
    start: new Int32Array(known.size).fill(-1),
    end: new Int32Array(known.size),
    themes: new Uint32Array(Math.max(1024, Math.ceil(known.themeCount * 1.1))),
  };
  let used = 0;
  // Issue 19: where each id was first used, for duplicates (FND204): by the data's number for the data's ids, in an IdSet only for ids the data lack.
  const firstLines = new Int32Array(known.size).fill(-1);
  const unknownIds = new IdSet();
  const columns = [
    { name: config.data.columns.id, key: 'data.columns.id' },
    { name: config.data.columns.themes, key: 'data.columns.themes' },
  ];
  const outcome = await guardIo(file, sink, () =>
    readTable(config, { path: entry.path, displayPath: file, delimiter: config.data.delimiter, columns }, sink, (batch, table) => {
      const [idColumn, themesColumn] = table.indexes as [number, number];
      for (let r = 0; r < batch.rows.length; r++) {
        const locate = (cell: number, offset = 0) => ({ file, ...batch.locate(r, cell, offset) });
        let failed = false;
        const reject = (message: Message, cell: number, offset?: number) => {
          failed = true;
          sink.report(diagnostic(locate(cell, offset), message));
        };
        const warn = (message: Message, cell: number, offset?: number) => sink.report(diagnostic(locate(cell, offset), message));
        if (checkRow(batch, r, table, config.limits.maxFieldChars, { reject, warn }) !== 'ok') continue;
        const row = batch.rows[r]!;
        const id = row[idColumn]!.trim();
        const line = batch.lines[r]!;
        let idProblem = missingId(id);
        const n = idProblem === null ? known.numberOf(id) : -1;
        if (idProblem === null) {
          let first = -1;
          if (n === -1) first = unknownIds.firstLine(id, line);
          else if (firstLines[n] === -1) firstLines[n] = line;
          else first = firstLines[n]!;
          if (first !== -1) idProblem = say.FND204.row(showId(id), first);
        }
        if (idProblem !== null) reject(idProblem, idColumn);
        const cell = unknownTheme(row[themesColumn]!, config.data.separator, codebook);
        for (const unknown of cell.unknown) reject(say.FND207(unknown.code, unknown.suggestion), themesColumn, unknown.offset);
        if (cell.onlySeparators) warn(say.FND302(row[themesColumn]!), themesColumn);
        if (failed) continue;
        if (n === -1) {
          warn(say.FND309(entry.coder, showId(id), known.where), idColumn);
          continue;
        }
        if (!known.isValid(n)) continue; // rejected from the data: no unit
        // Rolled up; a theme named twice counts once (AgreementCounter).
        coded.start[n] = used;
        for (const code of cell.codes) {
          for (const target of codebook.rollup[code]!) {
            if (used === coded.themes.length) coded.themes = grown(coded.themes, used + 1);
            coded.themes[used++] = target;
          }
        }
        coded.end[n] = used;
      }
    }),
  );
  if (outcome === null || outcome.status === 'no-columns') return null;
  extras.inputs.push({ role: 'reliability', file, bytes: outcome.bytes, sha256: outcome.sha256 });
  return coded;
}
