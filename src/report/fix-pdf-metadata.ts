/**
 * Makes a PDF's bytes depend on its content only: Chromium stamps the print time into the document
 * information dictionary (/CreationDate, /ModDate), so two prints of the same page differ. This sets
 * both dates to `date` (or removes them when it is null), sets the trailer's /ID to `id` (two equal
 * 16-byte strings, hex), and keeps the cross-reference table right: every object offset after an
 * edit moves by the bytes the edit added or removed, and so does `startxref` (ISO 32000-1, 7.5.4 and
 * 7.5.5). Works on the classic xref table Chromium (Skia) writes; a PDF with a cross-reference
 * stream or none of the expected parts is returned unchanged.
 *
 * @example
 * fixPdfMetadata(bytes, new Date(Date.UTC(2014, 1, 14)), '0123456789abcdef0123456789abcdef');
 */
export function fixPdfMetadata(bytes: Uint8Array, date: Date | null, id: string): Uint8Array {
  // latin1 keeps one character per byte, so string offsets are byte offsets.
  const text = Buffer.from(bytes).toString('latin1');
  const xrefAt = text.lastIndexOf('\nxref\n');
  const trailerAt = text.lastIndexOf('\ntrailer\n');
  if (xrefAt < 0 || trailerAt < xrefAt || !/^[0-9a-f]{32}$/i.test(id)) return bytes;
  const edits: { at: number; length: number; text: string }[] = [];
  const stamp = date === null ? null : pdfDate(date);
  for (const match of text.slice(0, xrefAt).matchAll(/\/(CreationDate|ModDate) ?\(D:[^)]*\)/g)) {
    edits.push({ at: match.index, length: match[0].length, text: stamp === null ? '' : `/${match[1]} (${stamp})` });
  }
  const trailer = text.slice(trailerAt);
  const idEntry = `/ID [<${id.toUpperCase()}> <${id.toUpperCase()}>]`;
  const existing = /\/ID\s*\[[^\]]*\]/.exec(trailer);
  if (existing !== null) edits.push({ at: trailerAt + existing.index, length: existing[0].length, text: idEntry });
  else {
    const open = trailer.indexOf('<<');
    if (open < 0) return bytes;
    edits.push({ at: trailerAt + open + 2, length: 0, text: `${idEntry}\n` });
  }
  edits.sort((a, b) => a.at - b.at);
  const shift = (offset: number): number => offset + edits.filter((edit) => edit.at < offset).reduce((sum, edit) => sum + edit.text.length - edit.length, 0);

  let out = '';
  let from = 0;
  for (const edit of edits) {
    out += text.slice(from, edit.at) + edit.text;
    from = edit.at + edit.length;
  }
  out += text.slice(from);
  // The xref table: 20-byte entries "oooooooooo ggggg n \n"; offsets of objects in use move with the edits.
  const newXrefAt = shift(xrefAt + 1);
  const table = /^xref\n((?:\d+ \d+\n(?:\d{10} \d{5} [nf] ?\r?\n)*)+)/.exec(out.slice(newXrefAt));
  if (table === null) return bytes;
  const fixed = table[0].replace(
    /(\d{10}) (\d{5}) n/g,
    (_entry, offset: string, generation: string) => `${String(shift(Number(offset))).padStart(10, '0')} ${generation} n`,
  );
  out = out.slice(0, newXrefAt) + fixed + out.slice(newXrefAt + table[0].length);
  out = out.replace(/startxref\n\d+\n%%EOF\s*$/, `startxref\n${newXrefAt}\n%%EOF\n`);
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** A PDF date string in UTC, D:YYYYMMDDHHmmSS+00'00' (ISO 32000-1, 7.9.4). */
function pdfDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `D:${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}+00'00'`;
}
