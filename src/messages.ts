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
  FND006: {
    ruleId: 'config-invalid-value',
    severity: 'error',
    exit: 2,
    summary: 'A config value is out of range or malformed (id pattern, confidence, levels).',
  },

  FND007: { ruleId: 'input-not-found', severity: 'error', exit: 2, summary: 'A file named in the config does not exist or is a folder.' },
  FND008: { ruleId: 'missing-column', severity: 'error', exit: 2, summary: 'A column named in the config is not in the data file header.' },
  FND009: {
    ruleId: 'duplicate-column',
    severity: 'error',
    exit: 2,
    summary: 'A column named in the config appears more than once in the header, so findings cannot tell which to read.',
  },
  // Output folder and file-system problems (issue #20): the run cannot start or finish; nothing of the user's is touched.
  FND010: {
    ruleId: 'output-not-a-folder',
    severity: 'error',
    exit: 2,
    summary: 'The output path (--out) is an existing file or a symbolic link, not a folder.',
  },
  FND011: {
    ruleId: 'output-overwrites-input',
    severity: 'error',
    exit: 2,
    summary: 'The output (--out, --qdc, init --out) is an input of the command or a folder holding one; nothing is written.',
  },
  FND012: {
    ruleId: 'output-is-working-folder',
    severity: 'error',
    exit: 2,
    summary: 'The output folder (--out) is the working folder or a folder above it; nothing is written.',
  },
  FND013: {
    ruleId: 'output-not-findings',
    severity: 'error',
    exit: 2,
    summary: 'The output folder holds files findings did not write (no .findings-manifest.json, or files it does not list); nothing is written or deleted.',
  },
  FND014: {
    ruleId: 'output-locked',
    severity: 'error',
    exit: 2,
    summary: 'Another findings run is writing the same output folder; nothing is written (run again when it is done).',
  },
  FND015: {
    ruleId: 'file-system-error',
    severity: 'error',
    exit: 2,
    summary:
      'A file-system error reading or writing a file (disk full, read-only, permission denied, a path through a file, a symbolic link loop, a missing folder); the message names the path and what to do.',
  },
  FND016: {
    ruleId: 'input-not-regular-file',
    severity: 'error',
    exit: 2,
    summary: 'An input (config, codebook, data) that is not a regular file: a FIFO, a device such as /dev/zero, a socket; it is not read.',
  },
  FND017: {
    ruleId: 'codebook-too-deep',
    severity: 'error',
    exit: 2,
    summary: 'Parent links nest codes more than 64 levels deep (a shifted parent column?); reported where each branch passes the limit.',
  },
  // Issue 15: weighting.rake (raking to population margins); the run cannot start.
  FND020: {
    ruleId: 'rake-column-missing',
    severity: 'error',
    exit: 2,
    summary:
      'A weighting.rake.targets column is not in the data header, names the segment when the config has no segment source, is given twice, or (not the segment) is used with excerpt or REFI-QDA data.',
  },
  FND021: {
    ruleId: 'rake-with-weight-column',
    severity: 'error',
    exit: 2,
    summary: 'weighting.rake and a weight column together: raking makes the weights from the margins; leave one of them out.',
  },
  FND022: {
    ruleId: 'rake-targets-sum',
    severity: 'error',
    exit: 2,
    summary: "A rake margin's shares do not sum to 1, its counts' total differs from another margin's, or it has no targets.",
  },
  FND023: {
    ruleId: 'rake-category-not-in-data',
    severity: 'error',
    exit: 2,
    summary: 'A rake target names a category no respondent used by the run has (raking cannot give it weight).',
  },
  FND024: {
    ruleId: 'rake-category-without-target',
    severity: 'error',
    exit: 2,
    summary: 'Respondents have a category (or a blank cell) in a rake column that weighting.rake.targets gives no target.',
  },
  FND025: {
    ruleId: 'rake-not-converged',
    severity: 'error',
    exit: 2,
    summary:
      'Raking did not meet weighting.rake.tolerance within weighting.rake.maxIterations passes, or settled with a margin missed (margins that cannot all be met with these respondents).',
  },
  FND101: { ruleId: 'codebook-missing-column', severity: 'error', exit: 2, summary: 'The codebook lacks a `code` or `label` column.' },
  FND102: { ruleId: 'codebook-duplicate-code', severity: 'error', exit: 2, summary: 'The same code appears twice in the codebook.' },
  FND103: { ruleId: 'codebook-unknown-parent', severity: 'error', exit: 2, summary: 'A parent code that is not in the codebook.' },
  FND104: { ruleId: 'codebook-parent-cycle', severity: 'error', exit: 2, summary: 'Parent links form a cycle.' },
  FND105: { ruleId: 'codebook-invalid-code', severity: 'error', exit: 2, summary: 'A code is empty, has spaces, or holds the themes separator.' },
  FND106: { ruleId: 'codebook-invalid-color', severity: 'error', exit: 2, summary: 'A colour that is not #rgb or #rrggbb.' },
  FND107: { ruleId: 'codebook-empty', severity: 'error', exit: 2, summary: 'The codebook has no codes.' },
  FND108: { ruleId: 'codebook-wrong-field-count', severity: 'error', exit: 2, summary: 'A codebook row has more or fewer fields than its header.' },
  FND109: {
    ruleId: 'codebook-change-unknown-code',
    severity: 'error',
    exit: 2,
    summary: "A codebookChanges entry names a code that is not in the previous (from) or this round's (to) codebook.",
  },
  FND110: {
    ruleId: 'qdc-invalid',
    severity: 'error',
    exit: 2,
    summary: 'A .qdc codebook that is not well-formed XML or not a REFI-QDA codebook (root, namespace, required attributes).',
  },
  FND201: { ruleId: 'empty-file', severity: 'error', exit: 1, summary: 'The data file is empty (no header row).' },
  FND202: { ruleId: 'no-data-rows', severity: 'error', exit: 1, summary: 'The data file has a header but no data rows.' },
  FND203: { ruleId: 'wrong-field-count', severity: 'error', exit: 1, summary: 'A row has more or fewer fields than the header.' },
  FND204: { ruleId: 'duplicate-id', severity: 'error', exit: 1, summary: 'A respondent id used by an earlier row.' },
  FND205: { ruleId: 'missing-id', severity: 'error', exit: 1, summary: 'A row with an empty respondent id.' },
  FND206: { ruleId: 'missing-segment', severity: 'error', exit: 1, summary: 'A row with an empty segment.' },
  FND207: { ruleId: 'unknown-theme', severity: 'error', exit: 1, summary: 'A theme code that is not in the codebook (the nearest code is suggested).' },
  FND208: {
    ruleId: 'invalid-weight',
    severity: 'error',
    exit: 1,
    summary: 'A weight that is missing, zero, negative, not a number, or outside 1e-9 to 1e9 (where sums of weights would overflow or vanish).',
  },
  FND209: { ruleId: 'answer-out-of-levels', severity: 'error', exit: 1, summary: "An answer that is not one of the question's levels." },
  FND210: { ruleId: 'unterminated-quote', severity: 'error', exit: 1, summary: 'A quoted field that never closes; the rest of the file was swallowed.' },
  FND211: { ruleId: 'malformed-quote', severity: 'error', exit: 1, summary: 'A quote inside a field that is not doubled ("").' },
  FND212: { ruleId: 'nul-byte', severity: 'error', exit: 1, summary: 'A NUL byte in a field: a binary file, or UTF-16 without a byte order mark.' },
  FND213: {
    ruleId: 'invalid-encoding',
    severity: 'error',
    exit: 1,
    summary:
      'Bytes that are not valid in the encoding read (UTF-8, or UTF-16 with an unpaired surrogate or half a code unit); the message names the byte offset.',
  },
  FND214: { ruleId: 'field-too-large', severity: 'error', exit: 1, summary: 'A field longer than limits.maxFieldChars.' },
  FND215: { ruleId: 'too-many-columns', severity: 'error', exit: 1, summary: 'A header with more columns than limits.maxColumns; the file is not read.' },
  FND216: { ruleId: 'file-too-large', severity: 'error', exit: 1, summary: 'A data file larger than limits.maxFileBytes; it is not read.' },
  FND217: {
    ruleId: 'qdpx-invalid',
    severity: 'error',
    exit: 1,
    summary: 'A .qdpx that is not a zip holding a well-formed REFI-QDA project.qde; nothing is read from it.',
  },
  FND218: {
    ruleId: 'unknown-respondent',
    severity: 'error',
    exit: 1,
    summary: 'An excerpt whose respondent id is not in the respondent file (data.respondents) or the data.',
  },
  FND219: { ruleId: 'respondent-conflict', severity: 'error', exit: 1, summary: 'Excerpts of one respondent that give different segments or weights.' },
  FND220: { ruleId: 'missing-coder', severity: 'error', exit: 1, summary: 'An excerpt with an empty coder cell (data.columns.coder).' },
  FND221: {
    ruleId: 'qdpx-unknown-reference',
    severity: 'error',
    exit: 1,
    summary: 'A reference in project.qde (code, source, variable) to a GUID the project does not define.',
  },
  FND222: {
    ruleId: 'selection-out-of-range',
    severity: 'error',
    exit: 1,
    summary: 'A coded text selection whose positions are reversed or fall outside its source text.',
  },
  FND223: {
    ruleId: 'export-header-invalid',
    severity: 'error',
    exit: 1,
    summary:
      "A survey platform export (data.format) whose header rows are not the platform's: a Qualtrics file without its ImportId row, a SurveyMonkey file with one header row; nothing is read from it.",
  },
  FND224: {
    ruleId: 'xlsx-invalid',
    severity: 'error',
    exit: 1,
    summary: 'A data.format: xlsx file that is not an .xlsx workbook (not a zip, an old .xls, damaged); nothing is read from it.',
  },
  FND225: {
    ruleId: 'invalid-tick',
    severity: 'error',
    exit: 1,
    summary: 'A one-hot theme cell (data.themeColumns) that is neither ticked (1, x, Y, yes, true or the choice text) nor blank or 0.',
  },
  FND226: {
    ruleId: 'respondent-in-two-sets',
    severity: 'error',
    exit: 1,
    summary: 'A source or case of a .qdpx that is a member of two of the sets named in data.segmentSets, so its segment is unclear; it is rejected.',
  },
  FND227: {
    ruleId: 'ambiguous-code',
    severity: 'error',
    exit: 1,
    summary: 'A code cell of an excerpt file whose text is the label (or name) of two codes of the codebook; write the code or its path.',
  },
  FND320: {
    ruleId: 'text-truncated',
    severity: 'warning',
    exit: 1,
    summary:
      'A codebook label longer than 500 characters, or a description or statement longer than 5,000, cut to that length in the results and report (renderers are bounded).',
  },
  FND301: {
    ruleId: 'unlisted-segment',
    severity: 'warning',
    exit: 1,
    summary: 'A segment in the data that the config does not list; it is reported after the listed ones.',
  },
  FND302: { ruleId: 'empty-theme-entry', severity: 'warning', exit: 1, summary: 'A themes cell that holds only separators (";;"); read as no themes.' },
  FND303: { ruleId: 'segment-without-respondents', severity: 'warning', exit: 1, summary: 'A segment listed in the config that no respondent belongs to.' },
  FND304: {
    ruleId: 'code-vanished',
    severity: 'warning',
    exit: 1,
    summary: "A code of the previous round that this round's codebook lacks and codebookChanges does not map; compared as retired.",
  },
  FND305: { ruleId: 'stray-bom', severity: 'warning', exit: 1, summary: 'A byte order mark inside the file (files joined together?); it is removed.' },
  FND306: { ruleId: 'empty-header', severity: 'warning', exit: 1, summary: 'A header cell with no name; its column cannot be used.' },
  FND307: {
    ruleId: 'trailing-delimiter',
    severity: 'warning',
    exit: 1,
    summary: 'A row with extra empty fields at its end (a trailing delimiter); they are ignored.',
  },
  FND308: {
    ruleId: 'repeated-header',
    severity: 'warning',
    exit: 1,
    summary: 'A data row identical to the header (files joined together?); it is skipped and counted as rejected.',
  },
  FND309: {
    ruleId: 'extra-respondent',
    severity: 'warning',
    exit: 1,
    summary: "A respondent in another coder's file (reliability) that the data do not have; left out of coder agreement.",
  },
  FND310: {
    ruleId: 'quote-masked',
    severity: 'warning',
    exit: 1,
    summary: 'A quoted excerpt in which e-mail addresses, phone numbers or configured names were masked before reporting.',
  },
  FND311: {
    ruleId: 'source-without-case',
    severity: 'warning',
    exit: 1,
    summary: 'A coded text source of the .qdpx that belongs to no case (no respondent); its codings are left out.',
  },
  FND312: {
    ruleId: 'unfinished-response',
    severity: 'warning',
    exit: 1,
    summary:
      'A response the platform marks unfinished (Qualtrics Finished = 0 or Progress < 100, LimeSurvey without submitdate); left out and counted as rejected unless data.includeUnfinished.',
  },
  FND313: {
    ruleId: 'encoding-guessed',
    severity: 'warning',
    exit: 1,
    summary: 'A data file that is not UTF-8 and sets no data.encoding, read as Windows-1252 (the message names the first such byte).',
  },
  FND314: {
    ruleId: 'repeated-code-name',
    severity: 'warning',
    exit: 1,
    summary:
      'A REFI-QDA code name used by two codes under different parents (NVivo allows it); each such code is told apart by its path (`competencies/programming`).',
  },
  FND315: {
    ruleId: 'respondent-not-in-project',
    severity: 'warning',
    exit: 1,
    summary:
      'A row of the side file of respondents (data.respondents with a .qdpx) whose id names no case or source of the project; left out and counted as rejected.',
  },
  // Issue 16: filters, banners, run --by, SPSS files.
  FND040: {
    ruleId: 'filter-invalid',
    severity: 'error',
    exit: 2,
    summary:
      'A data.filter condition that is malformed: no column or test, two tests in one condition, all/any mixed with a test, min above max, an empty list.',
  },
  FND041: {
    ruleId: 'banner-invalid',
    severity: 'error',
    exit: 2,
    summary:
      'A banner (banners:, run --by) that cannot group respondents: listed twice, the id, weight or themes column, the segment column after the first place; banners together with weighting.rake.',
  },
  FND240: {
    ruleId: 'spss-unreadable',
    severity: 'error',
    exit: 1,
    summary:
      'An SPSS .sav file that cannot be read (corrupt, truncated, compressed in a way the reader does not know, or not a .sav at all); nothing is read from it.',
  },
  // issue 16: question types.
  FND230: {
    ruleId: 'answer-not-a-level',
    severity: 'error',
    exit: 1,
    summary:
      'An answer to a rating (levels in words), single, nps or multi question that matches none of its levels or options (compared trimmed, without case); nps takes 0 to 10.',
  },
  FND231: { ruleId: 'answer-not-a-number', severity: 'error', exit: 1, summary: 'An answer to a numeric question that is not a number.' },
  FND232: {
    ruleId: 'invalid-option-tick',
    severity: 'error',
    exit: 1,
    summary: "A cell of a multi question's option column that is neither ticked (1, x, Y, yes, true or the option's text) nor blank, 0, n, no or false.",
  },
  FND335: {
    ruleId: 'other-text-column',
    severity: 'warning',
    exit: 1,
    summary:
      'A free-text "other" column among tick columns (a multi question\'s columns, or data.themeColumns by prefix: LimeSurvey [other], "Other (please specify)"); kept out of the ticks.',
  },
} as const satisfies Record<string, Entry>;

