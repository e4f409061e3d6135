/**
 * Issue 19: coder agreement from other coders' files (`reliability:`) is counted as the files are
 * read, joined to the data's respondents by number (validate/known-respondents.ts), never as a
 * respondents × themes matrix. This test builds that matrix itself from the generated files, by the
 * rules the README states (a unit is a valid respondent of the data also coded, without error, by
 * another coder; a coder file's first row of an id is the one that counts; codes roll up to their
 * parents), and checks every figure of results.reliability against the matrix functions
 * (stats/cohen-kappa.ts and the others, whose own tests hold NLTK's values): the same doubles for
 * percent agreement, Cohen's kappa and alpha, Fleiss' kappa within rounding (it is exact here).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgreementFigures } from '../../src/model.ts';
import { cohenKappa } from '../../src/stats/cohen-kappa.ts';
import { fleissKappa } from '../../src/stats/fleiss-kappa.ts';
import { krippendorffAlpha } from '../../src/stats/krippendorff-alpha.ts';
import { percentAgreement } from '../../src/stats/percent-agreement.ts';
import { analyzeCollecting } from '../helpers/analyze-collecting.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-coder-files-'));
// Codes a and c are parents of b and d: a coder giving b also mentions a.
writeFileSync(path.join(dir, 'codebook.csv'), 'code,label,parent\na,Alpha,\nb,Beta,a\nc,Gamma,\nd,Delta,c\n');
const CODES = ['a', 'b', 'c', 'd'];
const ROLLUP: Record<string, string[]> = { a: ['a'], b: ['a', 'b'], c: ['c'], d: ['c', 'd'] };
let counter = 0;

/** A themes cell: known codes, and now and then one the codebook does not have (the row is rejected). */
const cell = fc.tuple(fc.subarray(CODES), fc.integer({ min: 0, max: 9 })).map(([codes, bad]) => (bad === 0 ? [...codes, 'zz'] : codes).join(';'));
/** A data row: its segment ('' now and then: rejected) and themes. */
const dataRow = fc.tuple(fc.constantFrom('x', 'y', 'x', 'y', ''), cell);
/** A coder's row: an id among the data's and a few the data lack (warned, no unit), repeats allowed (the first counts). */
const coderRows = (n: number) => fc.array(fc.tuple(fc.integer({ min: 1, max: n + 3 }), cell), { maxLength: n + 6 });

describe('coder agreement from coder files, counted as read', () => {
  it('gives the figures of the respondents × themes matrix, for two and three coders', async () => {
    await fc.assert(
      fc.asyncProperty(
        // The first row is valid, so the round never stops for want of respondents.
        fc
          .array(dataRow, { minLength: 1, maxLength: 30 })
          .map((rows) => [['x', 'a'] as [string, string], ...rows])
          .chain((rows) => fc.tuple(fc.constant(rows), fc.array(coderRows(rows.length), { minLength: 1, maxLength: 2 }))),
        async ([rows, coderFiles]) => {
          const name = `s${counter++}`;
          writeFileSync(path.join(dir, `${name}.csv`), `id,seg,t\n${rows.map(([seg, t], i) => `R${i + 1},${seg},${t}`).join('\n')}\n`);
          const coders = coderFiles.map((_, k) => `C${k}`);
          coderFiles.forEach((file, k) => {
            writeFileSync(path.join(dir, `${name}-${k}.csv`), `id,t\n${file.map(([id, t]) => `R${id},${t}`).join('\n')}\n`);
          });
          writeFileSync(
            path.join(dir, `${name}.yaml`),
            [
              `id: ${name}`,
              'title: Coder files',
              'round: all',
              'codebook: codebook.csv',
              'data:',
              `  path: ${name}.csv`,
              '  columns: { id: id, segment: seg, themes: t }',
              '  separator: ";"',
              'segments:',
              '  - { id: x, label: X, plural: xs }',
              '  - { id: y, label: Y, plural: ys }',
              'reliability:',
              ...coders.map((c, k) => `  - { coder: ${c}, path: ${name}-${k}.csv }`),
              '',
            ].join('\n'),
          );
          const { results, diagnostics } = await analyzeCollecting(path.join(dir, `${name}.yaml`), dir, {});
          if ('stopped' in results) throw new Error('stopped');
          // A coder file's repeated id is an error (FND204) at its row, naming the line of its first use, whether the data have the id or not.
          const duplicates = coderFiles.flatMap((file, k) =>
            file.flatMap(([id], j) => {
              const first = file.findIndex(([other]) => other === id);
              return first < j ? [`${name}-${k}.csv:${j + 2}: duplicate respondent id "R${id}" (first used on line ${first + 2})`] : [];
            }),
          );
          expect(diagnostics.filter((d) => d.code === 'FND204').map((d) => `${path.basename(d.file)}:${d.line}: ${d.message}`)).toEqual(duplicates);

          // The matrix, by the rules: valid data rows (a segment, known codes), each coder's first row of an id.
          const themesOf = (text: string): Set<string> | null => {
            const codes = text === '' ? [] : text.split(';');
            if (codes.some((c) => !CODES.includes(c))) return null;
            return new Set(codes.flatMap((c) => ROLLUP[c]!));
          };
          const valid = new Map<string, Set<string>>();
          rows.forEach(([seg, t], i) => {
            const themes = themesOf(t);
            if (seg !== '' && themes !== null) valid.set(`R${i + 1}`, themes);
          });
          const coded = coderFiles.map((file) => {
            const byId = new Map<string, Set<string> | null>();
            for (const [id, t] of file) if (!byId.has(`R${id}`)) byId.set(`R${id}`, themesOf(t));
            return byId;
          });
          const units = [...valid.keys()].filter((id) => coded.some((byId) => (byId.get(id) ?? null) !== null));
          const matrix = (themes: string[]) =>
            units.flatMap((id) =>
              themes.map((theme) => [
                valid.get(id)!.has(theme) ? 1 : 0,
                ...coded.map((byId) => {
                  const set = byId.get(id) ?? null;
                  return set === null ? null : set.has(theme) ? 1 : 0;
                }),
              ]),
            );
          const reliability = results.reliability!;
          expect(reliability.units).toBe(units.length);
          const check = (ours: AgreementFigures, ratings: (number | null)[][]) => {
            expect(ours.percentAgreement).toBe(percentAgreement(ratings));
            expect(ours.krippendorffAlpha).toBe(krippendorffAlpha(ratings));
            expect(ours.cohenKappa).toBe(coders.length === 1 ? cohenKappa(ratings) : null);
            const fleiss = coders.length >= 2 ? fleissKappa(ratings) : null;
            if (fleiss === null) expect(ours.fleissKappa).toBeNull();
            else expect(Math.abs(ours.fleissKappa! - fleiss)).toBeLessThanOrEqual(1e-14);
          };
          CODES.forEach((code, t) => check(reliability.themes[t]!, matrix([code])));
          check(reliability.pooled, matrix(CODES));
        },
      ),
      { seed: 1919, numRuns: 40 },
    );
  }, 120_000);
});
