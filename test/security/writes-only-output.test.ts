/**
 * Issue #20, "Done when": no command touches a file outside its output folder, and none prints a
 * stack trace. Every command of the CLI (check, run, trend, inspect, codebook --qdc, init, and the
 * office flags where cheap) runs over the whole corpus of fixtures, good and bad (fixtures/ and
 * surveys/, copied into a temporary tree, so the commands' own relative paths resolve as in the
 * repository), and each fixture's command.txt as written (the output-folder attacks: --out ., --out
 * .., --out an input, ...). Before and after each command the test takes a snapshot of the tree
 * (every path, its type, and for a file or link its size and mtime) and of a private TMPDIR; apart
 * from the command's output (the --out folder, the --qdc or init --out file) both must be the same,
 * and a command that fails must leave its output path as it was too. The working folder of the test
 * process (the repository) is checked the same way at its top level, for a command that would write
 * relative to process.cwd() instead of its own working folder.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/run-cli.ts';

const tree = mkdtempSync(path.join(os.tmpdir(), 'findings-writes-'));
const privateTmp = mkdtempSync(path.join(os.tmpdir(), 'findings-writes-tmp-'));
const savedTmp = process.env.TMPDIR;

beforeAll(() => {
  // Symbolic links (a fixture links to /dev/zero) are copied as links, never followed.
  for (const folder of ['fixtures', 'surveys']) cpSync(path.join(repoRoot, folder), path.join(tree, folder), { recursive: true, verbatimSymlinks: true });
  // Anything a command puts in the system's temporary folder lands here, where the test sees it.
  process.env.TMPDIR = privateTmp;
  // Run from the TypeScript sources (a bundle older than src/), tsx keeps its compile cache in the
  // temporary folder: that is the development runner's, not the command's, so it is turned off here.
  process.env.TSX_DISABLE_CACHE = '1';
});

afterAll(() => {
  delete process.env.TSX_DISABLE_CACHE;
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(tree, { recursive: true, force: true });
  rmSync(privateTmp, { recursive: true, force: true });
});

/** Every path under `root` (links not followed) with its type, and size and mtime for files and links. */
function snapshot(root: string, depth = Infinity): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (relative: string, level: number) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const stat = lstatSync(path.join(root, name));
      if (entry.isDirectory()) {
        // A folder's own mtime changes when an entry is added and removed again (the lock): its
        // entries are what count.
        out.set(name, 'dir');
        if (level < depth) walk(name, level + 1);
      } else {
        out.set(name, `${entry.isSymbolicLink() ? 'link' : entry.isFile() ? 'file' : 'special'} ${stat.size} ${stat.mtimeMs}`);
      }
    }
  };
  walk('', 1);
  return out;
}

/** The paths whose entry differs between two snapshots, leaving out `output` (a path relative to the tree) and what is under it. */
function changed(before: Map<string, string>, after: Map<string, string>, output: string | null): string[] {
  const mine = (name: string) => output !== null && (name === output || name.startsWith(`${output}/`));
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => !mine(name) && before.get(name) !== after.get(name)).sort();
}

const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?$/m;

/**
 * Run `args` in `cwd` (a folder of the tree) and check that nothing outside `output` (relative to
 * the tree; null: the command writes nothing) changed, in the tree or the private TMPDIR, and that
 * stderr holds no stack trace. A command that fails must leave `output` as it was too.
 */
async function runAndCheck(args: string[], cwd: string, output: string | null): Promise<number> {
  const before = snapshot(tree);
  const repoBefore = snapshot(repoRoot, 1);
  const { exit, stderr } = await runCli(args, cwd);
  const label = `findings ${args.join(' ')} (in ${path.relative(tree, cwd) || '.'})`;
  expect(stderr, label).not.toMatch(STACK_FRAME);
  expect(exit, `${label}: ${stderr}`).toBeLessThanOrEqual(2);
  const after = snapshot(tree);
  expect(changed(before, after, exit === 0 ? output : null), label).toEqual([]);
  expect(readdirSync(privateTmp), `${label}: left in TMPDIR`).toEqual([]);
  expect(changed(repoBefore, snapshot(repoRoot, 1), null), `${label}: in the test's working folder`).toEqual([]);
  if (output !== null) rmSync(path.join(tree, output), { recursive: true, force: true });
  return exit;
}

/** Every config of the corpus, relative to the tree: the fixtures' YAML files and surveys/. */
function configs(): string[] {
  const found: string[] = [];
  for (const top of ['fixtures', 'surveys']) {
    const walk = (relative: string) => {
      for (const entry of readdirSync(path.join(repoRoot, relative), { withFileTypes: true })) {
        const name = `${relative}/${entry.name}`;
        if (entry.isDirectory()) walk(name);
        else if (/\.ya?ml$/.test(entry.name)) found.push(name);
      }
    };
    walk(top);
  }
  return found.sort();
}