export type Code = keyof typeof catalogue;

/** A message of the catalogue: its code, its text and any detail, made by the code's factory in `say`. */
export interface Message {
  code: Code;
  text: string;
  actual?: string;
  expected?: string;
  note?: string;
}

/** Why a file is not XML (parseXml's verdict), for the REFI-QDA readers' messages. */
export type XmlProblem = { kind: 'not-utf8' } | { kind: 'empty' } | { kind: 'malformed'; detail: string } | { kind: 'no-root' };

/** Why an input is not a regular file (FND016). */
export type SpecialFile = 'fifo' | 'character-device' | 'block-device' | 'socket' | 'other';

/** Why a zip (an .xlsx, a .qdpx) is refused, before inflating (checkZipLimits) or after (checkZip). */
export type ZipProblem =
  | { kind: 'too-large'; bytes: number; max: number }
  | { kind: 'zip64'; entry: string }
  | { kind: 'entry-too-large'; entry: string; inflated: number; max: number }
  | { kind: 'total-too-large'; max: number }
  | { kind: 'ratio'; entry: string; compressed: number; inflated: number; max: number }
  | { kind: 'no-directory' }
  | { kind: 'damaged-directory' }
  | { kind: 'damaged'; detail: string }
  | { kind: 'entry-unreadable'; entry: string }
  | { kind: 'checksum'; entry: string };

