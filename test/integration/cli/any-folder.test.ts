import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = resolve('bin/scorecard.js');

let folder: string;
let result: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  // a user's own folder: outside the repository, with its own config and workspace
  folder = await mkdtemp(join(tmpdir(), 'scorecard-user-'));
  await writeFile(join(folder, 'scorecard.config.json'), JSON.stringify({ workspace: 'reports' }));
  try {
    const { stdout, stderr } = await run('node', [BIN, 'nightly', '--as-of', '2026-11-26'], {
      cwd: folder,
      env: { ...process.env, NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    result = { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    result = { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}, 600_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('scorecard nightly from a folder outside the repository', () => {
  it('runs the whole night', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('puts the site and the e-mails in the workspace its config names', async () => {
    expect(existsSync(join(folder, 'reports', 'site', 'v', '2026-11-26', 'index.html'))).toBe(true);
    expect((await readdir(join(folder, 'reports', 'outbox', '2026-11-26'))).length).toBeGreaterThan(0);
  });

  it('leaves nothing else in the folder (no .astro/, no spill files)', async () => {
    expect((await readdir(folder)).sort()).toEqual(['reports', 'scorecard.config.json']);
  });
});
