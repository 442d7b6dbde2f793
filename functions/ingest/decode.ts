import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { bytesFromText } from './byte-text.ts';
import { FileRejectedError } from './errors.ts';
import { cappedGunzip } from './gzip-guard.ts';

/** Bytes read from disk at a time: large enough that per-chunk work is noise. */
const CHUNK_BYTES = 1 << 20;

const ENCODING_HINT =
  'export the file as UTF-8, or set "encoding" in scorecard.config.json to the encoding it was exported in (e.g. windows-874)';

/** A piece of a file's text; `nul` is false when its bytes hold no NUL (so parsers can skip looking). */
export interface DecodedChunk {
  text: string;
  nul: boolean;
}

export interface TextOptions {
  gzip: boolean;
  /** the encoding of the file (config.encoding) */
  encoding: string;
  /** `text` (default): decoded strings; `bytes`: byte text of the UTF-8 (see byte-text.ts), whatever the file's encoding */
  form?: 'text' | 'bytes';
}

/**
 * Reads a landed file as text, chunk by chunk: gunzips `.gz` files, strips a
 * leading BOM and checks every byte against `encoding`. A file that is not
 * valid in its encoding, or a broken gzip, is rejected whole.
 *
 * @example
 * for await (const { text } of readText('/lake/landing/d1/crm/User.csv', { gzip: false, encoding: 'utf-8' })) parse(text);
 */
