/**
 * Read a REFI-QDA project (.qdpx: a zip holding project.qde and, under sources/, the text of its
 * sources) as interview data, `data.layout: qdpx`:
 *
 * - <CodeBook> codes, with their hierarchy and colours, are the codebook (unless `codebook:` names
 *   another, whose codes the project's code names must then be; see readQdc for names and codes);
 * - each <Case> is a respondent (id: its name); in a project without cases (issue 14: none of five
 *   real exports had any) each source is, named by its name. Its segment: the first of what the config
 *   names that gives one: the variable `data.segmentVariable` (of the case, or of the source), the set
 *   of `data.segmentSets` it is a member of, its row in the side file `data.respondents`; none named:
 *   one group. A respondent without coded text stays in every base;
 * - each coded <PlainTextSelection> of a <TextSource> is an excerpt of the case the source belongs
 *   to (<Case><SourceRef>), one per <Coding>, the coding's user (`creatingUser`, else the
 *   selection's) as the coder; a <Coding> of a whole source is an excerpt without quotable text.
 *
 * Positions: `startPosition` / `endPosition` count Unicode code points (not UTF-16 units) of the
 * source text with line ends normalised to LF (a byte order mark at the start of a source file is not
 * text), so an emoji before a selection does not shift it. Problems are diagnostics at the line and
 * column of the element in project.qde, shown as `<file>.qdpx!/project.qde:line:column`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { checkZipLimits } from './formats/check-zip.ts';
import { ALL_SEGMENT, type CodebookFile, type DiagnosticSink, type Position, type RejectedRow, type SurveyConfig, type ValidRespondent } from '../model.ts';
import { diagnostic, say, type Message, type QdaRespondent } from '../messages.ts';
import { respondentIdText, type Ledger, type SegmentRegistry } from '../validate/validate-respondents.ts';
import type { RawExcerpt } from '../validate/validate-excerpts.ts';
import { KnownRespondents } from '../validate/known-respondents.ts';
import { configPosition } from '../config/read-config.ts';
import { childrenNamed, parseXml, type XmlElement } from './parse-xml.ts';
import { codeGroupsOf, themesFromCodes } from './read-qdc.ts';

export const QDE_NAMESPACE = 'urn:QDA-XML:project:1.0';

/**
 * The namespaces REFI-QDA files are written with: the standard's `urn:QDA-XML:project:1.0` and
 * `urn:QDA-XML:codebook:1.0`, and the variants seen in real exports (issue 14): `…:1:0`, an earlier
 * draft's `…:0:4` / `…:0.4`. The element names are the same in all of them.
 */
export function isQdaNamespace(namespace: string): boolean {
  return /^urn:QDA-XML:(project|codebook):\d+[.:]\d+$/.test(namespace);
}

export interface Project {
  root: XmlElement;
  /** Files of the archive (project.qde and sources/…), by name. */
  files: Map<string, Uint8Array>;
  /** How diagnostics name project.qde. */
  qde: string;
  bytes: number;
  sha256: string;
}

