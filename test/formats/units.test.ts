/** The small pieces of reading platform exports: encoding detection, ticks, header layouts. */
import { describe, expect, it } from 'vitest';
import { TextDecoderWithOffsets } from '../../src/ingest/decode-text.ts';
import { detectEncoding } from '../../src/ingest/formats/detect-encoding.ts';
import type { HeaderRow } from '../../src/ingest/formats/export-layout.ts';
import { kobo } from '../../src/ingest/formats/kobo.ts';
import { qualtrics } from '../../src/ingest/formats/qualtrics.ts';
import { surveymonkey } from '../../src/ingest/formats/surveymonkey.ts';
import { invalidTick } from '../../src/validate/rules/invalid-tick.ts';

const rows = (...cells: string[][]): HeaderRow[] => cells.map((c, i) => ({ cells: c, line: i + 1, locate: (cell) => ({ line: i + 1, column: cell + 1 }) }));

describe('detectEncoding', () => {
  it('lets a byte order mark decide', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), true)).toEqual({ encoding: 'utf-8', by: 'bom' });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]), true)).toEqual({ encoding: 'utf-16', by: 'bom' });
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x61]), true)).toEqual({ encoding: 'utf-16', by: 'bom' });
  });
  it('reads valid UTF-8 as UTF-8, even when the sample ends inside a character', () => {
    expect(detectEncoding(Buffer.from('a,é\n', 'utf8'), true).encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from('a,é', 'utf8').subarray(0, 3), false).encoding).toBe('utf-8');
  });
  it('takes bytes above 127 that never form UTF-8 as Windows-1252, naming the first', () => {
    expect(detectEncoding(Buffer.from([0x61, 0x0a, 0x62, 0xe9, 0x0a]), true)).toEqual({
      encoding: 'windows-1252',
      by: 'not-utf-8',
      at: { offset: 3, line: 2, column: 2 },
    });
  });
  it('keeps damaged UTF-8 as UTF-8, so each bad byte is reported', () => {
    expect(detectEncoding(Buffer.concat([Buffer.from('é', 'utf8'), Buffer.from([0xff])]), true).encoding).toBe('utf-8');
  });
});

describe('TextDecoderWithOffsets with a chosen encoding', () => {
  it('reads Windows-1252, and UTF-16 without a byte order mark as little-endian', () => {
    const w = new TextDecoderWithOffsets('windows-1252');
    expect(w.write(Buffer.from([0x80, 0xe9])) + w.end()).toBe('€é');
    const u = new TextDecoderWithOffsets('utf-16');
    expect(u.write(Buffer.from('ab', 'utf16le')) + u.end()).toBe('ab');
    const b = new TextDecoderWithOffsets('utf-16');
    expect(b.write(Buffer.from([0xfe, 0xff, 0, 0x61])) + b.end()).toBe('a'); // big-endian by its mark
  });
});

describe('invalidTick', () => {
  it.each([['1'], ['x'], ['X'], ['Y'], ['yes'], ['TRUE'], [' x ']])('%s is ticked', (cell) => expect(invalidTick(cell, null)).toBe(true));
  it.each([[''], ['0'], ['no'], ['N'], ['false']])('%j is not ticked', (cell) => expect(invalidTick(cell, null)).toBe(false));
  it('takes the choice text as ticked, and anything else as a message', () => {
    expect(invalidTick('Structure', 'Structure')).toBe(true);
    expect(invalidTick('Role', 'Structure')).toMatchObject({ code: 'FND225', text: expect.stringMatching(/^"Role" is not a tick/) });
    expect(invalidTick('2', null)).toMatchObject({ code: 'FND225', text: expect.stringMatching(/^"2" is not a tick/) });
  });
});

