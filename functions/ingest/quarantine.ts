import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { clip, LIMITS } from './limits.ts';
import { SAMPLE_COUNT, type QuarantineRecord } from '../lake/ingest-report.ts';

/** A quarantined record's text is kept up to this many characters. */
const MAX_TEXT = 1 << 20;
/** Write to disk once this many characters are buffered. */
const FLUSH_CHARS = 1 << 20;
/** A value quoted in a reason is cut at this many characters. */
const MAX_SHOWN = 80;

/**
 * The quarantined records of one file: JSON lines in a scratch file (a bad
 * export can quarantine millions), plus the first few kept for the report.
 *
 * @example
 * const q = new QuarantineFile('/tmp/s/q-0.jsonl', 'crm/Task.csv');
 * q.add(778, 'ActivityDate', "not a date: '2026-13-45'", '00T…,2026-13-45,…');
 */
export class QuarantineFile {
  count = 0;
  readonly samples: QuarantineRecord[] = [];
  private fd = -1;
  private buffer = '';

  constructor(
    readonly path: string,
    readonly file: string,
  ) {}

  add(line: number, column: string, reason: string, text: string): void {
    const shortReason = clip(reason, LIMITS.reasonChars);
    // a broken export can have millions of bad rows: past the first few, line and reason say enough
    const kept = this.count < LIMITS.quarantineTextRows ? text : '';
    const record: QuarantineRecord = {
      file: this.file,
      line,
      column: clip(column, LIMITS.reasonChars),
      reason: shortReason,
      text: kept.length > MAX_TEXT ? `${kept.slice(0, MAX_TEXT)}…(cut at ${MAX_TEXT} characters)` : kept,
    };
    // buffered: a broken export quarantines millions, and a write a record would take minutes
    this.buffer += JSON.stringify(record) + '\n';
    if (this.buffer.length > FLUSH_CHARS) this.flush();
    if (this.samples.length < SAMPLE_COUNT) this.samples.push({ ...record, text: clip(text, LIMITS.sampleChars) });
    this.count++;
  }

  close(): void {
    this.flush();
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private flush(): void {
    if (this.buffer === '') return;
    if (this.fd < 0) this.fd = openSync(this.path, 'w');
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** Forgets every record (the whole file was rejected after all). */
  discard(): void {
    this.buffer = '';
    this.close();
    rmSync(this.path, { force: true });
    this.count = 0;
    this.samples.length = 0;
  }
}

/** A value as shown inside a reason: quoted, cut when long. */
export function shown(value: string): string {
  return `'${value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value}'`;
}
