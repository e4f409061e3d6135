import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The figures of each key finding as report.md states them ("42 of 46", "91%", "80–97%", and for a
 * difference between segments each segment's), read from the report folder's report.md: what every
 * office file must carry too.
 */
export function keyFindingFigures(folder: string): string[][] {
  const markdown = readFileSync(path.join(folder, 'report.md'), 'utf8');
  // issue 16: the closed questions' headlines follow the themes' findings ("From the closed questions:"); the office files carry the themes' findings (a slide each).
  const section = (/^## Key findings\n([\s\S]*?)(?=^## )/m.exec(markdown)?.[1] ?? '').split('\nFrom the closed questions:')[0]!;
  const items = section.split('\n').filter((line) => line.startsWith('- '));
  return items.map((item) =>
    [...item.matchAll(/(\d+ of \d+)(?: [a-z ]+?)? \((?:weighted )?(\d+%), \d+% CI (\d+–\d+%)\)/g)].flatMap((match) => [match[1]!, match[2]!, match[3]!]),
  );
}
