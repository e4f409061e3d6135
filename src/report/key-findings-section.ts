import type { Results } from '../model.ts';
import { keyFindings } from './key-findings.ts';
import type { ReportBlock, ReportOptions } from './report-types.ts';

/** "Key findings": the sentences from `keyFindings`, or why there are none. */
export function keyFindingsSection(results: Results, options: ReportOptions = {}): ReportBlock[] {
  const findings = keyFindings(results, options.keyFindings ?? 5, options.statements ?? {});
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: 'Key findings', id: 'key-findings' }];
  if (findings.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: `No theme was mentioned by respondents in a base of at least ${results.settings.minBase}, so there is nothing to state with confidence.`,
    });
  } else {
    blocks.push({ kind: 'list', items: findings.map((finding) => finding.text) });
  }
  return blocks;
}
