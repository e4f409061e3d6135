/**
 * Excerpt-per-row data (data.layout: excerpts): tallies per respondent exactly as respondent rows,
 * the primary coder's codes only, respondents from the respondent file or the excerpts, and errors
 * that reject the whole respondent with every row accounted for in the ledger.
 */
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/model.ts';
import { CODEBOOK, tempStudy } from '../helpers/temp-study.ts';

const CONFIG = `id: t
codebook: codebook.csv
data:
  layout: excerpts
  path: excerpts.csv
  columns: { id: id, code: code, text: text, coder: coder, segment: segment }
`;

async function results(excerpts: string, config = CONFIG, extra: Record<string, string> = {}) {
  const study = await tempStudy({ 'survey.yaml': config, 'codebook.csv': CODEBOOK, 'excerpts.csv': excerpts, ...extra });
  return { ...study, results: 'stopped' in study.analysis ? null : (study.analysis as { results: Results }).results };
}
const count = (r: Results, code: string) => r.themes.find((t) => t.code === code)!.respondents;

describe('excerpt layout', () => {
  it('counts a respondent once however many excerpts carry the code (three role excerpts, one mention)', async () => {
    const { results: r, diagnostics } = await results(
      'id,segment,coder,code,text\nR1,funder,A,role,One.\nR1,funder,A,role,Two.\nR1,funder,A,role,Three.\nR2,nonprofit,A,structure,Who decides?\n',
    );
    expect(diagnostics).toEqual([]);
    expect(count(r!, 'role')).toBe(1);
    expect(count(r!, 'questions')).toBe(2); // the parent rolls up role and structure
    expect(r!.base.respondents).toBe(2);
    expect(r!.ledger).toMatchObject({ rowsRead: 4, rowsUsed: 4, rowsRejected: 0 });
  });

  it("tallies the primary coder's codes only; a respondent only another coder coded stays in the base", async () => {
    const { results: r } = await results('id,segment,coder,code,text\nR1,funder,A,role,x\nR1,funder,B,structure,x\nR2,funder,B,benefit,y\n');
    expect(count(r!, 'role')).toBe(1);
    expect(count(r!, 'structure')).toBe(0);
    expect(count(r!, 'benefit')).toBe(0);
    expect(r!.base.respondents).toBe(2);
    expect(r!.reliability).toMatchObject({ coders: ['A', 'B'], primaryCoder: 'A', primaryCoderFrom: 'first-met', units: 1 });
  });

  it('data.primaryCoder chooses whose codes are tallied, and must name a coder of the data', async () => {
    const rows = 'id,segment,coder,code,text\nR1,funder,A,role,x\nR1,funder,B,structure,x\n';
    const chosen = await results(rows, CONFIG.replace('  columns:', '  primaryCoder: B\n  columns:'));
    expect(count(chosen.results!, 'structure')).toBe(1);
    expect(chosen.results!.reliability).toMatchObject({ coders: ['B', 'A'], primaryCoderFrom: 'config' });
    const missing = await results(rows, CONFIG.replace('  columns:', '  primaryCoder: C\n  columns:'));
    expect(missing.analysis).toEqual({ stopped: 'config' });
    expect(missing.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['FND006', 6, 'data.primaryCoder "C" coded none of the excerpts (they name only "A", "B")'],
    ]);
  });

  it('an empty code records a respondent read with nothing coded', async () => {
    const { results: r } = await results(
      'id,segment,coder,code,text\nR1,funder,A,,Nothing to add.\nR1,funder,B,,Nothing to add.\nR2,funder,A,continue,Keep it.\nR2,funder,B,continue,Keep it.\n',
    );
    expect(r!.base.respondents).toBe(2);
    expect(r!.reliability!.units).toBe(2);
    expect(r!.reliability!.themes.find((t) => t.code === 'continue')!.krippendorffAlpha).toBe(1);
  });

  it("an error in the primary coder's excerpt rejects the respondent and all their rows", async () => {
    const { results: r, diagnostics } = await results(
      'id,segment,coder,code,text\nR1,funder,A,role,x\nR1,funder,A,strucure,y\nR1,funder,B,role,x\nR2,funder,A,benefit,z\n',
    );
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['3:13 FND207']);
    expect(r!.base.respondents).toBe(1);
    expect(r!.ledger).toMatchObject({ rowsRead: 4, rowsUsed: 1, rowsRejected: 3 });
    expect(r!.ledger.rejected.map((x) => [x.line, x.code])).toEqual([
      [2, 'FND207'],
      [3, 'FND207'],
      [4, 'FND207'],
    ]);
    expect(r!.ledger.rejected[0]!.message).toMatch(/^left out with respondent "R1": unknown theme "strucure"/);
  });

  it("an unknown code in another coder's excerpt drops only that coder's coding of the respondent", async () => {
    const { results: r, diagnostics } = await results(
      'id,segment,coder,code,text\nR1,funder,A,role,x\nR1,funder,B,rolle,x\nR2,funder,A,role,y\nR2,funder,B,role,y\n',
    );
    expect(diagnostics.map((d) => d.code)).toEqual(['FND207']);
    expect(r!.base.respondents).toBe(2);
    expect(count(r!, 'role')).toBe(2);
    expect(r!.reliability!.units).toBe(1);
    expect(r!.ledger).toMatchObject({ rowsRead: 4, rowsUsed: 3, rowsRejected: 1 });
  });

  it('joins segment, weight and closed questions from a respondent file; a respondent without excerpts stays in the base', async () => {
    const config = `id: t
codebook: codebook.csv
data:
  layout: excerpts
  path: excerpts.csv
  columns: { id: id, code: code, text: text }
  respondents:
    path: people.csv
    columns: { id: rid, segment: group, weight: w }
questions:
  - { id: q, column: q, levels: [1, 2, 3] }
`;
    const { results: r, diagnostics } = await results('id,code,text\nP1,role,x\nP1,role,y\nP2,benefit,z\n', config, {
      'people.csv': 'rid,group,w,q\nP1,funder,2,3\nP2,nonprofit,1,1\nP3,nonprofit,1,\n',
    });
    expect(diagnostics).toEqual([]);
    expect(r!.base).toMatchObject({ respondents: 3, weighted: 4 });
    expect(r!.settings.weighted).toBe(true);
    expect(count(r!, 'role')).toBe(1);
    expect(r!.questions[0]).toMatchObject({ base: 2, missing: 1 });
    expect(r!.ledger).toMatchObject({ rowsRead: 6, rowsUsed: 6 });
    expect(r!.inputs.map((i) => i.role)).toEqual(['config', 'codebook', 'respondents', 'data']);
  });

  it('checks the config: segment from one place only (or none), questions need a respondent file', async () => {
    const both = await results(
      'id,code,text\n',
      CONFIG.replace('segment: segment }', 'segment: segment }\n  respondents: { path: excerpts.csv, columns: { id: id, segment: segment } }'),
    );
    expect(both.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['FND006', 'data.columns.segment: the segment is read from data.respondents; leave one of them out'],
    ]);
    // issue 14: no segment at all is no longer an error: every respondent is in one group.
    const none = await results('id,code,text\nR1,role,x\nR2,,y\n', CONFIG.replace(', segment: segment', '').replace(', coder: coder', ''));
    expect(none.diagnostics).toEqual([]);
    expect(none.results!.segments.map((s) => [s.id, s.respondents])).toEqual([['all', 2]]);
    const themes = await results('id,code,text\n', CONFIG.replace('text: text', 'text: text, themes: themes'));
    expect(themes.diagnostics.map((d) => d.code)).toEqual(['FND003']);
  });

  it('reads a weight given with the excerpts, the same for every excerpt of a respondent', async () => {
    const config = CONFIG.replace('segment: segment }', 'segment: segment, weight: w }');
    const ok = await results('id,segment,coder,code,text,w\nR1,funder,A,role,x,2\nR1,funder,A,benefit,y,2\nR2,funder,A,,z,0.5\n', config);
    expect(ok.diagnostics).toEqual([]);
    expect(ok.results!.base).toMatchObject({ respondents: 2, weighted: 2.5 });
    const bad = await results('id,segment,coder,code,text,w\nR1,funder,A,role,x,2\nR1,funder,A,benefit,y,3\nR2,funder,A,,z,-1\n', config);
    expect(bad.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['3:23 FND219', '4:16 FND208']);
    expect(bad.results!.base.respondents).toBe(0);
  });

  it('gives the same tallies whatever the order of the excerpt rows', async () => {
    const rows = [
      'R1,funder,A,role,x',
      'R1,funder,A,structure,y',
      'R2,nonprofit,A,benefit,z',
      'R3,nonprofit,A,,n',
      'R2,nonprofit,A,continue,w',
      'R1,funder,A,role,v',
    ];
    const a = await results(`id,segment,coder,code,text\n${rows.join('\n')}\n`);
    const b = await results(`id,segment,coder,code,text\n${[...rows].reverse().join('\n')}\n`);
    expect(b.results!.themes).toEqual(a.results!.themes);
  });
});
