/** Reading REFI-QDA files never throws, whatever the bytes: a diagnostic, never a stack trace. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/ingest/parse-xml.ts';
import { readCodebook } from '../../src/ingest/read-codebook.ts';
import { tempStudy } from '../helpers/temp-study.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-refi-fuzz-'));
const xmlish = fc
  .array(
    fc.constantFrom(
      '<',
      '>',
      '/',
      '"',
      '=',
      '&',
      ';',
      '#',
      'x',
      'Code',
      'CodeBook',
      ' name="a"',
      ' guid="b"',
      '<Codes>',
      '</Codes>',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '\n',
      '😀',
      '\u0000',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('REFI-QDA input never throws', () => {
  it('parseXml on arbitrary text and bytes', () => {
    fc.assert(
      fc.property(fc.oneof(xmlish, fc.string()), (text) => {
        const out = parseXml(text);
        expect('root' in out || ('line' in out && out.line >= 1 && out.column >= 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => void parseXml(bytes)),
      { numRuns: 200 },
    );
  });

  it('a .qdc codebook of arbitrary content', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          xmlish,
          xmlish.map((x) => `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>${x}</Codes></CodeBook>`),
        ),
        async (text) => {
          const file = path.join(dir, 'c.qdc');
          writeFileSync(file, text);
          const diagnostics: unknown[] = [];
          await readCodebook(file, 'c.qdc', { report: (d) => void diagnostics.push(d) });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a .qdpx of arbitrary bytes or arbitrary project.qde', async () => {
    const config = 'id: t\ncodebook: codes.csv\ndata:\n  layout: qdpx\n  path: p.qdpx\n  segmentVariable: group\n';
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 100 }),
          xmlish.map((x) => zipSync({ 'project.qde': strToU8(`<Project xmlns="urn:QDA-XML:project:1.0" name="p">${x}</Project>`) })),
        ),
        async (bytes) => {
          const study = await tempStudy({ 'survey.yaml': config, 'codes.csv': 'code,label\na,A\n', 'p.qdpx': bytes });
          expect(study.diagnostics.length + ('stopped' in study.analysis ? 0 : 1)).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});
