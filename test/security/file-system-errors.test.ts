/**
 * Issue #20, class 2: every file-system error is a diagnostic (FND015) naming the path and what to
 * do, exit 2, never a stack trace. Errors a test cannot cause for real here (a full disk, a
 * read-only disk, permission denied when running as root) are injected into node:fs for the call
 * and path named; the others (a path through a file, a link loop, a missing folder) are real.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const inject = vi.hoisted(() => ({ errno: '', call: '', match: '' }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const names = ['writeFileSync', 'mkdirSync', 'mkdtempSync', 'renameSync', 'readFileSync', 'openSync', 'readdirSync', 'statSync', 'createReadStream'] as const;
  const wrapped: Record<string, unknown> = {};
  for (const name of names) {
    const original = fs[name] as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => {
      if (inject.errno !== '' && inject.call === name && String(args[0]).includes(inject.match)) {
        const error = Object.assign(new Error(`${inject.errno}: injected, ${name} '${String(args[0])}'`), {
          code: inject.errno,
          syscall: name,
          path: String(args[0]),
        });
        // A stream reports its error as an event, as a real one does.
        if (name === 'createReadStream')
          return new Readable({
            read() {
              this.destroy(error);
            },
          });
        throw error;
      }
      return original(...args);
    };
  }
  return { ...fs, ...wrapped, default: { ...fs, ...wrapped } };
});

afterEach(() => {
  inject.errno = '';
});

function study(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-fs-'));
  writeFileSync(path.join(dir, 'responses.csv'), 'id,segment,themes\nA,a,x\nB,b,x;y\n');
  writeFileSync(path.join(dir, 'codebook.csv'), 'code,label\nx,X\ny,Y\n');
  writeFileSync(
    path.join(dir, 'survey.yaml'),
    'id: s\nround: "1"\ncodebook: codebook.csv\ndata:\n  path: responses.csv\n  columns: { id: id, segment: segment, themes: themes }\n',
  );
  return dir;
}

async function fails(args: string[], dir: string, expected: { errno: string; file: string }) {
  const { exit, stderr } = await runCli(args, dir);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).toContain('FND015');
  expect(stderr).toContain(`(${expected.errno})`);
  expect(stderr).toContain(expected.file);
  expect(exit).toBe(2);
  return stderr;
}

describe('run: errors writing the report folder', () => {
  const cases: Array<[string, string, string]> = [
    ['writeFileSync', 'ENOSPC', 'report.html'],
    ['writeFileSync', 'EDQUOT', 'results.json'],
    ['writeFileSync', 'EIO', 'report.md'],
    ['mkdtempSync', 'EROFS', '.findings-staging-'],
    ['mkdtempSync', 'EACCES', '.findings-staging-'],
    ['mkdirSync', 'EACCES', 'reports'],
    ['renameSync', 'EXDEV', '.findings-staging-'],
    ['openSync', 'EROFS', '.findings-out.lock'],
    ['openSync', 'EMFILE', '.findings-out.lock'],
  ];
  for (const [call, errno, match] of cases) {
    it(`${errno} from ${call}: FND015 naming the folder, no stack trace, nothing left behind`, async () => {
      const dir = study();
      Object.assign(inject, { errno, call, match });
      const out = match === 'reports' ? 'reports/s' : 'out';
      await fails(['run', 'survey.yaml', '--out', out, '--quiet'], dir, { errno, file: match === 'reports' ? 'reports' : out });
      inject.errno = '';
      // The next run works and finds nothing of the failed one in its way.
      expect((await runCli(['run', 'survey.yaml', '--out', out, '--quiet'], dir)).exit).toBe(0);
    });
  }
});

describe('codebook --qdc and init --out', () => {
  for (const errno of ['ENOSPC', 'EROFS', 'EACCES', 'EISDIR']) {
    it(`codebook --qdc: ${errno} is FND015 naming the file`, async () => {
      const dir = study();
      Object.assign(inject, { errno, call: 'writeFileSync', match: 'book.qdc' });
      await fails(['codebook', 'survey.yaml', '--qdc', 'book.qdc'], dir, { errno, file: 'book.qdc' });
    });
  }

  it('codebook --qdc into a missing folder (real ENOENT)', async () => {
    await fails(['codebook', 'survey.yaml', '--qdc', 'missing/book.qdc'], study(), { errno: 'ENOENT', file: 'missing/book.qdc' });
  });

  it('init --out into a missing folder (real ENOENT)', async () => {
    await fails(['init', 'responses.csv', '--from', 'survey.yaml', '--out', 'missing/next.yaml'], study(), { errno: 'ENOENT', file: 'missing/next.yaml' });
  });

  it('init --out: EACCES is FND015', async () => {
    Object.assign(inject, { errno: 'EACCES', call: 'writeFileSync', match: 'next.yaml' });
    await fails(['init', 'responses.csv', '--from', 'survey.yaml', '--out', 'next.yaml'], study(), { errno: 'EACCES', file: 'next.yaml' });
  });

  it('run --out through a file (real ENOTDIR)', async () => {
    const dir = study();
    writeFileSync(path.join(dir, 'notes.txt'), 'x');
    await fails(['run', 'survey.yaml', '--out', 'notes.txt/out', '--quiet'], dir, { errno: 'ENOTDIR', file: 'notes.txt/out' });
  });
});

describe('errors reading inputs', () => {
  it('a config that is a symbolic link loop (real ELOOP)', async () => {
    const dir = study();
    symlinkSync('b.yaml', path.join(dir, 'a.yaml'));
    symlinkSync('a.yaml', path.join(dir, 'b.yaml'));
    await fails(['check', 'a.yaml'], dir, { errno: 'ELOOP', file: 'a.yaml' });
  });

  it('a codebook behind a link loop (real ELOOP)', async () => {
    const dir = study();
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync('loop2', path.join(dir, 'sub', 'loop1'));
    symlinkSync('loop1', path.join(dir, 'sub', 'loop2'));
    writeFileSync(
      path.join(dir, 'survey.yaml'),
      'id: s\ncodebook: sub/loop1\ndata:\n  path: responses.csv\n  columns: { id: id, segment: segment, themes: themes }\n',
    );
    await fails(['check', 'survey.yaml'], dir, { errno: 'ELOOP', file: 'sub/loop1' });
  });

  for (const [call, errno, match] of [
    ['readFileSync', 'EACCES', 'survey.yaml'],
    ['statSync', 'EACCES', 'codebook.csv'],
    ['createReadStream', 'EIO', 'codebook.csv'],
    ['createReadStream', 'EACCES', 'responses.csv'],
    ['openSync', 'EACCES', 'responses.csv'],
    ['statSync', 'ENOTDIR', 'responses.csv'],
  ] as const) {
    it(`${errno} from ${call} on ${match}: FND015, exit 2`, async () => {
      Object.assign(inject, { errno, call, match });
      // The ordinary reader (papaparse) reads the data through a stream; the fast reader through openSync.
      await fails(['check', 'survey.yaml', '--reader', 'papaparse'], study(), { errno, file: match });
    });
  }
});
