/**
 * Issue #20, class 1: the output folder is findings' own. `run` refuses an --out that is an existing
 * file, an input, the working folder or a folder above it, a folder holding an input, or a folder
 * holding files it did not write (FND010-FND013), and leaves every such file untouched; `codebook
 * --qdc` and `init --out` never overwrite an input; a lock serialises runs into one folder (FND014);
 * and a run killed at each step of the swap leaves the old or the new report.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockOutputFolder, writeOutputFolder } from '../../src/output/claim-output-folder.ts';
import { MANIFEST } from '../../src/output/write-folder-atomically.ts';
import { repoRoot, runCli } from '../helpers/run-cli.ts';

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
    .sort();
}
/** Every file under `dir` with its SHA-256: a snapshot to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  );
}

/** A small study in a fresh folder inside a fresh parent (so `--out ..` is harmless to the machine). */
function study(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'findings-out-')), 'study');
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(path.join(dir, 'data', 'responses.csv'), 'id,segment,themes\nA,a,x\nB,b,x;y\n');
  writeFileSync(path.join(dir, 'codebook.csv'), 'code,label\nx,X\ny,Y\n');
  writeFileSync(path.join(dir, 'notes.txt'), 'my notes\n');
  writeFileSync(
    path.join(dir, 'survey.yaml'),
    'id: s\ncodebook: codebook.csv\ndata:\n  path: data/responses.csv\n  columns: { id: id, segment: segment, themes: themes }\n',
  );
  return dir;
}

describe('run refuses an --out that is not its own, and touches nothing', () => {
  const cases: Array<[string, string, string]> = [
    ['an input (the data)', 'data/responses.csv', 'FND011'],
    ['an input (the config)', 'survey.yaml', 'FND011'],
    ['a folder holding an input', 'data', 'FND011'],
    ['the working folder', '.', 'FND012'],
    ['the folder above it', '..', 'FND012'],
    ['an unrelated existing file', 'notes.txt', 'FND010'],
  ];
  for (const [what, out, code] of cases) {
    it(`${what}: --out ${out} is ${code}, exit 2`, async () => {
      const dir = study();
      const parent = path.dirname(dir);
      const before = snapshot(parent);
      const { exit, stderr } = await runCli(['run', 'survey.yaml', '--out', out, '--quiet'], dir);
      expect(stderr).toContain(code);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(exit).toBe(2);
      expect(snapshot(parent)).toEqual(before);
    });
  }

  it('a non-empty folder it did not write: FND013, and its files stay', async () => {
    const dir = study();
    mkdirSync(path.join(dir, 'mine'));
    writeFileSync(path.join(dir, 'mine', 'thesis.docx'), 'precious');
    const { exit, stderr } = await runCli(['run', 'survey.yaml', '--out', 'mine', '--quiet'], dir);
    expect(stderr).toContain('FND013');
    expect(stderr).toContain('"thesis.docx"');
    expect(exit).toBe(2);
    expect(readFileSync(path.join(dir, 'mine', 'thesis.docx'), 'utf8')).toBe('precious');
  });

  it('a previous report is replaced; one with a file added since is refused (FND013) and kept whole', async () => {
    const dir = study();
    expect((await runCli(['run', 'survey.yaml', '--out', 'out', '--quiet'], dir)).exit).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'out', MANIFEST), 'utf8'));
    expect(manifest.files).toEqual(listFiles(path.join(dir, 'out')).filter((f) => f !== MANIFEST));
    expect((await runCli(['run', 'survey.yaml', '--out', 'out', '--quiet'], dir)).exit).toBe(0);
    writeFileSync(path.join(dir, 'out', 'charts', 'my-edit.svg'), '<svg/>');
    const before = snapshot(path.join(dir, 'out'));
    const { exit, stderr } = await runCli(['run', 'survey.yaml', '--out', 'out', '--quiet'], dir);
    expect(stderr).toContain('"charts/my-edit.svg"');
    expect(stderr).toContain('FND013');
    expect(exit).toBe(2);
    expect(snapshot(path.join(dir, 'out'))).toEqual(before);
  });

  it('an empty folder is used', async () => {
    const dir = study();
    mkdirSync(path.join(dir, 'empty'));
    expect((await runCli(['run', 'survey.yaml', '--out', 'empty', '--quiet'], dir)).exit).toBe(0);
    expect(existsSync(path.join(dir, 'empty', 'report.html'))).toBe(true);
  });
});

