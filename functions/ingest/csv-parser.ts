import { FileRejectedError } from './errors.ts';

/** One record of a CSV file, as the parser hands it over (valid only during the callback). */
export interface CsvRecord {
  fields: string[];
  /** physical line the record starts on (the header is line 1) */
  line: number;
  /** no field holds a comma, quote or line break, so fields can be written out unquoted */
  plain: boolean;
  /** the record's text (`recordText()`) is RFC 4180 that reads back as `fields`: no carriage return outside quotes */
  verbatim: boolean;
  /** why the record is malformed (stray quote, NUL byte); then `fields` are not to be used */
  error: string | undefined;
}

/**
 * A record longer than this is taken for a quoted field that never closes.
 * The contract promises fields up to 16 MB.
 */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * A streaming RFC 4180 parser: feed it text with `push`, then call `end`.
 * Quoted fields may hold commas, doubled quotes and line breaks; lines end in
 * `\n` or `\r\n`; blank lines are skipped. It counts physical lines so that
 * every record knows the line it starts on, and `recordText()` returns the
 * record's original text during the callback (for quarantine).
 *
 * @example
 * const parser = new CsvParser((r) => rows.push([...r.fields]));
 * parser.push('Id,Name\r\n1,"Smith, ""Jo"""\r\n');
 * parser.end(); // rows: [['Id','Name'], ['1','Smith, "Jo"']]
 */
export class CsvParser {
  private buf = '';
  private pos = 0;
  private line = 1;
  private quoteAt = -1;
  private nulAt = -1;
  private recordStart = 0;
  private recordEnd = 0;
  private final = false;
  private readonly record: CsvRecord = { fields: [], line: 1, plain: true, verbatim: true, error: undefined };

  private fast: { pattern: RegExp; onLine: (line: number, length: number) => void } | undefined;
  private fastStart = 0;
  private fastEnd = 0;

  constructor(private readonly onRecord: (record: CsvRecord) => void) {}

  /**
   * A fast path for the lines the sticky `pattern` matches whole (line break
   * included): they are handed to `onLine` with their line number and
   * length, without being split, and `fastLineText()` returns their text.
   * Lines it does not match are parsed field by field as usual.
   */
  setFastPath(pattern: RegExp, onLine: (line: number, length: number) => void): void {
    this.fast = { pattern, onLine };
  }

  private fastMatch(pattern: RegExp, pos: number): boolean {
    pattern.lastIndex = pos;
    try {
      return pattern.test(this.buf);
    } catch (error) {
      // a field of megabytes can exhaust the regular expression's backtrack stack: read it the careful way
      if (error instanceof RangeError) return false;
      throw error;
    }
  }

  /** The text of the line the fast path just matched, without its line break. */
  fastLineText(): string {
    let end = this.fastEnd - 1;
    if (end > this.fastStart && this.buf.charCodeAt(end - 1) === CR) end--;
    return this.buf.slice(this.fastStart, end);
  }

  /** The current record's text as it is in the file, without its line break. */
  recordText(): string {
    let end = this.recordEnd;
    if (end > this.recordStart && this.buf.charCodeAt(end - 1) === LF) end--;
    if (end > this.recordStart && this.buf.charCodeAt(end - 1) === CR) end--;
    return this.buf.slice(this.recordStart, end);
  }

  /** `mayHoldNul`: false when the bytes of the chunk are known to hold no NUL (saves a scan). */
  push(chunk: string, mayHoldNul = true): void {
    const pendingNul = this.nulAt !== -1 && this.nulAt >= this.pos;
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
    this.pos = 0;
    this.quoteAt = this.buf.indexOf('"');
    this.nulAt = mayHoldNul || pendingNul ? this.buf.indexOf('\0') : -1;
    this.parse(false);
    if (this.buf.length - this.pos > MAX_RECORD_CHARS) {
      throw new FileRejectedError(
        `the record starting on line ${this.line} is longer than ${MAX_RECORD_CHARS >> 20} M characters`,
        'a quoted field is probably not closed: check the quotes on that line',
        this.line,
      );
    }
  }

  /** Parses what is left; a quoted field still open here rejects the file. */
  end(): void {
    this.parse(true);
  }

  private parse(final: boolean): void {
    this.final = final;
    const buf = this.buf;
    const fast = this.fast;
    for (;;) {
      const pos = this.pos;
      if (pos >= buf.length) return;
      if (fast && this.fastMatch(fast.pattern, pos)) {
        this.fastStart = pos;
        this.fastEnd = fast.pattern.lastIndex;
        this.pos = this.fastEnd;
        fast.onLine(this.line++, this.fastEnd - pos);
        continue;
      }
      const nl = buf.indexOf('\n', pos);
      if (this.quoteAt !== -1 && this.quoteAt < pos) this.quoteAt = buf.indexOf('"', pos);
      if (this.quoteAt === -1 || (nl !== -1 && this.quoteAt > nl)) {
        if (nl === -1 && !final) return;
        this.plainLine(pos, nl === -1 ? buf.length : nl);
      } else if (!this.quotedRecord(pos)) {
        return;
      }
    }
  }

