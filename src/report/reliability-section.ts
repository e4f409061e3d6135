import type { AgreementFigures, Results } from '../model.ts';
import type { ReportBlock } from './report-types.ts';

/**
 * "Coder agreement": how far the coders agreed, per theme and pooled (percent agreement, Cohen's
 * kappa, Krippendorff's alpha with its reading, Fleiss' kappa for three or more coders), and whose
 * codes make the figures. Omitted when the study names no other coder (`reliability` is null).
 */
export function reliabilitySection(results: Results): ReportBlock[] {
  const reliability = results.reliability;
  if (reliability === null) return [];
  const label = new Map(results.themes.map((theme) => [theme.code, theme.label]));
  const primary = reliability.primaryCoder ?? reliability.coders[0] ?? '';
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 2, text: 'Coder agreement', id: 'coder-agreement' },
    {
      kind: 'paragraph',
      text: `${reliability.coders.length} coders (${reliability.coders.join(', ')}) coded the same ${reliability.units} respondents independently; the figures in this report use ${primary === '' ? 'the first coder' : `coder ${primary}`}'s codes. Kappa and alpha correct agreement for chance: 1 is perfect agreement, 0 no better than chance.${reliability.thresholds === undefined ? '' : ` Krippendorff's alpha of at least ${reliability.thresholds.reliable} reads as reliable, ${reliability.thresholds.tentative} to ${reliability.thresholds.reliable} as tentative, and below ${reliability.thresholds.tentative} as too unreliable to draw conclusions from.`}`,
    },
  ];
  const row = (name: string, agreement: AgreementFigures): string[] => [
    name,
    share(agreement.percentAgreement),
    fixed(agreement.cohenKappa),
    fixed(agreement.krippendorffAlpha),
    fixed(agreement.fleissKappa),
    agreement.flag ?? 'n/a',
  ];
  const rows = reliability.themes.map((theme) => row(label.get(theme.code) ?? theme.code, theme));
  rows.push(row('All themes (pooled)', reliability.pooled));
  blocks.push({
    kind: 'table',
    caption: 'Agreement between coders, per theme',
    head: ['Theme', 'Agreement', "Cohen's κ", "Krippendorff's α", "Fleiss' κ", 'Reading of α'],
    rows,
    numeric: [false, true, true, true, true, false],
    rowHeader: true,
  });
  const unreliable = reliability.themes.filter((theme) => theme.flag === 'unreliable');
  if (unreliable.length > 0) {
    blocks.push({
      kind: 'paragraph',
      role: 'note',
      text: `Coders agreed too little on ${unreliable.map((theme) => `"${label.get(theme.code) ?? theme.code}"`).join(', ')} to draw conclusions from ${unreliable.length === 1 ? 'its' : 'their'} figures.`,
    });
  }
  return blocks;
}

function share(value: number | null): string {
  return value !== null && Number.isFinite(value) ? `${Math.round(value * 100) + 0}%` : 'n/a';
}

function fixed(value: number | null): string {
  return value !== null && Number.isFinite(value) ? value.toFixed(2) : 'n/a';
}
