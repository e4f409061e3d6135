/**
 * Every rule a respondent data row is checked against, in one list. The validator
 * (validate-respondents.ts, with check-row.ts for the checks every file's rows get) applies them,
 * and the fast reader's byte scanner (ingest/fast/scan-block.ts) meets each in one of three ways,
 * which the rule says:
 *
 * - `bytes`: the scanner checks the rule from the row's bytes itself and marks every row the rule
 *   could reject or warn about as one for the rules; scan-block.ts lists the code in SCANNED_RULES.
 * - `cell`: a plain check of one cell's trimmed text (`cell.check`); the validator applies it to the
 *   named cell and the scanner applies the same function to the decoded cell, so a new rule of this
 *   kind needs no edit of either.
 * - `papaparse`: the scanner cannot tell; while the rule applies to a config, its data are read by
 *   papaparse and the validator alone (chooseSource in ingest/read-source.ts).
 *
 * test/validate/row-rules.test.ts fails when a rule file exists that this list lacks, or a rule
 * the scanner neither checks nor hands to papaparse.
 */
import type { SurveyConfig } from '../model.ts';
import type { Code, Message } from '../messages.ts';
import { missingId } from './rules/missing-id.ts';
import { missingSegment } from './rules/missing-segment.ts';

/** The cells a `cell` rule can read. */
export type RuleCell = 'id' | 'segment' | 'weight' | 'themes';

export interface RowRule {
  code: Code;
  scanner: 'bytes' | 'cell' | 'papaparse';
  /** Whether the rule can fire on this config's data (default: always). */
  applies?: (config: SurveyConfig) => boolean;
  /** For `cell` rules: the cell and the check of its trimmed text (the message, or null). */
  cell?: { column: RuleCell; check(text: string): Message | null };
}

const withWeight = (config: SurveyConfig) => config.data.columns.weight !== null;
const withQuestions = (config: SurveyConfig) => config.questions.length > 0;
/** issue 16: a question the byte scanner cannot read (a type other than rating, or levels in words). */
const withTypedQuestions = (config: SurveyConfig) => config.questions.some((q) => q.type !== 'rating' || q.words);

/** In the order the validator applies them to a row. */
export const rowRules: readonly RowRule[] = [
  // The checks every file's rows get (check-row.ts): parse problems, field count, a repeated header.
  { code: 'FND210', scanner: 'bytes' }, // unterminated-quote: the scan stops at the row (anomaly)
  { code: 'FND211', scanner: 'bytes' }, // malformed-quote: the scan stops at the row
  { code: 'FND212', scanner: 'bytes' }, // nul-byte: the scan stops at the row
  { code: 'FND213', scanner: 'bytes' }, // invalid-encoding: the scan stops at the row
  { code: 'FND214', scanner: 'bytes' }, // field-too-large
  { code: 'FND305', scanner: 'bytes' }, // stray-bom: the scan stops at the row
  { code: 'FND307', scanner: 'bytes' }, // trailing-delimiter: more fields than the header
  { code: 'FND203', scanner: 'bytes' }, // wrong-field-count
  { code: 'FND308', scanner: 'bytes' }, // repeated-header: a first cell equal to the header's
  { code: 'FND312', scanner: 'papaparse', applies: (config) => (config.data.format ?? 'csv') !== 'csv' }, // unfinished-response (platform exports)
  // The cells, in the order the validator reads them.
  { code: 'FND205', scanner: 'cell', cell: { column: 'id', check: missingId } },
  { code: 'FND204', scanner: 'bytes' }, // duplicate-id: the validator's IdSet, asked with the id's bytes
  { code: 'FND206', scanner: 'cell', cell: { column: 'segment', check: missingSegment } },
  { code: 'FND301', scanner: 'bytes' }, // unlisted-segment: a segment the registry lacks goes to the rules
  { code: 'FND208', scanner: 'bytes', applies: withWeight }, // invalid-weight
  { code: 'FND225', scanner: 'papaparse', applies: (config) => config.data.themeColumns != null }, // invalid-tick
  { code: 'FND207', scanner: 'bytes' }, // unknown-theme
  { code: 'FND302', scanner: 'bytes' }, // empty-theme-entry
  { code: 'FND209', scanner: 'bytes', applies: withQuestions }, // answer-out-of-levels
  // issue 16: question types, read as text (validate/read-answers.ts): the scanner keeps only level indexes of numeric levels.
  { code: 'FND230', scanner: 'papaparse', applies: withTypedQuestions }, // answer-not-a-level
  { code: 'FND231', scanner: 'papaparse', applies: (config) => config.questions.some((q) => q.type === 'numeric') }, // answer-not-a-number
  { code: 'FND232', scanner: 'papaparse', applies: (config) => config.questions.some((q) => q.optionColumns.length > 0) }, // invalid-option-tick
];

/** The rules that apply to a config's data. */
export function rulesFor(config: SurveyConfig, rules: readonly RowRule[] = rowRules): RowRule[] {
  return rules.filter((rule) => rule.applies?.(config) ?? true);
}

/** The `cell` rules of one cell, among those that apply. */
export function cellRules(rules: readonly RowRule[], column: RuleCell): ((text: string) => Message | null)[] {
  return rules.filter((rule) => rule.scanner === 'cell' && rule.cell?.column === column).map((rule) => rule.cell!.check);
}
