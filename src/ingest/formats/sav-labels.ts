/**
 * Issue 16: an SPSS file's labels in a run. A question the config gives no `label` takes its
 * variable's label; one without `labels` takes the value labels of its levels (a level without a
 * value label keeps its number); segments and banner groups met in the data take the value labels of
 * their codes (a segment listed in the config keeps the config's label). The config always wins.
 */
import { statSync } from 'node:fs';
import type { SegmentConfig, SurveyConfig } from '../../model.ts';
import { readSavMeta, type SavMeta } from './read-sav.ts';

/** The file's dictionary, or null when it is not an spss config, too large, or unreadable (the reader then says why). */
export async function savMetaOf(config: SurveyConfig): Promise<SavMeta | null> {
  if (config.data.format !== 'spss') return null;
  try {
    if (statSync(config.data.path).size > config.limits.maxFileBytes) return null;
    const meta = await readSavMeta(config.data.path);
    return 'message' in meta ? null : meta;
  } catch {
    return null;
  }
}

/** The config with each question's label and level labels filled from the file where the config gives none. */
export function withSavLabels(config: SurveyConfig, meta: SavMeta): SurveyConfig {
  const byName = new Map(meta.variables.map((v) => [v.name, v]));
  const questions = config.questions.map((question, i) => {
    const variable = byName.get(question.column);
    if (variable === undefined) return question;
    const label = config.positions.has(`questions[${i}].label`) || variable.label === null ? question.label : variable.label;
    const labels = config.positions.has(`questions[${i}].labels`)
      ? question.labels
      : question.levels.map((level) => variable.valueLabels.find((l) => l.value === level)?.label ?? String(level));
    return { ...question, label, labels };
  });
  return { ...config, questions };
}

/** Label the groups met in the data (from index `from` on) with the value labels of `column`. */
export function labelGroups(groups: SegmentConfig[], from: number, column: string, meta: SavMeta): void {
  const variable = meta.variables.find((v) => v.name === column);
  if (variable === undefined) return;
  for (const group of groups.slice(from)) {
    const label = variable.valueLabels.find((l) => String(l.value) === group.id)?.label;
    if (label !== undefined && group.label === group.id) {
      group.label = label;
      group.plural = label;
    }
  }
}
