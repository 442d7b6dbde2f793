import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config.ts';
import { FsStore } from './fs.ts';
import { S3Store } from './s3.ts';
import type { ObjectStore } from './store.ts';

/** The store the config names: the workspace folder, or the lake bucket. */
export function openStore(config: Config): ObjectStore {
  if (config.store.kind === 'fs') return new FsStore(config.workspace);
  const client = new S3Client({
    region: config.store.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(config.store.endpoint ? { endpoint: config.store.endpoint, forcePathStyle: true } : {}),
  });
  return new S3Store(client, config.store.bucket ?? '');
}