describe('codebook --qdc and init --out never overwrite an input', () => {
  for (const target of ['codebook.csv', 'survey.yaml']) {
    it(`codebook --qdc ${target}: FND011, exit 2, file unchanged`, async () => {
      const dir = study();
      const before = snapshot(dir);
      const { exit, stderr } = await runCli(['codebook', 'survey.yaml', '--qdc', target], dir);
      expect(stderr).toContain('FND011');
      expect(exit).toBe(2);
      expect(snapshot(dir)).toEqual(before);
    });
  }

  for (const target of ['survey.yaml', 'data/responses.csv']) {
    it(`init --out ${target}: refused, exit 2, file unchanged`, async () => {
      const dir = study();
      const before = snapshot(dir);
      const { exit } = await runCli(['init', 'data/responses.csv', '--from', 'survey.yaml', '--out', target], dir);
      expect(exit).toBe(2);
      expect(snapshot(dir)).toEqual(before);
    });
  }
});

describe('replacing a previous report deletes only its own files', () => {
  it('a manifest naming paths outside the folder, or a folder, deletes neither', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-manifest-'));
    const out = path.join(dir, 'out');
    expect(
      await writeOutputFolder(
        out,
        new Map([
          ['report.html', 'one\n'],
          ['charts/a.svg', '<svg/>'],
        ]),
        { cwd: dir, inputs: [], lockWaitMs: 0 },
      ),
    ).toBeNull();
    writeFileSync(path.join(dir, 'victim.txt'), 'keep me');
    const tampered = { writtenBy: 'findings', files: ['../victim.txt', path.join(dir, 'victim.txt'), 'charts', 'charts/a.svg', 'report.html'] };
    writeFileSync(path.join(out, MANIFEST), JSON.stringify(tampered));
    expect(await writeOutputFolder(out, new Map([['report.md', 'two\n']]), { cwd: dir, inputs: [], lockWaitMs: 0 })).toBeNull();
    expect(readFileSync(path.join(dir, 'victim.txt'), 'utf8')).toBe('keep me');
    // The old report's files went (charts/ with its last file); the new one is whole.
    expect(listFiles(out)).toEqual([MANIFEST, 'report.md']);
  });
});

describe('the lock', () => {
  const files = new Map([['report.html', 'new\n']]);

  it('a folder locked by a live process: FND014 after the wait, nothing written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-lock-'));
    const held = await lockOutputFolder(path.join(dir, 'out'), 0, 'out');
    if ('code' in held) throw new Error(held.message);
    try {
      const problem = await writeOutputFolder(path.join(dir, 'out'), files, { cwd: dir, inputs: [], lockWaitMs: 0 });
      expect(problem?.code).toBe('FND014');
      expect(problem?.message).toContain(`process ${process.pid}`);
      expect(existsSync(path.join(dir, 'out'))).toBe(false);
    } finally {
      held.release();
    }
    expect(await writeOutputFolder(path.join(dir, 'out'), files, { cwd: dir, inputs: [], lockWaitMs: 0 })).toBeNull();
  });

  it('a lock left by a killed run (its process gone) is taken over', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-lock-'));
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('exit', resolve));
    writeFileSync(path.join(dir, '.findings-out.lock'), `${child.pid}\n`);
    expect(await writeOutputFolder(path.join(dir, 'out'), files, { cwd: dir, inputs: [], lockWaitMs: 0 })).toBeNull();
    expect(readdirSync(dir).sort()).toEqual(['out']);
  });

  it('two runs into one folder at once: both end cleanly, one report stands, no leftovers', async () => {
    const dir = study();
    const cli = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(repoRoot, 'bin/findings.js'), 'run', 'survey.yaml', '--out', 'out', '--quiet'], { cwd: dir });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([cli(), cli(), cli()]);
    for (const r of results) {
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code === 0 || (r.code === 2 && r.stderr.includes('FND014'))).toBe(true);
    }
    expect(results.some((r) => r.code === 0)).toBe(true);
    expect(existsSync(path.join(dir, 'out', 'report.html'))).toBe(true);
    expect(readdirSync(dir).filter((e) => e.startsWith('.findings-'))).toEqual([]);
  }, 60_000);
});

