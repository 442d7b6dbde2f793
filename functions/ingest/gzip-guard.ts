import type { Readable } from 'node:stream';
import { FileRejectedError } from './errors.ts';
import { LIMITS } from './limits.ts';

const GIB = 1024 ** 3;

/**
 * The decompressed chunks of a gzip stream, refusing a "gzip bomb": a file
 * that expands past `LIMITS.gzipMaxBytes`, or, past its first
 * `LIMITS.gzipRatioAfterBytes`, to more than `LIMITS.gzipMaxRatio` times the
 * compressed bytes read so far (exports compress 5 to 20 times; a run of
 * zeros or of one row repeated, a thousand). Both streams are closed when
 * the reader stops.
 *
 * @example
 * for await (const chunk of cappedGunzip(source, source.pipe(createGunzip()))) use(chunk);
 */
export async function* cappedGunzip(source: Readable, gunzip: Readable): AsyncGenerator<Buffer, void, undefined> {
  let compressed = 0;
  let expanded = 0;
  source.on('data', (chunk: Buffer) => {
    compressed += chunk.length;
  });
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      expanded += chunk.length;
      if (expanded > LIMITS.gzipMaxBytes) {
        throw new FileRejectedError(
          `the gzip file expands to more than ${LIMITS.gzipMaxBytes / GIB} GiB`,
          'split the export into smaller files, or send it uncompressed',
        );
      }
      if (expanded > LIMITS.gzipRatioAfterBytes && expanded > compressed * LIMITS.gzipMaxRatio) {
        throw new FileRejectedError(
          `the gzip file expands more than ${LIMITS.gzipMaxRatio} times (${compressed} bytes to over ${expanded}): not an export`,
          'send the export as it was downloaded; a file this repetitive is broken or a "gzip bomb"',
        );
      }
      yield chunk;
    }
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}
