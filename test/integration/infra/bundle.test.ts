import { execFile } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, readFileSync, readSync, closeSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { App, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_ENV } from '../../../functions/aws/env.ts';
import { resolveConfig } from '../../../functions/config.ts';
import { OUTPUT_TABLES } from '../../../functions/lake/output-tables.ts';
import { bindingPackage } from '../../../infra/bundling/add-duckdb.ts';
import { DuckDbFunction } from '../../../infra/constructs/duckdb-function.ts';
import { REPO_ROOT } from '../../../infra/scorecard.ts';
import { HANDLERS } from '../../../infra/stacks/pipeline.ts';
import { startLocalS3, type LocalS3 } from '../../helpers/s3rver.ts';

/** ELF `e_machine` of each Lambda CPU. */
const ELF_MACHINE = { x86_64: 0x3e, arm64: 0xb7 } as const;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function elfMachine(file: string): number {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(20);
    readSync(fd, header, 0, 20, 0);
    expect(header.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    return header.readUInt16LE(18);
  } finally {
    closeSync(fd);
  }
}

describe('the packaged compute function', () => {
  // the architecture a default deployment uses
  const arch = resolveConfig({}).aws.lambdaArchitecture;
  let asset: string;
  let s3: LocalS3;

  beforeAll(() => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-bundle-')) });
    const stack = new Stack(app, 'Bundle', { env: { region: 'us-east-1' } });
    new DuckDbFunction(stack, 'Compute', {
      projectRoot: REPO_ROOT,
      entry: HANDLERS.compute,
      description: 'bundling test',
      architecture: arch,
      memoryMb: 1024,
      tmpMb: 1024,
      logRetention: RetentionDays.ONE_WEEK,
      environment: {},
    });
    const assembly = app.synth();
    const manifest = JSON.parse(readFileSync(join(assembly.directory, 'Bundle.assets.json'), 'utf8')) as {
      files: Record<string, { source: { path: string; packaging?: string } }>;
    };
    const code = Object.values(manifest.files).find((f) => f.source.packaging === 'zip');
    asset = join(assembly.directory, code?.source.path ?? 'missing');
  });

  afterAll(async () => {
    await s3?.stop();
  });

  it(`holds the bundle, sql/ and DuckDB with its native binding for ${arch}, and nothing for other CPUs`, () => {
    const all = files(asset).map((f) => relative(asset, f));
    const binding = `node_modules/${bindingPackage(arch)}`;
    expect(all).toEqual(
      expect.arrayContaining([
        'index.mjs',
        'node_modules/@duckdb/node-api/package.json',
        'node_modules/@duckdb/node-bindings/duckdb.js',
        'node_modules/detect-libc/package.json',
        `${binding}/duckdb.node`,
        `${binding}/libduckdb.so`,
      ]),
    );
    expect(elfMachine(join(asset, binding, 'duckdb.node'))).toBe(ELF_MACHINE[arch]);
    expect(elfMachine(join(asset, binding, 'libduckdb.so'))).toBe(ELF_MACHINE[arch]);
    expect(all.filter((f) => /node-bindings-(?!linux-(x64|arm64)\/)/.test(f) || (f.includes('node-bindings-linux') && !f.startsWith(binding)))).toEqual([]);
    const sql = (dir: string) => files(dir).map((f) => relative(dir, f)).sort();
    expect(sql(join(asset, 'sql'))).toEqual(sql(join(REPO_ROOT, 'sql')));

    const bytes = files(asset).reduce((sum, f) => sum + statSync(f).size, 0);
    const zipped = files(asset).reduce((sum, f) => sum + deflateRawSync(readFileSync(f)).length, 0);
    process.stdout.write(
      `compute asset (${arch}): ${(bytes / 2 ** 20).toFixed(1)} MiB unpacked (Lambda limit 250 MiB), ` +
        `~${(zipped / 2 ** 20).toFixed(1)} MiB zipped; binding ${(statSync(join(asset, binding, 'libduckdb.so')).size / 2 ** 20).toFixed(1)} MiB\n`,
    );
    expect(bytes).toBeLessThan(250 * 2 ** 20);
  });

  it('runs the Step Functions input against an S3 lake and leaves /tmp empty', async () => {
    const hostArch = process.arch === 'arm64' ? 'arm64' : 'x86_64';
    // the default architecture is chosen to be this machine's, so the bundle can run here
    expect(hostArch).toBe(arch);
    s3 = await startLocalS3(['lake', 'landing']);
    const tmp = mkdtempSync(join(tmpdir(), 'lambda-tmp-'));
    const env = {
      PATH: process.env.PATH,
      TZ: 'UTC',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
      // what the stack sets, with /tmp and /var/task moved to this machine
      [AWS_ENV.config]: '{}',
      [AWS_ENV.lakeBucket]: 'lake',
      [AWS_ENV.landingBucket]: 'landing',
      [AWS_ENV.s3Endpoint]: s3.endpoint,
      [AWS_ENV.sqlDir]: join(asset, 'sql'),
      [AWS_ENV.tmpDir]: tmp,
      [AWS_ENV.duckDbTempDirectory]: join(tmp, 'duckdb-spill'),
      HOME: tmp,
    };
    const script = `const { handler } = await import('./index.mjs');
      process.stdout.write('\\nRESULT ' + JSON.stringify(await handler({ asOf: '2026-11-26' })));`;

    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: asset,
      env,
      encoding: 'utf8',
    });

    // Powertools logs JSON lines to stdout too
    const result = JSON.parse(stdout.slice(stdout.lastIndexOf('\nRESULT ') + 8)) as { asOf: string; rows: Record<string, number> };
    expect(result.asOf).toBe('2026-11-26');
    expect(Object.keys(result.rows).sort()).toEqual([...OUTPUT_TABLES].sort());
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: 'lake', Prefix: 'kpi/' }));
    expect((listed.Contents ?? []).map((o) => o.Key)).toEqual(
      expect.arrayContaining(['kpi/_live/as_of=2026-11-26.json', expect.stringMatching(/^kpi\/kpi_values\/as_of=2026-11-26\/part-[0-9a-f]+\.parquet$/)]),
    );
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
  });
});
