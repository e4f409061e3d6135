/**
 * Every diagnostic findings can give, in one catalogue keyed by code (after Vega-Lite's
 * src/log/message.ts), so the README can list them and tests can name them.
 *
 * Codes: FND0xx config and usage, FND1xx codebook, FND2xx data rows, FND3xx warnings.
 * `exit` is the exit code the diagnostic forces when it is an error: 2 for configuration
 * problems (the run cannot start), 1 for data problems (rows are rejected).
 */
import type { Diagnostic, Position, Severity } from './model.ts';

interface Entry {
  ruleId: string;
  severity: Severity;
  exit: 1 | 2;
  /** One line, for the README's table. */
  summary: string;
}

export const catalogue = {
  FND001: { ruleId: 'config-unreadable', severity: 'error', exit: 2, summary: 'The config file is missing, a folder, or unreadable.' },
  FND002: { ruleId: 'config-syntax', severity: 'error', exit: 2, summary: 'The config is not valid YAML or JSON (includes duplicate keys and alias bombs).' },
  FND003: { ruleId: 'config-unknown-key', severity: 'error', exit: 2, summary: 'A key the config format does not know (a typo is suggested).' },
  FND004: { ruleId: 'config-wrong-type', severity: 'error', exit: 2, summary: 'A config value has the wrong type.' },
  FND005: { ruleId: 'config-missing-key', severity: 'error', exit: 2, summary: 'A required config key is absent.' },
  FND006: { ruleId: 'config-invalid-value', severity: 'error', exit: 2, summary: 'A config value is out of range or malformed (id pattern, confidence, levels).' },
  FND007: { ruleId: 'input-not-found', severity: 'error', exit: 2, summary: 'A file named in the config does not exist or is a folder.' },
  FND008: { ruleId: 'missing-column', severity: 'error', exit: 2, summary: 'A column named in the config is not in the data file header.' },
  FND009: { ruleId: 'duplicate-column', severity: 'error', exit: 2, summary: 'A column named in the config appears more than once in the header, so findings cannot tell which to read.' },
  FND101: { ruleId: 'codebook-missing-column', severity: 'error', exit: 2, summary: 'The codebook lacks a `code` or `label` column.' },
  FND102: { ruleId: 'codebook-duplicate-code', severity: 'error', exit: 2, summary: 'The same code appears twice in the codebook.' },
  FND103: { ruleId: 'codebook-unknown-parent', severity: 'error', exit: 2, summary: 'A parent code that is not in the codebook.' },
  FND104: { ruleId: 'codebook-parent-cycle', severity: 'error', exit: 2, summary: 'Parent links form a cycle.' },
  FND105: { ruleId: 'codebook-invalid-code', severity: 'error', exit: 2, summary: 'A code is empty, has spaces, or holds the themes separator.' },
  FND106: { ruleId: 'codebook-invalid-color', severity: 'error', exit: 2, summary: 'A colour that is not #rgb or #rrggbb.' },
  FND107: { ruleId: 'codebook-empty', severity: 'error', exit: 2, summary: 'The codebook has no codes.' },
  FND108: { ruleId: 'codebook-wrong-field-count', severity: 'error', exit: 2, summary: 'A codebook row has more or fewer fields than its header.' },
  FND109: { ruleId: 'codebook-change-unknown-code', severity: 'error', exit: 2, summary: "A codebookChanges entry names a code that is not in the previous (from) or this round's (to) codebook." },
  FND110: { ruleId: 'qdc-invalid', severity: 'error', exit: 2, summary: 'A .qdc codebook that is not well-formed XML or not a REFI-QDA codebook (root, namespace, required attributes).' },
  FND201: { ruleId: 'empty-file', severity: 'error', exit: 1, summary: 'The data file is empty (no header row).' },
  FND202: { ruleId: 'no-data-rows', severity: 'error', exit: 1, summary: 'The data file has a header but no data rows.' },
  FND203: { ruleId: 'wrong-field-count', severity: 'error', exit: 1, summary: 'A row has more or fewer fields than the header.' },
  FND204: { ruleId: 'duplicate-id', severity: 'error', exit: 1, summary: 'A respondent id used by an earlier row.' },
  FND205: { ruleId: 'missing-id', severity: 'error', exit: 1, summary: 'A row with an empty respondent id.' },
  FND206: { ruleId: 'missing-segment', severity: 'error', exit: 1, summary: 'A row with an empty segment.' },
  FND207: { ruleId: 'unknown-theme', severity: 'error', exit: 1, summary: 'A theme code that is not in the codebook (the nearest code is suggested).' },
  FND208: { ruleId: 'invalid-weight', severity: 'error', exit: 1, summary: 'A weight that is missing, zero, negative or not a number.' },
  FND209: { ruleId: 'answer-out-of-levels', severity: 'error', exit: 1, summary: "An answer that is not one of the question's levels." },
  FND210: { ruleId: 'unterminated-quote', severity: 'error', exit: 1, summary: 'A quoted field that never closes; the rest of the file was swallowed.' },
  FND211: { ruleId: 'malformed-quote', severity: 'error', exit: 1, summary: 'A quote inside a field that is not doubled ("").' },
  FND212: { ruleId: 'nul-byte', severity: 'error', exit: 1, summary: 'A NUL byte in a field: a binary file, or UTF-16 without a byte order mark.' },
  FND213: { ruleId: 'invalid-encoding', severity: 'error', exit: 1, summary: 'Bytes that are not valid in the encoding read (UTF-8, or UTF-16 with an unpaired surrogate or half a code unit); the message names the byte offset.' },
  FND214: { ruleId: 'field-too-large', severity: 'error', exit: 1, summary: 'A field longer than limits.maxFieldChars.' },
  FND215: { ruleId: 'too-many-columns', severity: 'error', exit: 1, summary: 'A header with more columns than limits.maxColumns; the file is not read.' },
  FND216: { ruleId: 'file-too-large', severity: 'error', exit: 1, summary: 'A data file larger than limits.maxFileBytes; it is not read.' },
  FND217: { ruleId: 'qdpx-invalid', severity: 'error', exit: 1, summary: 'A .qdpx that is not a zip holding a well-formed REFI-QDA project.qde; nothing is read from it.' },
  FND218: { ruleId: 'unknown-respondent', severity: 'error', exit: 1, summary: 'An excerpt whose respondent id is not in the respondent file (data.respondents) or the data.' },
  FND219: { ruleId: 'respondent-conflict', severity: 'error', exit: 1, summary: 'Excerpts of one respondent that give different segments or weights.' },
  FND220: { ruleId: 'missing-coder', severity: 'error', exit: 1, summary: 'An excerpt with an empty coder cell (data.columns.coder).' },
  FND221: { ruleId: 'qdpx-unknown-reference', severity: 'error', exit: 1, summary: 'A reference in project.qde (code, source, variable) to a GUID the project does not define.' },
  FND222: { ruleId: 'selection-out-of-range', severity: 'error', exit: 1, summary: 'A coded text selection whose positions are reversed or fall outside its source text.' },
  FND223: { ruleId: 'export-header-invalid', severity: 'error', exit: 1, summary: "A survey platform export (data.format) whose header rows are not the platform's: a Qualtrics file without its ImportId row, a SurveyMonkey file with one header row; nothing is read from it." },
  FND224: { ruleId: 'xlsx-invalid', severity: 'error', exit: 1, summary: 'A data.format: xlsx file that is not an .xlsx workbook (not a zip, an old .xls, damaged); nothing is read from it.' },
  FND225: { ruleId: 'invalid-tick', severity: 'error', exit: 1, summary: 'A one-hot theme cell (data.themeColumns) that is neither ticked (1, x, Y, yes, true or the choice text) nor blank or 0.' },
  FND226: { ruleId: 'respondent-in-two-sets', severity: 'error', exit: 1, summary: 'A source or case of a .qdpx that is a member of two of the sets named in data.segmentSets, so its segment is unclear; it is rejected.' },
  FND227: { ruleId: 'ambiguous-code', severity: 'error', exit: 1, summary: 'A code cell of an excerpt file whose text is the label (or name) of two codes of the codebook; write the code or its path.' },
  FND301: { ruleId: 'unlisted-segment', severity: 'warning', exit: 1, summary: 'A segment in the data that the config does not list; it is reported after the listed ones.' },
  FND302: { ruleId: 'empty-theme-entry', severity: 'warning', exit: 1, summary: 'A themes cell that holds only separators (";;"); read as no themes.' },
  FND303: { ruleId: 'segment-without-respondents', severity: 'warning', exit: 1, summary: 'A segment listed in the config that no respondent belongs to.' },
  FND304: { ruleId: 'code-vanished', severity: 'warning', exit: 1, summary: "A code of the previous round that this round's codebook lacks and codebookChanges does not map; compared as retired." },
  FND305: { ruleId: 'stray-bom', severity: 'warning', exit: 1, summary: 'A byte order mark inside the file (files joined together?); it is removed.' },
  FND306: { ruleId: 'empty-header', severity: 'warning', exit: 1, summary: 'A header cell with no name; its column cannot be used.' },
  FND307: { ruleId: 'trailing-delimiter', severity: 'warning', exit: 1, summary: 'A row with extra empty fields at its end (a trailing delimiter); they are ignored.' },
  FND308: { ruleId: 'repeated-header', severity: 'warning', exit: 1, summary: 'A data row identical to the header (files joined together?); it is skipped and counted as rejected.' },
  FND309: { ruleId: 'extra-respondent', severity: 'warning', exit: 1, summary: "A respondent in another coder's file (reliability) that the data do not have; left out of coder agreement." },
  FND310: { ruleId: 'quote-masked', severity: 'warning', exit: 1, summary: 'A quoted excerpt in which e-mail addresses, phone numbers or configured names were masked before reporting.' },
  FND311: { ruleId: 'source-without-case', severity: 'warning', exit: 1, summary: 'A coded text source of the .qdpx that belongs to no case (no respondent); its codings are left out.' },
  FND312: { ruleId: 'unfinished-response', severity: 'warning', exit: 1, summary: 'A response the platform marks unfinished (Qualtrics Finished = 0 or Progress < 100, LimeSurvey without submitdate); left out and counted as rejected unless data.includeUnfinished.' },
  FND313: { ruleId: 'encoding-guessed', severity: 'warning', exit: 1, summary: 'A data file that is not UTF-8 and sets no data.encoding, read as Windows-1252 (the message names the first such byte).' },
  FND314: { ruleId: 'repeated-code-name', severity: 'warning', exit: 1, summary: 'A REFI-QDA code name used by two codes under different parents (NVivo allows it); each such code is told apart by its path (`competencies/programming`).' },
  FND315: { ruleId: 'respondent-not-in-project', severity: 'warning', exit: 1, summary: 'A row of the side file of respondents (data.respondents with a .qdpx) whose id names no case or source of the project; left out and counted as rejected.' },
} as const satisfies Record<string, Entry>;

export type Code = keyof typeof catalogue;

/** Build a diagnostic from the catalogue; the message text is written at the call site's rule. */
export function diagnostic(
  code: Code,
  at: Position,
  message: string,
  extra: { actual?: string; expected?: string; note?: string } = {},
): Diagnostic {
  const entry = catalogue[code];
  return { code, ruleId: entry.ruleId, severity: entry.severity, message, ...at, ...extra };
}

/** The exit code a set of diagnostics forces: 2 beats 1 beats 0; warnings count only when strict. */
export function exitCodeFor(diagnostics: readonly Diagnostic[], strict = false): 0 | 1 | 2 {
  let exit: 0 | 1 | 2 = 0;
  for (const d of diagnostics) {
    if (d.severity === 'warning' && !strict) continue;
    const code = (catalogue as Record<string, Entry>)[d.code]?.exit ?? 1;
    const forced = d.severity === 'warning' ? 1 : code;
    if (forced > exit) exit = forced;
  }
  return exit;
}

/** "did you mean" text for a suggestion, or the empty string. */
export function didYouMean(suggestion: string | null): string {
  return suggestion === null ? '' : ` (did you mean "${suggestion}"?)`;
}
