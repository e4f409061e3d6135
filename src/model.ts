/**
 * The shared nouns of findings. Words from the field, used the same way everywhere:
 *
 * - respondent: one interviewee or survey taker (one row of respondent-per-row data);
 * - segment: the stakeholder group a respondent belongs to (funder, nonprofit, ...);
 * - round: one wave of the survey (2014, 2015, ...);
 * - theme: a code of the codebook; a respondent "mentions" a theme when its code (or a descendant's)
 *   appears in their themes cell at least once;
 * - base: the denominator of a percentage; weight: a respondent's survey weight (1 when absent).
 *
 * The results types at the bottom are the public `results.json` contract (../shared/CONTRACT.md).
 */

// ---------------------------------------------------------------------------------------------
// Diagnostics

export type Severity = 'error' | 'warning';

/** A problem in the user's input, as a value (after unified's vfile-message). Lines and columns are 1-based. */
export interface Diagnostic {
  /** Stable code from the catalogue in src/messages.ts, e.g. "FND201". */
  code: string;
  /** The rule's kebab-case name, e.g. "unknown-theme". */
  ruleId: string;
  severity: Severity;
  message: string;
  /** Path as the user wrote it or relative to the working directory; never machine-absolute in reports. */
  file: string;
  line: number;
  column: number;
  actual?: string;
  expected?: string;
  note?: string;
}

/** Where diagnostics go. Passed in explicitly; there is no global logger. */
export interface DiagnosticSink {
  report(diagnostic: Diagnostic): void;
}

/** A position in a file, 1-based. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

// ---------------------------------------------------------------------------------------------
// Codebook

export interface Theme {
  code: string;
  label: string;
  description: string;
  /** Code of the parent theme, or null for a top-level theme. */
  parent: string | null;
  /** CSS colour (#rrggbb) or null to let the chart palette choose. */
  color: string | null;
  /** Optional verb phrase for sentences: "asked how the collaborative would be structured". */
  statement: string | null;
  /** issue 14: the code as a REFI-QDA codebook had it (its GUID and name), kept for `codebook --qdc`. */
  qda?: { guid: string; name: string };
}

/** issue 14: a REFI-QDA set of codes (a code group), kept for the report and `codebook --qdc`. */
export interface CodeGroup {
  name: string;
  guid: string;
  description: string;
  /** Codes of the codebook, in codebook order. */
  codes: string[];
}

export interface Codebook {
  /** Themes in codebook order (the order of the file), parents and children alike. */
  themes: Theme[];
  /** Index of each code in `themes`. */
  index: ReadonlyMap<string, number>;
  /** For each theme index, the indexes of the theme and all its ancestors (roll-up targets). */
  rollup: readonly (readonly number[])[];
  /** issue 14: sets of codes of a REFI-QDA codebook (absent for other codebooks). */
  groups?: CodeGroup[];
}

// ---------------------------------------------------------------------------------------------
// Survey config (normalized; paths absolute)

export interface SegmentConfig {
  id: string;
  label: string;
  /** Plural noun for sentences ("funders"); defaults from the label. */
  plural: string;
  /** Extension: singular noun for quote attributions ("— a funder"); default made from `plural`. */
  singular?: string;
}

export interface QuestionConfig {
  id: string;
  column: string;
  label: string;
  levels: number[];
  labels: string[];
  /** How many of the highest levels make the top box. */
  topBox: number;
  // issue 16: question types. `levels` are the scores (ascending), `keys` the answer texts of the
  // same levels (matched to cells trimmed and case-insensitively); for `multi` the options.
  type: QuestionType;
  keys: string[];
  /** How many of the lowest levels make the bottom box (rating). */
  bottomBox: number;
  /** rating: reverse-scored (the config's first level scores highest). */
  reverse: boolean;
  /** Whether the levels were given as words (answers are matched as text, read through papaparse). */
  words: boolean;
  /** multi: one column per option (in option order); empty when the options are joined in `column`. */
  optionColumns: string[];
  /** multi: a free-text "other" column kept out of the ticks, or null. */
  other: string | null;
  /** multi with one joined cell: what joins the options. */
  separator: string;
}

/** issue 16: `questions[].type`. */
export type QuestionType = 'rating' | 'single' | 'multi' | 'nps' | 'numeric';

export interface ReliabilityConfig {
  coder: string;
  path: string;
  displayPath: string;
}

/** Programs whose exports findings reads (respondents layout). */
export type DataFormat = 'csv' | 'qualtrics' | 'surveymonkey' | 'kobo' | 'limesurvey' | 'xlsx' | 'spss';

/** Text encodings of a data file. */
export type DataEncoding = 'utf-8' | 'utf-16' | 'windows-1252';

/**
 * One-hot theme columns: every column whose name starts with `prefix` (the code is the rest of the
 * name, without a closing "]" when the prefix ends in "["), and/or the listed code → column pairs.
 */
export interface ThemeColumns {
  prefix: string | null;
  columns: { code: string; column: string }[];
}

