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

const q = (text: string) => JSON.stringify(text);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const m = (code: Code, text: string, detail: Omit<Message, 'code' | 'text'> = {}): Message => ({ code, text, ...detail });

/**
 * Every message text, keyed by code (after Vega-Lite's src/log/message.ts): a factory, or, for a
 * code raised in several ways, a factory per way. Call sites name the code and give the values;
 * test/messages.test.ts checks that every code has its factory and every factory its code.
 */
export const say = {
  FND006: {
    initLayout: (layout: string) =>
      m('FND006', `findings init starts rounds of respondent-per-row data; for layout ${layout}, copy the config and point data.path at the new file`),
    initNextRound: (round: string) => m('FND006', `cannot tell the next round after "${round}"; give --id and --round for the new config`),
    initId: (id: string) => m('FND006', `--id "${id}" should be lowercase letters, digits and hyphens`),
    initExists: (file: string) => m('FND006', `${file} already exists; findings init never overwrites a config (choose --out)`),
    previousCycle: (file: string) => m('FND006', `previous: rounds form a cycle back to ${file}`),
    trendOneRound: () => m('FND006', 'a trend needs at least two rounds: give several configs, or one whose previous: rounds lead back'),
    noSheet: (file: string, what: string, sheets: readonly string[]) =>
      m('FND006', `data.sheet: ${file} has ${what} (its sheets: ${sheets.map(q).join(', ')})`),
    primaryCoderUnused: (name: string, met: string) => m('FND006', `data.primaryCoder "${name}" coded none of the excerpts (they name ${met})`),
  },
  FND007: {
    unreadable: (file: string, why: string) => m('FND007', `cannot read ${file}: ${why}`),
  },
  FND008: {
    notInHeader: (name: string, key: string, file: string, suggestion: string | null, names: readonly string[]) =>
      m('FND008', `column "${name}" (${key}) is not in the header of ${file}${didYouMean(suggestion)}`, { expected: name, actual: names.join(', ') }),
    noPrefix: (file: string, prefix: string, key: string, suggestion: string | null, names: readonly string[] | null) =>
      m(
        'FND008',
        `no column of ${file} starts with "${prefix}" (${key})${didYouMean(suggestion)}`,
        names === null ? {} : { expected: `${prefix}…`, actual: names.join(', ') },
      ),
  },
  FND009: (name: string, key: string, first: number, again: number) =>
    m('FND009', `column "${name}" (${key}) appears more than once in the header (columns ${first} and ${again}); rename one`),
  FND017: (code: string, maxDepth: number, root: string) =>
    m('FND017', `"${code}" is nested ${maxDepth + 1} levels deep under "${root}"; a codebook nests at most ${maxDepth} levels (is the parent column shifted?)`),
  FND101: {
    noColumn: (required: string, header: readonly string[]) =>
      m('FND101', `the codebook has no "${required}" column`, {
        expected: "code,label[,description,parent,color,statement], or a QDA program's codebook export (tag,description or Code,Memo)",
        actual: header.join(','),
      }),
    unreadableWorkbook: (file: string, what: string) => m('FND101', `the codebook ${file} is ${what}`),
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
  },
  FND108: (fields: number, width: number) => m('FND108', `codebook row has ${fields} fields; the header has ${width}`),
  FND109: {
    notPrevious: (code: string, previousRound: string, suggestion: string | null) =>
      m('FND109', `codebookChanges: "${code}" is not a code of the previous round (${previousRound})${didYouMean(suggestion)}`),
    notCurrent: (code: string, suggestion: string | null) =>
      m('FND109', `codebookChanges: "${code}" is not a code of this round's codebook${didYouMean(suggestion)}`),
  },
  FND201: {
    needsRows: (file: string, what = 'one row per respondent') => m('FND201', `${file} is empty: it needs a header row and ${what}`),
    inspected: (file: string, what: string) => m('FND201', `${file}: ${what}`),
  },
  FND202: (file: string) => m('FND202', `${file} has a header but no data rows`),
  FND203: (fields: number, width: number) => m('FND203', `row has ${plural(fields, 'field')}; the header has ${width}`),
  FND204: (id: string, firstLine: number) => m('FND204', `duplicate respondent id${id} (first used on line ${firstLine})`),
  FND205: () => m('FND205', 'empty respondent id'),
  FND206: () => m('FND206', 'empty segment'),
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
    notIn: (id: string, where: string) => m('FND218', `respondent${id} is not in ${where}`),
    short: (where: string) => m('FND218', `not in ${where}`),
  },
  FND219: (what: 'segment' | 'weight', value: string, first: string, firstLine: number) =>
    m('FND219', `${what} ${q(value)} differs from ${q(first)} given for the same respondent on line ${firstLine}`),
  FND220: () => m('FND220', 'empty coder: every excerpt must name the coder who coded it'),
  FND223: (platform: string, why: string) => m('FND223', `${platform} export: ${why}`),
  FND224: (file: string, what: string) => m('FND224', `${file} is ${what}`),
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
  FND309: (coder: string, id: string, where: string) =>
    m('FND309', `coder "${coder}" coded respondent${id}, who is not in ${where}; left out of coder agreement`),
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
} as const;

/** A diagnostic at a position, from a message of the catalogue. */
export function diagnostic(at: Position, message: Message): Diagnostic {
  const entry = catalogue[message.code];
  const { code, text, ...detail } = message;
  return { code, ruleId: entry.ruleId, severity: entry.severity, message: text, ...at, ...detail };
}

/**
 * Build a diagnostic from the catalogue, the message text written at the call site. For the codes
 * not yet given factories in `say` (the config's, FND001–FND006, and the REFI-QDA readers'); new
 * code uses `diagnostic(at, say...)`.
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

/** "did you mean" text for a suggestion, or the empty string. */
export function didYouMean(suggestion: string | null): string {
  return suggestion === null ? '' : ` (did you mean "${suggestion}"?)`;
}
