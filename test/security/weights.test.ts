/**
 * Issue #20, class 5: weights at the edge of floating point. A weight of 1e200 made the sum of squared
 * weights Infinity and the run end in a RangeError stack trace; 5e-324 (the smallest denormal) made
 * the sums vanish. Weights are finite, positive and from 1e-9 to 1e9 (FND208 naming the row, with
 * either reader); within that range the statistics stay finite.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

function study(weights: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-weights-'));
  writeFileSync(path.join(dir, 'codebook.csv'), 'code,label\nx,X\ny,Y\n');
  const rows = weights.map((w, i) => `R${i},${i % 2 === 0 ? 'a' : 'b'},${w},${i % 3 === 0 ? 'x' : 'x;y'}`);
  writeFileSync(path.join(dir, 'data.csv'), `id,segment,weight,themes\n${rows.join('\n')}\n`);
  writeFileSync(
    path.join(dir, 'survey.yaml'),
    'id: w\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, weight: weight, themes: themes }\n',
  );
  return dir;
}

/** Every number in a JSON document (JSON has no Infinity or NaN: they would be null). */
function numbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbers(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) numbers(v, out);
  return out;
}

describe('weights out of range', () => {
  const weights = ['1', '1e200', '5e-324', '2', '100000000000000', '0.0000000000001', '1e9', '1e-9', '3', '1.5'];
  for (const reader of ['fast', 'papaparse']) {
    it(`are FND208 naming each row (reader ${reader}); the run with --allow-errors ends cleanly`, async () => {
      const dir = study(weights);
      const { exit, stderr } = await runCli(['check', 'survey.yaml', '--reader', reader], dir);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(
        [
          ...stderr.matchAll(
            /^data\.csv:(\d+):(\d+) {2}error {2}weight "([^"]+)" is outside the range findings accepts \(1e-9 to 1e9\); rescale the weights {2}FND208/gm,
          ),
        ].map((m) => `${m[1]}:${m[2]} ${m[3]}`),
      ).toEqual(['3:6 1e200', '4:6 5e-324', '6:6 100000000000000', '7:6 0.0000000000001']);
      expect(exit).toBe(1);
      const run = await runCli(['run', 'survey.yaml', '--out', 'out', '--allow-errors', '--quiet', '--reader', reader], dir);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.exit).toBe(0);
      const results = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8'));
      expect(results.ledger.rowsRejected).toBe(4);
    });
  }

  it('at the edges of the range (1e9 and 1e-9 together), every figure is finite', async () => {
    const dir = study(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? '1e9' : '1e-9')));
    const { exit, stderr } = await runCli(['run', 'survey.yaml', '--out', 'out', '--quiet'], dir);
    expect(stderr).toBe('');
    expect(exit).toBe(0);
    const text = readFileSync(path.join(dir, 'out', 'results.json'), 'utf8');
    for (const n of numbers(JSON.parse(text))) expect(Number.isFinite(n)).toBe(true);
    // Kish's effective n for 20 weights of 1e9 and 20 of 1e-9 is (sum w)^2 / sum w^2 = (20e9)^2 / (20e18) = 20
    // (to 1e-17: the small weights add 20e-9 to the sum): in R, w <- rep(c(1e9, 1e-9), 20); sum(w)^2 / sum(w^2) -> 20
    expect(JSON.parse(text).base.effective).toBeCloseTo(20, 9);
  });
});