/** Data layouts: one respondent per row, one coded excerpt per row, or a REFI-QDA project (.qdpx). */
export type DataLayout = 'respondents' | 'excerpts' | 'qdpx';

/** Columns of excerpt-per-row data (one coded excerpt per row). */
export interface ExcerptColumns {
  id: string;
  /** One code, or codes joined by `separator`; empty means "read, nothing coded". */
  code: string;
  text: string;
  coder: string | null;
  segment: string | null;
  weight: string | null;
}

/** A respondent file joined to excerpt data by id (`data.respondents`). */
export interface RespondentTable {
  path: string;
  displayPath: string;
  columns: { id: string; segment: string; weight: string | null };
  delimiter: string | null;
}

/** An excerpt file beside respondent-per-row data, used for quotes only (`data.excerpts`). */
export interface ExcerptTable {
  path: string;
  displayPath: string;
  columns: { id: string; code: string; text: string; coder: string | null };
  delimiter: string | null;
}

/** `quotes:` — what goes into the report's quotes and how it is de-identified. */
export interface QuotesConfig {
  enabled: boolean;
  /** Up to this many quotes per theme. */
  perTheme: number;
  /** Names and organisations masked as "[name]" (case-insensitive, whole words). */
  mask: string[];
}

/** One entry of `codebookChanges`: how codes of the previous round map onto this round's codebook. */
export interface CodebookMapping {
  kind: 'renamed' | 'merged' | 'split' | 'retired';
  /** Previous round's codes. */
  from: string[];
  /** This round's codes (empty for retired). */
  to: string[];
  /** Where the entry is written in the config. */
  at: Position;
}

/** A codebook entry as read (ingest/read-codebook.ts, read-qdc.ts, read-qdpx.ts), before validateCodebook. */
export interface RawTheme {
  code: string;
  label: string;
  description: string;
  parent: string;
  color: string;
  statement: string;
  /** Positions of the code, parent and color cells. */
  at: { code: Position; parent: Position; color: Position };
  /** issue 14: the REFI-QDA code's GUID and name, when it came from a .qdc or .qdpx. */
  qda?: { guid: string; name: string };
}

/** A codebook file read: its entries and the bytes and SHA-256 of the file. */
export interface CodebookFile {
  entries: RawTheme[];
  /** issue 14: REFI-QDA sets of codes, by GUID of their member codes (resolved to codes by validateCodebook). */
  groups?: { name: string; guid: string; description: string; members: string[] }[];
  bytes: number;
  sha256: string;
}

/** A problem papaparse or the decoder found in a data row (ingest/read-csv.ts). */
export interface CsvProblem {
  /** unfinished: a response the survey platform marks unfinished (added by readData, not by parsing). */
  kind: 'unterminated-quote' | 'malformed-quote' | 'nul-byte' | 'invalid-encoding' | 'field-too-large' | 'stray-bom' | 'unfinished';
  /** Index of the row in its batch. */
  row: number;
  /** The cell, and the character offset in it, where the problem is (when known). */
  cell?: number;
  offset?: number;
  /** invalid-encoding: byte offset of the bad sequence in the file. field-too-large: the field's length. */
  value?: number;
  /** invalid-encoding: the encoding the bytes are not valid in (utf-8, utf-16le, utf-16be). */
  encoding?: string;
}

export interface CsvBatch {
  /** Data rows (never blank lines), cells as text. */
  rows: string[][];
  /** 1-based line on which each row starts. */
  lines: number[];
  /** Parse problems, by row index in this batch. */
  problems: CsvProblem[];
  /**
   * 1-based line and column (UTF-16 units) of a cell, or of the character `offset` into its value
   * (doubled quotes before the offset are not counted). A cell past the end gives the last cell.
   */
  locate(row: number, cell: number, offset?: number): { line: number; column: number };
}

/** Where the configured columns stand in the data's header (ingest/read-respondents.ts resolveColumns). */
export interface DataColumns {
  id: number;
  segment: number;
  /** -1 without a weight column. */
  weight: number;
  themes: number;
  /** One-hot theme columns (data.themeColumns): each column's index, the code it stands for and its choice text. */
  themeColumns?: { index: number; code: string; choice: string | null }[];
  /** Column of each configured question, in config order (-1 for a multi question read from option columns). */
  questions: number[];
  /** Issue 15: column of each non-segment margin of weighting.rake, in margin order (absent without). */
  rake?: number[];
  /** issue 16: per question, its option columns (multi with one column per option) or null; and its "other" column or -1. */
  optionColumns?: ({ index: number; texts: string[] }[] | null)[];
  otherColumns?: number[];
  /** Number of fields in the header. */
  width: number;
  /** The header's cells, to recognise a repeated header row. */
  header: string[];
  /** Issue 16: data.filter compiled against this header: true when the row is kept (absent: every row). */
  keep?: (row: readonly string[]) => boolean;
  /** Issue 16: the column of each banner after the segment (SurveyConfig.banners), in order. */
  banners?: number[];
}

