import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  NoSuchKey,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { tempPathFor } from './temp-files.ts';
import { FsStore } from './fs.ts';
import { PrefixRoutedStore } from './routed.ts';
import { S3Store } from './s3.ts';
import { checkKey, type ObjectStore } from './store.ts';

/**
 * Objects as files, streamed: exports and their Parquet can be gigabytes,
 * more than memory (and than Node's 2 GiB for one buffer), so they move
 * between the lake and local files without being read whole. Stores this
 * file does not know fall back to get/put.
 */

/** A file larger than this goes to S3 in parts of this size (S3 allows 10,000 parts: 640 GiB). */
export const PART_BYTES = 64 * 1024 * 1024;

/** The store that actually holds `key` (through a routed store's routes). */
function holder(store: ObjectStore, key: string): ObjectStore {
  return store instanceof PrefixRoutedStore ? holder(store.storeFor(key), key) : store;
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; code?: string };
  return error instanceof NoSuchKey || e.name === 'NoSuchKey' || e.code === 'ENOENT';
}

/** The object as a byte stream, or undefined when there is no such key. */
async function objectStream(store: ObjectStore, key: string): Promise<Readable | undefined> {
  const target = holder(store, key);
  try {
    if (target instanceof FsStore) {
      await stat(target.path(key));
      return createReadStream(target.path(key));
    }
    if (target instanceof S3Store) {
      const response = await target.client.send(new GetObjectCommand({ Bucket: target.bucket, Key: checkKey(key) }));
      return response.Body as Readable | undefined;
    }
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  return undefined;
}

/**
 * Writes the object `key` to `file`; false when there is no such object.
 *
 * @example
 * await downloadFile(store, 'landing/2026-11-26/crm/Task.csv', '/tmp/x/Task.csv'); // true
 */
export async function downloadFile(store: ObjectStore, key: string, file: string): Promise<boolean> {
  await mkdir(dirname(file), { recursive: true });
  const target = holder(store, key);
  if (!(target instanceof FsStore || target instanceof S3Store)) {
    const bytes = await store.get(key);
    if (bytes === undefined) return false;
    await writeFile(file, bytes);
    return true;
  }
  const body = await objectStream(target, key);
  if (!body) return false;
  // through a temporary name: a download cut short leaves no file that looks complete
  const temp = `${file}.part-${process.pid}`;
  try {
    await pipeline(body, createWriteStream(temp));
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return true;
}

/**
 * Stores the local `file` under `key`: a copy on a folder (no reader sees
 * half of it), one request on S3, or a multipart upload of `PART_BYTES`
 * parts for a large file, so that memory holds one part at most.
 *
 * @example
 * await uploadFile(store, 'raw/tasks/drop=2026-11-26/part-0.parquet', '/tmp/x/tasks.parquet');
 */
export async function uploadFile(
  store: ObjectStore,
  key: string,
  file: string,
  contentType?: string,
  partBytes = PART_BYTES,
): Promise<void> {
  const target = holder(store, key);
  if (target instanceof FsStore) {
    const path = target.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = tempPathFor(path);
    await copyFile(file, temp);
    await rename(temp, path);
    return;
  }
  const size = (await stat(file)).size;
  if (!(target instanceof S3Store) || size <= partBytes) {
    await target.put(key, await readFile(file), contentType);
    return;
  }
  const { client, bucket } = target;
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: checkKey(key), ContentType: contentType }),
  );
  const handle = await open(file, 'r');
  try {
    const parts: { ETag: string | undefined; PartNumber: number }[] = [];
    const buffer = Buffer.alloc(partBytes);
    for (let offset = 0, part = 1; offset < size; offset += partBytes, part++) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(partBytes, size - offset), offset);
      const { ETag } = await client.send(
        new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: part, Body: buffer.subarray(0, bytesRead) }),
      );
      parts.push({ ETag, PartNumber: part });
    }
    await client.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }),
    );
  } catch (error) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId })).catch(() => undefined);
    throw error;
  } finally {
    await handle.close();
  }
}

async function digest(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * True when the object `key` holds exactly the bytes of `file` (compared
 * streaming, by SHA-256).
 *
 * @example
 * await sameAsFile(store, 'landing/2026-11-26/crm/Task.csv', './drop/crm/Task.csv'); // true
 */
export async function sameAsFile(store: ObjectStore, key: string, file: string): Promise<boolean> {
  const target = holder(store, key);
  if (!(target instanceof FsStore || target instanceof S3Store)) {
    const bytes = await store.get(key);
    return bytes !== undefined && Buffer.from(bytes).equals(await readFile(file));
  }
  const body = await objectStream(target, key);
  if (!body) return false;
  return (await digest(body)) === (await digest(createReadStream(file)));
}
