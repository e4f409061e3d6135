import { defineConfig } from 'vitest/config';
import { writeRuleIndex } from './scripts/rule-index.mjs';

// The rule list src/validate/rules/index.ts is generated from the rule files (scripts/rule-index.mjs).
writeRuleIndex();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
