import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFile, sameAsFile, uploadFile } from '../../../functions/store/files.ts';
import { FsStore } from '../../../functions/store/fs.ts';
import { PrefixRoutedStore } from '../../../functions/store/routed.ts';
import { S3Store } from '../../../functions/store/s3.ts';
import type { ObjectStore } from '../../../functions/store/store.ts';
import { startLocalS3, type LocalS3 } from '../../helpers/s3rver.ts';

let s3: LocalS3;
let dir: string;
beforeAll(async () => {
  s3 = await startLocalS3(['lake', 'landing']);
  dir = await mkdtemp(join(tmpdir(), 'store-files-'));
});
afterAll(async () => {
  await s3.stop();
  await rm(dir, { recursive: true, force: true });
});

const stores: [string, () => ObjectStore][] = [
  ['a folder', () => new FsStore(join(dir, 'lake'))],
  ['S3 (s3rver)', () => new S3Store(s3.client, 'lake')],
  [
    'S3 routed by prefix',
    () => new PrefixRoutedStore(new S3Store(s3.client, 'lake'), [{ prefix: 'landing/', store: new S3Store(s3.client, 'landing') }]),
  ],
];

describe.each(stores)('files streamed to and from %s', (_name, make) => {
  it('uploads a file in parts and downloads the same bytes', async () => {
    // Prepare: 11 MiB, so that 5 MiB parts make three (S3's smallest part is 5 MiB)
    const store = make();
    const bytes = randomBytes(11 * 1024 * 1024);
    const file = join(dir, `up-${Math.random()}`);
    await writeFile(file, bytes);
    const key = `landing/d1/crm/Task-${Math.random()}.csv`;

    // Act
    await uploadFile(store, key, file, 'text/csv', 5 * 1024 * 1024);
    const back = join(dir, `down-${Math.random()}`);
    const found = await downloadFile(store, key, back);

    // Assess
    expect(found).toBe(true);
    expect((await readFile(back)).equals(bytes)).toBe(true);
    expect(await sameAsFile(store, key, file)).toBe(true);
    await writeFile(file, Buffer.concat([bytes.subarray(1), Buffer.from('x')]));
    expect(await sameAsFile(store, key, file)).toBe(false);
  });

  it('says when there is no such object', async () => {
    const store = make();

    expect(await downloadFile(store, 'landing/none/x.csv', join(dir, 'none'))).toBe(false);
    expect(await sameAsFile(store, 'landing/none/x.csv', join(dir, 'none'))).toBe(false);
  });
});