/** Why a file is not a readable .xlsx workbook (readXlsx, and inspect's sniffing). */
export type WorkbookProblem =
  | { kind: 'old-xls' }
  | { kind: 'empty' }
  | { kind: 'not-zip' }
  | { kind: 'zip'; zip: ZipProblem }
  | { kind: 'unreadable'; detail: string }
  | { kind: 'no-sheets' }
  | { kind: 'no-sheet'; name: string };

/** Why `findings inspect` finds no table in a file (FND201). */
export type NoTable = 'empty-file' | 'no-rows' | 'no-sheet-with-data' | 'empty-sheet';

/** Where the respondents that excerpts may name were read from (KnownRespondents.where). */
export type RespondentSource = { kind: 'data' } | { kind: 'respondent-file'; file: string } | { kind: 'qda'; noun: QdaRespondent; file: string };

/** What a respondent of a REFI-QDA project is: its cases, or, in a project without cases, its sources. */
export type QdaRespondent = 'case' | 'source';

/** Whether a file-system error met a read or a write (FND015). */
export type FileAction = 'read' | 'write';

const q = (text: string) => JSON.stringify(text);
const inConfig = (file: string | null) => (file === null ? '' : ` in ${file}`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const m = (code: Code, text: string, detail: Omit<Message, 'code' | 'text'> = {}): Message => ({ code, text, ...detail });

/**
 * Every message text, keyed by code (after Vega-Lite's src/log/message.ts): a factory, or, for a
 * code raised in several ways, a factory per way. Call sites name the code and give the values;
 * test/messages.test.ts checks that every code has its factory and every factory its code.
 */
export const say = {
  FND006: {
    /** A config key's problem, in the words of the check that found it (the config schema's value checks, a layout's or a question's rules). */
    atKey: (key: string, problem: string) => m('FND006', `${key} ${problem}`),
    noSegmentSource: (source: string) =>
      m('FND006', `segments: the config names no segment source (${source}), so every respondent is in one group; name one, or leave segments out`),
    segmentTwice: (key: string, id: string) => m('FND006', `${key} "${id}" is listed twice`),
    questionIdUsed: (key: string, id: string) => m('FND006', `${key} "${id}" is used by an earlier question`),
    coderFilesNeedRespondents: (key: string, layout: string) =>
      m(
        'FND006',
        `${key}: coder files are respondent rows like the data; with ${layout} data, ${layout === 'qdpx' ? "the project's users are its coders" : 'give each excerpt its coder in data.columns.coder'}`,
      ),
    coderNameUsed: (key: string, coder: string, primary: boolean) =>
      m(
        'FND006',
        `${key} "${coder}" is ${primary ? `also the name of the data's own coder (data.primaryCoder, default "A"); give one of them another name` : 'used by an earlier entry'}`,
      ),
    qdpxQuestions: () => m('FND006', 'questions: a qdpx project holds no closed questions; leave questions out'),
    excerptMulti: () => m('FND006', 'questions: with excerpt data, a multi question is one joined column (column, levels, separator), without "other"'),
    excerptQuestions: () => m('FND006', 'questions: with excerpt data, closed questions are read from data.respondents; name that file'),
    themeColumnsTwice: () =>
      m('FND006', 'data.themeColumns: themes come either from one column (data.columns.themes) or from one column per code; leave one of them out'),
    themeColumnsEmpty: () => m('FND006', 'data.themeColumns needs a prefix or columns (code: column name)'),
    sheetWithoutWorkbook: () => m('FND006', 'data.sheet names a sheet of a workbook; set data.format: xlsx, or leave it out'),
    noTextOptions: (key: string, format: 'xlsx' | 'spss') =>
      m(
        'FND006',
        format === 'xlsx'
          ? `${key}: a workbook (data.format: xlsx) has no text encoding or delimiter; leave it out`
          : `${key}: an SPSS file (data.format: spss) records its own encoding and has no delimiter; leave it out`,
      ),
    trimOrder: (lower: number, upper: number) => m('FND006', `weighting.rake.trim: lower (${lower}) must be below upper (${upper})`),
    initLayout: (layout: string) =>
      m('FND006', `findings init starts rounds of respondent-per-row data; for layout ${layout}, copy the config and point data.path at the new file`),
    initNextRound: (round: string) => m('FND006', `cannot tell the next round after "${round}"; give --id and --round for the new config`),
    initId: (id: string) => m('FND006', `--id "${id}" should be lowercase letters, digits and hyphens`),
    initExists: (file: string) => m('FND006', `${file} already exists; findings init never overwrites a config (choose --out)`),
    previousCycle: (file: string) => m('FND006', `previous: rounds form a cycle back to ${file}`),
    trendOneRound: () => m('FND006', 'a trend needs at least two rounds: give several configs, or one whose previous: rounds lead back'),
    noSheet: (file: string, name: string, sheets: readonly string[]) =>
      m('FND006', `data.sheet: ${file} has no sheet named "${name}" (its sheets: ${sheets.map(q).join(', ')})`),
    primaryCoderUnused: (name: string, coders: readonly string[]) =>
      m(
        'FND006',
        `data.primaryCoder "${name}" coded none of the excerpts (they name ${coders.length === 0 ? 'no coder at all' : `only ${coders.map((c) => `"${c}"`).join(', ')}`})`,
      ),
    segmentVariable: (name: string, file: string, variables: readonly string[]) =>
      m(
        'FND006',
        `data.segmentVariable "${name}" is not a variable of ${file} (its variables: ${variables.length === 0 ? 'none' : variables.map((n) => `"${n}"`).join(', ')})`,
      ),
    segmentSets: (missing: readonly string[], file: string, sets: readonly string[]) =>
      m(
        'FND006',
        `data.segmentSets: ${missing.map((s) => `"${s}"`).join(', ')} ${missing.length === 1 ? 'is not a set' : 'are not sets'} of ${file} (its sets of sources or cases: ${sets.length === 0 ? 'none' : sets.map((s) => `"${s}"`).join(', ')})`,
      ),
  },
  FND007: {
    /** `errno` of the failed read: ENOENT, EISDIR, EACCES, or another (shown as it is). */
    unreadable: (file: string, errno: string) => m('FND007', `cannot read ${file}: ${unreadableWhy[errno] ?? errno}`),
    cannotRead: (file: string) => m('FND007', `cannot read ${file}`),
    /** A file a config key names (data.path, codebook, ...): `folder` when it is a folder, else it does not exist. */
    named: (key: string, value: string, folder: boolean, lookedFor: string) =>
      m('FND007', `${key}: ${value} ${folder ? 'is a folder, not a file' : 'does not exist'} (looked for ${lookedFor})`),
  },
  FND008: {
    /** `configFile`: the config that names the column, when it is not the one being read (findings init). */
    notInHeader: (name: string, key: string, file: string, suggestion: string | null, names: readonly string[], configFile: string | null = null) =>
      m('FND008', `column "${name}" (${key}${inConfig(configFile)}) is not in the header of ${file}${didYouMean(suggestion)}`, {
        expected: name,
        actual: names.join(', '),
      }),
    noPrefix: (file: string, prefix: string, key: string, suggestion: string | null, names: readonly string[] | null, configFile: string | null = null) =>
      m(
        'FND008',
        `no column of ${file} starts with "${prefix}" (${key}${inConfig(configFile)})${didYouMean(suggestion)}`,
        names === null ? {} : { expected: `${prefix}…`, actual: names.join(', ') },
      ),
  },
  FND009: (name: string, key: string, first: number, again: number) =>
    m('FND009', `column "${name}" (${key}) appears more than once in the header (columns ${first} and ${again}); rename one`),
  FND017: (code: string, maxDepth: number, root: string) =>
    m('FND017', `"${code}" is nested ${maxDepth + 1} levels deep under "${root}"; a codebook nests at most ${maxDepth} levels (is the parent column shifted?)`),
  FND020: {
    notInHeader: (column: string, file: string, suggestion: string | null) =>
      m('FND020', `weighting.rake.targets: column "${column}" is not in the header of ${file}${didYouMean(suggestion)}`),
    noSegment: (key: string) =>
      m(
        'FND020',
        `weighting.rake.targets.${key}: the config names no segment source, so there is no segment to rake; name data.columns.segment or leave ${key} out`,
      ),
    layout: (key: string, layout: string) =>
      m('FND020', `weighting.rake.targets.${key}: with ${layout} data only the segment can be raked (respondent rows carry the other columns)`),
    twice: (key: string) =>
      m('FND020', `weighting.rake.targets.${key}: this column already has targets (the segment is "segment" or its column's name, not both)`),
  },
  FND021: (column: string) =>
    m('FND021', `weighting.rake makes the weights from population margins; the weight column "${column}" cannot be used as well: leave one of them out`),
  FND022: {
    shares: (key: string, sum: number) =>
      m('FND022', `weighting.rake.targets.${key}: the shares sum to ${sum}, not 1 (give shares that sum to 1, or counts)`, {
        expected: '1',
        actual: String(sum),
      }),
    totals: (key: string, total: number, firstKey: string, firstTotal: number) =>
      m(
        'FND022',
        `weighting.rake.targets.${key}: the counts sum to ${total}, but those of ${firstKey} to ${firstTotal}; margins of one population have one total`,
        {
          expected: String(firstTotal),
          actual: String(total),
        },
      ),
    empty: (key: string) => m('FND022', `weighting.rake.targets.${key} gives no targets`),
    none: () => m('FND022', 'weighting.rake.targets names no column'),
  },
  FND023: (key: string, category: string, met: readonly string[]) =>
    m('FND023', `weighting.rake.targets.${key}: no respondent has ${q(category)}, so raking cannot give it weight (the data have ${met.map(q).join(', ')})`, {
      actual: met.join(', '),
    }),
  FND024: (key: string, category: string, respondents: number) =>
    m(
      'FND024',
      `weighting.rake.targets.${key} gives no target for ${category === '' ? 'a blank cell' : q(category)}, which ${plural(respondents, 'respondent has', 'respondents have')}; add its target`,
    ),
  FND025: {
    passes: (iterations: number, change: number, tolerance: number) =>
      m(
        'FND025',
        `raking did not converge in ${plural(iterations, 'pass', 'passes')} (the last pass still changed a cell by ${Number(change).toPrecision(3)} of the total, more than the tolerance ${tolerance}); raise weighting.rake.maxIterations or check that the margins can be met together`,
      ),
    missed: (key: string, category: string, achieved: number, target: number) =>
      m(
        'FND025',
        `raking settled without meeting the margins: ${key} ${q(category)} gets ${(achieved * 100).toPrecision(3)}% of the weight against a target of ${(target * 100).toPrecision(3)}%; the margins cannot all be met with these respondents (a category of one column with no respondent in a category of another?)`,
        { expected: String(target), actual: String(achieved) },
      ),
  },
  FND101: {
    noColumn: (required: string, header: readonly string[]) =>
      m('FND101', `the codebook has no "${required}" column`, {
        expected: "code,label[,description,parent,color,statement], or a QDA program's codebook export (tag,description or Code,Memo)",
        actual: header.join(','),
      }),
    unreadableWorkbook: (file: string, problem: WorkbookProblem) => m('FND101', `the codebook ${file} is ${workbookProblemText(problem)}`),
  },
  FND102: (code: string, firstLine: number, firstColumn: number) =>
    m('FND102', `duplicate code "${code}" (first defined at line ${firstLine}, column ${firstColumn})`),
  FND103: (parent: string, code: string, suggestion: string | null) =>
    m('FND103', `parent "${parent}" of "${code}" is not a code in the codebook${didYouMean(suggestion)}`),
  FND104: (cycle: readonly string[]) => m('FND104', `parent links form a cycle: ${cycle.join(' -> ')}`),
  FND105: {
    empty: () => m('FND105', 'empty code'),
    whiteSpace: (code: string) => m('FND105', `code "${code}" contains white space`),
    separator: (code: string, separator: string) => m('FND105', `code "${code}" contains the themes separator "${separator}"`),
  },
  FND106: (color: string, code: string) => m('FND106', `colour "${color}" of "${code}" is not #rgb or #rrggbb`),
  FND107: {
    emptyFile: () => m('FND107', 'the codebook file is empty'),
    noCodes: () => m('FND107', 'the codebook has a header but no codes'),
    qdcNoCodes: () => m('FND107', 'the codebook has no codes'),
    projectNoCodeBook: () => m('FND107', 'the project has no <CodeBook> with codes'),
    projectNoCodes: () => m('FND107', 'the project has no codes'),
  },
  FND108: (fields: number, width: number) => m('FND108', `codebook row has ${fields} fields; the header has ${width}`),
  FND109: {
    notPrevious: (code: string, previousRound: string, suggestion: string | null) =>
      m('FND109', `codebookChanges: "${code}" is not a code of the previous round (${previousRound})${didYouMean(suggestion)}`),
    notCurrent: (code: string, suggestion: string | null) =>
      m('FND109', `codebookChanges: "${code}" is not a code of this round's codebook${didYouMean(suggestion)}`),
  },
  FND201: {
    needsRows: (file: string) => m('FND201', `${file} is empty: it needs a header row and one row per respondent`),
    needsDataRows: (file: string) => m('FND201', `${file} is empty: it needs a header row and data rows`),
    inspected: (file: string, why: NoTable) => m('FND201', `${file}: ${noTableWords[why]}`),
  },
  FND202: {
    noRows: (file: string) => m('FND202', `${file} has a header but no data rows`),
    noCases: (file: string) => m('FND202', `${file} has no cases and no sources: each case (or, without cases, each source) is a respondent`),
  },
  FND203: (fields: number, width: number) => m('FND203', `row has ${plural(fields, 'field')}; the header has ${width}`),
  FND204: {
    row: (id: string, firstLine: number) => m('FND204', `duplicate respondent id${id} (first used on line ${firstLine})`),
    qda: (id: string, noun: QdaRespondent, firstLine: number) =>
      m('FND204', `duplicate respondent id${id}: another ${noun} has the same name (first on line ${firstLine})`),
  },
  FND205: () => m('FND205', 'empty respondent id'),
  FND206: {
    empty: () => m('FND206', 'empty segment'),
    qdaRowHasErrors: (noun: QdaRespondent, id: string, where: RespondentSource, line: number) =>
      m('FND206', `${noun}${id} has no segment: its row in ${respondentSourceText(where)} (line ${line}) has errors`),
    qdaNone: (noun: QdaRespondent, id: string, variable: string | null, sets: boolean, joined: RespondentSource | null) =>
      m(
        'FND206',
        `${noun}${id} has no segment: ${[
          ...(variable === null ? [] : [`no value for the variable "${variable}"`]),
          ...(sets ? ['in none of data.segmentSets'] : []),
          ...(joined === null ? [] : [`not in ${respondentSourceText(joined)}`]),
        ].join(', ')}`,
      ),
  },
  FND207: (code: string, suggestion: string | null, column = false) =>
    m('FND207', `unknown theme "${code}"${didYouMean(suggestion)}${column ? ' (the code of this column under data.themeColumns)' : ''}`),
  FND208: {
    missing: () => m('FND208', 'missing weight'),
    negative: (text: string) => m('FND208', `weight ${q(text)} is negative`),
    notNumber: (text: string) => m('FND208', `weight ${q(text)} is not a number`),
    notFinite: (text: string) => m('FND208', `weight ${q(text)} is not a finite number`),
    zero: () => m('FND208', 'weight is zero; leave the row out or give it a positive weight'),
    outOfRange: (text: string) => m('FND208', `weight ${q(text)} is outside the range findings accepts (1e-9 to 1e9); rescale the weights`),
  },
  FND209: (text: string, question: string, levels: readonly (number | string)[]) =>
    m('FND209', `answer ${q(text)} to "${question}" is not one of its levels (${levels.join(', ')})`),
  FND210: () => m('FND210', 'quoted field is never closed; the rest of the file was read into it'),
  FND211: () => m('FND211', 'a quote inside a quoted field must be doubled ("")'),
  FND212: () => m('FND212', 'NUL byte in a field (a binary file, or UTF-16 without a byte order mark?)'),
  FND213: (utf16: boolean, offset: number) =>
    m(
      'FND213',
      `bytes that are not ${utf16 ? 'valid UTF-16 (an unpaired surrogate or half a code unit)' : 'UTF-8'} at byte offset ${offset} (save the file as UTF-8)`,
    ),
  FND214: (chars: number, max: number) => m('FND214', `a field of ${chars} characters is longer than limits.maxFieldChars (${max})`),
  FND215: (columns: number, max: number) => m('FND215', `the header has ${columns} columns, more than limits.maxColumns (${max}); the file is not read`),
  FND216: (file: string, bytes: number, max: number) =>
    m('FND216', `${file} is ${bytes} bytes, more than limits.maxFileBytes (${max}); raise the limit in the config to read it`),
  FND218: {
    notIn: (id: string, where: RespondentSource) => m('FND218', `respondent${id} is not in ${respondentSourceText(where)}`),
    short: (where: RespondentSource) => m('FND218', `not in ${respondentSourceText(where)}`),
  },
  FND219: (what: 'segment' | 'weight', value: string, first: string, firstLine: number) =>
    m('FND219', `${what} ${q(value)} differs from ${q(first)} given for the same respondent on line ${firstLine}`),
  FND220: () => m('FND220', 'empty coder: every excerpt must name the coder who coded it'),
  FND223: {
    qualtricsNoQuestionRow: () => m('FND223', 'Qualtrics export: the second header row (question text) is missing: the file ends after the first'),
    qualtricsNoImportIdRow: () => m('FND223', `Qualtrics export: ${qualtricsImportIds}, but the file ends before it`),
    qualtricsNoImportId: (column: number, name: string, cell: string) =>
      m(
        'FND223',
        `Qualtrics export: ${qualtricsImportIds}; column ${column} (${name}) has ${q(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell)} (was the row deleted, or the file saved by a spreadsheet?)`,
      ),
    surveyMonkeyOneRow: () => m('FND223', `SurveyMonkey export: ${surveyMonkeyRows}, but the file ends after the first`),
    surveyMonkeyNoOptionRow: (line: number, column: string, value: string) =>
      m('FND223', `SurveyMonkey export: ${surveyMonkeyRows}; line ${line} is a response (${column} ${q(value)}), so the option row is missing`),
    surveyMonkeyEmptyOptionRow: () => m('FND223', `SurveyMonkey export: ${surveyMonkeyRows}; the second row is empty`),
  },
  FND224: (file: string, problem: WorkbookProblem) => m('FND224', `${file} is ${workbookProblemText(problem)}`),
  FND225: (value: string, choice: string | null) =>
    m(
      'FND225',
      `${q(value.length > 40 ? `${value.slice(0, 40)}…` : value)} is not a tick: a one-hot theme cell is 1, x, Y, yes, true${choice === null ? '' : `, ${q(choice)}`} when ticked, and blank, 0 or no when not`,
    ),
  FND320: (what: string, code: string, length: number, max: number) =>
    m('FND320', `the ${what} of "${code.slice(0, 40)}" is ${length} characters; the report shows its first ${max}`),
  FND227: (name: string, codes: readonly string[]) =>
    m('FND227', `"${name}" names ${codes.length} codes: ${codes.map((code) => `"${code}"`).join(', ')}; write the code or its path`),
  FND301: (segment: string) => m('FND301', `segment "${segment}" is not listed under segments: in the config; it is reported after the listed ones`),
  FND302: (cell: string) => m('FND302', `themes cell ${q(cell)} holds only separators; read as no themes`),
  FND303: (segment: string) => m('FND303', `segment "${segment}" is listed in the config but no respondent belongs to it`),
  FND304: (code: string, previousRound: string) =>
    m('FND304', `code "${code}" of ${previousRound} is not in this round's codebook and codebookChanges does not map it; compared as retired`),
  FND305: () => m('FND305', 'a byte order mark inside the file (files joined together?); it was removed'),
  FND306: (cell: number) => m('FND306', `header cell ${cell} is empty; its column cannot be used`),
  FND307: (extra: number) => m('FND307', `row ends with ${plural(extra, 'empty field')} beyond the header (a trailing delimiter); ignored`),
  FND308: {
    warning: () => m('FND308', 'this row repeats the header (files joined together?); it is skipped'),
    ledger: () => m('FND308', 'row repeats the header; skipped'),
  },
  FND309: (coder: string, id: string, where: RespondentSource) =>
    m('FND309', `coder "${coder}" coded respondent${id}, who is not in ${respondentSourceText(where)}; left out of coder agreement`),
  FND310: (themes: readonly string[], masked: readonly string[]) =>
    m(
      'FND310',
      `quote under ${themes.map((code) => `"${code}"`).join(', ')} had ${masked.join(', ')} masked before reporting; check that nothing else identifies the speaker`,
    ),
  FND312: (column: string, value: string) => m('FND312', `unfinished response (${column} ${q(value)}); left out (data.includeUnfinished: true keeps it)`),
  // issue 16: question types.
  FND230: (text: string, question: string, levels: readonly string[], what: 'levels' | 'options') =>
    m('FND230', `answer ${q(text)} to "${question}" is not one of its ${what} (${levels.join(', ')})`),
  FND231: (text: string, question: string) => m('FND231', `answer ${q(text)} to "${question}" is not a number`),
  FND232: (text: string, question: string, option: string) =>
    m('FND232', `cell ${q(text)} of "${question}" option ${q(option)} is neither ticked (1, x, yes, true or ${q(option)}) nor blank, 0 or no`),
  FND335: {
    question: (question: string, column: string) =>
      m(
        'FND335',
        `column ${q(column)} of "${question}" looks like a free-text "other" column; read as its other answers, kept out of the ticks (set other: to say so)`,
      ),
    themes: (column: string) =>
      m('FND335', `column ${q(column)} matches data.themeColumns.prefix but holds free-text "other" answers; kept out of the theme ticks`),
  },
  FND313: (offset: number, byte: number) =>
    m('FND313', `not UTF-8 (byte offset ${offset} is 0x${byte.toString(16).toUpperCase()}), so read as Windows-1252; set data.encoding to say which it is`),
  // The config reader's (config/read-config.ts, config/config-schema.ts).
  FND001: {
    folder: (file: string) => m('FND001', `${file} is a folder, not a survey config file`),
    tooLarge: (file: string, bytes: number, max: number) => m('FND001', `${file} is ${bytes} bytes; a survey config is at most ${max} bytes`),
    unreadable: (file: string, errno: string | undefined) =>
      m('FND001', `cannot read config ${file}: ${errno === 'ENOENT' ? 'no such file' : (errno ?? 'unreadable')}`),
  },
  FND002: {
    /** `problem`: the YAML parser's own first line; `duplicate` when it is a repeated key. */
    yaml: (problem: string, duplicate: boolean) => m('FND002', duplicate ? `duplicate key: ${problem}` : problem),
    tooManyValues: (max: number) => m('FND002', `the config expands to more than ${max} values (anchors and aliases used to blow up its size?)`),
  },
  FND003: (key: string, suggestion: string | null, known: readonly string[]) =>
    m('FND003', `unknown key "${key}"${didYouMean(suggestion)}`, { expected: known.join(', ') }),
  FND004: (key: string, expected: string, actual: string) => m('FND004', `${key} should be ${expected}, not ${actual}`, { expected, actual }),
  FND005: {
    empty: () => m('FND005', 'the config is empty; it needs at least id, codebook and data'),
    missing: (key: string) => m('FND005', `missing required key "${key}"`),
  },
  // The output folder's refusals (claim-output-folder.ts): `flag` is --out (or the command's own), `shown` the path as given.
  FND010: {
    symbolicLink: (flag: string, shown: string) =>
      m('FND010', `${flag} ${shown} is a symbolic link; name the folder itself (findings replaces its output folder whole)`),
    file: (flag: string, shown: string) => m('FND010', `${flag} ${shown} is an existing file, not a folder; findings would replace it: choose a folder name`),
  },
  FND011: {
    isInputOfCommand: (flag: string, shown: string, input: string) =>
      m('FND011', `${flag} ${shown} is an input of this command (${input}); findings never overwrites its inputs: choose another path`),
    isInputOfRun: (flag: string, shown: string) =>
      m('FND011', `${flag} ${shown} is an input of this run; findings never overwrites its inputs: choose a new folder such as reports/<id>`),
    holdsInput: (flag: string, shown: string, input: string) =>
      m('FND011', `${flag} ${shown} holds an input of this run (${input}); findings never overwrites its inputs: choose a new folder such as reports/<id>`),
  },
  FND012: (flag: string, shown: string, which: 'working' | 'above') =>
    m(
      'FND012',
      `${flag} ${shown} is ${which === 'working' ? 'the working folder' : 'a folder above the working folder'}; findings replaces its output folder whole, so it writes only into a folder of its own: choose a new folder such as reports/<id>`,
    ),
  FND013: {
    notOurs: (flag: string, shown: string, holds: string, manifest: string) =>
      m(
        'FND013',
        `${flag} ${shown} is a folder findings did not write (it holds ${holds} and no ${manifest}); findings replaces its output folder whole, so it writes only into a new or empty folder or one holding its own previous report: choose another folder`,
      ),
    foreignFiles: (flag: string, shown: string, foreign: string) =>
      m(
        'FND013',
        `${flag} ${shown} holds a previous report and files findings did not write (${foreign}); replacing the report would delete them: move them out, or choose another folder`,
      ),
  },
  FND014: (holder: number, shown: string) =>
    m('FND014', `another findings run (process ${holder}) is writing ${shown}; nothing written: run again when it is done, or choose another --out`),
  // Issue 13: the texts the file-system checks and the REFI-QDA readers wrote at their call sites.
  FND015: (action: FileAction, file: string, errno: string) => {
    const known = fileSystemMeaning.get(errno);
    const why = known === undefined ? `error ${errno}` : `${known.why} (${errno})`;
    const fix = known === undefined ? 'check the path and the disk' : known.fix(action);
    return m('FND015', `cannot ${action} ${file}: ${why}; ${fix}`);
  },
  FND016: (file: string, kind: SpecialFile) =>
    m('FND016', `${file} is ${specialFileWords[kind]}, not a regular file; findings reads only regular files (save the data to a file first)`),
  FND110: {
    notXml: (problem: XmlProblem) => m('FND110', `not a REFI-QDA codebook: ${xmlProblemText(problem)}`),
    wrongRoot: (root: string) => m('FND110', `not a REFI-QDA codebook: its root element is <${root}>, not <CodeBook>`),
    wrongNamespace: (namespace: string, expected: string) => m('FND110', `not a REFI-QDA codebook: its namespace is "${namespace}", not "${expected}"`),
    noCodes: (file: string) => m('FND110', `${file} has no <Codes> element`),
    unnamedCode: () => m('FND110', '<Code> has no name attribute'),
  },
  FND217: {
    tooLarge: (file: string, problem: ZipProblem) => m('FND217', `${file} is ${zipProblemText(problem)}; it is not read`),
    notZip: (detail: string) => m('FND217', `not a REFI-QDA project: not a zip archive (${detail})`),
    entryTooLarge: (file: string, entry: string, max: number) => m('FND217', `${file}: ${entry} is larger than limits.maxFileBytes (${max}); it is not read`),
    noQde: () => m('FND217', 'not a REFI-QDA project: the archive holds no project.qde'),
    notXml: (qde: string, problem: XmlProblem) => m('FND217', `${qde} is not a REFI-QDA project: ${xmlProblemText(problem)}`),
    wrongRoot: (qde: string, root: string) => m('FND217', `${qde} is not a REFI-QDA project: its root element is <${root}>, not <Project>`),
    wrongNamespace: (qde: string, namespace: string, expected: string) =>
      m('FND217', `${qde} is not a REFI-QDA project: its namespace is "${namespace}", not "${expected}"`),
    notProject: (file: string) => m('FND217', `${file} is not a REFI-QDA project`),
    unnamedCode: () => m('FND217', '<Code> has no name attribute'),
    noSourceText: (source: string, plainTextPath: string) =>
      m('FND217', `the text of source "${source}" is neither in <PlainTextContent> nor in the archive (plainTextPath "${plainTextPath}")`),
  },
  FND221: {
    variable: (guid: string) => m('FND221', `VariableRef ${guid} names no <Variable> of the project`),
    code: (guid: string) => m('FND221', `CodeRef ${guid || '(none)'} names no <Code> of the project's codebook`),
    user: (guid: string) => m('FND221', `creatingUser ${guid} names no <User> of the project`),
  },
  FND222: (start: string, end: string, length: number, source: string) =>
    m('FND222', `selection ${start}–${end} is not within the ${length} characters (code points) of source "${source}"`),
  FND226: (noun: QdaRespondent, id: string, sets: readonly string[]) =>
    m(
      'FND226',
      `${noun}${id} is a member of ${sets.length} of the sets in data.segmentSets (${sets.map((s) => `"${s}"`).join(', ')}), so its segment is unclear`,
    ),
  FND311: (source: string) => m('FND311', `source "${source}" is coded but belongs to no case, so to no respondent; its codings are left out`),
  FND314: (name: string, others: readonly string[], path: string) =>
    m('FND314', `code name "${name}" is also used by ${others.map((o) => `"${o}"`).join(', ')}; this one is told apart by its path, "${path}"`),
  FND315: (id: string, file: string, noun: QdaRespondent, project: string) => m('FND315', `respondent${id} of ${file} is no ${noun} of ${project}; left out`),
  // Issue 16.
  FND040: (key: string, problem: string) => m('FND040', `${key}: ${problem}`),
  FND041: (where: string, problem: string) => m('FND041', `${where}: ${problem}`),
  FND240: (file: string, why: string) => m('FND240', `${file} cannot be read as an SPSS .sav file: ${why}`),
} as const;

/** A diagnostic at a position, from a message of the catalogue. */
export function diagnostic(at: Position, message: Message): Diagnostic {
  const entry = catalogue[message.code];
  const { code, text, ...detail } = message;
  return { code, ruleId: entry.ruleId, severity: entry.severity, message: text, ...at, ...detail };
}

/** A diagnostics sink that keeps what it is given, in order: for printing once a command is done, or replaying later. */
export function collect(): { diagnostics: Diagnostic[]; report(d: Diagnostic): void } {
  const diagnostics: Diagnostic[] = [];
  return { diagnostics, report: (d) => void diagnostics.push(d) };
}

/**
 * Build a diagnostic from the catalogue, the message text written at the call site. Only for the
 * call sites not yet converted to factories in `say` (src/config/read-config.ts,
 * src/config/config-schema.ts, src/output/claim-output-folder.ts); new code uses `diagnostic(at, say...)`.
 */
export function diagnosticWithText(code: Code, at: Position, message: string, extra: { actual?: string; expected?: string; note?: string } = {}): Diagnostic {
  return diagnostic(at, { code, text: message, ...extra });
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

/** The words for why parseXml refused a file. */
function xmlProblemText(problem: XmlProblem): string {
  switch (problem.kind) {
    case 'not-utf8':
      return 'the file is not UTF-8 text';
    case 'empty':
      return 'the file is empty';
    case 'malformed':
      return `not well-formed XML: ${problem.detail}`;
    case 'no-root':
      return 'the document has no root element';
  }
}

/** The words for where respondents were read from: "the data", "the respondent file respondents.csv", "the cases of p.qdpx". */
function respondentSourceText(where: RespondentSource): string {
  switch (where.kind) {
    case 'data':
      return 'the data';
    case 'respondent-file':
      return `the respondent file ${where.file}`;
    case 'qda':
      return `the ${where.noun}s of ${where.file}`;
  }
}

/**
 * The ledger texts of excerpt rows left out with their respondent (under the code of the
 * respondent's own problem): not diagnostics of their own, so not in `say`.
 */
export const leftOutWith = {
  failed: (id: string, text: string, line: number, respondentLine: number) =>
    `left out with respondent${id}: ${text} (line ${line}); respondent row on line ${respondentLine}`,
  because: (id: string, text: string, line: number) => `left out with respondent${id}: ${text} (line ${line})`,
  rowHasErrors: (id: string, where: RespondentSource) => `left out with respondent${id}: its row in ${respondentSourceText(where)} has errors`,
};

/** The words for why a zip is refused: one line, with the entry and the figures. */
function zipProblemText(problem: ZipProblem): string {
  switch (problem.kind) {
    case 'too-large':
      return `${problem.bytes} bytes, more than limits.maxFileBytes (${problem.max})`;
    case 'zip64':
      return `an archive entry ${q(problem.entry)} of 4 GiB or more (zip64)`;
    case 'entry-too-large':
      return `an archive entry ${q(problem.entry)} that inflates to ${problem.inflated} bytes, more than limits.maxFileBytes (${problem.max})`;
    case 'total-too-large':
      return `an archive whose entries inflate to more than limits.maxFileBytes (${problem.max}) together`;
    case 'ratio': {
      const { entry, compressed, inflated, max } = problem;
      return `an archive entry ${q(entry)} that inflates ${Math.round(inflated / Math.max(1, compressed))} times (${compressed} to ${inflated} bytes; a zip bomb?), more than ${max} times`;
    }
    case 'no-directory':
      return 'a zip without its central directory (cut short?)';
    case 'damaged-directory':
      return 'a zip whose central directory is damaged';
    case 'damaged':
      return `a damaged zip (${problem.detail})`;
    case 'entry-unreadable':
      return `a damaged zip (${problem.entry} cannot be read)`;
    case 'checksum':
      return `a damaged zip (${problem.entry} fails its checksum)`;
  }
}

/** The words for why a file is not a readable workbook, after "<file> is". */
function workbookProblemText(problem: WorkbookProblem): string {
  switch (problem.kind) {
    case 'old-xls':
      return 'an old .xls workbook; save it as .xlsx';
    case 'empty':
      return 'an empty file';
    case 'not-zip':
      return 'not a zip file, so not an .xlsx workbook (a CSV renamed?)';
    case 'zip':
      return `${zipProblemText(problem.zip)}, so not a readable .xlsx workbook`;
    case 'unreadable':
      return `not a readable .xlsx workbook (${problem.detail})`;
    case 'no-sheets':
      return 'a workbook without sheets';
    case 'no-sheet':
      return `no sheet named "${problem.name}"`;
  }
}

const noTableWords: Record<NoTable, string> = {
  'empty-file': 'the file is empty',
  'no-rows': 'the file has no rows',
  'no-sheet-with-data': 'the workbook has no sheet with data',
  'empty-sheet': 'the sheet has no rows',
};

const qualtricsImportIds = 'the third header row should hold {"ImportId":"…"} for every column';
const surveyMonkeyRows = 'two header rows are expected, question then option ("Response" or the choice)';

const unreadableWhy: Partial<Record<string, string>> = { ENOENT: 'no such file', EISDIR: 'is a folder', EACCES: 'permission denied' };

const specialFileWords: Record<SpecialFile, string> = {
  fifo: 'a named pipe (FIFO)',
  'character-device': 'a character device',
  'block-device': 'a block device',
  socket: 'a socket',
  other: 'not a regular file',
};

/**
 * What a file-system error means to the person running findings, and what to do about it (issue #20),
 * by errno: every errno the commands can meet while reading or writing (FND015).
 */
const fileSystemMeaning: ReadonlyMap<string, { why: string; fix: (action: FileAction) => string }> = new Map(
  Object.entries({
    ENOSPC: { why: 'the disk is full', fix: () => 'free some space, or write somewhere else' },
    EDQUOT: { why: 'the disk quota is used up', fix: () => 'free some space, or write somewhere else' },
    EROFS: { why: 'the file system is read-only', fix: () => 'choose a folder on a writable disk' },
    EACCES: {
      why: 'permission denied',
      fix: (a) => (a === 'write' ? 'choose a folder you may write to, or change its permissions' : 'check the file permissions'),
    },
    EPERM: {
      why: 'the operation is not permitted',
      fix: (a) => (a === 'write' ? 'choose a folder you may write to, or change its permissions' : 'check the file permissions'),
    },
    ENOTDIR: { why: 'a part of the path is a file, not a folder', fix: () => 'check the path' },
    ELOOP: { why: 'the symbolic links in the path form a loop', fix: () => 'fix or remove the links' },
    ENOENT: { why: 'no such file or folder', fix: (a) => (a === 'write' ? 'create the folder first, or check the path' : 'check the path') },
    EISDIR: { why: 'it is a folder', fix: () => 'name a file' },
    EEXIST: { why: 'it already exists', fix: () => 'choose another name' },
    ENAMETOOLONG: { why: 'the path is too long', fix: () => 'choose a shorter path' },
    EMFILE: { why: 'too many open files', fix: () => 'close other programs and run again' },
    ENFILE: { why: 'too many open files', fix: () => 'close other programs and run again' },
    EIO: { why: 'an input/output error from the disk', fix: () => 'check the disk' },
    EBUSY: { why: 'the file or folder is busy', fix: () => 'close the programs using it and run again' },
    ENOTEMPTY: { why: 'the folder is not empty', fix: () => 'choose another folder' },
    EXDEV: { why: 'it is on another disk than its folder', fix: () => 'choose a folder on the same disk' },
    ETXTBSY: { why: 'the file is busy', fix: () => 'close the programs using it and run again' },
  }),
);

/** "did you mean" text for a suggestion, or the empty string. */
function didYouMean(suggestion: string | null): string {
  return suggestion === null ? '' : ` (did you mean "${suggestion}"?)`;
}
