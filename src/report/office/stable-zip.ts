import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * The one date every office file carries: 1 January 1980, 00:00, the first date a zip entry can
 * hold (its DOS time field starts there). No input records a date that is the same on every machine
 * (file times change with a checkout), so an office file states no real date rather than the time
 * it happened to be written: a document's created and modified properties say this date, and so
 * does every zip entry. Word, PowerPoint, Excel and LibreOffice open such files without complaint.
 */
export const OFFICE_DATE = '1980-01-01T00:00:00Z';

/**
 * An Office Open XML package (docx, pptx, xlsx) made byte-for-byte reproducible: the libraries
 * stamp the time of writing into `docProps/core.xml` (dcterms:created, dcterms:modified) and into
 * every zip entry (jszip and docx's own zip writer use the clock). This rewrites both with
 * OFFICE_DATE and re-compresses each entry, in the package's own order (`[Content_Types].xml`
 * stays first), at a fixed level. `rewrite` names an edit for an XML part (e.g. ids a library numbers
 * from a counter shared by every document it writes in the process). The entry time is given as local-time fields, because the zip's
 * DOS time is local: 1980-01-01 00:00 in every time zone.
 */
export function stableZip(bytes: Uint8Array, rewrite: (name: string) => ((xml: string) => string) | undefined = () => undefined): Uint8Array {
  const entries = unzipSync(bytes);
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    const own = rewrite(name);
    const content =
      name === 'docProps/core.xml' ? fixCoreDates(data) : own !== undefined ? new TextEncoder().encode(own(new TextDecoder().decode(data))) : data;
    out[name] = [content, { mtime, level: name.endsWith('.png') ? 0 : 6 }];
  }
  return zipSync(out, { mtime });
}

/** dcterms:created and dcterms:modified (any namespace prefix, any attributes) set to OFFICE_DATE. */
function fixCoreDates(data: Uint8Array): Uint8Array {
  const xml = new TextDecoder().decode(data);
  const fixed = xml.replace(
    /<(dcterms:(?:created|modified))(\s[^>]*)?>[^<]*<\/\1>/g,
    (_match, tag: string, attributes: string | undefined) => `<${tag}${attributes ?? ''}>${OFFICE_DATE}</${tag}>`,
  );
  return new TextEncoder().encode(fixed);
}
