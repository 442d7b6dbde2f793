import type { Log } from '../log.ts';

/**
 * The limits that keep ingest bounded whatever it is given (README
 * "Limits"). Each is a promise to the user, so each is documented there.
 */
export const LIMITS = {
  /** a CSV header may name this many columns; a wider file is rejected whole */
  maxColumns: 16_384,
  /** wider files skip the one-regex-per-line fast path (V8 cannot compile a pattern that long) */
  fastPathMaxColumns: 1_000,
  /** JSON nested deeper than this (objects and arrays) is quarantined, not parsed */
  maxJsonDepth: 64,
  /** a reason (and a rejection's reason or hint) is cut at this many characters */
  reasonChars: 300,
  /** a record's text in the report's samples is cut at this many characters */
  sampleChars: 1_000,
  /** a line written to the console or the log is cut at this many characters */
  logLineChars: 1_000,
  /** the quarantine file keeps the full text of this many records per file, then line, column and reason only */
  quarantineTextRows: 1_000,
  /** a file of at least this many records … */
  badShareMinRecords: 1_000,
  /** … is rejected whole when more than this share of its records are bad */
  badShare: 0.2,
  /** a gzip file may expand to at most this many bytes */
  gzipMaxBytes: 64 * 1024 ** 3,
  /** … and, once past `gzipRatioAfterBytes`, to at most this many times its compressed size */
  gzipMaxRatio: 200,
  gzipRatioAfterBytes: 16 * 1024 ** 2,
} as const;

// C0 and C1 controls and DEL; tab, line breaks and the rest become one space
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Text safe to show: control characters (line breaks, escapes, NULs) become
 * a space, and anything past `max` characters is cut with a note of how much.
 *
 * @example
 * clip('a\u001b[31mb\nc', 100); // 'a [31mb c'
 * clip('x'.repeat(500), 10);    // 'xxxxxxxxxx… (500 characters)'
 */
export function clip(text: string, max: number): string {
  const head = text.length > max ? text.slice(0, max) : text;
  const clean = head.replace(CONTROLS, ' ');
  return text.length > max ? `${clean}… (${text.length} characters)` : clean;
}

/** A log whose every line is clipped (see clip): a hostile file cannot flood or forge the console. */
export function clippedLog(log: Log): Log {
  return {
    info: (message) => log.info(clip(message, LIMITS.logLineChars)),
    warn: (message) => log.warn(clip(message, LIMITS.logLineChars)),
    child: (name) => clippedLog(log.child(name)),
  };
}

/**
 * How deeply `text` (JSON) nests objects and arrays, counting only up to
 * `limit + 1`: a cheap look before JSON.parse, whose result (and every
 * recursive walk of it) would otherwise overflow the stack.
 *
 * @example
 * jsonDepth('{"a":[[1]]}', 64); // 3
 */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // skip the string: to the next quote not escaped (an even run of backslashes before it)
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return deepest;
        let slashes = 0;
        while (text.charCodeAt(quote - 1 - slashes) === 92 /* \ */) slashes++;
        from = quote + 1;
        if (slashes % 2 === 0) break;
      }
      i = from - 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return deepest;
}
