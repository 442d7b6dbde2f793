import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs the real `scorecard` bin and returns its exit code and output. */
async function scorecard(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/scorecard.js', ...args], { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('scorecard CLI', () => {
  it('lists every command', async () => {
    const { code, stdout } = await scorecard('--help');

    expect(code).toBe(0);
    for (const name of ['nightly', 'demo', 'ingest', 'compute', 'publish', 'notify', 'sql']) {
      expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it.each(['nightly', 'demo', 'ingest', 'compute', 'publish', 'notify', 'sql'])(
    '%s --help explains the command with an example',
    async (name) => {
      const { code, stdout } = await scorecard(name, '--help');

      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: scorecard ${name}`));
      expect(stdout).toMatch(/Examples?:\n\s+scorecard /);
    },
  );

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['demo'], /--out DIR is required/],
    [['nightly', '--as-of', '2026-02-30'], /--as-of must be a date written YYYY-MM-DD/],
    [['demo', '--out', 'x', '--scale', 'zero'], /--scale must be a whole number/],
    [['nightly', '--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 with a message, not a stack trace, for %j', async (args, message) => {
    const { code, stderr } = await scorecard(...args);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
