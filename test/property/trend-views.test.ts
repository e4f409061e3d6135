/**
 * Issue #19, item 4: `trend` reads each round's data once (pipeline.ts readRoundViews) and tallies it
 * into several codebooks at once. Checked against the reference, the one-codebook read
 * (`readRound`, as `run` and the trend before issue #19 read every round), on generated chains of
 * three or four rounds (fast-check, fixed seed; `FUZZ_RUNS` runs more). Each round's codebook has a
 * hierarchy (roll-up), and each round's `codebookChanges` rename, merge, split and retire codes, add
 * new ones, and drop some with no mapping (a vanished code, FND304). Rows carry unknown codes
 * (rejected, FND207), blank theme cells, a rating question with blanks and, in some rounds, weights;
 * some rounds are read by the byte scanner, others by papaparse (a filter sends a round there).
 *   - Each view (into the latest codebook, the round's own, the next round's) holds the same tally,
 *     ledger, segments and translation as `readRound` into that codebook, and the read reports what
 *     `readRound` into the latest codebook reports.
 *   - The trend's changes are, one by one, `results.change` of `analyzeRound` on the later round, and
 *     its diagnostics are those of every round read into the latest codebook, in round order.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, SurveyConfig } from '../../src/model.ts';
import { analyzeRound, readRound, readRoundViews, type IntoCodebook, type Round } from '../../src/pipeline.ts';
import { analyzeTrend, intoLatest, trendConfigs, trendCodebooks } from '../../src/rounds/analyze-trend.ts';
import { configPosition } from '../../src/config/read-config.ts';
import { collect } from '../../src/messages.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 0);
const numRuns = (n: number) => (runs > 0 ? runs : n);
const timeout = runs > 0 ? 3_600_000 : 120_000;

interface Code {
  code: string;
  parent: string;
}
interface RoundPlan {
  codes: Code[];
  changes: string[];
  rows: string[];
  weighted: boolean;
  filtered: boolean;
}

/** One change between rounds, as drawn: which operation, on which codes (indexes into the codes then). */
const operation = fc.record({
  kind: fc.constantFrom('renamed', 'merged', 'merged-new', 'split', 'retired', 'added', 'vanished'),
  a: fc.nat(),
  b: fc.nat(),
});
const rowDraw = fc.record({
  segment: fc.constantFrom('s', 't', 'u'),
  codes: fc.array(fc.nat(), { maxLength: 4 }),
  unknown: fc.boolean(),
  rating: fc.constantFrom('', '1', '2', '3', '4', '5'),
  weight: fc.constantFrom('0.5', '1', '2.25'),
  keep: fc.constantFrom('y', 'y', 'n'),
});
const roundDraw = fc.record({
  operations: fc.array(operation, { maxLength: 3 }),
  rows: fc.array(rowDraw, { minLength: 1, maxLength: 12 }),
  weighted: fc.boolean(),
  filtered: fc.boolean(),
});
const chainDraw = fc.record({
  parents: fc.array(fc.nat(), { minLength: 3, maxLength: 6 }),
  rounds: fc.array(roundDraw, { minLength: 3, maxLength: 4 }),
});

/** The rounds' codebooks, changes and rows from a draw: each round's codebook is the one before with its changes applied. */
function plan(draw: typeof chainDraw extends fc.Arbitrary<infer T> ? T : never): RoundPlan[] {
  let fresh = 0;
  const name = () => `n${fresh++}`;
  // Round 0: codes c0.. with parents among the codes before them (index 0 or a nat past the code: no parent).
  let codes: Code[] = draw.parents.map((p, i) => ({ code: `c${i}`, parent: p < i && p % 2 === 0 ? `c${p}` : '' }));
  const out: RoundPlan[] = [];
  draw.rounds.forEach((round, r) => {
    const changes: string[] = [];
    if (r > 0) {
      const touched = new Set<string>();
      let next = codes.map((c) => ({ ...c }));
      const drop = (code: string) => {
        next = next.filter((c) => c.code !== code);
        for (const c of next) if (c.parent === code) c.parent = '';
      };
      for (const op of round.operations) {
        const free = next.filter((c) => !touched.has(c.code) && codes.some((old) => old.code === c.code));
        const x = free[op.a % Math.max(1, free.length)];
        const y = free.filter((c) => c !== x)[op.b % Math.max(1, free.length - 1)];
        if (op.kind === 'added') {
          next.push({ code: name(), parent: '' });
          continue;
        }
        if (x === undefined) continue;
        touched.add(x.code);
        if (op.kind === 'renamed') {
          const to = name();
          changes.push(`{ renamed: ${x.code}, to: ${to} }`);
          for (const c of next) if (c.parent === x.code) c.parent = to;
          x.code = to;
          touched.add(to);
        } else if (op.kind === 'merged' && y !== undefined) {
          touched.add(y.code);
          changes.push(`{ merged: [${x.code}, ${y.code}], to: ${y.code} }`);
          drop(x.code);
        } else if (op.kind === 'merged-new' && y !== undefined) {
          touched.add(y.code);
          const to = name();
          changes.push(`{ merged: [${x.code}, ${y.code}], to: ${to} }`);
          drop(x.code);
          drop(y.code);
          next.push({ code: to, parent: '' });
        } else if (op.kind === 'split') {
          const parts = [name(), name()];
          changes.push(`{ split: ${x.code}, to: [${parts.join(', ')}] }`);
          drop(x.code);
          for (const p of parts) next.push({ code: p, parent: '' });
        } else if (op.kind === 'retired') {
          changes.push(`{ retired: ${x.code} }`);
          drop(x.code);
        } else if (op.kind === 'vanished') drop(x.code);
      }
      codes = next;
    }
    const rows = round.rows.map((row, i) => {
      const given = row.codes.map((c) => codes[c % codes.length]!.code);
      if (row.unknown) given.push('zz');
      return [`r${i}`, row.segment, given.join(';'), row.rating, row.weight, row.keep].join(',');
    });
    out.push({ codes: codes.map((c) => ({ ...c })), changes, rows, weighted: round.weighted, filtered: round.filtered });
  });
  return out;
}