/** Every data file of the corpus (what `inspect` reads), relative to the tree. */
function dataFiles(): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(repoRoot, relative), { withFileTypes: true })) {
      const name = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(name);
      else if (/\.(csv|tsv|txt|xlsx|qdpx|qde)$/.test(entry.name) && !/^(expected|command)\.txt$/.test(entry.name)) found.push(name);
    }
  };
  walk('fixtures');
  return found.sort();
}

// The corpus is read from the repository when the file is collected; the commands run on the copy.
const allConfigs = configs();

describe('no command writes outside its output folder, nor prints a stack trace', () => {
  it('covers the corpus: every fixture config, good and bad, and the default study', () => {
    expect(allConfigs.length).toBeGreaterThanOrEqual(100);
    expect(allConfigs).toContain('surveys/rpa-2016.yaml');
    expect(allConfigs.filter((config) => config.startsWith('fixtures/bad-')).length).toBeGreaterThanOrEqual(70);
  });

  // Split in batches so that each test's time stays well inside its timeout on a loaded machine.
  const BATCH = 20;
  for (let start = 0; start < allConfigs.length; start += BATCH) {
    const batch = allConfigs.slice(start, start + BATCH);
    it(`check, run and codebook --qdc over configs ${start + 1}-${start + batch.length} (${batch[0]} ...)`, async () => {
      for (const [index, config] of batch.entries()) {
        const out = `out-${start + index}`;
        await runAndCheck(['check', config], tree, null);
        await runAndCheck(['run', config, '--out', out, '--allow-errors', '--quiet'], tree, out);
        await runAndCheck(['codebook', config, '--qdc', `${out}.qdc`], tree, `${out}.qdc`);
      }
    }, 600_000);
  }

  it('inspect over every data file of the corpus', async () => {
    const files = dataFiles();
    expect(files.length).toBeGreaterThanOrEqual(100);
    for (const file of files) await runAndCheck(['inspect', file], tree, null);
  }, 600_000);

  it('the commands of the output-folder fixtures (command.txt), in their own folders', async () => {
    const folders = readdirSync(path.join(tree, 'fixtures')).filter((folder) => existsSync(path.join(tree, 'fixtures', folder, 'command.txt')));
    expect(folders.length).toBeGreaterThanOrEqual(8);
    for (const folder of folders.sort()) {
      const args = readFileSync(path.join(tree, 'fixtures', folder, 'command.txt'), 'utf8')
        .trim()
        .split(/\s+/);
      // Each is refused (exit 2), so nothing may change anywhere, its --out included.
      const exit = await runAndCheck(args, path.join(tree, 'fixtures', folder), null);
      expect(exit, folder).toBe(2);
    }
  }, 600_000);

  it('run and trend with --docx --pptx --xlsx, trend of one round and of a listed chain, init', async () => {
    await runAndCheck(['run', 'surveys/rpa-2015.yaml', '--out', 'office', '--docx', '--pptx', '--xlsx', '--quiet'], tree, 'office');
    await runAndCheck(['trend', 'surveys/rpa-2016.yaml', '--out', 'trend', '--docx', '--pptx', '--xlsx', '--quiet'], tree, 'trend');
    await runAndCheck(['trend', 'surveys/rpa-2014.yaml', 'surveys/rpa-2015.yaml', '--out', 'trend', '--quiet'], tree, 'trend');
    // One round is no trend (FND006): nothing written.
    expect(await runAndCheck(['trend', 'fixtures/small/survey.yaml', '--out', 'trend', '--quiet'], tree, 'trend')).toBe(2);
    // trend's default output folder, reports/<latest id>-trend, is its output too.
    expect(await runAndCheck(['trend', 'surveys/rpa-2016.yaml', '--quiet'], tree, 'reports')).toBe(0);
    rmSync(path.join(tree, 'reports'), { recursive: true, force: true });
    expect(await runAndCheck(['init', 'fixtures/rpa/2017-new.csv', '--from', 'surveys/rpa-2016.yaml', '--out', 'next.yaml'], tree, 'next.yaml')).toBe(0);
    // init refuses an input as its output: nothing changes.
    expect(await runAndCheck(['init', 'fixtures/rpa/2017-new.csv', '--from', 'surveys/rpa-2016.yaml', '--out', 'surveys/rpa-2016.yaml'], tree, null)).toBe(2);
  }, 600_000);

  it('a run into its default folder (reports/<id>) writes only there', async () => {
    mkdirSync(path.join(tree, 'work'), { recursive: true });
    expect(await runAndCheck(['run', '../surveys/rpa-2014.yaml', '--quiet'], path.join(tree, 'work'), 'work/reports')).toBe(0);
    rmSync(path.join(tree, 'work'), { recursive: true, force: true });
  }, 600_000);
});
