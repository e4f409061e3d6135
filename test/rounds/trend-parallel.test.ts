/**
 * Issue #19: `trend` reads its rounds at once, yet reports what reading them one after another
 * reports: each round's diagnostics in round order, and nothing from the rounds after one that
 * stops. The rounds below are written so each has its own problems, counted by hand:
 *   2011: row 3 has an unknown code "zz" (FND207).     2012: rows 2 and 4 unknown codes.
 *   2013: row 5 unknown code.    2014: no problem; themes a 2/4, b 1/4.
 * Rows with an unknown code are rejected, so they count in no base. Theme a: 2011 ids 1, 4 of 1, 3,
 * 4, 5 (2/4); 2012 ids 2, 4 of 2, 4, 5 (2/3); 2013 ids 1, 2, 3 of 1, 2, 3, 5 (3/4); 2014 ids 1, 4 of
 * 1-4 (2/4).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model.ts';
import { analyzeTrend } from '../../src/rounds/analyze-trend.ts';

const DATA: Record<string, string> = {
  '2011': 'id,segment,themes\n1,s,a\n2,s,a;zz\n3,s,b\n4,s,a\n5,s,\n',
  '2012': 'id,segment,themes\n1,s,yy\n2,s,a\n3,s,b;xx\n4,s,a\n5,s,\n',
  '2013': 'id,segment,themes\n1,s,a\n2,s,a\n3,s,a\n4,s,ww\n5,s,b\n',
  '2014': 'id,segment,themes\n1,s,a\n2,s,b\n3,s,\n4,s,a\n',
};

function study(broken: string | null = null): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'findings-trend-parallel-'));
  writeFileSync(path.join(root, 'codebook.csv'), 'code,label\na,A\nb,B\n');
  let previous: string | null = null;
  for (const round of Object.keys(DATA)) {
    // A broken round's file has no themes column: its read stops (after the config was read).
    writeFileSync(path.join(root, `${round}.csv`), round === broken ? DATA[round]!.replace('themes', 'topics') : DATA[round]!);
    const data = `${round}.csv`;
    writeFileSync(
      path.join(root, `t-${round}.yaml`),
      `id: t-${round}\nround: "${round}"\n${previous === null ? '' : `previous: t-${previous}.yaml\n`}codebook: codebook.csv\ndata:\n  path: ${data}\n  columns: { id: id, segment: segment, themes: themes }\n  separator: ";"\n`,
    );
    previous = round;
  }
  return root;
}

async function trend(root: string) {
  const diagnostics: Diagnostic[] = [];
  const result = await analyzeTrend(['t-2014.yaml'], root, { report: (d) => void diagnostics.push(d) });
  return { result, where: diagnostics.map((d) => `${path.basename(d.file)}:${d.line}:${d.code}`) };
}

describe('trend reads its rounds at once, in order', () => {
  it("reports each round's problems in round order, and the same on every run", async () => {
    const root = study();
    const first = await trend(root);
    expect(first.where).toEqual(['2011.csv:3:FND207', '2012.csv:2:FND207', '2012.csv:4:FND207', '2013.csv:5:FND207']);
    for (let k = 0; k < 3; k++) expect((await trend(root)).where).toEqual(first.where);
    if (typeof first.result === 'string') throw new Error(first.result);
    const a = first.result.themes.find((t) => t.code === 'a')!;
    expect(a.points.map((p) => [p.round, p.respondents, p.base])).toEqual([
      ['2011', 2, 4],
      ['2012', 2, 3],
      ['2013', 3, 4],
      ['2014', 2, 4],
    ]);
    expect(first.result.changes.map((c) => c.previousRound)).toEqual(['2011', '2012', '2013']);
  });

  it('stops at the first round that stops, with nothing from the rounds after it', async () => {
    const { result, where } = await trend(study('2012'));
    expect(result).not.toHaveProperty('themes');
    // 2011's row, then 2012's missing column (FND008 at the config's line 7); 2013's row 5 is not reported.
    expect(where).toEqual(['2011.csv:3:FND207', 't-2012.yaml:7:FND008']);
  });
});