/** Write the chain into a folder: round k's config names round k-1 as its previous round. */
function write(rounds: RoundPlan[]): { dir: string; latest: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-trend-views-'));
  rounds.forEach((round, k) => {
    writeFileSync(path.join(dir, `codebook-${k}.csv`), `code,label,parent\n${round.codes.map((c) => `${c.code},Label ${c.code},${c.parent}`).join('\n')}\n`);
    writeFileSync(path.join(dir, `data-${k}.csv`), `id,segment,themes,q,w,keep\n${round.rows.join('\n')}\n`);
    writeFileSync(
      path.join(dir, `round-${k}.yaml`),
      [
        `id: round-${k}`,
        `round: "${2010 + k}"`,
        ...(k === 0 ? [] : [`previous: round-${k - 1}.yaml`]),
        `codebook: codebook-${k}.csv`,
        ...(round.changes.length === 0 ? [] : ['codebookChanges:', ...round.changes.map((c) => `  - ${c}`)]),
        'data:',
        `  path: data-${k}.csv`,
        `  columns: { id: id, segment: segment, themes: themes${round.weighted ? ', weight: w' : ''} }`,
        '  separator: ";"',
        ...(round.filtered ? ['  filter: { column: keep, equals: "y" }'] : []),
        'segments:',
        '  - { id: s, label: S }',
        '  - { id: t, label: T }',
        'questions:',
        '  - { id: q, column: q, label: Q, levels: [1, 2, 3, 4, 5], topBox: 2 }',
        'report:',
        '  minBase: 2',
      ].join('\n'),
    );
  });
  return { dir, latest: `round-${rounds.length - 1}.yaml` };
}

/** What a view holds that the trend uses: the tally, the ledger, the segments and the translation. */
function held(round: Round & { translation?: unknown }) {
  return {
    segments: round.state.segments.map((s) => ({ ...s, questions: s.questions })),
    pairs: [...round.state.pairs],
    ledger: round.ledger,
    groups: round.segments,
    translation: round.translation ?? null,
  };
}

describe('trend: each round read once, into every codebook it is compared in', () => {
  it(
    'each view is what readRound into that codebook gives; the trend is what analyzeRound gives',
    async () => {
      let chains = 0;
      await fc.assert(
        fc.asyncProperty(chainDraw, async (draw) => {
          const rounds = plan(draw);
          const { dir, latest } = write(rounds);
          const silent = { report: () => {} };
          const configs = trendConfigs([latest], dir, silent) as SurveyConfig[];
          const codebooks = await trendCodebooks(configs, silent);
          if (codebooks === null) throw new Error('a generated codebook failed');
          const last = configs.length - 1;
          const expected: Diagnostic[] = [];
          for (let i = 0; i < last; i++) {
            const config = configs[i]!;
            const next = configs[i + 1]!;
            const intos: (IntoCodebook | null)[] = [
              intoLatest(configs, codebooks, i),
              null,
              {
                codebook: codebooks[i + 1]!,
                mappings: next.codebookChanges,
                currentRound: `round ${next.round}`,
                at: configPosition(next, 'previous'),
              },
            ];
            const views = collect();
            const got = await readRoundViews(
              config.file,
              dir,
              views,
              intos.map((into, v) => ({ into, sink: v === 0 ? views : silent })),
            );
            const reference = collect();
            const references = [];
            for (const [v, into] of intos.entries()) {
              const one = v === 0 ? reference : collect();
              references.push(await readRound(config.file, dir, one, into ?? undefined));
            }
            expected.push(...reference.diagnostics);
            if ('stopped' in got) {
              expect(references[0]).toEqual(got);
              continue;
            }
            for (const [v, ref] of references.entries()) {
              const view = got[v]!;
              if ('stopped' in ref || 'stopped' in view) expect(view).toEqual(ref);
              else expect(held(view)).toEqual(held(ref));
            }
            expect(views.diagnostics).toEqual(reference.diagnostics);
          }
          const trend = collect();
          const result = await analyzeTrend([latest], dir, trend);
          const lastRead = collect();
          await readRound(configs[last]!.file, dir, lastRead);
          expected.push(...lastRead.diagnostics);
          expect(trend.diagnostics).toEqual(expected);
          if (typeof result === 'string') return;
          chains++;
          const changes = [];
          for (let k = 1; k <= last; k++) {
            const analysis = await analyzeRound(configs[k]!.file, dir, silent);
            if (!('stopped' in analysis)) changes.push(analysis.results.change);
          }
          expect(result.changes).toEqual(changes);
        }),
        { numRuns: numRuns(25), seed: 19_004 },
      );
      // The generator must give chains the trend reads through, not only ones it stops on.
      expect(chains).toBeGreaterThan(10);
    },
    timeout,
  );
});
