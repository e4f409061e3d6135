import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The figures of each summary sentence as report.md states them ("42 of 46", "91%", "80–97%"), read
 * from the report folder's report.md (its "Summary" section, the first screen): what every office
 * file must carry too.
 */
export function keyFindingFigures(folder: string): string[][] {
  const markdown = readFileSync(path.join(folder, 'report.md'), 'utf8');
  const section = /^## Summary\n([\s\S]*?)(?=^## |^\*\*Contents)/m.exec(markdown)?.[1] ?? '';
  const items = section.split('\n').filter((line) => line.startsWith('- '));
  // The sentence itself, without the respondent's quote that may follow it.
  // Counts ("42 of 46") first, then the percentages, each in the order the sentence gives them.
  return items.map((item) => {
    const figures = [...item.replace(/ “[\s\S]*$/, '').matchAll(/\d+ of \d+|\d+%/g)].map((match) => match[0]);
    return [...figures.filter((figure) => figure.includes(' of ')), ...figures.filter((figure) => !figure.includes(' of '))];
  });
}