describe('header layouts', () => {
  it('Qualtrics: ImportIds become other names; unfinished by Finished, else by Progress', () => {
    const header = qualtrics.header(
      rows(
        ['Progress', 'Finished', 'Q1'],
        ['Fortschritt', 'Abgeschlossen', 'Frage'],
        ['{"ImportId":"progress"}', '{"ImportId":"finished"}', '{"ImportId":"QID1"}'],
      ),
    );
    if ('message' in header) throw new Error(header.message.text);
    expect(header.aliases.get('QID1')).toBe(2);
    const test = qualtrics.unfinished!(header)!;
    expect(test(['100', '1', ''])).toBe(-1);
    expect(test(['40', 'False', ''])).toBe(1);
    const noFinished = qualtrics.header(rows(['Progress', 'Q1'], ['', ''], ['{"ImportId":"progress"}', '{"ImportId":"QID1"}']));
    if ('message' in noFinished) throw new Error(noFinished.message.text);
    expect(qualtrics.unfinished!(noFinished)!(['99', ''])).toBe(0);
  });
  it('Qualtrics legacy: two header rows, metadata names as other names of V1…V10', () => {
    expect(qualtrics.extraRows(['V1', 'V2', 'Q1'])).toBe(1);
    const header = qualtrics.header(rows(['V1', 'V10', 'Q1'], ['ResponseID', 'Finished', 'Question']));
    if ('message' in header) throw new Error(header.message.text);
    expect([header.aliases.get('ResponseID'), header.aliases.get('Finished')]).toEqual([0, 1]);
  });
  it('SurveyMonkey: question text carried over the columns of a multi-select question', () => {
    const header = surveymonkey.header(rows(['Respondent ID', 'Q?', '', 'Likert'], ['', 'A', 'B', 'Response']));
    if ('message' in header) throw new Error(header.message.text);
    expect(header.names).toEqual(['Respondent ID', 'Q? | A', 'Q? | B', 'Likert']);
    expect(header.choices).toEqual([null, 'A', 'B', null]);
  });
  it('KoboToolbox: a question by its name alone when unique, never a choice column', () => {
    const header = kobo.header(rows(['g/segment', 'q/topics', 'q/topics/role', 'a/x', 'b/x']));
    if ('message' in header) throw new Error(header.message.text);
    expect([...header.aliases.entries()]).toEqual([
      ['segment', 0],
      ['topics', 1],
    ]);
  });
});

describe('UTF-16 that is not valid', () => {
  it('names the byte offset of an unpaired surrogate and of a code unit cut off at the end', async () => {
    const { tempStudy } = await import('../helpers/temp-study.ts');
    const text = Buffer.from('\uFEFFid\tsegment\tthemes\nR1\tfunder\tstructure\nR2\tfunder\trole\n', 'utf16le');
    // R2's segment: "funder" with its "u" replaced by a lone trail surrogate (DC00); then one stray byte at the end.
    const bad = Buffer.from(text);
    const at = text.indexOf(Buffer.from('funder\trole', 'utf16le')) + 2;
    bad[at] = 0x00;
    bad[at + 1] = 0xdc;
    const { diagnostics } = await tempStudy({
      'codebook.csv': 'code,label\nstructure,S\nrole,R\n',
      'data.txt': Buffer.concat([bad, Buffer.from([0x41])]),
      'survey.yaml': 'id: t\ncodebook: codebook.csv\ndata:\n  path: data.txt\n  columns: { id: id, segment: segment, themes: themes }\n',
    });
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      `3:5 FND213 bytes that are not valid UTF-16 (an unpaired surrogate or half a code unit) at byte offset ${at} (save the file as UTF-8)`,
      expect.stringMatching(new RegExp(`^4:1 FND213 .* at byte offset ${bad.length} `)), // the lone last byte
    ]);
  });
});

describe('checkZip', () => {
  it('passes a sound workbook and names the entry of a damaged one (SheetJS could loop on it)', async () => {
    const { readFileSync } = await import('node:fs');
    const { checkZip } = await import('../../src/ingest/formats/check-zip.ts');
    const workbook = readFileSync(new URL('../../fixtures/formats/workbook.xlsx', import.meta.url));
    expect(checkZip(workbook)).toBeNull();
    const damaged = Buffer.from(workbook);
    for (let i = 6758; i < 6763; i++) damaged[i] = damaged[i]! ^ 0xff; // inside an entry's deflated data, as the formats fuzz test found
    expect(checkZip(damaged)?.kind).toMatch(/^(checksum|damaged)$/);
    expect(checkZip(workbook.subarray(0, 2000))).toEqual({ kind: 'no-directory' });
  });
});
