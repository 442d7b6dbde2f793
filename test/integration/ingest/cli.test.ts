import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const GOLDEN = join(import.meta.dirname, '..', '..', 'golden');

let root: string;
let config: string;

/** Runs the real `scorecard` bin on a workspace of its own. */
async function scorecard(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/scorecard.js', ...args, '--config', config]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ingest-cli-'));
  config = join(root, 'scorecard.config.json');
  await writeFile(config, JSON.stringify({ workspace: join(root, 'lake') }));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('scorecard ingest', () => {
  it('exits 0 and prints the report table when every file loads', async () => {
    const { code, stdout } = await scorecard('ingest', join(GOLDEN, 'basic', 'drop'), '--drop', '2026-11-25');

    expect(code).toBe(0);
    expect(stdout).toMatch(/^file +table +read +loaded +quarantined +status$/m);
    expect(stdout).toMatch(/^crm\/Opportunity\.csv +opportunities +404 +404 +0 +loaded$/m);
    expect(stdout).not.toMatch(/Problems:/);
  });

  it('exits 1 and names file, line, column and the fix when rows are quarantined', async () => {
    const { code, stdout, stderr } = await scorecard('ingest', join(GOLDEN, 'probes', 'drop'), '--drop', '2026-11-26');

    expect(code).toBe(1);
    expect(stdout).toMatch(/crm\/Task\.csv line 778, column ActivityDate: not a date/);
    expect(stdout).toMatch(/surveys\/csat\.csv line 540, column Score: .*7/);
    expect(stdout).toMatch(/quarantine\/2026-11-26\/crm\/Task\.csv\.jsonl/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 for a rejected file, with the reason and what to do', async () => {
    const dir = join(root, 'bad-drop');
    await mkdir(join(dir, 'crm'), { recursive: true });
    await writeFile(join(dir, 'crm', 'User.csv'), 'Id,Name,IsActive\nU1,Ann,true\n');

    const { code, stdout } = await scorecard('ingest', dir, '--drop', '2026-11-27');

    expect(code).toBe(1);
    expect(stdout).toMatch(/crm\/User\.csv \(line 1\): rejected: the header lacks the required column Email/);
    expect(stdout).toMatch(/what to do: export the file with this field/);
  });

  it.each([
    [[], /give exactly one folder/],
    [['/no/such/folder'], /is not a folder/],
    [[GOLDEN, '--drop', '../escape'], /--drop: "\.\.\/escape" is not a valid drop id/],
    [[GOLDEN, '--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 for a usage error, without a stack trace: %j', async (args, message) => {
    const { code, stderr } = await scorecard('ingest', ...args);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses other files under a drop id already used (exit 1, no stack trace)', async () => {
    const { code, stderr } = await scorecard('ingest', join(GOLDEN, 'probes', 'drop'), '--drop', '2026-11-25');

    expect(code).toBe(1);
    expect(stderr).toMatch(/drop 2026-11-25 has already landed with other files/);
    expect(stderr).toMatch(/--drop/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
