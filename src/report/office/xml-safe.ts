import { keepIsolates } from '../../format/isolate.ts';

/**
 * Text made storable in XML 1.0, which office files are: control characters other than tab, line
 * feed and carriage return, unpaired surrogates and U+FFFE/U+FFFF cannot appear in an XML document
 * even escaped, and one in a label or quote would leave Word or PowerPoint unable to open the file.
 * Each becomes U+FFFD, so the reader sees that something was there. Bidi controls in data text are
 * removed and the report's isolate marks kept (format/isolate.ts). Escaping of < & " is the
 * libraries' job (docx, pptxgenjs, exceljs escape every text they write).
 *
 * @example
 * xmlSafe('a\u0007b'); // "a\uFFFDb"
 */
export function xmlSafe(text: string): string {
  // Issue 17: bidi controls in data text are dropped (strip-bidi.ts) and the isolate marks of the
  // report's own sentences kept (format/isolate.ts), as in the HTML and the Markdown.
  return xmlChars(keepIsolates(text, (run) => run, false));
}

function xmlChars(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the characters XML 1.0 cannot hold is the point.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
