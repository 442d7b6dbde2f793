import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { checkKey, type ObjectStore } from './store.ts';
import { crashPoint } from '../run/crash-point.ts';
import { withS3Retry } from './s3-retry.ts';

/** The lake as an S3 bucket (or an S3-compatible server such as s3rver). */
export class S3Store implements ObjectStore {
  readonly description: string;

  constructor(
    readonly client: S3Client,
    readonly bucket: string,
  ) {
    this.description = `s3://${bucket}`;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      // the body is read inside the retry: a connection reset mid-download retries the whole GET
      return await withS3Retry(`GET ${key}`, this.description, async () => {
        const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
        return await response.Body?.transformToByteArray();
      });
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async put(key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    await withS3Retry(`PUT ${key}`, this.description, () =>
      this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: checkKey(key), Body: body, ContentType: contentType })),
    );
    crashPoint('store:put');
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await withS3Retry(`LIST ${prefix}`, this.description, () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token })),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.list(prefix);
    // DeleteObjects takes at most 1,000 keys a call
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000).map((Key) => ({ Key }));
      await withS3Retry(`DELETE ${prefix}…`, this.description, () =>
        this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch } })),
      );
    }
    return keys.length;
  }
}
