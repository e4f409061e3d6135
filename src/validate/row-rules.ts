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
 * The list is made of two parts: the parse checks and warnings that live in the validator's own
 * code (below), and every rule file of src/validate/rules/ that declares `export const rule`
 * (rules/index.ts, written by scripts/rule-index.mjs before every build, type check, test run and
 * run from source). A new rule is its rule file, its catalogue entry and its fixtures/bad-* folder.
 * test/validate/row-rules.test.ts fails when a rule file declares no rule, or a rule the scanner
 * neither checks nor hands to papaparse.
 */
import type { Message } from '../messages.ts';
import type { SurveyConfig } from '../model.ts';
import { isExcerptRule, type RowRule, type RuleCell } from './rule-types.ts';
import { ruleFiles } from './rules/index.ts';

export type { RowRule, RuleCell } from './rule-types.ts';

/** The checks in the validator's own code (check-row.ts, validate-respondents.ts), with no rule file. */
const parseRules: readonly RowRule[] = [
  { code: 'FND210', scanner: 'bytes' }, // unterminated-quote: the scan stops at the row (anomaly)
  { code: 'FND211', scanner: 'bytes' }, // malformed-quote: the scan stops at the row
  { code: 'FND212', scanner: 'bytes' }, // nul-byte: the scan stops at the row
  { code: 'FND213', scanner: 'bytes' }, // invalid-encoding: the scan stops at the row
  { code: 'FND214', scanner: 'bytes' }, // field-too-large
  { code: 'FND305', scanner: 'bytes' }, // stray-bom: the scan stops at the row
  { code: 'FND307', scanner: 'bytes' }, // trailing-delimiter: more fields than the header
  { code: 'FND308', scanner: 'bytes' }, // repeated-header: a first cell equal to the header's
  { code: 'FND312', scanner: 'bytes', applies: (config) => (config.data.format ?? 'csv') !== 'csv' }, // unfinished-response (platform exports): issue 19, a row the layout's finishedWhen does not vouch for goes to the rules
  { code: 'FND301', scanner: 'bytes' }, // unlisted-segment: a segment the registry lacks goes to the rules
  { code: 'FND302', scanner: 'bytes' }, // empty-theme-entry
];

/** The parse checks, then the rule files' row rules (a column's `cell` checks run in this order). */
export const rowRules: readonly RowRule[] = [...parseRules, ...ruleFiles.filter((rule): rule is RowRule => !isExcerptRule(rule))];

/** The rule files' rules of the excerpt layouts. */
export const excerptRules = ruleFiles.filter(isExcerptRule);

/** The rules that apply to a config's data. */
export function rulesFor(config: SurveyConfig, rules: readonly RowRule[] = rowRules): RowRule[] {
  return rules.filter((rule) => rule.applies?.(config) ?? true);
}

/** The `cell` rules of one cell, among those that apply. */
export function cellRules(rules: readonly RowRule[], column: RuleCell): ((text: string) => Message | null)[] {
  return rules.filter((rule) => rule.scanner === 'cell' && rule.cell?.column === column).map((rule) => rule.cell!.check);
}
