import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { FileRejectedError } from './errors.ts';

/** Bytes read from disk at a time: large enough that per-chunk work is noise. */
const CHUNK_BYTES = 1 << 20;

const ENCODING_HINT =
  'export the file as UTF-8, or set "encoding" in scorecard.config.json to the encoding it was exported in (e.g. windows-874)';

/**
 * Reads a landed file as text, chunk by chunk: gunzips `.gz` files, strips a
 * leading BOM and checks every byte against `encoding`. A file that is not
 * valid in its encoding, or a broken gzip, is rejected whole.
 *
 * @example
 * for await (const text of readText('/lake/landing/d1/crm/User.csv', { gzip: false, encoding: 'utf-8' })) parse(text);
 */
export async function* readText(
  path: string,
  options: { gzip: boolean; encoding: string },
): AsyncGenerator<string, void, undefined> {
  const decoder = textDecoder(options.encoding);
  const source = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const bytes = options.gzip ? source.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : source;
  if (options.gzip) source.on('error', (error) => bytes.destroy(error));
  let lines = 1;
  let first = true;
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      if (first) checkNotUtf16(chunk, options.encoding);
      first = false;
      const text = decoder.write(chunk, lines);
      lines += countNewlines(text);
      if (text.length > 0) yield text;
    }
  } catch (error) {
    if (error instanceof FileRejectedError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (options.gzip && (code.startsWith('Z_') || code === 'ERR_INVALID_ARG_TYPE' || /gzip|zlib|unexpected end/i.test(String(error)))) {
      throw new FileRejectedError(
        `not a complete gzip file (${(error as Error).message})`,
        'send the file again: it was cut short or is not gzip-compressed',
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
  const rest = decoder.end(lines);
  if (rest.length > 0) yield rest;
}

interface Decoder {
  /** decodes a chunk; `line` is the physical line the chunk starts on, for messages */
  write(chunk: Buffer, line: number): string;
  end(line: number): string;
}

function textDecoder(encoding: string): Decoder {
  const name = encoding.toLowerCase().replace(/_/g, '-');
  if (name === 'utf-8' || name === 'utf8') {
    // fatal: a byte that is not UTF-8 rejects the file instead of becoming U+FFFD
    const decoder = new TextDecoder('utf-8', { fatal: true });
    // (it also strips a leading BOM)
    const wrap = (run: () => string, chunk: Buffer | undefined, line: number): string => {
      try {
        return run();
      } catch (error) {
        throw invalidBytes('UTF-8', chunk, line, error);
      }
    };
    return {
      write: (chunk, line) => wrap(() => decoder.decode(chunk, { stream: true }), chunk, line),
      end: (line) => wrap(() => decoder.decode(), undefined, line),
    };
  }
  if (!iconv.encodingExists(name)) {
    throw new FileRejectedError(
      `the configured encoding "${encoding}" is not known`,
      'set "encoding" in scorecard.config.json to a known name such as utf-8 or windows-874',
    );
  }
  const decoder = iconv.getDecoder(name, { stripBOM: true });
  const check = (text: string, line: number): string => {
    // iconv-lite decodes bytes that the encoding does not define as U+FFFD
    const bad = text.indexOf('\ufffd');
    if (bad >= 0) {
      throw new FileRejectedError(
        `line ${line + countNewlines(text.slice(0, bad))} holds bytes that are not valid ${encoding}`,
        ENCODING_HINT,
        line + countNewlines(text.slice(0, bad)),
      );
    }
    return text;
  };
  return {
    write: (chunk, line) => check(decoder.write(chunk), line),
    end: (line) => check(decoder.end() ?? '', line),
  };
}

/** A rejection naming the first byte that is not valid UTF-8 and its line. */
function invalidBytes(encoding: string, chunk: Buffer | undefined, line: number, cause: unknown): FileRejectedError {
  if (chunk === undefined) {
    return new FileRejectedError(`the file ends inside a ${encoding} character`, ENCODING_HINT, line, { cause });
  }
  const at = firstInvalidUtf8(chunk);
  const where = line + countNewlineBytes(chunk, at);
  const byte = chunk[at];
  const shown = byte === undefined ? '' : ` (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')})`;
  return new FileRejectedError(`line ${where} holds bytes that are not valid ${encoding}${shown}`, ENCODING_HINT, where, {
    cause,
  });
}

/** Offset of the first byte of `bytes` that starts no valid UTF-8 sequence (a sequence cut at the end counts as valid). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need: number;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return bytes.length;
      const c = bytes[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** UTF-16 text is mostly valid UTF-8 bytes with NULs in between: say what it is. */
function checkNotUtf16(chunk: Buffer, encoding: string): void {
  if (/^utf-?16/i.test(encoding)) return;
  const head = chunk.subarray(0, 2);
  const bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const firstLine = chunk.subarray(0, Math.min(chunk.length, 200));
  if (bom || (firstLine.length >= 2 && firstLine.includes(0) && (firstLine[1] === 0 || firstLine[0] === 0))) {
    throw new FileRejectedError(
      'the file is UTF-16, not UTF-8',
      'export the file as UTF-8, or set "encoding" in scorecard.config.json to "utf-16le"',
      1,
    );
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function countNewlineBytes(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