  /** A record without quotes: split on commas. */
  private plainLine(pos: number, nl: number): void {
    const buf = this.buf;
    let end = nl;
    if (end > pos && buf.charCodeAt(end - 1) === CR) end--;
    const next = nl + 1;
    if (end === pos) {
      this.pos = next;
      this.line++;
      return;
    }
    const text = buf.slice(pos, end);
    const record = this.record;
    record.line = this.line;
    record.fields = text.split(',');
    record.plain = text.indexOf('\r') === -1;
    record.verbatim = record.plain;
    record.error = this.nulBefore(next) ? 'a NUL byte' : undefined;
    this.emit(pos, next, 1);
  }

  /**
   * A record with at least one quote: walk it field by field. Returns false
   * when the record is not complete in the buffer yet.
   */
  private quotedRecord(pos: number): boolean {
    const final = this.final;
    const buf = this.buf;
    const length = buf.length;
    const fields: string[] = [];
    let error: string | undefined;
    let verbatim = true;
    let i = pos;
    let lines = 1;
    // the end of the physical line, and the next quote: both move on as fields are read
    let nl = buf.indexOf('\n', pos);
    let quote = this.quoteAt;
    for (;;) {
      if (i === quote) {
        let value = '';
        let from = i + 1;
        let close: number;
        for (;;) {
          close = buf.indexOf('"', from);
          if (close === -1 || (close + 1 >= length && !final)) {
            if (!final) return false;
            const opened = this.line + countLf(buf, pos, i);
            throw new FileRejectedError(
              `the quoted field opened on line ${opened} is never closed`,
              'the file was cut short or a closing quote is missing: send the complete file',
              opened,
            );
          }
          if (buf.charCodeAt(close + 1) === QUOTE) {
            value += buf.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          value += buf.slice(from, close);
          break;
        }
        if (nl !== -1 && nl < close) {
          lines += countLf(buf, i, close);
          nl = buf.indexOf('\n', close);
        }
        fields.push(value);
        i = close + 1;
        quote = buf.indexOf('"', i);
        const c = buf.charCodeAt(i);
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c === LF || i >= length) break;
        if (c === CR && buf.charCodeAt(i + 1) === LF) {
          i++;
          break;
        }
        if (c === CR && i + 1 >= length && !final) return false;
        error = 'a stray character after a closing quote';
        i = this.skipToLineEnd(i);
        if (i < 0) return false;
        break;
      }
      // an unquoted field: up to the next comma, or the line end for the last one
      if (nl === -1 && !final) return false;
      const lineEnd = nl === -1 ? length : nl;
      const comma = buf.indexOf(',', i);
      const last = comma === -1 || comma > lineEnd;
      const stop = last ? lineEnd : comma;
      if (quote !== -1 && quote < stop) {
        error = 'a stray quote inside an unquoted field (quote the whole field and double the quote)';
        i = lineEnd;
        break;
      }
      let end = stop;
      if (last && end > i && buf.charCodeAt(end - 1) === CR) end--;
      const field = buf.slice(i, end);
      if (verbatim && field.indexOf('\r') !== -1) verbatim = false;
      fields.push(field);
      if (last) {
        i = stop;
        break;
      }
      i = comma + 1;
    }
    const record = this.record;
    record.line = this.line;
    record.fields = fields;
    record.plain = false;
    record.verbatim = verbatim;
    const next = i + 1;
    record.error = error ?? (this.nulBefore(next) ? 'a NUL byte' : undefined);
    if (error) {
      // a malformed record's quoted parts are unknown: count its line breaks as they are
      lines = 1 + countLf(buf, pos, Math.min(i, length));
    }
    this.emit(pos, next, lines);
    return true;
  }

  /** End of the physical line from `i` (the index of its `\n`, or the buffer's end at EOF), or -1 to wait for more. */
  private skipToLineEnd(i: number): number {
    const nl = this.buf.indexOf('\n', i);
    if (nl !== -1) return nl;
    return this.final ? this.buf.length : -1;
  }

  private nulBefore(end: number): boolean {
    if (this.nulAt === -1 || this.nulAt >= end) return false;
    this.nulAt = this.buf.indexOf('\0', end);
    return true;
  }

  private emit(start: number, next: number, lines: number): void {
    this.recordStart = start;
    this.recordEnd = Math.min(next, this.buf.length);
    this.onRecord(this.record);
    this.pos = next;
    this.line += lines;
  }
}

function countLf(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
