/**
 * What a rule file of src/validate/rules/ declares about itself (its `export const rule`), so that
 * the rule lists are made from the files: scripts/rule-index.mjs writes src/validate/rules/index.ts
 * (generated, not committed) from every file that exports a `rule`, and validate/row-rules.ts lists
 * those beside the parse checks that have no file of their own.
 */
import type { Code, Message } from '../messages.ts';
import type { SurveyConfig } from '../model.ts';

/** The cells a `cell` rule can read. */
export type RuleCell = 'id' | 'segment' | 'weight' | 'themes';

/** A rule of respondent data rows, and how the fast reader's byte scanner meets it. */
export interface RowRule {
  code: Code;
  scanner: 'bytes' | 'cell' | 'papaparse';
  /** Whether the rule can fire on this config's data (default: always). */
  applies?: (config: SurveyConfig) => boolean;
  /** For `cell` rules: the cell and the check of its trimmed text (the message, or null). */
  cell?: { column: RuleCell; check(text: string): Message | null };
}

/** A rule of the excerpt layouts (validate-excerpts.ts), which the byte scanner never reads. */
export interface ExcerptRule {
  code: Code;
  layout: 'excerpts';
}

export type RuleDeclaration = RowRule | ExcerptRule;

export function isExcerptRule(rule: RuleDeclaration): rule is ExcerptRule {
  return 'layout' in rule;
}