/** Open the archive and parse project.qde; null when that fails (FND217 reported). Also for `findings inspect`. */
export function openProject(file: string, displayFile: string, maxBytes: number, sink: DiagnosticSink): Project | null {
  const data = readFileSync(file);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const fail = (message: Message, at: { line: number; column: number } = { line: 1, column: 1 }, where = displayFile) => {
    sink.report(diagnostic({ file: where, line: at.line, column: at.column }, message));
    return null;
  };
  const limited = checkZipLimits(data, { maxBytes }); // issue #20: the .qdpx whole, each entry and the ratio, before inflating
  if (limited !== null) return fail(say.FND217.tooLarge(displayFile, limited));
  let files: Map<string, Uint8Array>;
  let tooLarge: string | null = null;
  try {
    const unzipped = unzipSync(data, {
      filter: (entry) => {
        const wanted = /^[^/]*\.qde$/i.test(entry.name) || entry.name.startsWith('sources/');
        if (wanted && entry.originalSize > maxBytes) tooLarge = entry.name;
        return wanted && entry.originalSize <= maxBytes;
      },
    });
    files = new Map(Object.entries(unzipped));
  } catch (error) {
    return fail(say.FND217.notZip(error instanceof Error ? error.message : String(error)));
  }
  if (tooLarge !== null) return fail(say.FND217.entryTooLarge(displayFile, tooLarge, maxBytes));
  const qdeName = files.has('project.qde') ? 'project.qde' : ([...files.keys()].find((name) => /\.qde$/i.test(name)) ?? null);
  if (qdeName === null) return fail(say.FND217.noQde());
  const qde = `${displayFile}!/${qdeName}`;
  const parsed = parseXml(files.get(qdeName)!);
  if ('problem' in parsed) return fail(say.FND217.notXml(qdeName, parsed.problem), parsed, qde);
  const root = parsed.root;
  if (root.name !== 'Project' || (root.namespace !== null && !isQdaNamespace(root.namespace))) {
    return fail(
      root.name !== 'Project' ? say.FND217.wrongRoot(qdeName, root.name) : say.FND217.wrongNamespace(qdeName, root.namespace!, QDE_NAMESPACE),
      root,
      qde,
    );
  }
  return { root, files, qde, bytes: data.length, sha256 };
}

const guidOf = (value: string | undefined): string => (value ?? '').replace(/[{}]/g, '').trim().toLowerCase();

/** The project's own codebook, for `codebook:` naming the .qdpx (or left out with layout qdpx). */
export function readQdpxCodebook(file: string, displayFile: string, sink: DiagnosticSink, maxBytes = 4 * 1024 ** 3): CodebookFile | null {
  const project = openProject(file, displayFile, maxBytes, sink);
  if (project === null) return null;
  const codes = childrenNamed(childrenNamed(project.root, 'CodeBook')[0] ?? project.root, 'Codes')[0];
  if (codes === undefined) {
    sink.report(diagnostic({ file: project.qde, line: project.root.line, column: project.root.column }, say.FND107.projectNoCodeBook()));
    return null;
  }
  let ok = true;
  const { entries } = themesFromCodes(
    codes,
    project.qde,
    (at) => {
      ok = false;
      sink.report(diagnostic({ file: project.qde, line: at.line, column: at.column }, say.FND217.unnamedCode()));
    },
    (at, message) => sink.report(diagnostic({ file: project.qde, line: at.line, column: at.column }, message)),
  );
  if (!ok) return null;
  if (entries.length === 0) {
    sink.report(diagnostic({ file: project.qde, line: codes.line, column: codes.column }, say.FND107.projectNoCodes()));
    return null;
  }
  // Sets of codes: in the project's <Sets> (targetGUID) or its <CodeBook>'s (guid).
  const groups = [...codeGroupsOf(project.root), ...codeGroupsOf(childrenNamed(project.root, 'CodeBook')[0] ?? project.root)];
  return { entries, groups, bytes: project.bytes, sha256: project.sha256 };
}

export interface QdpxData {
  /** The cases, as respondents read beforehand (segment from the case variable). */
  known: KnownRespondents;
  /** One row per case. */
  ledger: Ledger;
  excerpts: RawExcerpt[];
  /** Codings that could not be read (unknown references, selections out of range), with their case: they reject it as an error in an excerpt row does. */
  failed: { error: RejectedRow; id: string | null }[];
  /** True when any coding names its user. */
  hasCoders: boolean;
  /** Display name of project.qde, for ledger rows of excerpts. */
  qde: string;
  /** Valid rows of the side file (data.respondents) that name no case or source: to move from used to rejected. */
  unmatched: RejectedRow[];
  bytes: number;
  sha256: string;
}

/**
 * Read the project's respondents (its cases, or its sources when it has none) and coded selections.
 * 'config': data.segmentVariable or data.segmentSets names nothing of the project; 'data': the project
 * cannot be read. `joined`: the side file of respondents (data.respondents), by case or source name.
 */