describe('a run killed at each step of the swap', () => {
  const child = path.join(repoRoot, 'test/helpers/swap-child.ts');
  function write(target: string, stopAt: string, version: number) {
    return spawn(process.execPath, ['--import', 'tsx', child, target, stopAt, String(version)], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  }
  async function finished(target: string, version: number) {
    const c = write(target, 'none', version);
    const code = await new Promise((resolve) => c.on('exit', resolve));
    expect(code).toBe(0);
  }
  /** The report's files as a reader sees them (the staging folder, findings' own, aside). */
  const reportFiles = (folder: string) => listFiles(folder).filter((f) => f !== MANIFEST && !f.startsWith('.findings-staging-'));
  /** Each report file's version; every file must be whole (its one line names one version). */
  function versions(folder: string): Record<string, string> {
    return Object.fromEntries(
      reportFiles(folder).map((f) => {
        const text = readFileSync(path.join(folder, f), 'utf8');
        const found = [...text.matchAll(/(?:version |"version": |<!-- )(\d+)/g)].map((m) => m[1]);
        expect(found, `${f} holds one whole version`).toHaveLength(1);
        return [f, found[0]!];
      }),
    );
  }
  const report = (version: number) => ({
    'charts/a.svg': String(version),
    [`extra-${version}/only.txt`]: String(version),
    'report.html': String(version),
    'results.json': String(version),
  });
  const manifestOf = (folder: string) => JSON.parse(readFileSync(path.join(folder, MANIFEST), 'utf8')) as { files: string[]; state?: string };

  // What a reader of --out sees when the run is killed right after each step (write-folder-atomically.ts):
  // the files of each version, and whether the manifest says the folder is being replaced.
  const seen: Record<string, { files: Record<string, string>; replacing: boolean }> = {
    written: { files: report(1), replacing: false },
    'manifest-joined': { files: report(1), replacing: true },
    // The first file in sorted order is new, the rest still old: each file whole.
    'file-moved': { files: { ...report(1), 'charts/a.svg': '2' }, replacing: true },
    'files-moved': { files: { ...report(1), ...report(2) }, replacing: true },
    'new-in-place': { files: report(2), replacing: false },
    cleaned: { files: report(2), replacing: false },
  };

  for (const [step, expected] of Object.entries(seen)) {
    it(`killed at "${step}": --out is there, every file whole, the manifest lists them all; the next run cleans up`, async () => {
      const parent = mkdtempSync(path.join(os.tmpdir(), 'findings-swap-'));
      const target = path.join(parent, 'out');
      await finished(target, 1);
      expect(versions(target)).toEqual(report(1));
      const c = write(target, step, 2);
      // --out never goes missing while the run works, up to the step it stops at.
      let absent = 0;
      const deadline = Date.now() + 30_000;
      while (!existsSync(`${target}.at`) && Date.now() < deadline) {
        if (!existsSync(path.join(target, 'report.html'))) absent++;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(readFileSync(`${target}.at`, 'utf8')).toBe(step);
      c.kill('SIGKILL');
      await new Promise((resolve) => c.on('exit', resolve));
      expect(absent).toBe(0);
      expect(existsSync(target)).toBe(true);
      expect(versions(target)).toEqual(expected.files);
      const manifest = manifestOf(target);
      expect(manifest.state === 'replacing').toBe(expected.replacing);
      // No file a reader finds is outside the manifest, so the next run never takes the mix for foreign files.
      for (const f of reportFiles(target)) expect(manifest.files).toContain(f);
      await finished(target, 3);
      expect(versions(target)).toEqual(report(3));
      expect(manifestOf(target)).toEqual({ writtenBy: 'findings', files: Object.keys(report(3)).sort() });
      expect(listFiles(target).filter((f) => f.startsWith('.findings-'))).toEqual([MANIFEST]);
      expect(readdirSync(target).sort()).toEqual(['.findings-manifest.json', 'charts', 'extra-3', 'report.html', 'results.json']);
      expect(readdirSync(parent).sort()).toEqual(['out', 'out.at']);
    }, 60_000);
  }

  it('a first run killed half way leaves a folder the next run takes as its own (no FND013)', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'findings-swap-'));
    const target = path.join(parent, 'out');
    const c = write(target, 'file-moved', 2);
    const deadline = Date.now() + 30_000;
    while (!existsSync(`${target}.at`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    c.kill('SIGKILL');
    await new Promise((resolve) => c.on('exit', resolve));
    expect(versions(target)).toEqual({ 'charts/a.svg': '2' });
    expect(manifestOf(target).state).toBe('replacing');
    await finished(target, 3);
    expect(versions(target)).toEqual(report(3));
  }, 60_000);
});
