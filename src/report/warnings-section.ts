import type { Results } from '../model.ts';
import type { ReportBlock } from './report-types.ts';

/** "Warnings": problems noticed while reading that did not reject a row. Omitted when there are none. */
export function warningsSection(results: Results): ReportBlock[] {
  if (results.warnings.length === 0) return [];
  return [
    { kind: 'heading', level: 2, text: 'Warnings', id: 'warnings' },
    {
      kind: 'table',
      caption: 'Warnings while reading (the rows were kept)',
      head: ['Location', 'Code', 'Message'],
      rows: results.warnings.map((row) => [`${row.file}:${row.line}`, row.code, row.message]),
      numeric: [false, false, false],
      rowHeader: false,
    },
  ];
}
