import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/**
 * s3rver 3.7 ignores `If-None-Match: *` on PUT (it only honours it on GET),
 * while S3 refuses such a PUT with 412 when the key exists: the conditional
 * write the leases stand on. This shim, first in s3rver's Koa chain, gives
 * it S3's behaviour: one conditional PUT per key at a time, 412 if the key
 * exists. Only requests that carry the header are touched.
 */
function enforceIfNoneMatch(server: S3rver): void {
  const locks = new Map<string, Promise<void>>();
  let self: S3Client | undefined;
  const middleware = (server as unknown as { middleware: unknown[] }).middleware;
  middleware.unshift(async (ctx: { method: string; path: string; headers: Record<string, string | undefined>; status: number; body: unknown; app: unknown }, next: () => Promise<void>) => {
    if (ctx.method !== 'PUT' || ctx.headers['if-none-match'] !== '*') return next();
    const [, bucket = '', ...rest] = ctx.path.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const before = locks.get(`${bucket}/${key}`) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    locks.set(`${bucket}/${key}`, before.then(() => mine));
    await before;
    try {
      self ??= new S3Client({
        endpoint: `http://127.0.0.1:${(server as unknown as { httpServer: { address(): { port: number } } }).httpServer.address().port}`,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      const exists = await self.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
        () => true,
        () => false,
      );
      if (exists) {
        ctx.status = 412;
        ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>';
        return;
      }
      await next();
    } finally {
      done();
    }
  });
}

export interface LocalS3 {
  client: S3Client;
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver) on loopback, on a free port, with the
 * given buckets. Credentials are s3rver's fixed local ones, not AWS's.
 */
export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 's3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  enforceIfNoneMatch(server);
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return {
    client,
    endpoint,
    async stop() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
