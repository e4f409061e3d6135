/**
 * Issue #20, class 7: data text in report.md cannot become a link in a GitHub-flavoured renderer,
 * checked with a real one: cmark-gfm (GitHub's own C implementation, Debian package `cmark-gfm`,
 * installed by .ci/run) with GitHub's extensions (autolink, table, strikethrough, tagfilter).
 * "www." and e-mail addresses were linked before; URLs were already neutralised.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/report/escape-markdown.ts';
import { runCli } from '../helpers/run-cli.ts';

function gfm(markdown: string): string {
  return execFileSync('cmark-gfm', ['-e', 'autolink', '-e', 'table', '-e', 'strikethrough', '-e', 'tagfilter'], { input: markdown, encoding: 'utf8' });
}

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\u2060/g, '')
    .trim();

describe('autolink-looking text stays text in GitHub-flavoured Markdown', () => {
  const hostile = [
    'see www.example.org for more',
    'WWW.Example.org and www.evil.example/path?q=1',
    'write to someone@example.org today',
    'mailto:someone@example.org',
    'xmpp:someone@example.org/resource',
    'http://www.example.org and https://example.org/x',
    'ftp://example.org, and (www.example.org)',
    'a.b-c_d+e@sub.example.co.uk',
    'label [www.example.org](http://evil.example)',
    '<https://evil.example> <someone@example.org>',
  ];
  for (const text of hostile) {
    it(JSON.stringify(text), () => {
      const html = gfm(`${escapeMarkdown(text)}\n`);
      expect(html).not.toContain('<a ');
      expect(decode(html)).toBe(text);
    });
  }

  it('in a table cell too', () => {
    const html = gfm(`| a | b |\n|---|---|\n| ${escapeMarkdown('www.example.org')} | ${escapeMarkdown('x@example.org')} |\n`);
    expect(html).toContain('<table>');
    expect(html).not.toContain('<a ');
  });

  it('a whole report of such labels and segments: its only links are its own (anchors, charts)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'findings-md-'));
    writeFileSync(path.join(dir, 'codebook.csv'), 'code,label\nweb,See www.example.org\nmail,Write to someone@example.org\nurl,http://evil.example/x\n');
    writeFileSync(
      path.join(dir, 'data.csv'),
      'id,segment,themes\nA,www.example.org,web;mail\nB,a@example.org,url;web\nC,a@example.org,mail\nD,www.example.org,url\n',
    );
    writeFileSync(
      path.join(dir, 'survey.yaml'),
      'id: md\ntitle: Report for www.example.org\ncodebook: codebook.csv\ndata:\n  path: data.csv\n  columns: { id: id, segment: segment, themes: themes }\n',
    );
    const out = path.join(dir, 'out');
    expect((await runCli(['run', 'survey.yaml', '--out', out, '--quiet'], dir)).exit).toBe(0);
    const html = gfm(readFileSync(path.join(out, 'report.md'), 'utf8'));
    const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(#|charts\/|tables\/|results\.json$)/);
  });
});