/** One round analysed: its config, its codebook and its results (pipeline.ts analyzeRound; report/render-report.ts takes it). */
export interface Analysis {
  config: SurveyConfig;
  codebook: Codebook;
  results: Results;
}

export interface SurveyConfig {
  /** Absolute path of the config file, and the path as given by the user (for messages). */
  file: string;
  displayFile: string;
  /** Size and SHA-256 of the config file's bytes. */
  hash: { bytes: number; sha256: string };
  /** Where each key's value stands in the file (`data.columns.id`, `questions[0].column`), recorded when the YAML was parsed. */
  positions: ReadonlyMap<string, { line: number; column: number }>;
  id: string;
  title: string;
  round: string;
  /** Absolute path of the previous round's config, or null. */
  previous: string | null;
  codebook: { path: string; displayPath: string };
  data: {
    /** Extension: how the data file is laid out (default 'respondents'). */
    layout: DataLayout;
    path: string;
    displayPath: string;
    /**
     * Respondent-level columns. For the respondents layout, the data file's columns; for the
     * excerpts layout, the id column and the segment and weight columns wherever they are read
     * (`themes` is ''); for qdpx, all '' and weight null.
     */
    columns: { id: string; segment: string; weight: string | null; themes: string };
    /** Excerpts layout: the excerpt file's columns; null otherwise. */
    excerptColumns: ExcerptColumns | null;
    /** Excerpts layout: respondents joined by id for segment, weight and closed questions. */
    respondents: RespondentTable | null;
    /** Respondents layout: an excerpt file for quotes only. */
    excerpts: ExcerptTable | null;
    /** Whose codes make the tallies when the data name coders; with respondent rows, the name of the data's own coder (default "A"). */
    primaryCoder: string | null;
    /** qdpx layout: the case variable (or, when the sources are the respondents, source variable) holding the segment. */
    segmentVariable: string | null;
    /** qdpx layout (issue 14): sets whose membership gives the segment (the set's name), after segmentVariable. */
    segmentSets: string[];
    /**
     * Where the segment comes from (issue 14): 'none' when the config names no segment source; then
     * every respondent is in the one group ALL_SEGMENT, and no segment test is made.
     */
    segmentFrom: 'column' | 'variable' | 'sets' | 'file' | 'none';
    separator: string;
    /** CSV field delimiter; null means detect (comma, semicolon, tab). */
    delimiter: string | null;
    /** Extension: which program wrote the file (default 'csv'); see src/ingest/formats/. */
    format?: DataFormat;
    /** Extension: the text encoding; null detects it (byte order mark, else UTF-8 if valid, else Windows-1252 with a warning). */
    encoding?: DataEncoding | null;
    /** Extension (xlsx): the sheet to read by name; null reads the first sheet. */
    sheet?: string | null;
    /** Extension (qualtrics, limesurvey): keep responses the platform marks unfinished (default false: excluded, counted as rejected). */
    includeUnfinished?: boolean;
    /** Extension: one column per theme code (ticked or not) instead of a delimited themes column. */
    themeColumns?: ThemeColumns | null;
    /** Issue 16: which rows the analysis keeps (data.filter); null keeps every row. */
    filter?: RowFilter | null;
  };
  /** Issue 16: the grouping columns after the segment (config `banners:`), each with its own by-group figures. */
  banners?: { column: string; key: string }[];
  /** Configured segments in report order; segments met in the data but not listed follow in order of appearance. */
  segments: SegmentConfig[];
  /** Extension: mapping of the previous round's codes onto this round's codebook. */
  codebookChanges: CodebookMapping[];
  questions: QuestionConfig[];
  reliability: ReliabilityConfig[];
  /** Extension: resource limits, so a hostile or broken file fails with a message, not by exhausting memory. */
  limits: { maxFileBytes: number; maxFieldChars: number; maxColumns: number };
  /** Extension: how respondent ids appear in every output (messages, results.json, reports). */
  privacy: { respondentIds: 'show' | 'hash' | 'omit' };
  /** Extension: quotes in the report. */
  quotes: QuotesConfig;
  /** Extension (issue 17): how the study was done, for the methods appendix (config `study:`); null where not given. */
  study: { fieldworkStart: string | null; fieldworkEnd: string | null; recruitment: string | null; invited: number | null };
  report: {
    confidence: number;
    minBase: number;
    /** How many key findings open the report. */
    keyFindings: number;
    /** Significance level for segment tests and changes, on the BH-adjusted p. */
    alpha: number;
    /** Segment tests are skipped (with a reason) above this many segments. */
    maxTestSegments: number;
    /** Free text printed under the title, e.g. that the data are synthetic. */
    note: string | null;
    /** Extension (issue 18): the files a run writes; default html, md, json, csv. */
    formats: ReportFormat[];
    /** The weighted estimate as the headline figure; null: yes when a weight column exists. */
    weighted: boolean | null;
    /** Extension (issue 17): a theme and a closed question that measure the same idea; the summary states both in one sentence. */
    pairs: { theme: string; question: string }[];
  };
  /** Extension (issue 15): weights made from population margins (`weighting.rake`); null without. */
  weighting: { rake: RakeConfig | null };
}

