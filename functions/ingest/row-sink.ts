import { closeSync, openSync, rmSync, writeSync } from 'node:fs';

/** Flush to disk once this many characters are buffered. */
const FLUSH_CHARS = 1 << 20;

const NEEDS_QUOTES = /[",\n\r]/;

/**
 * The typed rows of one input file, written as a normalized CSV
 * (`source_line,<fields…>`, empty = NULL) that DuckDB then copies into
 * Parquet with explicit column types (see parquet.ts). Values arrive already
 * validated and in DuckDB's text form, so DuckDB only has to read them; a
 * record that needed no conversion is written as the export had it. Rows
 * are byte text (see byte-text.ts): the file gets exactly their bytes. Writing is synchronous: ingest is a single pass, and buffered
 * `writeSync` of 1 MB blocks keeps it simple and fast.
 *
 * @example
 * const sink = new RowSink('/tmp/x/users-0.csv');
 * sink.write(2, ['005A', 'Ann'], true);
 * sink.close();
 */
export class RowSink {
  private fd: number;
  private buffer = '';
  rows = 0;
  /** characters of the longest row, so that DuckDB can be told its line size */
  longest = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /** `plain`: no value can hold a comma, quote or line break, so none needs quoting. */
  write(line: number, values: readonly string[], plain: boolean): void {
    this.append(`${line},${plain ? values.join(',') : values.map(quoted).join(',')}`);
  }

  /** A record already in RFC 4180 form (its text as read from the export), written as it is. */
  writeText(line: number, text: string): void {
    this.append(`${line},${text}`);
  }

  private append(row: string): void {
    if (row.length > this.longest) this.longest = row.length;
    this.buffer += row + '\n';
    this.rows++;
    if (this.buffer.length > FLUSH_CHARS) this.flush();
  }

  close(): void {
    if (this.fd < 0) return;
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }

  /** Throws the rows away (the file was rejected after all). */
  discard(): void {
    this.buffer = '';
    this.close();
    rmSync(this.path, { force: true });
    this.rows = 0;
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer, null, 'latin1');
    this.buffer = '';
  }
}

function quoted(value: string): string {
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.includes('"') ? value.replace(/"/g, '""') : value}"`;
}
