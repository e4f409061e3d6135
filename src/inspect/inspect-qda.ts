/**
 * `findings inspect` on REFI-QDA files (issue 14): a project (.qdpx, a zip holding a .qde) or a
 * codebook (.qdc) gets a starter config for `data.layout: qdpx` that names what the file holds: its
 * sources, codes and codings, its cases, variables and sets, and the segment source a run would use
 * (a case variable, else a source variable, else the sets of sources, else none: one group).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../model.ts';
import { diagnostic, say } from '../messages.ts';
import { childrenNamed, parseXml, type XmlElement } from '../ingest/parse-xml.ts';
import { openProject, readSets } from '../ingest/read-qdpx.ts';
import { slug } from './guess-columns.ts';

/** A YAML scalar: plain when safe, else double-quoted (JSON strings are YAML). */
function scalar(text: string): string {
  return /^[A-Za-z_][\w./ -]*$/.test(text) && !/ $/.test(text) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(text) ? text : JSON.stringify(text);
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const quoted = (names: readonly string[]) => (names.length === 0 ? 'none' : names.map((n) => JSON.stringify(n)).join(', '));
const guid = (value: string | undefined) => (value ?? '').replace(/[{}]/g, '').trim().toLowerCase();

/** Every <Code> under an element, depth first. */
function allCodes(element: XmlElement): XmlElement[] {
  return childrenNamed(element, 'Code').flatMap((code) => [code, ...allCodes(code)]);
}

export function inspectQda(absolute: string, shown: string, saveAs: string): { yaml: string } | Diagnostic {
  const fail: Diagnostic[] = [];
  const sink = { report: (d: Diagnostic) => void fail.push(d) };
  const name = path.basename(absolute).replace(/\.[^.]+$/, '');
  if (/\.qdc$/i.test(absolute)) return inspectQdc(absolute, shown, saveAs, name);
  const project = openProject(absolute, shown, 4 * 1024 ** 3, sink);
  if (project === null) return fail[0] ?? diagnostic({ file: shown, line: 1, column: 1 }, say.FND217.notProject(shown));
  const root = project.root;
  const section = (outer: string, inner: string) => {
    const container = childrenNamed(root, outer)[0];
    return container === undefined ? [] : childrenNamed(container, inner);
  };
  const codes = allCodes(childrenNamed(childrenNamed(root, 'CodeBook')[0] ?? root, 'Codes')[0] ?? root);
  const sourcesElement = childrenNamed(root, 'Sources')[0];
  const sources = sourcesElement === undefined ? [] : sourcesElement.children.filter((c) => c.name.endsWith('Source'));
  const selections = sources.flatMap((s) => childrenNamed(s, 'PlainTextSelection'));
  const codings = selections.flatMap((s) => childrenNamed(s, 'Coding')).length + sources.flatMap((s) => childrenNamed(s, 'Coding')).length;
  const coded = sources.filter((s) => childrenNamed(s, 'PlainTextSelection').length + childrenNamed(s, 'Coding').length > 0).length;
  const cases = section('Cases', 'Case');
  const variables = new Map(section('Variables', 'Variable').map((v) => [guid(v.attributes.guid), (v.attributes.name ?? '').trim()]));
  const users = section('Users', 'User')
    .map((u) => (u.attributes.name ?? '').trim())
    .filter((u) => u !== '');
  const sets = readSets(root);
  const sourceSets = sets.filter((s) => s.sources.size + s.cases.size > 0).map((s) => s.name);
  const codeSets = sets.filter((s) => s.codes.size > 0).map((s) => s.name);
  const variablesOf = (elements: XmlElement[]) => {
    const names: string[] = [];
    for (const element of elements) {
      for (const value of childrenNamed(element, 'VariableValue')) {
        const variable = variables.get(guid(childrenNamed(value, 'VariableRef')[0]?.attributes.targetGUID));
        if (variable !== undefined && variable !== '' && !names.includes(variable)) names.push(variable);
      }
    }
    return names;
  };
  const respondents = cases.length > 0 ? cases : sources;
  const noun = cases.length > 0 ? 'case' : 'source';
  const ownVariables = variablesOf(respondents);

  const lines: string[] = [];
  const projectName = (root.attributes.name ?? '').trim() || name;
  lines.push(
    `# Starter config written by findings inspect from ${shown}: a REFI-QDA project${root.attributes.origin ? ` (origin ${JSON.stringify(root.attributes.origin)})` : ''},`,
  );
  lines.push(
    `# ${plural(sources.length, 'source')} (${coded} coded), ${plural(codes.length, 'code')}, ${plural(codings, 'coding')}, ${plural(cases.length, 'case')}, users: ${quoted(users)}.`,
  );
  lines.push(
    `# Each ${noun} is a respondent${cases.length === 0 ? ' (the project has no cases)' : ''}. Variables of its ${noun}s: ${quoted(ownVariables)}; sets of sources or cases: ${quoted(sourceSets)}; sets of codes (code groups): ${quoted(codeSets)}.`,
  );
  lines.push(`# Save it as ${saveAs} (paths below are relative to it), check it, then:`);
  lines.push(`#   findings check ${saveAs}`);
  lines.push(`id: ${scalar(slug(name) || 'project')}`);
  lines.push(`title: ${scalar(projectName)}`);
  lines.push(`# codebook: the project's own codes (or name a .qdc or codebook CSV whose codes are the project's code names)`);
  lines.push('data:');
  lines.push('  layout: qdpx');
  lines.push(`  path: ${scalar(path.basename(absolute))}`);
  if (ownVariables.length > 0) {
    lines.push(
      `  segmentVariable: ${scalar(ownVariables[0]!)}   # a variable of each ${noun}${ownVariables.length > 1 ? `; others: ${quoted(ownVariables.slice(1))}` : ''}`,
    );
  } else if (sourceSets.length > 0) {
    lines.push(`  segmentSets: [${sourceSets.map(scalar).join(', ')}]   # each ${noun}'s segment is the set it belongs to`);
  } else {
    lines.push(`  # no variable or set of ${noun}s: every respondent is in one group (or name data.respondents: a file with a segment per ${noun} name)`);
  }
  if (users.length > 1) lines.push(`  primaryCoder: ${scalar(users[0]!)}   # whose codings make the tallies; the others are compared with it`);
  return { yaml: `${lines.join('\n')}\n` };
}

function inspectQdc(absolute: string, shown: string, saveAs: string, name: string): { yaml: string } | Diagnostic {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch {
    return diagnostic({ file: shown, line: 1, column: 1 }, say.FND007.cannotRead(shown));
  }
  const parsed = parseXml(bytes);
  if ('problem' in parsed) return diagnostic({ file: shown, line: parsed.line, column: parsed.column }, say.FND110.notXml(parsed.problem));
  const codes = allCodes(childrenNamed(parsed.root, 'Codes')[0] ?? parsed.root);
  const sets = childrenNamed(childrenNamed(parsed.root, 'Sets')[0] ?? parsed.root, 'Set');
  const lines = [
    `# Starter config written by findings inspect from ${shown}: a REFI-QDA codebook (namespace ${JSON.stringify(parsed.root.namespace ?? 'none')}), ${plural(codes.length, 'code')}, ${plural(sets.length, 'set')}.`,
    `# A codebook holds no data: name the project (.qdpx) or excerpt file it codes under data. Save it as ${saveAs}, then:`,
    `#   findings check ${saveAs}`,
    `id: ${scalar(slug(name) || 'codebook')}`,
    `title: ${scalar(name)}`,
    `codebook: ${scalar(path.basename(absolute))}`,
    'data:',
    '  layout: qdpx',
    '  path: CHOOSE.qdpx   # the project these codes come from',
  ];
  return { yaml: `${lines.join('\n')}\n` };
}