/** Issue 15: `weighting.rake`, raking (iterative proportional fitting) to population margins. */
export interface RakeConfig {
  /** One margin per column, in config order. */
  margins: RakeMarginConfig[];
  /** survey::rake's `epsilon`: the largest change of a cell of the joint table in a pass, as a share of the total weight. */
  tolerance: number;
  /** survey::rake's `maxit`. */
  maxIterations: number;
  /** Bounds on the final weights (survey::trimWeights, strict), or null. */
  trim: { lower: number | null; upper: number | null } | null;
}

export interface RakeMarginConfig {
  /** The key under weighting.rake.targets: `segment`, the segment column's name, or another column of the data. */
  key: string;
  /** True for the segment margin (its categories are segment ids). */
  segment: boolean;
  /** The data column read (the segment column's name for the segment margin). */
  column: string;
  /** 'shares' (every target at most 1, summing to 1) or 'counts'. */
  kind: 'shares' | 'counts';
  targets: { category: string; value: number }[];
}

/** Issue 15: results.weighting, how raked weights were made and what they achieved. */
export interface WeightingResult {
  method: 'rake';
  /** Population total the weights sum to: the counts' total, or with shares only, the respondents used. */
  total: number;
  margins: {
    column: string;
    segment: boolean;
    kind: 'shares' | 'counts';
    categories: { category: string; respondents: number; target: number; targetShare: number; achieved: number; achievedShare: number }[];
  }[];
  tolerance: number;
  maxIterations: number;
  iterations: number;
  converged: boolean;
  trim: { lower: number | null; upper: number | null; trimmed: number } | null;
  weights: { min: number; max: number };
  /** Kish: 1 + cv(w)^2 = n Σw² / (Σw)². */
  designEffect: number;
  /** (Σw)² / Σw². */
  effectiveBase: number;
}

/** A report format `report.formats` and the run flags ask for (issue 18). */
export type ReportFormat = 'html' | 'md' | 'json' | 'csv' | 'docx' | 'pptx' | 'xlsx' | 'png';

// ---------------------------------------------------------------------------------------------
// Rows between stages. Ingest yields raw rows with positions; validation yields ValidRespondent,
// a distinct branded type, so tallying cannot be handed unvalidated rows.

declare const validated: unique symbol;

export interface ValidRespondent {
  readonly [validated]: true;
  id: string;
  /** Index into the run's segment list. */
  segment: number;
  weight: number;
  /** Sorted, de-duplicated theme indexes after roll-up to ancestors. */
  themes: Uint32Array;
  /** Per answer slot (one per question, one per option of a multi question), the answer's index in `levels`, or -1 when blank. */
  answers: Int32Array;
  /** Issue 15: the respondent's category in each non-segment column of weighting.rake, in margin order (absent without). */
  rake?: readonly string[];
  /** Issue 16: per banner after the segment, the index of the respondent's group (present only with banners). */
  banners?: Int32Array;
  /** issue 16: per answer slot, the value of a numeric question (NaN elsewhere or blank); absent without numeric questions. */
  numbers?: Float64Array;
}

/**
 * A validated respondent given as parts in arrays shared with other rows (the fast reader's rows,
 * which have no object of their own): its themes are themes[themeStart, themeEnd), its answers
 * answers[answerStart, answerStart + questions). Only valid during the call it is handed to.
 */
export interface ValidRow {
  readonly [validated]: true;
  segment: number;
  weight: number;
  themes: ArrayLike<number>;
  themeStart: number;
  themeEnd: number;
  answers: ArrayLike<number>;
  answerStart: number;
  /** The row's line in its file. */
  line: number;
  /** The respondent id (decoded when asked: the fast reader keeps ids as bytes). */
  id(): string;
  /** A respondent of its own, to keep beyond the call. */
  respondent(): ValidRespondent;
}

/**
 * Where every source of respondents (the fast CSV reader, papaparse, platform formats, workbooks,
 * excerpts, REFI-QDA projects) delivers what it validated: the one consumer of the read path
 * (ingest/read-source.ts). Rejected rows go to the validator's ledger, never here.
 */
export interface RespondentConsumer {
  /** A validated respondent. */
  respondent(respondent: ValidRespondent): void;
  /** A validated row as parts (see ValidRow). */
  row(row: ValidRow): void;
  /**
   * Every data row's id and line as read, valid or not, for what is joined to the data by id
   * afterwards (quotes, coder agreement). Absent when nothing is joined, so no id is decoded.
   */
  seen?: (id: string, line: number) => void;
  /** Issue 19: as `seen`, for an id the fast reader holds as UTF-8 in bytes[start, end): no string is decoded. */
  seenBytes?: (bytes: Uint8Array, start: number, end: number, line: number) => void;
  /** Issue 19: about how many ids, of about how many bytes each, the file holds (the fast reader's estimate), so that what keeps them is sized once. */
  expectIds?: (n: number, bytesEach: number) => void;
}