export async function* readText(path: string, options: TextOptions): AsyncGenerator<DecodedChunk, void, undefined> {
  const decoder = textDecoder(options.encoding, options.form ?? 'text');
  let offset = 0;
  let first = true;
  try {
    for await (const chunk of byteStream(path, options.gzip)) {
      if (first) checkNotUtf16(chunk, options.encoding);
      first = false;
      const text = decoder.write(chunk, offset);
      offset += chunk.length;
      // a byte scan is far cheaper than a scan of the decoded (often two-byte) string
      if (text.length > 0) yield { text, nul: chunk.indexOf(0) !== -1 };
    }
    const rest = decoder.end(offset);
    if (rest.length > 0) yield { text: rest, nul: rest.includes('\0') };
  } catch (error) {
    if (error instanceof InvalidBytes) {
      // the line is only worth counting once something is wrong: read the file again up to the byte
      const line = await lineOfByte(path, options.gzip, error.offset);
      const shown = error.byte === undefined ? '' : ` (byte 0x${error.byte.toString(16).toUpperCase().padStart(2, '0')})`;
      throw new FileRejectedError(`line ${line} holds bytes that are not valid ${error.encoding}${shown}`, ENCODING_HINT, line, {
        cause: error,
      });
    }
    if (error instanceof FileRejectedError) throw error;
    if (options.gzip && isGzipError(error)) {
      throw new FileRejectedError(
        `not a complete gzip file (${(error as Error).message})`,
        'send the file again: it was cut short or is not gzip-compressed',
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
}

function byteStream(path: string, gzip: boolean): AsyncIterable<Buffer> {
  const source = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (!gzip) return source;
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  source.on('error', (error) => gunzip.destroy(error));
  return cappedGunzip(source, source.pipe(gunzip));
}

function isGzipError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return code.startsWith('Z_') || /gzip|zlib|unexpected end|incorrect header/i.test(String(error));
}

/** The physical line (1-based) holding byte `offset` of the (decompressed) file. */
async function lineOfByte(path: string, gzip: boolean, offset: number): Promise<number> {
  let line = 1;
  let seen = 0;
  try {
    for await (const chunk of byteStream(path, gzip)) {
      const end = Math.min(chunk.length, offset - seen);
      for (let i = chunk.indexOf(10); i !== -1 && i < end; i = chunk.indexOf(10, i + 1)) line++;
      seen += chunk.length;
      if (seen >= offset) break;
    }
  } catch {
    // the bytes up to the bad one were readable the first time: the count is complete
  }
  return line;
}

/** A byte that is not valid in the encoding, at an offset of the decompressed file. */
class InvalidBytes extends Error {
  constructor(
    readonly encoding: string,
    readonly offset: number,
    readonly byte: number | undefined,
  ) {
    super(`invalid ${encoding} at byte ${offset}`);
  }
}

interface Decoder {
  /** decodes a chunk; `offset` is the chunk's first byte in the file, for messages */
  write(chunk: Buffer, offset: number): string;
  end(offset: number): string;
}

function textDecoder(encoding: string, form: 'text' | 'bytes'): Decoder {
  const name = encoding.toLowerCase().replace(/_/g, '-');
  const utf8 = name === 'utf-8' || name === 'utf8';
  if (utf8 && form === 'bytes') return utf8ByteDecoder();
  if (utf8) {
    // fatal: a byte that is not UTF-8 rejects the file instead of becoming U+FFFD
    // (it also strips a leading BOM)
    const decoder = new TextDecoder('utf-8', { fatal: true });
    return {
      write: (chunk, offset) => {
        try {
          return decoder.decode(chunk, { stream: true });
        } catch {
          const at = firstInvalidUtf8(chunk);
          throw new InvalidBytes('UTF-8', offset + at, chunk[at]);
        }
      },
      end: (offset) => {
        try {
          return decoder.decode();
        } catch {
          throw new InvalidBytes('UTF-8', offset, undefined);
        }
      },
    };
  }
  if (!iconv.encodingExists(name)) {
    throw new FileRejectedError(
      `the configured encoding "${encoding}" is not known`,
      'set "encoding" in scorecard.config.json to a known name such as utf-8 or windows-874',
    );
  }
  const decoder = iconv.getDecoder(name, { stripBOM: true });
  let lines = 1;
  const check = (text: string): string => {
    // iconv-lite decodes bytes that the encoding does not define as U+FFFD
    const bad = text.indexOf('\ufffd');
    if (bad >= 0) {
      const line = lines + countNewlines(text.slice(0, bad));
      throw new FileRejectedError(`line ${line} holds bytes that are not valid ${encoding}`, ENCODING_HINT, line);
    }
    lines += countNewlines(text);
    return text;
  };
  const out = form === 'bytes' ? bytesFromText : (text: string) => text;
  return {
    write: (chunk) => out(check(decoder.write(chunk))),
    end: () => out(check(decoder.end() ?? '')),
  };
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Checks UTF-8 and passes the bytes on as byte text: the bytes themselves,
 * checked by Node's native validator, without the cost of decoding them. A
 * character cut by a chunk's end waits for the next chunk.
 */
function utf8ByteDecoder(): Decoder {
  let carry: Buffer | undefined;
  let first = true;
  return {
    write: (chunk, offset) => {
      let bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
      let base = offset - (carry?.length ?? 0);
      carry = undefined;
      if (first && bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b)) {
        bytes = bytes.subarray(3);
        base += 3;
      }
      first = false;
      const cut = incompleteTail(bytes);
      if (cut < bytes.length) {
        carry = Buffer.from(bytes.subarray(cut));
        bytes = bytes.subarray(0, cut);
      }
      if (!isUtf8(bytes)) {
        const at = firstInvalidUtf8(bytes);
        throw new InvalidBytes('UTF-8', base + at, bytes[at]);
      }
      return bytes.toString('latin1');
    },
    end: (offset) => {
      if (carry) throw new InvalidBytes('UTF-8', offset - carry.length, carry[0]);
      return '';
    },
  };
}

/** Where a UTF-8 character cut by the end of `bytes` starts, or `bytes.length`. */
function incompleteTail(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    const b = bytes[i] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: the character starts further back
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + length > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}

/**
 * Offset of the first byte of `bytes` that starts no valid UTF-8 sequence
 * (overlong forms and surrogates included); a sequence cut by the end of the
 * chunk counts as valid, since the next chunk completes it.
 *
 * @example
 * firstInvalidUtf8(Buffer.from([0x41, 0xe9, 0x42])); // 1
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need: number;
    // the allowed range of the second byte, which excludes overlong forms and surrogates
    let low = 0x80;
    let high = 0xbf;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return bytes.length;
      const c = bytes[i + k] ?? 0;
      if (k === 1 ? c < low || c > high : (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** UTF-16 text is mostly valid UTF-8 bytes with NULs in between: say what it is. */
function checkNotUtf16(chunk: Buffer, encoding: string): void {
  if (/^utf-?16/i.test(encoding)) return;
  const start = chunk.subarray(0, Math.min(chunk.length, 200));
  if (start.length > 0 && start.every((b) => b === 0)) {
    // UTF-16 has NULs between characters; a file that starts with nothing but NULs is no text at all
    throw new FileRejectedError(
      'the file starts with NUL bytes, not text: it is not an export',
      'send the export itself; a file of zeros is a broken download or copy',
      1,
    );
  }
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

