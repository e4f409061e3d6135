/** Writes src/validate/rules/index.ts from the rule files; returns the files that declare a rule. */
export function writeRuleIndex(root?: string): string[];