// ---------------------------------------------------------------------------------------------
// results.json, schemaVersion 1 (../shared/CONTRACT.md). Undefined figures are null, never NaN.

export type Interval = [number, number];

export interface WeightedProportion {
  proportion: number | null;
  se: number | null;
  ci: Interval | null;
}

export interface SegmentThemeResult {
  segment: string;
  respondents: number;
  base: number;
  proportion: number | null;
  ci: Interval | null;
  lowBase: boolean;
  /** Extension: the weighted figures for the segment as a domain (null without a weight column). */
  weighted: WeightedProportion | null;
}

export interface SegmentTest {
  /** Extension: 'fisher-monte-carlo' when the exact test is too large to enumerate (see replicates). */
  method: 'chi-square' | 'fisher' | 'fisher-monte-carlo' | 'rao-scott' | null;
  statistic: number | null;
  df: number | null;
  p: number | null;
  pAdjusted: number | null;
  /** Extension: why the test is undefined, when p is null. */
  reason?: string;
  /** Extension: random tables drawn, for 'fisher-monte-carlo'. */
  replicates?: number;
  /** Extension: the seed of the random stream (mulberry32, from the table's cells), for 'fisher-monte-carlo'. */
  seed?: number;
  /** Extension: for 'rao-scott' (statistic is its F), the F distribution's numerator and denominator degrees of freedom. */
  ndf?: number;
  ddf?: number;
}

export interface ThemeResult {
  code: string;
  label: string;
  parent: string | null;
  /** Extension: codebook colour and description, for notebooks and charts. */
  color: string | null;
  description: string;
  respondents: number;
  base: number;
  proportion: number | null;
  ci: Interval | null;
  weighted: WeightedProportion | null;
  bySegment: SegmentThemeResult[];
  /** null when the data have fewer than two segments. */
  segmentTest: SegmentTest | null;
  /**
   * Extension (CONTRACT.md, Additions): every pair of segments with respondents, compared by a
   * two-proportion test with BH within the theme (pairwise.prop.test(x, n, p.adjust.method = "BH",
   * correct = FALSE)); a pair with a low base is listed with null p and a reason. [] with fewer than
   * two segments.
   */
  pairwise?: PairwiseComparison[];
  /** Extension (issue 15): with the weighted segment test (report.weighted), the pairs compared on the weighted table by Rao–Scott; absent otherwise. */
  weightedPairwise?: WeightedPairwiseComparison[];
}

/** One pair of segments of a theme: b's share minus a's. */
export interface PairwiseComparison {
  a: string;
  b: string;
  difference: number | null;
  p: number | null;
  pAdjusted: number | null;
  /** Why p is null: a low base (not tested) or no variation in the pair. */
  reason: string | null;
}

/**
 * Issue 15: a pair of segments compared on the weighted table (report.weighted): the second-order
 * Rao–Scott test of theme × segment on the pair's subset of the design,
 * `svychisq(~theme + segment, subset(design, segment %in% c(a, b)))`, BH within the theme over the
 * pairs tested; `difference` is b's weighted share − a's.
 */
export interface WeightedPairwiseComparison extends PairwiseComparison {
  method: 'rao-scott';
  /** The F statistic, its ndf and ddf; null where p is. */
  statistic: number | null;
  ndf: number | null;
  ddf: number | null;
}