export function readQdpx(
  config: SurveyConfig,
  segments: SegmentRegistry,
  sink: DiagnosticSink,
  options: { joined: KnownRespondents | null } = { joined: null },
): QdpxData | 'config' | 'data' {
  const project = openProject(config.data.path, config.data.displayPath, config.limits.maxFileBytes, sink);
  if (project === null) return 'data';
  const { root, qde } = project;
  const showId = respondentIdText(config.privacy.respondentIds);
  const at = (element: XmlElement): Position => ({ file: qde, line: element.line, column: element.column });
  const report = (element: XmlElement, message: Message): RejectedRow => {
    const where = at(element);
    sink.report(diagnostic(where, message));
    return { ...where, code: message.code, message: message.text };
  };
  const section = (name: string, item: string) => childrenNamed(childrenNamed(root, name)[0] ?? ({ children: [] } as unknown as XmlElement), item);

  // Users, codes and variables by GUID.
  const users = new Map(
    section('Users', 'User').map((u) => [guidOf(u.attributes.guid), (u.attributes.name ?? u.attributes.id ?? '').trim() || guidOf(u.attributes.guid)]),
  );
  const codes = new Map<string, string>();
  const codebookElement = childrenNamed(childrenNamed(root, 'CodeBook')[0] ?? ({ children: [] } as unknown as XmlElement), 'Codes')[0];
  if (codebookElement !== undefined) {
    for (const [guid, code] of themesFromCodes(codebookElement, qde, () => {}).byGuid) codes.set(guid, code);
  }
  const variables = new Map(section('Variables', 'Variable').map((v) => [guidOf(v.attributes.guid), (v.attributes.name ?? '').trim()]));
  const segmentVariable = config.data.segmentVariable;
  const segmentGuids = new Set([...variables].filter(([, name]) => name === segmentVariable).map(([guid]) => guid));
  if (segmentVariable !== null && segmentGuids.size === 0) {
    const names = [...new Set(variables.values())];
    sink.report(diagnostic(configPosition(config, 'data.segmentVariable'), say.FND006.segmentVariable(segmentVariable, config.data.displayPath, names)));
    return 'config';
  }
  // issue 14: sets (ATLAS.ti document groups, NVivo/MAXQDA sets) whose members' segment is the set's name.
  const sets = readSets(root);
  const segmentSets = config.data.segmentSets.map((name) => ({ name, set: sets.find((s) => s.name === name) }));
  const missingSets = segmentSets.filter((s) => s.set === undefined);
  if (missingSets.length > 0) {
    const names = sets.filter((s) => s.sources.size + s.cases.size > 0).map((s) => s.name);
    const missing = missingSets.map((s) => s.name);
    sink.report(diagnostic(configPosition(config, 'data.segmentSets'), say.FND006.segmentSets(missing, config.data.displayPath, names)));
    return 'config';
  }

  // The respondents: each <Case>, or, in a project without cases (issue 14), each source, named by its name.
  const ledger: Ledger = { rowsRead: 0, rowsUsed: 0, rowsRejected: 0, rejected: [] };
  const caseElements = section('Cases', 'Case');
  const byCase = caseElements.length > 0;
  const sourcesElement = childrenNamed(root, 'Sources')[0];
  const allSources = sourcesElement === undefined ? [] : sourcesElement.children.filter((c) => c.name.endsWith('Source'));
  const respondentElements = byCase ? caseElements : allSources;
  const noun: QdaRespondent = byCase ? 'case' : 'source';
  const known = new KnownRespondents({ kind: 'qda', noun, file: config.data.displayPath }, { records: true });
  const caseOfSource = new Map<string, string>();
  const caseOfSelection = new Map<string, string>();
  const joined = options.joined;
  for (const element of respondentElements) {
    ledger.rowsRead++;
    const guid = guidOf(element.attributes.guid);
    const id = (element.attributes.name ?? '').trim() || guid;
    let failed: RejectedRow | null = null;
    const number = known.numberOf(id);
    if (number !== -1) failed = report(element, say.FND204.qda(showId(id), noun, known.lineOf(number)));
    else known.meet(id, element.line);
    const sourceGuids = byCase ? childrenNamed(element, 'SourceRef').map((ref) => guidOf(ref.attributes.targetGUID)) : [guid];
    // The segment, from the first of what the config names that gives one: variable, set, side file.
    let value = '';
    let valueAt = element;
    for (const variableValue of childrenNamed(element, 'VariableValue')) {
      const ref = childrenNamed(variableValue, 'VariableRef')[0];
      const refGuid = guidOf(ref?.attributes.targetGUID);
      if (ref !== undefined && !variables.has(refGuid)) failed ??= report(ref, say.FND221.variable(refGuid));
      if (!segmentGuids.has(refGuid)) continue;
      const valueElement = variableValue.children.find((c) => c.name !== 'VariableRef');
      value = (valueElement?.text ?? '').trim();
      valueAt = valueElement ?? variableValue;
    }
    let segment = -1;
    if (value === '' && segmentSets.length > 0) {
      const member = segmentSets.filter(({ set }) => (byCase && set!.cases.has(guid)) || sourceGuids.some((g) => set!.sources.has(g))).map((s) => s.name);
      if (member.length > 1) failed ??= report(element, say.FND226(noun, showId(id), member));
      value = member[0] ?? '';
    }
    if (value === '' && joined !== null) {
      const row = joined.numberOf(id);
      if (joined.isValid(row)) segment = joined.segmentOf(row);
      else if (row !== -1) failed ??= report(element, say.FND206.qdaRowHasErrors(noun, showId(id), joined.where, joined.lineOf(row)));
    }
    if (config.data.segmentFrom === 'none') value = ALL_SEGMENT.id;
    if (value === '' && segment === -1) {
      failed ??= report(valueAt, say.FND206.qdaNone(noun, showId(id), segmentVariable, segmentSets.length > 0, joined?.where ?? null));
    }
    for (const sourceGuid of sourceGuids) if (!caseOfSource.has(sourceGuid)) caseOfSource.set(sourceGuid, id);
    for (const ref of childrenNamed(element, 'SelectionRef')) caseOfSelection.set(guidOf(ref.attributes.targetGUID), id);
    if (failed !== null) {
      ledger.rowsRejected++;
      ledger.rejected.push(failed);
      continue;
    }
    if (segment === -1) segment = segments.indexOf(value, at(valueAt), sink);
    const respondent = { id, segment, weight: 1, themes: new Uint32Array(0), answers: new Int32Array(0) } as unknown as ValidRespondent;
    known.addValid(id, segment, respondent.themes, 0, 0, respondent);
    ledger.rowsUsed++;
  }

  // issue 14: rows of the side file that name no respondent of the project: warned, counted as rejected.
  const unmatched: RejectedRow[] = [];
  if (joined !== null && config.data.respondents !== null) {
    for (let n = 0; n < joined.size; n++) {
      if (!joined.isValid(n)) continue;
      const id = joined.idOf(n);
      const line = joined.lineOf(n);
      if (known.has(id)) continue;
      const where = { file: config.data.respondents.displayPath, line, column: 1 };
      const message = say.FND315(showId(id), config.data.respondents.displayPath, noun, config.data.displayPath);
      sink.report(diagnostic(where, message));
      unmatched.push({ ...where, code: message.code, message: message.text });
    }
  }

  // Sources and their coded selections: the excerpts.
  const excerpts: RawExcerpt[] = [];
  const failed: QdpxData['failed'] = [];
  let hasCoders = false;
  const sourceElements = allSources.filter((source) => source.name === 'TextSource');
  for (const source of sourceElements) {
    const sourceGuid = guidOf(source.attributes.guid);
    const selections = childrenNamed(source, 'PlainTextSelection');
    const wholeCodings = childrenNamed(source, 'Coding');
    if (selections.length === 0 && wholeCodings.length === 0) continue;
    const text = sourceText(source, project.files);
    if (text === null) {
      report(source, say.FND217.noSourceText(source.attributes.name ?? sourceGuid, source.attributes.plainTextPath ?? ''));
      continue;
    }
    const points = Array.from(text);
    const sourceCase = caseOfSource.get(sourceGuid) ?? null;
    const coded = (element: XmlElement, selectionGuid: string | null, excerpt: string, selectionUser: string | undefined) => {
      const id = (selectionGuid === null ? undefined : caseOfSelection.get(selectionGuid)) ?? sourceCase;
      if (id === null) return false;
      for (const coding of childrenNamed(element, 'Coding')) {
        const ref = childrenNamed(coding, 'CodeRef')[0];
        const codeGuid = guidOf(ref?.attributes.targetGUID);
        const userGuid = guidOf(coding.attributes.creatingUser ?? selectionUser);
        const user = userGuid === '' ? null : (users.get(userGuid) ?? null);
        if (userGuid !== '') hasCoders = true;
        const code = codes.get(codeGuid);
        if (code === undefined) {
          failed.push({ error: report(ref ?? coding, say.FND221.code(codeGuid)), id });
          continue;
        }
        if (userGuid !== '' && user === null) {
          failed.push({ error: report(coding, say.FND221.user(userGuid)), id });
          continue;
        }
        excerpts.push({
          id,
          code,
          text: excerpt,
          coder: user,
          segment: null,
          weight: null,
          locate: (field) => at(field === 'code' ? (ref ?? coding) : field === 'coder' ? coding : element),
        });
      }
      return true;
    };
    let orphan = false;
    for (const selection of selections) {
      const start = Number(selection.attributes.startPosition);
      const end = Number(selection.attributes.endPosition);
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > points.length) {
        const selectionCase = caseOfSelection.get(guidOf(selection.attributes.guid)) ?? sourceCase;
        const error = report(
          selection,
          say.FND222(selection.attributes.startPosition ?? '?', selection.attributes.endPosition ?? '?', points.length, source.attributes.name ?? sourceGuid),
        );
        failed.push({ error, id: selectionCase });
        continue;
      }
      if (!coded(selection, guidOf(selection.attributes.guid), points.slice(start, end).join(''), selection.attributes.creatingUser)) orphan = true;
    }
    if (wholeCodings.length > 0 && !coded(source, null, '', source.attributes.creatingUser)) orphan = true;
    if (orphan) {
      report(source, say.FND311(source.attributes.name ?? sourceGuid));
    }
  }
  return { known, ledger, excerpts, failed, hasCoders, qde, unmatched, bytes: project.bytes, sha256: project.sha256 };
}

