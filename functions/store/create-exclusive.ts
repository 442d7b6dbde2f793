import { open, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { FsStore } from './fs.ts';
import { PrefixRoutedStore } from './routed.ts';
import { S3Store } from './s3.ts';
import { checkKey, type ObjectStore } from './store.ts';
import { withS3Retry } from './s3-retry.ts';

/**
 * Creates `key` only if no object has that key yet; returns false when one
 * exists. This is the one primitive the leases stand on:
 *
 * - a folder: `open(…, 'wx')` (O_CREAT|O_EXCL), atomic on a local file system;
 * - S3: a PUT with `If-None-Match: *` (a conditional write, which S3 answers
 *   with 412 when the key exists). s3rver 3.7 ignores that header on PUT, so
 *   the tests run s3rver behind a small shim that enforces it (test/helpers/s3rver.ts).
 */
export async function createExclusive(store: ObjectStore, key: string, body: string): Promise<boolean> {
  const target = store instanceof PrefixRoutedStore ? store.storeFor(key) : store;
  if (target instanceof FsStore) {
    const file = target.path(key);
    await mkdir(dirname(file), { recursive: true });
    let handle;
    try {
      handle = await open(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    try {
      await handle.writeFile(body);
    } finally {
      await handle.close();
    }
    return true;
  }
  if (target instanceof S3Store) {
    try {
      await withS3Retry(`PUT ${key} (if absent)`, target.description, () => target.client.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: checkKey(key),
          Body: body,
          ContentType: 'application/json',
          IfNoneMatch: '*',
        }),
      ));
      return true;
    } catch (error) {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.$metadata?.httpStatusCode === 412 || e.name === 'PreconditionFailed') return false;
      // S3 answers 409 when two conditional writes of one key race: the other one won
      if (e.$metadata?.httpStatusCode === 409 || e.name === 'ConditionalRequestConflict') return false;
      throw error;
    }
  }
  // another ObjectStore (a wrapper, as tests use): check then put, which is exclusive within one process only
  if ((await store.get(key)) !== undefined) return false;
  await store.put(key, body, 'application/json');
  return true;
}
