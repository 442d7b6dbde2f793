import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_ENV } from '../../../functions/aws/env.ts';
import { resolveConfig } from '../../../functions/config.ts';
import { openLake } from '../../../functions/lake/open.ts';
import { handleIngestEvent } from '../../../functions/ingest/handler.ts';
import type { IngestReport } from '../../../functions/lake/ingest-report.ts';
import { memoryLog } from '../../../functions/log.ts';
import { S3Store } from '../../../functions/store/s3.ts';
import { getJson } from '../../../functions/store/store.ts';
import { startLocalS3, type LocalS3 } from '../../helpers/s3rver.ts';

const GOLDEN_DROP = join(import.meta.dirname, '..', '..', 'golden', 'probes', 'drop');
const DROP = '2026-11-26T0200Z';

/** An S3 notification as S3 sends it: keys URL-encoded. */
function s3Event(bucket: string, key: string, eventName = 'ObjectCreated:Put') {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventName,
        s3: { bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object: { key: encodeURIComponent(key), size: 0 } },
      },
    ],
  };
}

let s3: LocalS3;
let tmp: string;
let env: Record<string, string>;
let landing: S3Store;
let lake: S3Store;
const saved = { ...process.env };

beforeAll(async () => {
  s3 = await startLocalS3(['scorecard-landing', 'scorecard-lake']);
  tmp = await mkdtemp(join(tmpdir(), 'ingest-handler-'));
  // the SDK's default credential chain reads these; s3rver accepts its fixed local keys
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  env = {
    [AWS_ENV.config]: '{}',
    [AWS_ENV.lakeBucket]: 'scorecard-lake',
    [AWS_ENV.s3Endpoint]: s3.endpoint,
    [AWS_ENV.tmpDir]: tmp,
    AWS_REGION: 'us-east-1',
  };
  landing = new S3Store(s3.client, 'scorecard-landing');
  lake = new S3Store(s3.client, 'scorecard-lake');
  const entries = await readdir(GOLDEN_DROP, { withFileTypes: true, recursive: true });
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    await landing.put(`landing/${DROP}/${relative(GOLDEN_DROP, path)}`, await readFile(path));
  }
  await landing.put(`landing/${DROP}/_SUCCESS`, '');
});

afterAll(async () => {
  process.env = saved;
  await s3?.stop();
  await rm(tmp, { recursive: true, force: true });
});

describe('ingest Lambda handler on a real S3-compatible server', () => {
  it('ingests the drop a _SUCCESS event announces into the lake bucket', async () => {
    const results = await handleIngestEvent(s3Event('scorecard-landing', `landing/${DROP}/_SUCCESS`), env, memoryLog());

    expect(results).toEqual([{ dropId: DROP, outcome: 'ingested', totals: expect.objectContaining({ quarantined: 2 }) }]);
    const keys = await lake.list('');
    expect(keys).toContain(`raw/opportunities/drop=${DROP}/part-0.parquet`);
    expect(keys).toContain(`raw/cases/drop=${DROP}/part-0.parquet`);
    expect(keys).toContain(`quarantine/${DROP}/crm/Task.csv.jsonl`);
    expect(keys).toContain(`reports/ingest/${DROP}.json`);
    expect(keys.filter((k) => k.startsWith('landing/'))).toEqual([]);
    const report = await getJson<IngestReport>(lake, `reports/ingest/${DROP}.json`);
    expect(report?.files.find((f) => f.file === 'crm/Case.csv.gz')).toMatchObject({ status: 'loaded', loaded: 165 });
  });

  it('serves the canonical views from the bucket', async () => {
    const scratch = await mkdtemp(join(tmp, 'lake-'));
    const engine = await openLake({
      config: resolveConfig({}),
      store: lake,
      log: memoryLog(),
      scratch,
    });
    try {
      const [row] = await engine.query<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM tasks');
      expect(row?.n).toBe(775);
    } finally {
      await engine.close();
    }
  });

  it('does nothing on a duplicate delivery of the same event', async () => {
    const before = await lake.list('');
    const report = await lake.get(`reports/ingest/${DROP}.json`);

    const results = await handleIngestEvent(s3Event('scorecard-landing', `landing/${DROP}/_SUCCESS`), env, memoryLog());

    expect(results.map((r) => r.outcome)).toEqual(['already-ingested']);
    expect(await lake.list('')).toEqual(before);
    expect(await lake.get(`reports/ingest/${DROP}.json`)).toEqual(report);
  });

  it('ignores other keys and refuses a marker key that climbs out of landing/', async () => {
    const log = memoryLog();

    const other = await handleIngestEvent(s3Event('scorecard-landing', `landing/${DROP}/crm/User.csv`), env, log);
    const climbing = await handleIngestEvent(s3Event('scorecard-landing', 'landing/../_SUCCESS'), env, log);
    const removed = await handleIngestEvent(s3Event('scorecard-landing', `landing/${DROP}/_SUCCESS`, 'ObjectRemoved:Delete'), env, log);

    expect([other, climbing, removed]).toEqual([[], [], []]);
    expect(log.lines.join('\n')).toMatch(/ignoring landing\/\.\.\/_SUCCESS: "\.\." is not a valid drop id/);
  });

  it('leaves no personal data in the Lambda temp folder', async () => {
    expect(await readdir(tmp).then((names) => names.filter((n) => !n.startsWith('lake-')))).toEqual([]);
  });
});
