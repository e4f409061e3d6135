/** The progress line for long reads: silent off a terminal, delayed, throttled, and never wider than the terminal. */
import { describe, expect, it } from 'vitest';
import { createProgress, progressLine, type ProgressStream } from '../../src/cli/progress.ts';

function fakeTerminal(overrides: Partial<ProgressStream> = {}): { stream: ProgressStream; writes: string[] } {
  const writes: string[] = [];
  const stream: ProgressStream = { isTTY: true, columns: 80, write: (text) => writes.push(text), ...overrides };
  return { stream, writes };
}

function fakeClock(): { now: () => number; at: (ms: number) => void } {
  let t = 0;
  return { now: () => t, at: (ms) => (t = ms) };
}

const chars = (text: string): number => Array.from(text).length;

describe('progressLine', () => {
  it('draws label, bar, percent, bytes, rows, rates and ETA', () => {
    // 70e6 / 140e6 = 50%; bar 30 cells (the widest), 15 filled.
    // 70e6 B / 2 s = 35.0 MB/s; 500,000 rows / 2 s = 250k rows/s; ETA 2 s * 70e6 left / 70e6 read = 2.0 s.
    const line = progressLine({ label: 'responses.csv', bytes: 70e6, totalBytes: 140e6, rows: 500_000, elapsedMs: 2000, width: 200 });
    expect(line).toBe('responses.csv  ███████████████░░░░░░░░░░░░░░░  50%  70.0 MB / 140.0 MB  500,000 rows  35.0 MB/s  250k rows/s  ETA 2.0 s');
  });

  it('leaves out the ETA while nothing has been read', () => {
    const line = progressLine({ label: 'responses.csv', bytes: 0, totalBytes: 140e6, rows: 0, elapsedMs: 1000, width: 120 });
    expect(line).toBe('responses.csv  ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  0%  0.0 MB / 140.0 MB  0 rows  0.0 MB/s  0 rows/s');
  });

  it('gives the bar room by dropping the rates, then drops the bar and cuts the label, with the ETA in minutes', () => {
    // 12e6 / 100e6 = 12%; 12e6 B / 10 s = 1.2 MB/s; 1,234,567 / 10 s = 123,456.7 -> 123k rows/s;
    // ETA 10 s * 88e6 / 12e6 = 73.3 s -> 1 min 13 s. At width 100 everything but the bar takes
    // 20 + 2 + 78 = 100 > 99, so rows/s goes: the numbers then take 65, leaving 99 - 65 - 4 = 30 for
    // the label (20, whole) and a bar of 10 cells, 1 of them filled (12% of 10, rounded down).
    const state = { label: 'wave-2/responses.csv', bytes: 12e6, totalBytes: 100e6, rows: 1_234_567, elapsedMs: 10_000 };
    const line = progressLine({ ...state, width: 100 });
    expect(line).toBe('wave-2/responses.csv  █░░░░░░░░░  12%  12.0 MB / 100.0 MB  1,234,567 rows  1.2 MB/s  ETA 1 min 13 s');
    expect(chars(line)).toBe(99);

    // At 80 columns (79 usable) even without both rates a bar of 10 and a label of 12 do not fit
    // (79 - 55 - 4 = 20 < 22), so there is no bar: rows/s goes and the label gets 79 - 65 - 2 = 12.
    expect(progressLine({ ...state, width: 80 })).toBe('…sponses.csv  12%  12.0 MB / 100.0 MB  1,234,567 rows  1.2 MB/s  ETA 1 min 13 s');

    // At 40 columns, rows/s, MB/s, bytes and rows go (in that order), leaving 39 - 19 - 2 = 18 for the label.
    expect(progressLine({ ...state, width: 40 })).toBe('…e-2/responses.csv  12%  ETA 1 min 13 s');
  });

  it('shows rows per second with k or M and at most 3 significant digits', () => {
    const rate = (rows: number): string => progressLine({ label: 'r.csv', bytes: 1e6, totalBytes: 2e6, rows, elapsedMs: 1000, width: 200 });
    expect(rate(950)).toContain('  950 rows/s  ');
    expect(rate(1234)).toContain('  1.23k rows/s  ');
    expect(rate(12_345)).toContain('  12.3k rows/s  ');
    expect(rate(312_456)).toContain('  312k rows/s  ');
    expect(rate(999_999)).toContain('  1M rows/s  ');
    expect(rate(1_500_000)).toContain('  1.5M rows/s  ');
  });

  it('shows bytes alone when the total is unknown', () => {
    const line = progressLine({ label: 'stdin', bytes: 5e6, totalBytes: 0, rows: 10, elapsedMs: 1000, width: 80 });
    expect(line).toBe('stdin  5.0 MB  10 rows  5.0 MB/s  10 rows/s');
    expect(progressLine({ label: 'stdin', bytes: 0, totalBytes: 0, rows: 1, elapsedMs: 0, width: 80 })).toBe('stdin  0.0 MB  1 row');
  });

  it('never reaches the last column, whatever the width', () => {
    const label = `surveys/2024/wave-3/exports/${'very-long-export-name-'.repeat(10)}responses.csv`;
    const states = [
      { bytes: 0, rows: 0, elapsedMs: 1000 },
      { bytes: 71.3e6, rows: 512_340, elapsedMs: 1482 },
      { bytes: 140e6, rows: 99_999_999, elapsedMs: 3_600_000 },
    ];
    for (const width of [20, 40, 80, 200]) {
      for (const s of states) {
        for (const l of [label, 'short.csv']) {
          const line = progressLine({ label: l, totalBytes: 140e6, width, ...s });
          expect(chars(line), `${width}: ${line}`).toBeLessThanOrEqual(width - 1);
          expect(line).toMatch(/%/);
        }
      }
    }
  });

  it('keeps control characters in the label away from the terminal', () => {
    const line = progressLine({ label: 'evil\x1b[2J\nname.csv', bytes: 1, totalBytes: 2, rows: 1, elapsedMs: 1, width: 200 });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters in the line.
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(line.startsWith('evil?[2J?name.csv  ')).toBe(true);
  });
});

