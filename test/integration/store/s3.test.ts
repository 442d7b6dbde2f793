import { afterAll, beforeAll } from 'vitest';
import { S3Store } from '../../../functions/store/s3.ts';
import { startLocalS3, type LocalS3 } from '../../helpers/s3rver.ts';
import { storeContract } from '../../helpers/store-contract.ts';

let s3: LocalS3;
let bucket = 0;
beforeAll(async () => {
  s3 = await startLocalS3(Array.from({ length: 10 }, (_, i) => `lake-${i}`));
});
afterAll(() => s3.stop());

// a fresh bucket per test, so the tests cannot see each other's keys
storeContract('S3 (s3rver)', () => new S3Store(s3.client, `lake-${bucket++}`));