export interface QdaSet {
  name: string;
  guid: string;
  element: XmlElement;
  codes: Set<string>;
  sources: Set<string>;
  cases: Set<string>;
}

/** The project's <Sets> (an empty <Sets/>, as Taguette writes, is no sets); members by GUID (`targetGUID`, or `guid` as in the codebook schema). */
export function readSets(root: XmlElement): QdaSet[] {
  const container = childrenNamed(root, 'Sets')[0] ?? childrenNamed(childrenNamed(root, 'CodeBook')[0] ?? root, 'Sets')[0];
  if (container === undefined) return [];
  return childrenNamed(container, 'Set').map((set) => {
    const members = (name: string) => new Set(childrenNamed(set, name).map((m) => guidOf(m.attributes.targetGUID ?? m.attributes.guid)));
    return {
      name: (set.attributes.name ?? '').trim(),
      guid: guidOf(set.attributes.guid),
      element: set,
      codes: members('MemberCode'),
      sources: members('MemberSource'),
      cases: members('MemberCase'),
    };
  });
}

/** A text source's plain text, LF-normalised: inline <PlainTextContent>, or the archive file its plainTextPath names. */
function sourceText(source: XmlElement, files: ReadonlyMap<string, Uint8Array>): string | null {
  const inline = childrenNamed(source, 'PlainTextContent')[0];
  let text: string | null = inline === undefined ? null : inline.text;
  if (text === null) {
    const pathText = source.attributes.plainTextPath ?? '';
    const name = pathText.replace(/^internal:\/\//, '').replace(/^\/+/, '');
    const bytes = files.get(`sources/${name}`) ?? files.get(name);
    if (bytes === undefined) return null;
    text = new TextDecoder('utf-8').decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  return text.replace(/\r\n?/g, '\n');
}
