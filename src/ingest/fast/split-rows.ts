/**
 * Issue 19: split one CSV row from UTF-8 bytes into field offsets, as papaparse would split it when
 * quotes are used as RFC 4180 says, with no string per cell: the fast excerpt reader
 * (read-excerpts-fast.ts) reads the cells it needs from the offsets. A row the split cannot vouch
 * for says so (`ANOMALY`: a quote inside an unquoted cell, anything but a delimiter or a line end
 * after a closing quote, a quote never closed, bytes that are not UTF-8, a U+FFFD), and the caller
 * hands the file from that row to papaparse, as the respondent fast reader does.
 */

const ROW = 0;
/** The row does not end in the bytes given (and they are not the end of the file): give more. */
export const INCOMPLETE = 1;
export const ANOMALY = 2;

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

export class RowSplitter {
  /** Fields of the last row split (may exceed the arrays' room: only the first `room` are kept). */
  fields = 0;
  /** Each field's value bytes [start, end) (inside the quotes of a quoted cell, without a CRLF's "\r" at the row's end) and its cell's first byte (the quote of a quoted one). */
  start: Int32Array;
  end: Int32Array;
  cellStart: Int32Array;
  /** 1 for a quoted cell; 2 for one with doubled quotes inside. */
  quoted: Uint8Array;
  /** Just after the row's newline (or the end of the bytes, for a last row without one). */
  rowEnd = 0;
  /** Newlines inside quoted cells (the row's own newline not counted). */
  newlines = 0;
  /** True for a blank row (nothing, or a lone "\r", before the newline): papaparse's reader skips it. */
  blank = false;
  /** Bytes that send the row to the rules: a NUL byte, or a byte of 0x80 or more (a byte order mark, say, or a cell to decode). */
  nul = false;
  high = false;

  constructor(
    private readonly delimiter: number,
    private room: number,
  ) {
    this.start = new Int32Array(room);
    this.end = new Int32Array(room);
    this.cellStart = new Int32Array(room);
    this.quoted = new Uint8Array(room);
  }

  /** Split the row starting at buf[pos] (a row boundary), looking no further than `limit`; `final`: the file ends at `limit`. */
  split(buf: Uint8Array, pos: number, limit: number, final: boolean): number {
    const delimiter = this.delimiter;
    let fields = 0;
    let newlines = 0;
    let nul = false;
    let high = false;
    let i = pos;
    for (;;) {
      // A cell starts at i.
      const cell = i;
      let valueStart = i;
      let valueEnd: number;
      let quoted = 0;
      let done = false;
      if (i < limit && buf[i] === QUOTE) {
        quoted = 1;
        valueStart = ++i;
        for (;;) {
          if (i >= limit) {
            if (final) return ANOMALY; // a quote never closed
            return INCOMPLETE;
          }
          const b = buf[i]!;
          if (b === QUOTE) {
            if (i + 1 >= limit && !final) return INCOMPLETE;
            if (i + 1 < limit && buf[i + 1] === QUOTE) {
              quoted = 2;
              i += 2;
              continue;
            }
            valueEnd = i;
            i++;
            break;
          }
          if (b === NEWLINE) newlines++;
          else if (b === 0) nul = true;
          else if (b >= 0x80) high = true;
          i++;
        }
        // After the closing quote: a delimiter, a newline, "\r\n", or the end of the file.
        if (i >= limit) {
          if (!final) return INCOMPLETE;
          done = true;
        } else {
          const b = buf[i]!;
          if (b === delimiter) i++;
          else if (b === NEWLINE) {
            i++;
            done = true;
          } else if (b === RETURN) {
            if (i + 1 >= limit && !final) return INCOMPLETE;
            if (i + 1 < limit && buf[i + 1] === NEWLINE) {
              i += 2;
              done = true;
            } else return ANOMALY;
          } else return ANOMALY;
        }
      } else {
        for (;;) {
          if (i >= limit) {
            if (!final) return INCOMPLETE;
            valueEnd = i;
            done = true;
            break;
          }
          const b = buf[i]!;
          if (b === delimiter) {
            valueEnd = i;
            i++;
            break;
          }
          if (b === NEWLINE) {
            valueEnd = i;
            i++;
            done = true;
            break;
          }
          if (b === QUOTE) return ANOMALY; // a quote inside an unquoted cell: papaparse's rules
          if (b === 0) nul = true;
          else if (b >= 0x80) high = true;
          i++;
        }
        // papaparse keeps a CRLF's "\r" in the last cell and the reader strips it.
        if (done && valueEnd > valueStart && buf[valueEnd - 1] === RETURN) valueEnd--;
      }
      if (fields >= this.room) this.grow();
      this.cellStart[fields] = cell;
      this.start[fields] = valueStart;
      this.end[fields] = valueEnd!;
      this.quoted[fields] = quoted;
      fields++;
      if (done) break;
    }
    this.fields = fields;
    this.rowEnd = i;
    this.newlines = newlines;
    this.nul = nul;
    this.high = high;
    this.blank = fields === 1 && this.end[0] === this.start[0];
    return ROW;
  }

  private grow(): void {
    const room = this.room * 2;
    const copy = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.start = copy(this.start, new Int32Array(room));
    this.end = copy(this.end, new Int32Array(room));
    this.cellStart = copy(this.cellStart, new Int32Array(room));
    this.quoted = copy(this.quoted, new Uint8Array(room));
    this.room = room;
  }
}