describe('createProgress', () => {
  it('writes nothing when the stream is not a terminal', () => {
    for (const isTTY of [undefined, false]) {
      const { stream, writes } = fakeTerminal({ isTTY });
      const clock = fakeClock();
      const progress = createProgress({ stream, quiet: false, label: 'a.csv', totalBytes: 100, now: clock.now });
      clock.at(5000);
      progress.update(50, 5);
      progress.done();
      expect(writes).toEqual([]);
    }
  });

  it('writes nothing when quiet', () => {
    const { stream, writes } = fakeTerminal();
    const clock = fakeClock();
    const progress = createProgress({ stream, quiet: true, label: 'a.csv', totalBytes: 100, now: clock.now });
    clock.at(5000);
    progress.update(50, 5);
    progress.done();
    expect(writes).toEqual([]);
  });

  it('draws nothing before the delay, then at most once per interval', () => {
    const { stream, writes } = fakeTerminal();
    const clock = fakeClock();
    const progress = createProgress({ stream, quiet: false, label: 'a.csv', totalBytes: 100e6, now: clock.now });
    for (const t of [0, 500, 999]) {
      clock.at(t);
      progress.update(1e6, 10);
    }
    expect(writes).toEqual([]);

    clock.at(1000);
    progress.update(50e6, 500);
    expect(writes).toEqual([`\r${progressLine({ label: 'a.csv', bytes: 50e6, totalBytes: 100e6, rows: 500, elapsedMs: 1000, width: 80 })}\x1b[K`]);

    for (const t of [1001, 1050, 1099]) {
      clock.at(t);
      progress.update(60e6, 600);
    }
    expect(writes).toHaveLength(1);

    clock.at(1100);
    progress.update(70e6, 700);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toBe(`\r${progressLine({ label: 'a.csv', bytes: 70e6, totalBytes: 100e6, rows: 700, elapsedMs: 1100, width: 80 })}\x1b[K`);
  });

  it('honours delayMs and intervalMs, and the width of the terminal', () => {
    const { stream, writes } = fakeTerminal({ columns: 40 });
    const clock = fakeClock();
    clock.at(100);
    const progress = createProgress({
      stream,
      quiet: false,
      label: 'fixtures/a-rather-long-folder/responses.csv',
      totalBytes: 100e6,
      now: clock.now,
      delayMs: 10,
      intervalMs: 50,
    });
    clock.at(109);
    progress.update(1e6, 1);
    clock.at(110);
    progress.update(2e6, 2);
    clock.at(159);
    progress.update(3e6, 3);
    clock.at(160);
    progress.update(4e6, 4);
    expect(writes).toHaveLength(2);
    for (const w of writes) {
      const line = w.slice(1, -'\x1b[K'.length);
      expect(chars(line)).toBeLessThanOrEqual(39);
    }
  });

  it('uses 80 columns when the stream does not say', () => {
    const { stream, writes } = fakeTerminal({ columns: undefined });
    const progress = createProgress({ stream, quiet: false, label: 'a.csv', totalBytes: 100e6, delayMs: 0, now: () => 0 });
    progress.update(1e6, 1);
    expect(writes).toEqual([`\r${progressLine({ label: 'a.csv', bytes: 1e6, totalBytes: 100e6, rows: 1, elapsedMs: 0, width: 80 })}\x1b[K`]);
  });

  it('draws with the real clock when none is given', () => {
    const { stream, writes } = fakeTerminal();
    const progress = createProgress({ stream, quiet: false, label: 'a.csv', totalBytes: 100, delayMs: 0 });
    progress.update(10, 1);
    expect(writes).toHaveLength(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the line must end with the terminal's erase-line sequence.
    expect(writes[0]).toMatch(/^\ra\.csv {2}(.* )?10% {2}.*\x1b\[K$/);
  });

  it('clears the line on done() only if it drew, and ignores updates afterwards', () => {
    const drew = fakeTerminal();
    const clock = fakeClock();
    const progress = createProgress({ stream: drew.stream, quiet: false, label: 'a.csv', totalBytes: 100, now: clock.now });
    clock.at(2000);
    progress.update(50, 5);
    progress.done();
    expect(drew.writes).toHaveLength(2);
    expect(drew.writes[1]).toBe('\r\x1b[K');
    clock.at(9000);
    progress.update(90, 9);
    progress.done();
    expect(drew.writes).toHaveLength(2);

    const quick = fakeTerminal();
    const fast = createProgress({ stream: quick.stream, quiet: false, label: 'a.csv', totalBytes: 100, now: clock.now });
    clock.at(9500);
    fast.update(100, 10);
    fast.done();
    clock.at(20_000);
    fast.update(100, 10);
    expect(quick.writes).toEqual([]);
  });
});
