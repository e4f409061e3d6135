import type { Results } from '../model.ts';
import type { ReportBlock } from './report-types.ts';

/** "Rejected rows": each row the ledger rejected, where it is and why. Omitted when none were. */
export function rejectedRowsSection(results: Results): ReportBlock[] {
  const { rejected, rowsRejected } = results.ledger;
  if (rejected.length === 0 && rowsRejected === 0) return [];
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 2, text: 'Rejected rows', id: 'rejected-rows' },
    {
      kind: 'paragraph',
      text: `Rejected: ${rowsRejected} of the ${results.ledger.rowsRead} rows read. They are left out of every figure; fix them in the data and run again.`,
    },
  ];
  if (rejected.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Rejected rows',
      head: ['Location', 'Code', 'Message'],
      rows: rejected.map((row) => [`${row.file}:${row.line}`, row.code, row.message]),
      numeric: [false, false, false],
      rowHeader: false,
    });
  }
  return blocks;
}
