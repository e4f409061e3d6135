import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsv } from '../../src/ingest/read-csv.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-csv-'));

async function read(text: string | Buffer, chunkSize?: number) {
  const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, text);
  const header: string[][] = [];
  const rows: { cells: string[]; line: number; at: (cell: number, offset?: number) => { line: number; column: number } }[] = [];
  const problems: string[] = [];
  const { hasHeader, sha256, bytes } = await readCsv(
    file,
    { delimiter: null, chunkSize },
    (h) => header.push(h.cells),
    (b) => {
      b.rows.forEach((cells, i) => rows.push({ cells, line: b.lines[i]!, at: (c, o) => b.locate(i, c, o) }));
      for (const p of b.problems) problems.push(`${p.kind}@${b.lines[p.row]}`);
    },
  );
  return { hasHeader, header: header[0], rows, problems, sha256, bytes };
}

const tricky = '\uFEFFid,seg,text\r\nR1,a,"hello, world"\r\n\r\nR2,b,"multi\nline ""q"""\r\nR3,c,plain\nR4,d,"x"';

describe('readCsv', () => {
  // Chunk sizes that split rows, quotes, CRLF pairs and multi-byte characters at every place.
  for (const chunkSize of [1, 2, 3, 5, 7, 64 * 1024]) {
    it(`reads quoted fields, CRLF/LF mixes, blank lines and a BOM identically in ${chunkSize}-byte chunks`, async () => {
      const { header, rows } = await read(tricky, chunkSize);
      expect(header).toEqual(['id', 'seg', 'text']);
      expect(rows.map((r) => r.cells)).toEqual([
        ['R1', 'a', 'hello, world'],
        ['R2', 'b', 'multi\nline "q"'],
        ['R3', 'c', 'plain'],
        ['R4', 'd', 'x'],
      ]);
      // Lines: the blank line 3 is skipped; R2's cell spans lines 4-5.
      expect(rows.map((r) => r.line)).toEqual([2, 4, 6, 7]);
      expect(rows[0]!.at(2)).toEqual({ line: 2, column: 6 });
      expect(rows[2]!.at(2, 2)).toEqual({ line: 6, column: 8 });
    });
  }

  it('keeps multi-byte characters whole across chunk boundaries', async () => {
    const { rows } = await read('id,text\n1,"Zürich — 東京 😀"\n2,ok\n', 1);
    expect(rows[0]!.cells[1]).toBe('Zürich — 東京 😀');
  });

  it('reports an unterminated quote at the row where it opened', async () => {
    const { rows, problems } = await read('id,seg\n1,a\n2,"b\n3,c\n');
    expect(problems).toEqual(['unterminated-quote@3']);
    expect(rows).toHaveLength(2);
  });

  it('reports a quote that is not doubled (papaparse then reads on to the next closing quote)', async () => {
    const { problems } = await read('id,seg\n1,"a"b\n2,c\n');
    expect(problems).toEqual(['malformed-quote@2', 'unterminated-quote@2']);
  });

  it('places the rows after a malformed quote where papaparse reads them, and reports it once', async () => {
    // Row 2's quote closes at "c2"x, which papaparse does not take as closing: it reads on, over the
    // next line, to the quote after c3 that a newline follows. So row 2 spans lines 2-3 and row 4
    // ("4,\"d\nd\"") starts on line 4; a cell of it is at line 5 once its own newline is passed.
    const { rows, problems } = await read('id,seg\n2,"c2"x"y\n3,"c3"\n4,"d\nd",e\n5,f\n');
    expect(rows.map((r) => [r.cells[0], r.line])).toEqual([
      ['2', 2],
      ['4', 4],
      ['5', 6],
    ]);
    expect(rows[1]!.at(1)).toEqual({ line: 4, column: 3 });
    expect(rows[1]!.at(2)).toEqual({ line: 5, column: 4 });
    expect(rows[2]!.at(1)).toEqual({ line: 6, column: 3 });
    expect(problems).toEqual(['malformed-quote@2']);
  });

  it('gives the column of a cell after quoted cells, and of a code inside a quoted cell', async () => {
    const { rows } = await read('id,a,b\n"1","x, y",s1;s2\n');
    expect(rows[0]!.at(2)).toEqual({ line: 2, column: 12 });
    expect(rows[0]!.at(1, 3)).toEqual({ line: 2, column: 9 });
  });

  it('hashes the bytes of the file while reading it (SHA-256 of the raw bytes, BOM included)', async () => {
    const text = Buffer.from(tricky, 'utf8');
    for (const chunkSize of [1, 64 * 1024]) {
      const { sha256, bytes } = await read(text, chunkSize);
      expect(bytes).toBe(text.length);
      // printf '\xef\xbb\xbfid,seg,text\r\nR1,...' | sha256sum (coreutils), via node:crypto here:
      expect(sha256).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('says when a file has no header', async () => {
    expect((await read('')).hasHeader).toBe(false);
    expect((await read('\n\n')).hasHeader).toBe(false);
  });

  it('reads classic Mac (CR only) line endings', async () => {
    const { rows } = await read('id,seg\r1,a\r2,b\r');
    expect(rows.map((r) => r.cells)).toEqual([
      ['1', 'a'],
      ['2', 'b'],
    ]);
  });

  it('detects comma, semicolon, tab and pipe delimiters outside quotes', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
  });
});