export interface RejectedRow {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

export interface QuestionSegmentResult {
  segment: string;
  base: number;
  missing: number;
  mean: number | null;
  /** null for single, multi and numeric questions (issue 16). */
  topBox: { respondents: number; proportion: number | null; ci: Interval | null } | null;
  lowBase: boolean;
  /** issue 16: rating bottom box and net, NPS; null where the type has none. */
  bottomBox?: { respondents: number; proportion: number | null; ci: Interval | null } | null;
  net?: number | null;
  nps?: number | null;
}

/** issue 16: a weighted proportion over answered rows: svymean, svyciprop(method = "logit"). */
export interface WeightedShare {
  proportion: number | null;
  se: number | null;
  ci: Interval | null;
}

/**
 * issue 16: a difference of two shares of one multinomial sample (NPS = promoters − detractors,
 * net = top box − bottom box), its standard error sqrt((p1 + p2 − (p1 − p2)²) / n) and Wald interval.
 */
export interface NetScore {
  /** On the proportion scale (−1 to 1); the report states it ×100 for NPS. */
  score: number | null;
  se: number | null;
  ci: Interval | null;
  method: 'multinomial-wald';
  /** With weights: the weighted score (svymean of y = +1, −1, 0), its linearization SE and normal interval. */
  weighted: { score: number | null; se: number | null; ci: Interval | null } | null;
}

/** issue 16: one option of a single or multi question (or one level of a rating), with its share of the answered base. */
export interface OptionResult {
  key: string;
  label: string;
  respondents: number;
  proportion: number | null;
  ci: Interval | null;
  weighted: WeightedShare | null;
  /** multi: chi-square / Fisher of this option ticked × segment, pAdjusted by BH over the question's options; null otherwise. */
  segmentTest: SegmentTest | null;
}

export interface QuestionResult {
  id: string;
  label: string;
  base: number;
  missing: number;
  /** Keys are the configured levels as strings, every level present (0 when nobody chose it). */
  counts: Record<string, number>;
  /** Extension: level labels in level order (issue 16: `key`, the answer text, names the level in `counts`; single and multi: `level` is the option's position). */
  levels: { level: number; label: string; key?: string }[];
  mean: number | null;
  median: number | null;
  sd: number | null;
  /** null for single, multi and numeric questions (issue 16). */
  topBox: { respondents: number; proportion: number | null; ci: Interval | null; levels: number[] } | null;
  weighted: {
    mean: number | null;
    se: number | null;
    /** issue 16: weighted top and bottom box (rating). */
    topBox?: WeightedShare;
    bottomBox?: WeightedShare;
  } | null;
  /** Extension: the same figures per segment. */
  bySegment: (QuestionSegmentResult & { counts: Record<string, number> })[];
  // issue 16: question types and their figures; null where the type has none.
  type?: QuestionType;
  reverse?: boolean;
  bottomBox?: { respondents: number; proportion: number | null; ci: Interval | null; levels: number[] } | null;
  /** rating: top box − bottom box. */
  net?: NetScore | null;
  /** nps: promoters (9–10), passives (7–8), detractors (0–6) and the score. */
  nps?: {
    promoters: number;
    passives: number;
    detractors: number;
    score: NetScore;
  } | null;
  /** single and multi: each option's share of the answered base (multi: of those who answered the question). */
  options?: OptionResult[] | null;
  /** single (options × segment) and rating (top box × segment): chi-square, or Fisher's exact test when an expected count is below 5. */
  segmentTest?: SegmentTest | null;
  /** numeric: min, max, and the t interval of the mean. */
  numeric?: { min: number | null; max: number | null; ci: Interval | null } | null;
  /** multi: the free-text "other" column, kept out of the options: who wrote something in it. */
  other?: { column: string; respondents: number } | null;
}

export interface CooccurrenceResult {
  a: string;
  b: string;
  respondents: number;
  jaccard: number | null;
}

/** One round's side of a comparison. */
export interface RoundFigure {
  /** null for a round in which the code did not exist (status 'new' or 'retired'). */
  respondents: number | null;
  base: number;
  proportion: number | null;
}

/** A two-proportion comparison, current minus previous (CONTRACT.md: prop.test(c(x2, x1), c(n2, n1), correct = FALSE)). */
export interface ChangeFigure {
  previous: RoundFigure;
  current: RoundFigure;
  /** current.proportion − previous.proportion; null when either base is 0. */
  difference: number | null;
  /** Wald interval of the difference. */
  ci: Interval | null;
  z: number | null;
  p: number | null;
  /** Benjamini–Hochberg across the themes of the same table (overall, or one segment). */
  pAdjusted: number | null;
  /**
   * Extension (issue 15): the same comparison on the weighted estimates when both rounds are weighted
   * (a weight column or weighting.rake), with each round's design SE; absent otherwise.
   */
  weighted?: WeightedChange;
}

/**
 * Issue 15: a change on weighted estimates: each round's svymean (a segment as a domain) and its
 * design SE; difference current − previous, se sqrt(se1² + se2²), z, Wald interval, BH across the
 * compared themes of the table. The round a code was not measured in has null figures, and so do
 * difference, se, ci, z, p and pAdjusted (as for the unweighted figures).
 */
export interface WeightedChange {
  previous: { proportion: number | null; se: number | null };
  current: { proportion: number | null; se: number | null };
  difference: number | null;
  se: number | null;
  ci: Interval | null;
  z: number | null;
  p: number | null;
  pAdjusted: number | null;
}

/**
 * Extension (CONTRACT.md, Additions): 'new' when the previous codebook lacked the code (and no
 * mapping targets it), 'retired' when the current one does; such a theme was measured in one round
 * only, so the other round's figures and the difference, ci, z, p and pAdjusted are null and it is
 * left out of the Benjamini–Hochberg family.
 */
export type ChangeStatus = 'new' | 'retired' | 'compared';

export interface ThemeChange extends ChangeFigure {
  code: string;
  status: ChangeStatus;
  /** Extension: the theme's label in the current round. */
  label: string;
  /** Extension: how the previous round's codes were mapped onto this one ("renamed from x", "merged from a, b"), or null. */
  mapping: string | null;
  /** Extension: the same comparison per segment present in both rounds; lowBase when either base is below minBase. */
  bySegment: (ChangeFigure & { segment: string; lowBase: boolean })[];
}

/**
 * A closed question across two rounds: the top box compared as a theme (z-test, Wald interval, BH
 * over the questions) and the mean by Welch's t-test (t.test(x2, x1, var.equal = FALSE)).
 */
export interface QuestionChange {
  id: string;
  label: string;
  status: ChangeStatus;
  topBox: ChangeFigure;
  mean: {
    previous: number | null;
    current: number | null;
    difference: number | null;
    /** Welch t interval of the difference of means (not adjusted). */
    ci: Interval | null;
    t: number | null;
    df: number | null;
    p: number | null;
  };
}

export interface CodebookChange {
  kind: 'added' | 'renamed' | 'merged' | 'split' | 'retired' | 'vanished';
  /** Codes of the previous round. */
  from: string[];
  /** Codes of the current round. */
  to: string[];
  note: string;
}

export interface ChangeResult {
  /** The previous round's survey id. */
  previous: string;
  /** Extension: the previous round's label and title. */
  previousRound: string;
  previousTitle: string;
  themes: ThemeChange[];
  /** Extension (CONTRACT.md, Additions): closed questions across the rounds, matched by id. */
  questions?: QuestionChange[];
  /** Extension: codebook differences between the rounds, after the config's mapping. */
  codebook: CodebookChange[];
}

/** Extension: the content hash of every input, so a reader can tell which data produced a report. */
export interface InputFile {
  role:
    | 'config'
    | 'codebook'
    | 'data'
    | 'respondents'
    | 'excerpts'
    | 'previous-config'
    | 'previous-codebook'
    | 'previous-data'
    | 'previous-respondents'
    | 'previous-excerpts'
    | 'reliability';
  file: string;
  bytes: number;
  sha256: string;
}

export interface Results {
  schemaVersion: 1;
  survey: { id: string; title: string; round: string; previous: string | null; note: string | null };
  confidence: number;
  /** Issue 16: rowsFiltered is present when a filter (data.filter or run --by) applied: rowsRead = rowsUsed + rowsRejected + rowsFiltered. */
  ledger: { rowsRead: number; rowsUsed: number; rowsRejected: number; rowsFiltered?: number; rejected: RejectedRow[] };
  base: { respondents: number; weighted: number; effective: number | null };
  segments: { id: string; label: string; respondents: number; weighted: number; lowBase: boolean }[];
  themes: ThemeResult[];
  cooccurrence: CooccurrenceResult[];
  questions: QuestionResult[];
  reliability: ReliabilityResult | null;
  /** Extension: de-identified quotes per theme (empty when there are no excerpts or quotes are off). */
  quotes?: QuoteResult[];
  change: ChangeResult | null;
  /** Extension: the settings that shaped the figures, so a reader can tell how they were made. */
  settings: {
    minBase: number;
    alpha: number;
    weighted: boolean;
    separator: string;
    /** Extension: which figure the key findings state first: the weighted one (report.weighted) or the unweighted one. */
    headline?: 'weighted' | 'unweighted';
    /** issue 14: present, 'none', only when the config names no segment source (every respondent in one group). */
    segmentSource?: 'none';
    /** Issue 16: the filter in words ("region is North or East"), present only when one applied. */
    filter?: string;
    /** Issue 16: present in a report of `run --by`: the column and the value this report is the subset of. */
    subset?: { column: string; value: string };
  };
  /** Issue 16: present when the config lists banners: the segment banner first, then each banner's by-group figures. */
  banners?: BannerResult[];
  /** issue 14: the REFI-QDA codebook's sets of codes (present only when it has some): name and member codes. */
  codeGroups?: { name: string; codes: string[] }[];
  /** Extension (issue 15): raked weights (weighting.rake): targets, achieved margins, iterations, design effect; null without raking. */
  weighting?: WeightingResult | null;
  /** Extension: warnings raised while reading (errors reject rows and appear in the ledger). */
  warnings: RejectedRow[];
  /** Extension: every input file with its size and SHA-256, in a fixed order. */
  inputs: InputFile[];
}

/** Agreement figures of one theme, or pooled (CONTRACT.md, Methods). */
export interface AgreementFigures {
  percentAgreement: number | null;
  /** Exactly two coders, units both coded; else null. */
  cohenKappa: number | null;
  /** Nominal, units with at least two values; null when only one value occurs. */
  krippendorffAlpha: number | null;
  /** Three or more coders, units all coded; else null. */
  fleissKappa: number | null;
  /**
   * Extension: Krippendorff's reading of alpha: 'reliable' (α ≥ 0.8), 'tentative' (0.667 ≤ α < 0.8),
   * 'unreliable' (α < 0.667, too unreliable to draw conclusions from); null when alpha is undefined.
   */
  flag: AgreementFlag | null;
}

export type AgreementFlag = 'reliable' | 'tentative' | 'unreliable';

/** A key finding of the report: one plain sentence and the figures it leads with (report/key-findings.ts). */
export interface Finding {
  /** The theme's code. */
  theme: string;
  /** One plain sentence carrying the count, the base, the percentage and its interval. */
  text: string;
  /** The figures the sentence leads with: all respondents, or the segment that mentions the theme more. */
  respondents: number;
  base: number;
  proportion: number;
  ci: [number, number];
}

/** results.reliability: how far independent coders agreed (null when the study names one coder). */
export interface ReliabilityResult {
  /** The primary coder (whose codes make the tallies) first. */
  coders: string[];
  /** Respondents coded by at least two coders: the units of every theme. */
  units: number;
  themes: (AgreementFigures & { code: string })[];
  /** Every respondent × theme pair as one unit. */
  pooled: AgreementFigures;
  /** Extension: whose codes make the tallies, and how that coder was chosen. */
  primaryCoder: string;
  primaryCoderFrom: 'config' | 'first-met' | 'default';
  /** Extension: the alpha thresholds of the flags. */
  thresholds: { tentative: number; reliable: number };
}

/** One de-identified quote (extension). No respondent id, ever. */
export interface QuoteResult {
  theme: string;
  text: string;
  /** The speaker's segment id; null when the segment is too small to name (fewer than report.minBase respondents). */
  segment: string | null;
  /** "a funder", or "a respondent" when the segment is withheld. */
  attribution: string;
  /** True when e-mail addresses, phone numbers or configured names were masked. */
  masked: boolean;
}

/** `findings trend`: one theme across three or more rounds (extension; trend.json). */
/** A closed question across rounds: per round its answered base, top box and mean. */
export interface TrendQuestion {
  id: string;
  label: string;
  points: { round: string; base: number | null; topBox: { respondents: number; proportion: number | null; ci: Interval | null } | null; mean: number | null }[];
}

/** Issue 15: one segment's series of a theme over the rounds of a trend. */
export interface TrendSegmentSeries {
  segment: string;
  points: { round: string; respondents: number | null; base: number | null; proportion: number | null; ci: Interval | null; lowBase: boolean }[];
}

export interface TrendResults {
  schemaVersion: 1;
  confidence: number;
  /** Rounds oldest first. */
  rounds: { id: string; round: string; title: string; respondents: number }[];
  themes: {
    code: string;
    label: string;
    parent: string | null;
    color: string | null;
    /**
     * One point per round, oldest first; respondents/base/proportion/ci as in results.json;
     * respondents, proportion and ci null for a round in which the code did not exist.
     */
    points: { round: string; respondents: number | null; base: number; proportion: number | null; ci: Interval | null }[];
    /**
     * Extension (issue 15): the same series per segment (the segments of `segments`, in that order):
     * base null (and every figure null) for a round without that segment; respondents, proportion
     * and ci null for a round in which the code did not exist; lowBase when the base is below minBase.
     */
    bySegment?: TrendSegmentSeries[];
  }[];
  /** Extension (issue 15): the segments of the series, the latest round's first, then those only older rounds had. */
  segments?: { id: string; label: string }[];
  /** Changes between consecutive rounds, in round order. */
  changes: ChangeResult[];
  /** Extension: the first round against the last (three or more rounds; else null), themes and questions. */
  firstToLast?: ChangeResult | null;
  /** Extension: the latest round's closed questions per round (a null point where a round did not ask it). */
  questions?: TrendQuestion[];
  /** The latest round's report settings, which the trend report applies. */
  settings: { alpha: number; minBase: number };
  /**
   * Issue 18: the study note of the rounds' configs (`report.note`), shown under the trend report's
   * title as a round's report shows its own: the latest round's note; an earlier round whose note
   * differs adds its own after it ("Round 2014: ..."), so a note such as "synthetic data" on any
   * round reaches the trend. Null when no round has a note.
   */
  note: string | null;
}

/** issue 14: the one group of a config that names no segment source (data.segmentFrom 'none'). */
export const ALL_SEGMENT: SegmentConfig = { id: 'all', label: 'All respondents', plural: 'respondents' };

// ---------------------------------------------------------------------------------------------
// Issue 16: filters and banners

/** data.filter, normalized: a condition on one column, or all/any of conditions. `key` is the config path of the condition's column (for positions). */
export type RowFilter =
  | { kind: 'equals'; column: string; value: string; key: string }
  | { kind: 'in'; column: string; values: string[]; key: string }
  | { kind: 'range'; column: string; min: number | null; max: number | null; key: string }
  | { kind: 'notBlank'; column: string; key: string }
  | { kind: 'all'; conditions: RowFilter[] }
  | { kind: 'any'; conditions: RowFilter[] };

/** One banner of results.banners: a grouping column, its groups, and every theme's by-group figures (the shape of themes[].bySegment). */
export interface BannerResult {
  /** The data column; for the first banner, the segment column. */
  column: string;
  groups: { id: string; label: string; respondents: number; weighted: number; lowBase: boolean }[];
  themes: Pick<ThemeResult, 'code' | 'label' | 'bySegment' | 'segmentTest' | 'pairwise'>[];
}
